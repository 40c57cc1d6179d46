//! Pair-based spike-timing-dependent plasticity with all-to-all traces
//! (Song, Miller & Abbott 2000; the trace form of Morrison, Diesmann &
//! Gerstner 2008). Nengo has no such rule.

use super::{Learned, LearningRule, RuleInputs, RuleState};
use crate::simd::multiversion;

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

    fn bounded(&self) -> bool {
        self.w_min.is_finite() && self.w_max.is_finite()
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
        let (a_plus, a_minus) = (self.a_plus, self.a_minus);
        let w = learned.values;
        // A post spike: its row grows by A+ times the pre traces. Rows have
        // stride `out`, so the matrix is walked column by column (each
        // contiguous, in L1). With many spiking rows every column is updated
        // whole under the spike mask (vector lanes, no gathers); with few,
        // only the spiking rows are visited, so a quiet step costs
        // (spikes x neurons), not the whole matrix.
        // A pre spike: its column (contiguous) shrinks by A- times the post
        // traces, after its potentiation (in the masked pass, while the
        // column is in L1).
        let spiking = inputs.post.iter().filter(|&&s| s > 0.0).count();
        if spiking * DENSE_FRACTION >= out {
            let rates = [a_plus, a_minus, lo, hi];
            let spikes = [inputs.pre, inputs.post];
            update_masked(w, [x, y], spikes, out, rates, self.multiplicative);
        } else {
            let mut rows = [0u32; SPIKE_BATCH];
            let mut rest = inputs.post.iter().enumerate().filter(|(_, &s)| s > 0.0);
            loop {
                let mut k = 0;
                for (j, _) in rest.by_ref().take(SPIKE_BATCH) {
                    rows[k] = j as u32;
                    k += 1;
                }
                if k == 0 {
                    break;
                }
                potentiate_rows(w, x, &rows[..k], out, [a_plus, lo, hi], self.multiplicative);
            }
            depress(
                w,
                y,
                inputs.pre,
                out,
                [a_minus, lo, hi],
                self.multiplicative,
            );
        }
        add_spikes(x, inputs.pre);
        add_spikes(y, inputs.post);
    }
}

/// How many spiking post neurons one pass over the matrix serves.
const SPIKE_BATCH: usize = 256;

/// Above one spiking post neuron in this many, whole masked columns are
/// cheaper than visiting the spiking rows one by one.
const DENSE_FRACTION: usize = 8;

multiversion! {
    /// One step's changes with every column whole: `W_ji += A₊ x_i` (times
    /// `w_max - W_ji` when multiplicative) where `post[j] > 0`, selected by
    /// the spike mask, then, in the columns of the pre neurons with
    /// `pre[i] > 0`, the depression of [`depress_column`]; each change
    /// clipped to the bounds. `traces` are `[x, y]`, `spikes` `[pre, post]`
    /// and `rates` `[A₊, A₋, w_min, w_max]`.
    fn update_masked(w: &mut [f64], traces: [&[f64]; 2], spikes: [&[f64]; 2], out: usize, rates: [f64; 4], multiplicative: bool) {
        let ([x, y], [pre, post]) = (traces, spikes);
        let [a_plus, a_minus, lo, hi] = rates;
        for ((column, &xi), &si) in w.chunks_exact_mut(out).zip(x).zip(pre) {
            let d = a_plus * xi;
            if multiplicative {
                for (w, &s) in column.iter_mut().zip(post) {
                    let new = clip(*w + d * (hi - *w), lo, hi);
                    *w = if s > 0.0 { new } else { *w };
                }
            } else {
                for (w, &s) in column.iter_mut().zip(post) {
                    let new = clip(*w + d, lo, hi);
                    *w = if s > 0.0 { new } else { *w };
                }
            }
            if si > 0.0 {
                depress_column(column, y, [a_minus, lo, hi], multiplicative);
            }
        }
    }
}

multiversion! {
    /// The depression of [`depress_column`] in the columns of the pre
    /// neurons `i` with `pre[i] > 0`.
    fn depress(w: &mut [f64], y: &[f64], pre: &[f64], out: usize, a_lo_hi: [f64; 3], multiplicative: bool) {
        for (column, _) in w.chunks_exact_mut(out).zip(pre).filter(|(_, &s)| s > 0.0) {
            depress_column(column, y, a_lo_hi, multiplicative);
        }
    }
}

/// `W_ji -= A₋ y_j` (times `W_ji - w_min` when multiplicative), clipped to
/// the bounds, down one pre neuron's column.
#[inline(always)]
fn depress_column(column: &mut [f64], y: &[f64], a_lo_hi: [f64; 3], multiplicative: bool) {
    let [a_minus, lo, hi] = a_lo_hi;
    let column = column.iter_mut().zip(y);
    if multiplicative {
        column.for_each(|(w, &yj)| *w = clip(*w - a_minus * yj * (*w - lo), lo, hi));
    } else {
        column.for_each(|(w, &yj)| *w = clip(*w - a_minus * yj, lo, hi));
    }
}

multiversion! {
    /// Every trace whose neuron spiked grows by 1 (branch-free, so it runs
    /// in vector lanes).
    fn add_spikes(traces: &mut [f64], spikes: &[f64]) {
        for (v, &s) in traces.iter_mut().zip(spikes) {
            *v += if s > 0.0 { 1.0 } else { 0.0 };
        }
    }
}

/// The same change for the listed post neurons `rows` only.
fn potentiate_rows(
    w: &mut [f64],
    x: &[f64],
    rows: &[u32],
    out: usize,
    a_lo_hi: [f64; 3],
    multiplicative: bool,
) {
    let [a_plus, lo, hi] = a_lo_hi;
    for (column, &xi) in w.chunks_exact_mut(out).zip(x) {
        let d = a_plus * xi;
        if multiplicative {
            for &j in rows {
                let w = &mut column[j as usize];
                *w = clip(*w + d * (hi - *w), lo, hi);
            }
        } else {
            for &j in rows {
                let w = &mut column[j as usize];
                *w = clip(*w + d, lo, hi);
            }
        }
    }
}

/// `w` limited to `[lo, hi]` by two comparisons (`f64::clamp` checks its
/// bounds on every call; these are plain min and max instructions).
#[inline(always)]
fn clip(w: f64, lo: f64, hi: f64) -> f64 {
    let w = if w > hi { hi } else { w };
    if w < lo {
        lo
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as its doc comment states it, pair by pair: the reference
    /// the batched and masked loops must reproduce bit for bit.
    fn naive(rule: &StdpStep, w: &mut [f64], traces: &mut [f64], pre: &[f64], post: &[f64]) {
        let (n_pre, out) = (pre.len(), post.len());
        let (x, y) = traces.split_at_mut(n_pre);
        x.iter_mut().for_each(|v| *v *= rule.decay_plus);
        y.iter_mut().for_each(|v| *v *= rule.decay_minus);
        let (lo, hi) = (rule.w_min, rule.w_max);
        for j in (0..out).filter(|&j| post[j] > 0.0) {
            for i in 0..n_pre {
                let w = &mut w[i * out + j];
                let d = rule.a_plus * x[i];
                let d = if rule.multiplicative {
                    d * (hi - *w)
                } else {
                    d
                };
                *w = clip(*w + d, lo, hi);
            }
        }
        for i in (0..n_pre).filter(|&i| pre[i] > 0.0) {
            for j in 0..out {
                let w = &mut w[i * out + j];
                let d = rule.a_minus * y[j];
                let d = if rule.multiplicative {
                    d * (*w - lo)
                } else {
                    d
                };
                *w = clip(*w - d, lo, hi);
            }
        }
        (0..n_pre).for_each(|i| x[i] += f64::from(u8::from(pre[i] > 0.0)));
        (0..out).for_each(|j| y[j] += f64::from(u8::from(post[j] > 0.0)));
    }

    #[test]
    fn sparse_and_masked_updates_match_the_pairwise_rule_exactly() {
        let (n_pre, out) = (7, 50);
        for multiplicative in [false, true] {
            let rule = StdpStep {
                a_plus: 2e-2,
                a_minus: 2.1e-2,
                decay_plus: 0.95,
                decay_minus: 0.9,
                w_min: 0.0,
                w_max: 0.1,
                multiplicative,
            };
            let mut w: Vec<f64> = (0..n_pre * out)
                .map(|k| (k * 37 % 101) as f64 / 1010.0)
                .collect();
            let mut expected = w.clone();
            let mut state = rule.initial_state(n_pre, out);
            let mut traces = state.values.clone();
            // A cheap deterministic pattern whose density sweeps from a few
            // spikes a step (the row-by-row path) to most neurons (the
            // masked path).
            let mut seed = 12345u64;
            for step in 0..400 {
                let density = (step % 40) as f64 / 40.0;
                let mut draw = || {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    if ((seed >> 33) as f64 / (1u64 << 31) as f64) < density {
                        1000.0
                    } else {
                        0.0
                    }
                };
                let pre: Vec<f64> = (0..n_pre).map(|_| draw()).collect();
                let post: Vec<f64> = (0..out).map(|_| draw()).collect();
                let inputs = RuleInputs {
                    dt: 1e-3,
                    pre: &pre,
                    post: &post,
                    input: &[],
                };
                rule.update(
                    inputs,
                    &mut state,
                    Learned {
                        values: &mut w,
                        out,
                    },
                );
                naive(&rule, &mut expected, &mut traces, &pre, &post);
            }
            assert_eq!(w, expected, "multiplicative: {multiplicative}");
            assert_eq!(state.values, traces);
            assert!(w.iter().all(|&v| (0.0..=0.1).contains(&v)));
            if !multiplicative {
                // Both bounds were reached, so the clipping was exercised.
                assert!(w.contains(&0.1) && w.contains(&0.0));
            }
        }
    }
}
