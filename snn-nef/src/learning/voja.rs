//! Nengo's `Voja` encoder learning rule, as a model declares it.

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{LearningRule, VojaStep};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// Vector Oja (Voelker 2015): the post ensemble's encoders move towards its
/// input `x`, in the neurons that respond to it,
/// `ΔE_i = learning_rate dt L a_i (s_i x - E_i)` with `x` the sum of every
/// connection into the ensemble (Nengo's Voja reads the ensemble's input
/// signal, not the learning connection's alone), `E_i` the scaled encoder, `s_i = gain_i / radius` and `a_i` the post neurons' outputs
/// through `post_synapse`. The learning signal `L` is 1 plus whatever
/// reaches `conn.learning_rule()` (size 1): 0 learns, -1 stops. Learned
/// encoders change every connection into the ensemble, as in Nengo, which
/// is how an associative memory learns its keys. Nengo's defaults:
/// `learning_rate = 1e-2`, `post_synapse = Lowpass(0.005)`.
#[derive(Debug, Clone)]
pub struct Voja {
    pub(crate) learning_rate: f64,
    pub(crate) post_synapse: Option<Arc<dyn Synapse>>,
}

impl Default for Voja {
    fn default() -> Self {
        Self::new(1e-2)
    }
}

impl Voja {
    /// Voja at this learning rate, post synapse `Lowpass(0.005)`.
    pub fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            post_synapse: Some(Arc::new(Lowpass(0.005))),
        }
    }

    /// The filter on the post activities (`None`: unfiltered spikes).
    pub fn post_synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.post_synapse = synapse.into_synapse();
        self
    }
}

impl LearningRuleType for Voja {
    fn name(&self) -> &'static str {
        "Voja"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Encoders
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("Voja", connection, self.learning_rate)
    }

    fn input_dims(&self, _out: usize, _neurons_post_dims: Option<usize>) -> usize {
        1
    }

    fn post_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        self.post_synapse.as_ref()
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["post_filtered", "scaled_encoders", "delta"]
    }

    fn make(&self, ctx: &RuleContext) -> Result<Arc<dyn LearningRule>, BuildError> {
        Ok(Arc::new(VojaStep {
            alpha: self.learning_rate * ctx.dt,
            scale: ctx.encoder_scale.clone(),
        }))
    }
}
