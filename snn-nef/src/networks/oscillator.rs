//! Nengo's `Oscillator`: a two-dimensional ensemble that rotates.

use super::integrator::recurrent;
use crate::dynamics::LinearSystem;
use crate::error::BuildError;
use crate::ids::{EnsembleId, NodeId};
use crate::network::{Network, Subnet};
use nalgebra::DMatrix;

/// `dx/dt = [[0, -ω], [ω, 0]] x + u` in a 2-D ensemble of `n_neurons`
/// neurons, mapped onto `Lowpass(τ)`: recurrent transform
/// `[[1, -ωτ], [ωτ, 1]]`, input transform `τ`. `frequency` is `ω` in
/// radians per second, as in Nengo.
#[derive(Debug, Clone)]
pub struct Oscillator {
    recurrent_tau: f64,
    frequency: f64,
    n_neurons: usize,
}

/// What an [`Oscillator`] adds.
#[derive(Debug, Clone, Copy)]
pub struct OscillatorParts {
    /// The 2-D input `u` (a kick starts the oscillation).
    pub input: NodeId,
    /// The 2-D ensemble.
    pub ensemble: EnsembleId,
}

impl Oscillator {
    /// An oscillator at `frequency` rad/s in `n_neurons` neurons whose
    /// recurrent synapse is `Lowpass(recurrent_tau)`.
    pub fn new(recurrent_tau: f64, frequency: f64, n_neurons: usize) -> Self {
        Self {
            recurrent_tau,
            frequency,
            n_neurons,
        }
    }
}

impl Subnet for Oscillator {
    type Parts = OscillatorParts;

    fn build(self, net: &mut Network) -> Result<OscillatorParts, BuildError> {
        let w = self.frequency;
        let system = LinearSystem::new(
            DMatrix::from_row_slice(2, 2, &[0.0, -w, w, 0.0]),
            DMatrix::identity(2, 2),
        )?;
        let (input, ensemble) = recurrent(net, self.recurrent_tau, self.n_neurons, &system)?;
        Ok(OscillatorParts { input, ensemble })
    }
}
