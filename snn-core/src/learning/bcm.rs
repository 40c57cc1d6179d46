//! The Bienenstock-Cooper-Munro rule (Bienenstock, Cooper & Munro 1982),
//! as Nengo 4.1 applies it.

use super::{Learned, LearningRule, RuleInputs, RuleState};
use crate::synapses::DiscreteFilter;

/// `ΔW_ji = κ a_j (a_j - θ_j) a_i` with `κ = learning_rate dt`: a post
/// neuron `j` strengthens its inputs while it fires above its threshold
/// `θ_j` and weakens them below, and `θ_j` is its own activity through
/// `theta` (a slow lowpass), so the threshold slides with the activity.
#[derive(Debug, Clone)]
pub struct BcmStep {
    /// `learning_rate dt`.
    pub kappa: f64,
    /// The filter that makes the thresholds from the post activities.
    pub theta: DiscreteFilter,
}

impl LearningRule for BcmStep {
    fn name(&self) -> &'static str {
        "BCM"
    }

    fn input_dims(&self) -> usize {
        0
    }

    fn reads_post(&self) -> bool {
        true
    }

    fn initial_state(&self, _n_pre: usize, out: usize) -> RuleState {
        RuleState {
            // κ a_j (a_j - θ_j), reused every step.
            values: vec![0.0; out],
            filter: Some(self.theta.state(out)),
        }
    }

    /// `theta`: the post neurons' thresholds (their filtered activities).
    fn own_signal<'a>(&self, state: &'a RuleState) -> Option<(&'static str, &'a [f64])> {
        state.filter.as_ref().map(|f| ("theta", f.output()))
    }

    fn update(&self, inputs: RuleInputs<'_>, state: &mut RuleState, learned: Learned<'_>) {
        let RuleState { values, filter } = state;
        let theta = filter
            .as_mut()
            .expect("BCM's state has its threshold filter");
        // The threshold includes this step's activity, as the pre and post
        // filters do (Nengo runs the filter before the rule reads it).
        self.theta.update(theta, inputs.post);
        for ((v, &a), &th) in values.iter_mut().zip(inputs.post).zip(theta.output()) {
            *v = self.kappa * a * (a - th);
        }
        super::add_outer(learned, values, inputs.pre);
    }
}
