//! Pair-based STDP with traces, as a model declares it (not in Nengo).

use super::{check_rate, LearningRuleType, Modifies, RuleContext};
use crate::error::BuildError;
use snn_core::learning::{LearningRule, StdpStep};
use std::sync::Arc;

/// Spike-timing-dependent plasticity (Song, Miller & Abbott 2000) on
/// neuron-to-neuron weights: a pre spike `Δt` before a post spike adds
/// `A₊ e^{-Δt/τ₊}`, a post spike `Δt` before a pre spike subtracts
/// `A₋ e^{-Δt/τ₋}`, summed over all pairs (traces), weights clipped to
/// `[w_min, w_max]`. Defaults from that paper: `τ₊ = τ₋ = 20 ms`,
/// `A₋ = 1.05 A₊`, `w_min = 0`, `w_max = 1`, additive; `.multiplicative()`
/// scales each change by the distance to the bound it moves towards.
/// It reads spikes themselves (no synapse).
#[derive(Debug, Clone)]
pub struct STDP {
    pub(crate) a_plus: f64,
    pub(crate) a_minus: f64,
    pub(crate) tau_plus: f64,
    pub(crate) tau_minus: f64,
    pub(crate) w_min: f64,
    pub(crate) w_max: f64,
    pub(crate) multiplicative: bool,
}

impl STDP {
    /// STDP with potentiation `A₊ = a_plus` and the paper's other values.
    pub fn new(a_plus: f64) -> Self {
        Self {
            a_plus,
            a_minus: 1.05 * a_plus,
            tau_plus: 0.02,
            tau_minus: 0.02,
            w_min: 0.0,
            w_max: 1.0,
            multiplicative: false,
        }
    }

    /// The depression amplitude `A₋` (default `1.05 A₊`).
    pub fn a_minus(mut self, a_minus: f64) -> Self {
        self.a_minus = a_minus;
        self
    }

    /// The traces' time constants (s).
    pub fn taus(mut self, tau_plus: f64, tau_minus: f64) -> Self {
        self.tau_plus = tau_plus;
        self.tau_minus = tau_minus;
        self
    }

    /// The weight bounds.
    pub fn bounds(mut self, w_min: f64, w_max: f64) -> Self {
        self.w_min = w_min;
        self.w_max = w_max;
        self
    }

    /// The multiplicative (soft-bound) form.
    pub fn multiplicative(mut self) -> Self {
        self.multiplicative = true;
        self
    }
}

impl LearningRuleType for STDP {
    fn name(&self) -> &'static str {
        "STDP"
    }

    fn modifies(&self) -> Modifies {
        Modifies::Weights
    }

    fn probeable(&self) -> &'static [&'static str] {
        &["delta"]
    }

    fn check(&self, connection: &str) -> Result<(), BuildError> {
        check_rate("STDP", connection, self.a_plus)?;
        let bad = |param: &'static str, value: String, reason: &str| {
            Err(BuildError::InvalidParameter {
                object: format!("connection `{connection}` (STDP)"),
                param,
                value,
                reason: reason.into(),
            })
        };
        if !(self.a_minus.is_finite() && self.a_minus >= 0.0) {
            return bad(
                "a_minus",
                self.a_minus.to_string(),
                "must be finite and not negative",
            );
        }
        for (param, tau) in [("tau_plus", self.tau_plus), ("tau_minus", self.tau_minus)] {
            if !(tau.is_finite() && tau > 0.0) {
                return bad(param, tau.to_string(), "must be positive");
            }
        }
        if !(self.w_min.is_finite() && self.w_max.is_finite() && self.w_min <= self.w_max) {
            return bad(
                "bounds",
                format!("[{}, {}]", self.w_min, self.w_max),
                "must be finite with w_min <= w_max",
            );
        }
        Ok(())
    }

    fn input_dims(&self, _out: usize, _neurons_post_dims: Option<usize>) -> usize {
        0
    }

    fn make(&self, ctx: &RuleContext) -> Result<Arc<dyn LearningRule>, BuildError> {
        Ok(Arc::new(StdpStep {
            a_plus: self.a_plus,
            a_minus: self.a_minus,
            decay_plus: (-ctx.dt / self.tau_plus).exp(),
            decay_minus: (-ctx.dt / self.tau_minus).exp(),
            w_min: self.w_min,
            w_max: self.w_max,
            multiplicative: self.multiplicative,
        }))
    }
}
