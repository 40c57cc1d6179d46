//! Pair-based spike-timing-dependent plasticity with all-to-all traces
//! (Song, Miller & Abbott 2000; the trace form of Morrison, Diesmann &
//! Gerstner 2008). Nengo has no such rule.

use super::{Learned, LearningRule, RuleInputs, RuleState};

/// Every pre neuron keeps a trace `x_i` and every post neuron `y_j`: each
/// decays as `e^{-dt/τ}` per step and grows by 1 at the neuron's spike.
/// When post `j` spikes, `W_ji += A₊ x_i` (pre before post strengthens);
/// when pre `i` spikes, `W_ji -= A₋ y_j` (post before pre weakens). So one
/// pair at `Δt = t_post - t_pre` changes the weight by `A₊ e^{-Δt/τ₊}` or
/// `-A₋ e^{Δt/τ₋}`. Weights are clipped to `[w_min, w_max]`; in the
/// multiplicative form the changes are scaled by `w_max - W` and
/// `W - w_min`, so weights approach the bounds softly.
///
/// Order within a step: the traces decay, the spikes of this step change
/// the weights by the traces of earlier spikes, then the spikes join the
/// traces (a pre and a post spike in the same step change nothing).
#[derive(Debug, Clone)]
pub struct StdpStep {
    /// `A₊`, the potentiation of a pair at `Δt = 0⁺`.
    pub a_plus: f64,
    /// `A₋`, the depression of a pair at `Δt = 0⁻`.
    pub a_minus: f64,
    /// `e^{-dt/τ₊}`: the pre traces' decay per step.
    pub decay_plus: f64,
    /// `e^{-dt/τ₋}`: the post traces' decay per step.
    pub decay_minus: f64,
    /// The lower bound of the weights.
    pub w_min: f64,
    /// The upper bound of the weights.
    pub w_max: f64,
    /// The multiplicative (soft-bound) form.
    pub multiplicative: bool,
}

impl LearningRule for StdpStep {
    fn name(&self) -> &'static str {
        "STDP"
    }

    fn input_dims(&self) -> usize {
        0
    }

    fn reads_post(&self) -> bool {
        true
    }

    fn initial_state(&self, n_pre: usize, out: usize) -> RuleState {
        // The pre traces, then the post traces.
        RuleState {
            values: vec![0.0; n_pre + out],
            filter: None,
        }
    }

    fn update(&self, inputs: RuleInputs<'_>, state: &mut RuleState, learned: Learned<'_>) {
        let out = learned.out;
        let (x, y) = state.values.split_at_mut(inputs.pre.len());
        for v in x.iter_mut() {
            *v *= self.decay_plus;
        }
        for v in y.iter_mut() {
            *v *= self.decay_minus;
        }
        let (lo, hi) = (self.w_min, self.w_max);
        let post_spikes: Vec<usize> = (0..out).filter(|&j| inputs.post[j] > 0.0).collect();
        for (i, column) in learned.values.chunks_exact_mut(out).enumerate() {
            let pre_spike = inputs.pre[i] > 0.0;
            for &j in &post_spikes {
                let w = &mut column[j];
                let scale = if self.multiplicative { hi - *w } else { 1.0 };
                *w = (*w + self.a_plus * x[i] * scale).clamp(lo, hi);
            }
            if pre_spike {
                for (w, &yj) in column.iter_mut().zip(y.iter()) {
                    let scale = if self.multiplicative { *w - lo } else { 1.0 };
                    *w = (*w - self.a_minus * yj * scale).clamp(lo, hi);
                }
            }
        }
        for (v, &s) in x.iter_mut().zip(inputs.pre) {
            if s > 0.0 {
                *v += 1.0;
            }
        }
        for (v, &s) in y.iter_mut().zip(inputs.post) {
            if s > 0.0 {
                *v += 1.0;
            }
        }
    }
}
