//! Nengo's `PES` learning rule, as a model declares it.

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{LearningRule, PesStep};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// Prescribed error sensitivity: the connection's decoders move against
/// the error `e = actual - target` that reaches `conn.learning_rule()`,
/// `ΔD = -(learning_rate dt / n_pre) e ⊗ a_pre` with `a_pre` the pre
/// neurons' outputs through `pre_synapse`. On a connection into neurons
/// (or built as weights) the error is first mapped through the post's
/// scaled encoders. Nengo's defaults: `learning_rate = 1e-4`,
/// `pre_synapse = Lowpass(0.005)`.
#[derive(Debug, Clone)]
pub struct PES {
    pub(crate) learning_rate: f64,
    pub(crate) pre_synapse: Option<Arc<dyn Synapse>>,
}

impl Default for PES {
    fn default() -> Self {
        Self::new(1e-4)
    }
}

impl PES {
    /// PES at this learning rate, pre synapse `Lowpass(0.005)`.
    pub fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            pre_synapse: Some(Arc::new(Lowpass(0.005))),
        }
    }

    /// The filter on the pre activities (`None`: unfiltered spikes).
    pub fn pre_synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.pre_synapse = synapse.into_synapse();
        self
    }
}

impl LearningRuleType for PES {
    fn name(&self) -> &'static str {
        "PES"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Decoders
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["error", "activities", "delta"]
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("PES", connection, self.learning_rate)
    }

    fn input_dims(&self, out: usize, neurons_post_dims: Option<usize>) -> usize {
        neurons_post_dims.unwrap_or(out)
    }

    fn pre_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        self.pre_synapse.as_ref()
    }

    fn make(&self, ctx: &RuleContext) -> Result<Arc<dyn LearningRule>, BuildError> {
        Ok(Arc::new(PesStep {
            k: self.learning_rate * ctx.dt / ctx.n_pre as f64,
            error_dims: ctx.input_dims,
            error_map: ctx.error_map.clone(),
        }))
    }
}
