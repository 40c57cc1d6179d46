//! Nengo's `RLS` learning rule, as a model declares it.

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{LearningRule, RlsStep};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// Recursive least squares on a connection's decoders: each step the
/// decoders move to the least-squares fit of the error over everything
/// seen so far, through the running inverse correlation `P` of the pre
/// activities (from `P = I learning_rate dt / n_pre`). Nengo's defaults:
/// `learning_rate = 1e-3`, `pre_synapse = Lowpass(0.005)`. Cost: two
/// `n_pre × n_pre` passes per step.
#[derive(Debug, Clone)]
pub struct RLS {
    pub(crate) learning_rate: f64,
    pub(crate) pre_synapse: Option<Arc<dyn Synapse>>,
}

impl Default for RLS {
    fn default() -> Self {
        Self::new(1e-3)
    }
}

impl RLS {
    /// RLS at this learning rate, pre synapse `Lowpass(0.005)`.
    pub fn new(learning_rate: f64) -> Self {
        Self {
            learning_rate,
            pre_synapse: Some(Arc::new(Lowpass(0.005))),
        }
    }

    /// The filter on the pre activities (`None`: unfiltered).
    pub fn pre_synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.pre_synapse = synapse.into_synapse();
        self
    }
}

impl LearningRuleType for RLS {
    fn name(&self) -> &'static str {
        "RLS"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Decoders
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["pre_filtered", "error", "delta", "inv_gamma"]
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("RLS", connection, self.learning_rate)
    }

    fn input_dims(&self, out: usize, neurons_post_dims: Option<usize>) -> usize {
        neurons_post_dims.unwrap_or(out)
    }

    fn pre_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        self.pre_synapse.as_ref()
    }

    fn make(&self, ctx: &RuleContext) -> Result<Arc<dyn LearningRule>, BuildError> {
        crate::limits::check_elements(
            &ctx.connection,
            "RLS inverse correlation",
            ctx.n_pre,
            ctx.n_pre,
        )?;
        Ok(Arc::new(RlsStep {
            p0: self.learning_rate * ctx.dt / ctx.n_pre as f64,
            error_dims: ctx.input_dims,
            error_map: ctx.error_map.clone(),
        }))
    }
}
