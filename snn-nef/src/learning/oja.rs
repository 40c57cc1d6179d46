//! Nengo's `Oja` learning rule, as a model declares it.

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{LearningRule, OjaStep};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// Oja's rule: `ΔW = α (a_post ⊗ a_pre - β a_post² W)`,
/// `α = learning_rate dt`. On neuron-to-neuron weights. Nengo's defaults:
/// `learning_rate = 1e-6`, `beta = 1.0`, `pre_synapse = Lowpass(0.005)`,
/// `post_synapse` = the pre synapse.
#[derive(Debug, Clone)]
pub struct Oja {
    pub(crate) learning_rate: f64,
    pub(crate) beta: f64,
    pub(crate) pre_synapse: Option<Arc<dyn Synapse>>,
    pub(crate) post_synapse: Option<Arc<dyn Synapse>>,
}

impl Default for Oja {
    fn default() -> Self {
        Self::new(1e-6)
    }
}

impl Oja {
    /// Oja at this learning rate, `beta = 1`, Nengo's synapses.
    pub fn new(learning_rate: f64) -> Self {
        let pre: Arc<dyn Synapse> = Arc::new(Lowpass(0.005));
        Self {
            learning_rate,
            beta: 1.0,
            pre_synapse: Some(pre.clone()),
            post_synapse: Some(pre),
        }
    }

    /// The weight of the forgetting term.
    pub fn beta(mut self, beta: f64) -> Self {
        self.beta = beta;
        self
    }

    /// The filter on the pre activities.
    pub fn pre_synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.pre_synapse = synapse.into_synapse();
        self
    }

    /// The filter on the post activities.
    pub fn post_synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.post_synapse = synapse.into_synapse();
        self
    }
}

impl LearningRuleType for Oja {
    fn name(&self) -> &'static str {
        "Oja"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Weights
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["pre_filtered", "post_filtered", "delta"]
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("Oja", connection, self.learning_rate)?;
        if !(self.beta.is_finite() && self.beta >= 0.0) {
            return Err(BuildError::InvalidParameter {
                object: format!("connection `{connection}` (Oja)"),
                param: "beta",
                value: self.beta.to_string(),
                reason: "must be finite and not negative".into(),
            });
        }
        Ok(())
    }

    fn input_dims(&self, _out: usize, _neurons_post_dims: Option<usize>) -> usize {
        0
    }

    fn pre_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        self.pre_synapse.as_ref()
    }

    fn post_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        self.post_synapse.as_ref()
    }

    fn make(&self, ctx: &RuleContext) -> Result<Arc<dyn LearningRule>, BuildError> {
        Ok(Arc::new(OjaStep {
            alpha: self.learning_rate * ctx.dt,
            beta: self.beta,
        }))
    }
}
