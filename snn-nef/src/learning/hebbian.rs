//! The plain Hebbian rule with optional weight bounds (not in Nengo).

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{HebbianStep, LearningRule};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// `ΔW = learning_rate dt a_post ⊗ a_pre`, each weight then clipped to
/// `[w_min, w_max]` when `.bounds(w_min, w_max)` is given. On
/// neuron-to-neuron weights; pre and post synapses `Lowpass(0.005)` by
/// default, as Nengo's weight rules.
#[derive(Debug, Clone)]
pub struct Hebbian {
    pub(crate) learning_rate: f64,
    pub(crate) bounds: Option<(f64, f64)>,
    pub(crate) pre_synapse: Option<Arc<dyn Synapse>>,
    pub(crate) post_synapse: Option<Arc<dyn Synapse>>,
}

impl Hebbian {
    /// Hebbian learning at this rate, unbounded.
    pub fn new(learning_rate: f64) -> Self {
        let pre: Arc<dyn Synapse> = Arc::new(Lowpass(0.005));
        Self {
            learning_rate,
            bounds: None,
            pre_synapse: Some(pre.clone()),
            post_synapse: Some(pre),
        }
    }

    /// Clips every weight to `[w_min, w_max]` after each change.
    pub fn bounds(mut self, w_min: f64, w_max: f64) -> Self {
        self.bounds = Some((w_min, w_max));
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

impl LearningRuleType for Hebbian {
    fn name(&self) -> &'static str {
        "Hebbian"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Weights
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["pre_filtered", "post_filtered", "delta"]
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("Hebbian", connection, self.learning_rate)?;
        if let Some((lo, hi)) = self.bounds {
            if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
                return Err(BuildError::InvalidParameter {
                    object: format!("connection `{connection}` (Hebbian)"),
                    param: "bounds",
                    value: format!("[{lo}, {hi}]"),
                    reason: "must be finite with w_min <= w_max".into(),
                });
            }
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
        Ok(Arc::new(HebbianStep {
            eta: self.learning_rate * ctx.dt,
            bounds: self.bounds,
        }))
    }
}
