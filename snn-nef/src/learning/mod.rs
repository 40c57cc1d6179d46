//! Learning rules as a model declares them: their parameters, defaults and
//! checks, and what they become in the compiled network
//! (`snn_core::learning`).
//!
//! A rule rides on a connection (`Connection::learning_rule`), and its error
//! (or other input) arrives through ordinary connections into
//! `conn.learning_rule()`, with any synapse, transform or function.

mod bcm;
mod hebbian;
mod oja;
mod pes;
mod rls;
mod stdp;
mod voja;

pub use bcm::BCM;
pub use hebbian::Hebbian;
pub use oja::Oja;
pub use pes::PES;
pub use rls::RLS;
pub use stdp::STDP;
pub use voja::Voja;

use crate::error::BuildError;
use nalgebra::DMatrix;
use snn_core::learning::LearningRule;
use snn_core::synapses::Synapse;
use std::fmt::Debug;
use std::sync::Arc;

/// What a rule changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifies {
    /// The connection's decoders (or, for a connection built as weights or
    /// between neurons, its weights): PES, RLS.
    Decoders,
    /// Neuron-to-neuron weights only: BCM, Oja, Hebbian, STDP.
    Weights,
    /// The post ensemble's scaled encoders: Voja.
    Encoders,
}

/// What the build knows of the learned connection when it makes the rule
/// (for an encoder rule, `n_pre` and `out` are the post ensemble's neurons
/// and dimensions: the shape of its encoders).
#[derive(Debug, Clone)]
pub struct RuleContext {
    /// The connection, for errors (`connection `a -> b``).
    pub connection: String,
    /// The step.
    pub dt: f64,
    /// Neurons of the pre ensemble.
    pub n_pre: usize,
    /// The connection's learned output size (values per pre neuron).
    pub out: usize,
    /// Size of the rule's input.
    pub input_dims: usize,
    /// The map from the error's space to the learned values' (the post's
    /// scaled encoders, with gains for a link into neurons), or `None`
    /// when they are the same space.
    pub error_map: Option<DMatrix<f64>>,
    /// For an encoder rule, each post neuron's `gain / radius`: the factor
    /// between its unit encoder and its scaled one (else empty).
    pub encoder_scale: Vec<f64>,
}

/// A learning rule of the model.
pub trait LearningRuleType: Debug + Send + Sync {
    /// What Nengo calls it (`"PES"`).
    fn name(&self) -> &'static str;

    /// What it changes.
    fn modifies(&self) -> Modifies;

    /// Checks its parameters, naming connection `connection` in the error.
    fn check(&self, connection: &str) -> Result<(), BuildError>;

    /// Size of its input on a connection of `out` values into `post`:
    /// `post_dims` is the post ensemble's dimensions when the connection
    /// ends on its neurons.
    fn input_dims(&self, out: usize, neurons_post_dims: Option<usize>) -> usize;

    /// Its filter on the pre activities, if any.
    fn pre_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        None
    }

    /// Its filter on the post activities, if any.
    fn post_synapse(&self) -> Option<&Arc<dyn Synapse>> {
        None
    }

    /// What a probe of it can read (Nengo's `probeable`): `"delta"`,
    /// `"error"`, `"activities"`, `"pre_filtered"`, `"post_filtered"`,
    /// `"theta"`, `"inv_gamma"`, `"scaled_encoders"`.
    fn probeable(&self) -> &'static [&'static str];

    /// The rule as the simulator steps it.
    fn make(&self, ctx: &RuleContext) -> Result<Arc<dyn LearningRule>, BuildError>;
}

/// A learning rate must be finite and not negative.
pub(crate) fn check_rate(rule: &str, connection: &str, rate: f64) -> Result<(), BuildError> {
    if rate.is_finite() && rate >= 0.0 {
        return Ok(());
    }
    Err(BuildError::InvalidParameter {
        object: format!("connection `{connection}` ({rule})"),
        param: "learning_rate",
        value: rate.to_string(),
        reason: "must be finite and not negative".into(),
    })
}
