//! Voja's rule (Voelker 2015): encoder learning, as Nengo 4.1 applies it.

use super::{Learned, LearningRule, RuleInputs, RuleState};

/// Moves each active neuron's encoder towards the input it sees:
///
/// `ΔE_i = α L a_i (s_i x - E_i)`, with `α = learning_rate dt`,
///
/// `E_i` neuron `i`'s scaled encoder (encoder × gain / radius), `s_i =
/// gain_i / radius` (so the unit encoder moves towards `x` itself), `a_i`
/// its filtered activity, `x` the population's input vector (in Nengo,
/// the ensemble's input signal: the sum of every connection into it, not
/// only the learning one) and `L` the learning signal (1 plus the rule's input: 0 learns at full
/// rate, -1 stops). Inactive neurons (`a_i = 0`) keep their encoders, so a
/// population learns a key in the neurons that respond to it.
#[derive(Debug, Clone)]
pub struct VojaStep {
    /// `learning_rate dt`.
    pub alpha: f64,
    /// `s_i = gain_i / radius`, one per post neuron.
    pub scale: Vec<f64>,
}

impl LearningRule for VojaStep {
    fn name(&self) -> &'static str {
        "Voja"
    }

    fn input_dims(&self) -> usize {
        1
    }

    fn reads_post(&self) -> bool {
        true
    }

    fn input_baseline(&self) -> f64 {
        1.0
    }

    fn update(&self, inputs: RuleInputs<'_>, _state: &mut RuleState, learned: Learned<'_>) {
        let rate = self.alpha * inputs.input.first().copied().unwrap_or(1.0);
        if rate == 0.0 {
            return;
        }
        let x = inputs.pre;
        for ((e, &a), &s) in learned
            .values
            .chunks_exact_mut(learned.out)
            .zip(inputs.post)
            .zip(&self.scale)
        {
            if a != 0.0 {
                let k = rate * a;
                for (e, &x) in e.iter_mut().zip(x) {
                    *e += k * (s * x - *e);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_active_neuron_moves_towards_the_scaled_input_and_a_silent_one_stays() {
        let rule = VojaStep {
            alpha: 0.1,
            scale: vec![2.0, 3.0],
        };
        let mut e = vec![1.0, 0.0, -1.0, 0.0];
        rule.update(
            RuleInputs {
                dt: 1e-3,
                pre: &[0.0, 1.0],
                post: &[5.0, 0.0],
                input: &[1.0],
            },
            &mut RuleState::default(),
            Learned {
                values: &mut e,
                out: 2,
            },
        );
        // ΔE_0 = 0.1 · 5 · (2 · [0, 1] - [1, 0]) = [-0.5, 1.0].
        assert_eq!(e, vec![0.5, 1.0, -1.0, 0.0]);
        // A learning signal of 0 (baseline 1 plus -1) stops it.
        let before = e.clone();
        rule.update(
            RuleInputs {
                dt: 1e-3,
                pre: &[0.0, 1.0],
                post: &[5.0, 0.0],
                input: &[0.0],
            },
            &mut RuleState::default(),
            Learned {
                values: &mut e,
                out: 2,
            },
        );
        assert_eq!(e, before);
    }
}
