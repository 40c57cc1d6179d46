//! Direct mode (Nengo's `nengo.Direct()`): an ensemble that computes
//! exactly, with no neurons.

use rand::RngCore;
use snn_core::neurons::{NeuronState, NeuronType};
use snn_core::NeuronError;

/// The neuron type of an ensemble in direct mode:
/// `Ensemble::new(n, d).neuron_type(Direct)` represents its `d`-dimensional
/// value `x` exactly instead of through `n` neurons (`n` is ignored).
///
/// The build makes such an ensemble a passthrough of its summed, filtered
/// inputs: its decoded value is `x = sum_c synapse_c * (T_c f_c(pre_c))`
/// over the connections `c` into it; a connection out of it applies its
/// function to `x` exactly at every step (`f(x)`, no decoders, so its
/// solver and evaluation points are unused, as in Nengo); a probe of it
/// records `x`. It has no neurons, so connecting to or from `.neurons`,
/// probing spikes, voltages or currents, or giving an initial state is a
/// typed error. Use it to prototype a model and as the ideal against which
/// the spiking one is measured.
///
/// The build recognizes direct mode by the neuron type's
/// [`name`](NeuronType::name), `"Direct"`; `rates` is the identity (Nengo's)
/// and [`step`](NeuronType::step) is never called by a build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Direct;

/// The name by which the build knows direct mode.
pub(crate) const DIRECT_NAME: &str = "Direct";

/// True for an ensemble in direct mode.
pub(crate) fn is_direct(neuron_type: &dyn NeuronType) -> bool {
    neuron_type.name() == DIRECT_NAME
}

/// The error for using the neurons of a direct-mode ensemble.
pub(crate) fn no_neurons(name: &str) -> crate::error::BuildError {
    crate::error::BuildError::NoNeurons {
        ensemble: name.to_string(),
    }
}

impl NeuronType for Direct {
    fn name(&self) -> &'static str {
        DIRECT_NAME
    }

    fn spiking(&self) -> bool {
        false
    }

    fn state_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        Ok(())
    }

    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 0)
    }

    /// `r(x) = x`: the value itself, as Nengo's `Direct.rates`.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &x) in out.iter_mut().zip(j) {
            *o = x;
        }
    }

    /// The identity, for completeness: the build never makes a population
    /// of direct-mode neurons, so the simulator never steps one.
    fn step(&self, _dt: f32, j: &[f32], _state: &mut NeuronState, output: &mut [f32]) {
        for (o, &x) in output.iter_mut().zip(j) {
            *o = x;
        }
    }

    /// No neurons, so no gains or biases: empty.
    fn gain_bias(
        &self,
        _max_rates: &[f64],
        _intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        Ok((Vec::new(), Vec::new()))
    }

    /// No neurons, so no max rates or intercepts: empty.
    fn max_rates_intercepts(&self, _gain: &[f64], _bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        (Vec::new(), Vec::new())
    }
}
