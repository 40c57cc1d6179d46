//! Nengo's `Integrator`: an ensemble that holds the running integral of
//! its input.

use super::{at_least_one, invalid};
use crate::connection::Connection;
use crate::dynamics::LinearSystem;
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::ids::{EnsembleId, NodeId};
use crate::network::{Network, Subnet};
use crate::node::Node;
use nalgebra::DMatrix;

/// `dx/dt = u` in one ensemble of `n_neurons` neurons and `dimensions`
/// dimensions: the system `A = 0, B = I` mapped onto `Lowpass(τ)` (the
/// recurrent connection keeps `x`, transform `τ A + I = I`; the input
/// enters with `τ B = τ`), both through `Lowpass(recurrent_tau)`.
#[derive(Debug, Clone)]
pub struct Integrator {
    recurrent_tau: f64,
    n_neurons: usize,
    dimensions: usize,
}

/// What an [`Integrator`] adds.
#[derive(Debug, Clone, Copy)]
pub struct IntegratorParts {
    /// The input `u`.
    pub input: NodeId,
    /// The ensemble holding `x`.
    pub ensemble: EnsembleId,
}

impl Integrator {
    /// An integrator of `dimensions` values in `n_neurons` neurons whose
    /// recurrent synapse is `Lowpass(recurrent_tau)`.
    pub fn new(recurrent_tau: f64, n_neurons: usize, dimensions: usize) -> Self {
        Self {
            recurrent_tau,
            n_neurons,
            dimensions,
        }
    }
}

impl Subnet for Integrator {
    type Parts = IntegratorParts;

    fn build(self, net: &mut Network) -> Result<IntegratorParts, BuildError> {
        let d = self.dimensions;
        let system = LinearSystem {
            a: DMatrix::zeros(d, d),
            b: DMatrix::identity(d, d),
        };
        let (input, ensemble) = recurrent(net, self.recurrent_tau, self.n_neurons, &system)?;
        Ok(IntegratorParts { input, ensemble })
    }
}

/// An input node and an ensemble following `system` through
/// `Lowpass(tau)`: the helper of [`Integrator`] and
/// [`Oscillator`](super::Oscillator).
pub(crate) fn recurrent(
    net: &mut Network,
    tau: f64,
    n_neurons: usize,
    system: &LinearSystem,
) -> Result<(NodeId, EnsembleId), BuildError> {
    let object = net.scope_name(net.current_scope()).to_string();
    at_least_one(&object, "n_neurons", n_neurons)?;
    at_least_one(&object, "dimensions", system.a.nrows())?;
    if !(tau.is_finite() && tau > 0.0) {
        return Err(invalid(
            &object,
            "recurrent_tau",
            tau,
            "must be finite and positive",
        ));
    }
    let mapping = system.map_lowpass(tau)?;
    let (d, m) = (system.a.nrows(), system.b.ncols());
    let input = net.node("input", Node::passthrough(m))?;
    let ensemble = net.ensemble("ensemble", Ensemble::new(n_neurons, d))?;
    net.connect(
        Connection::new(input, ensemble)
            .transform(mapping.input_transform)
            .synapse(tau),
    )?;
    net.connect(
        Connection::new(ensemble, ensemble)
            .transform(mapping.recurrent_transform)
            .synapse(tau),
    )?;
    Ok((input, ensemble))
}
