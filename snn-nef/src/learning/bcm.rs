//! Nengo's `BCM` learning rule, as a model declares it.

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{BcmStep, LearningRule};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// Bienenstock-Cooper-Munro: `ΔW = κ a_post (a_post - θ) ⊗ a_pre`,
/// `κ = learning_rate dt`, `θ` the post activity through `theta_synapse`.
/// On neuron-to-neuron weights. Nengo's defaults: `learning_rate = 1e-9`,
/// `pre_synapse = Lowpass(0.005)`, `post_synapse` = the pre synapse,
/// `theta_synapse = Lowpass(1.0)`.
#[derive(Debug, Clone)]
pub struct BCM {
    pub(crate) learning_rate: f64,
    pub(crate) pre_synapse: Option<Arc<dyn Synapse>>,
    pub(crate) post_synapse: Option<Arc<dyn Synapse>>,
    pub(crate) theta_synapse: Arc<dyn Synapse>,
}

impl Default for BCM {
    fn default() -> Self {
        Self::new(1e-9)
    }
}

impl BCM {
    /// BCM at this learning rate, with Nengo's synapses.
    pub fn new(learning_rate: f64) -> Self {
        let pre: Arc<dyn Synapse> = Arc::new(Lowpass(0.005));
        Self {
            learning_rate,
            pre_synapse: Some(pre.clone()),
            post_synapse: Some(pre),
            theta_synapse: Arc::new(Lowpass(1.0)),
        }
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

    /// The filter that makes the thresholds from the post activities.
    pub fn theta_synapse(mut self, synapse: impl Synapse + 'static) -> Self {
        self.theta_synapse = Arc::new(synapse);
        self
    }
}

impl LearningRuleType for BCM {
    fn name(&self) -> &'static str {
        "BCM"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Weights
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["theta", "pre_filtered", "post_filtered", "delta"]
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("BCM", connection, self.learning_rate)?;
        self.theta_synapse
            .discretize(snn_core::DEFAULT_DT)
            .map(|_| ())
            .map_err(|source| BuildError::Synapse {
                object: format!("connection `{connection}` (BCM theta_synapse)"),
                source,
            })
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
        let theta =
            self.theta_synapse
                .discretize(ctx.dt)
                .map_err(|source| BuildError::Synapse {
                    object: format!("{} (BCM theta_synapse)", ctx.connection),
                    source,
                })?;
        Ok(Arc::new(BcmStep {
            kappa: self.learning_rate * ctx.dt,
            theta,
        }))
    }
}
