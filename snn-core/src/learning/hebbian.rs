//! The plain Hebbian rule ("cells that fire together wire together";
//! Hebb 1949), with optional bounds on the weights. Nengo has no such
//! rule; it is the textbook form.

use super::{Learned, LearningRule, RuleInputs, RuleState};

/// `ΔW_ji = η dt a_j a_i`, then each weight clipped to `[w_min, w_max]`
/// when bounds are given (unbounded Hebbian growth only ever grows).
#[derive(Debug, Clone)]
pub struct HebbianStep {
    /// `learning_rate dt`.
    pub eta: f64,
    /// The bounds, if any.
    pub bounds: Option<(f64, f64)>,
}

impl LearningRule for HebbianStep {
    fn name(&self) -> &'static str {
        "Hebbian"
    }

    fn input_dims(&self) -> usize {
        0
    }

    fn reads_post(&self) -> bool {
        true
    }

    fn initial_state(&self, _n_pre: usize, out: usize) -> RuleState {
        RuleState {
            values: vec![0.0; out],
            filter: None,
        }
    }

    fn bounded(&self) -> bool {
        self.bounds
            .is_some_and(|(lo, hi)| lo.is_finite() && hi.is_finite())
    }

    fn update(&self, inputs: RuleInputs<'_>, state: &mut RuleState, learned: Learned<'_>) {
        for (v, &a) in state.values.iter_mut().zip(inputs.post) {
            *v = self.eta * a;
        }
        let out = learned.out;
        super::add_outer(
            Learned {
                values: &mut *learned.values,
                out,
            },
            &state.values,
            inputs.pre,
        );
        if let Some((lo, hi)) = self.bounds {
            for w in learned.values.iter_mut() {
                *w = w.clamp(lo, hi);
            }
        }
    }
}
