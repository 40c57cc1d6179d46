//! A population of neurons of one type, with its encoding projection.

use crate::error::SimError;
use crate::neurons::{NeuronState, NeuronType};
use crate::processes::ProcessStep;
use std::sync::Arc;

/// `n` neurons of one type driven by a `dims`-dimensional input vector `x`
/// and direct currents `I`: `J_i = bias_i + sum_d encoders[i, d] x_d + I_i`.
///
/// `encoders` is neuron-major (`n × dims`, row `i` contiguous) and already
/// scaled by each neuron's gain over the radius, so encoding is one pass.
#[derive(Debug, Clone)]
pub struct Population {
    /// Name for errors and reports.
    pub label: String,
    /// The neuron model.
    pub neuron_type: Arc<dyn NeuronType>,
    /// Number of neurons.
    pub n: usize,
    /// Size of the input vector (0 for a population driven only by currents).
    pub dims: usize,
    /// Scaled encoders, `n × dims`, neuron-major.
    pub encoders: Vec<f32>,
    /// Bias currents, one per neuron.
    pub bias: Vec<f32>,
    /// State at time 0 (reset returns here).
    pub initial_state: NeuronState,
    /// A process whose output (one value per neuron and step) is added to
    /// the input currents `J` as they are, not scaled by any gain (Nengo's
    /// `Ensemble.noise`).
    pub noise: Option<Arc<dyn ProcessStep>>,
}

impl Population {
    pub(crate) fn validate(&self, dt: f64) -> Result<(), SimError> {
        let bad = |what: String| {
            Err(SimError::InvalidNetwork(format!(
                "population `{}`: {what}",
                self.label
            )))
        };
        self.neuron_type.validate()?;
        self.neuron_type.check_dt(dt)?;
        if self.n.checked_mul(self.dims) != Some(self.encoders.len()) {
            return bad(format!(
                "{} encoder values for {} neurons × {} dims",
                self.encoders.len(),
                self.n,
                self.dims
            ));
        }
        if self.bias.len() != self.n {
            return bad(format!("{} biases for {} neurons", self.bias.len(), self.n));
        }
        if self.initial_state.len() != self.n
            || self.initial_state.n_vars() != self.neuron_type.state_names().len()
        {
            return bad("initial state does not match the neuron type".into());
        }
        if let Some(noise) = self.noise.as_ref().and_then(|n| n.neuron_noise()) {
            // Drawn in f32 and added to the biases: it must stay finite there.
            let bound = noise.bound();
            if bound.is_nan() || bound >= f64::from(f32::MAX) / 2.0 {
                return bad(format!(
                    "noise `{}` reaches {bound:e}, beyond the range of f32 input currents",
                    self.noise.as_ref().map_or("", |n| n.name())
                ));
            }
        }
        Ok(())
    }
}
