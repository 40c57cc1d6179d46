//! Oja's rule (Oja 1982), as Nengo 4.1 applies it.

use super::{Learned, LearningRule, RuleInputs, RuleState};

/// `ΔW_ji = α (a_j a_i - β a_j² W_ji)` with `α = learning_rate dt`:
/// Hebbian growth with a decay that keeps each post neuron's weight vector
/// bounded, so it turns towards the first principal component of its
/// inputs.
#[derive(Debug, Clone)]
pub struct OjaStep {
    /// `learning_rate dt`.
    pub alpha: f64,
    /// The weight of the forgetting term.
    pub beta: f64,
}

impl LearningRule for OjaStep {
    fn name(&self) -> &'static str {
        "Oja"
    }

    fn input_dims(&self) -> usize {
        0
    }

    fn reads_post(&self) -> bool {
        true
    }

    fn update(&self, inputs: RuleInputs<'_>, _state: &mut RuleState, learned: Learned<'_>) {
        let out = learned.out;
        for (column, &a_i) in learned.values.chunks_exact_mut(out).zip(inputs.pre) {
            for (w, &a_j) in column.iter_mut().zip(inputs.post) {
                *w += self.alpha * a_j * a_i - self.beta * self.alpha * a_j * a_j * *w;
            }
        }
    }
}
