//! The prescribed error sensitivity rule (PES; MacNeil & Eliasmith 2011),
//! as Nengo 4.1 applies it.

use super::{Learned, LearningRule, RuleInputs, RuleState};
use nalgebra::DMatrix;

/// `ΔM = -k (E e) ⊗ a`: each pre neuron's column moves against the error
/// `e` in proportion to its filtered activity `a_i`, with
/// `k = learning_rate dt / n_pre` (so the rate does not depend on the step
/// or the population's size).
///
/// `error_map` is `E` (`out × input_dims`), for a link whose values are not
/// in the error's space: the post ensemble's scaled encoders (times each
/// neuron's gain when the link folds the gains in), for a link into
/// neurons. Without it `E` is the identity.
#[derive(Debug, Clone)]
pub struct PesStep {
    /// `learning_rate dt / n_pre`.
    pub k: f64,
    /// Size of the error.
    pub error_dims: usize,
    /// `E`, or `None` for the identity.
    pub error_map: Option<DMatrix<f64>>,
}

impl LearningRule for PesStep {
    fn name(&self) -> &'static str {
        "PES"
    }

    fn input_dims(&self) -> usize {
        self.error_dims
    }

    fn initial_state(&self, _n_pre: usize, out: usize) -> RuleState {
        // The mapped error, `-k E e`, reused every step.
        RuleState {
            values: vec![0.0; out],
            filter: None,
        }
    }

    fn update(&self, inputs: RuleInputs<'_>, state: &mut RuleState, learned: Learned<'_>) {
        let scaled = &mut state.values;
        match &self.error_map {
            Some(map) => {
                for (o, s) in scaled.iter_mut().enumerate() {
                    let row = map.row(o);
                    *s = -self.k
                        * row
                            .iter()
                            .zip(inputs.input)
                            .map(|(m, e)| m * e)
                            .sum::<f64>();
                }
            }
            None => {
                for (s, &e) in scaled.iter_mut().zip(inputs.input) {
                    *s = -self.k * e;
                }
            }
        }
        super::add_outer(learned, scaled, inputs.pre);
    }
}
