//! Tuning by numeric inversion of a rate curve, and rate estimation by
//! simulation, for neuron types whose rate curve has no closed form.
//!
//! Both assume the rate curve `r(J)` is zero up to a firing threshold `J_th`
//! and non-decreasing above it (true of every neuron type in this crate).

use super::{check_tuning_request, NeuronState, NeuronType};
use crate::error::NeuronError;

/// Points per coarse search grid over `[-R, R]` (odd, so `J = 0` is sampled).
pub(crate) const SEARCH_POINTS: usize = 101;
/// Half-width `R` of the first coarse search grid.
const FIRST_RANGE: f64 = 10.0;
/// Times the coarse range doubles before the search gives up (`R` ≈ 1e7).
const RANGE_DOUBLINGS: i32 = 20;
/// Points of the fine grid between `J_th` and the highest current needed.
const REFINE_POINTS: usize = 513;
/// Bisection stops once a bracket is narrower than this fraction of `max(1, |J|)`.
const BRACKET_TOL: f64 = 1e-12;
/// Upper bound on bisection steps (the tolerance is normally met in ~40).
const MAX_BISECTIONS: usize = 80;
/// A rate counts as reaching its target when within this fraction below it:
/// step-based estimates carry the f32 rounding of spike heights `amplitude / dt`
/// (at most ~6e-8 relative), so exactly `k` spikes per second must count as `k` Hz.
pub(crate) const RATE_REL_TOL: f64 = 1e-7;
/// Currents per chunk in [`settled_rates`], sized to keep the state in cache.
const CHUNK: usize = 1024;

/// Gain and bias that place neuron `i`'s threshold at `intercepts[i]` and its
/// rate at `x = 1` at `max_rates[i]`, by inverting `n.rates` numerically.
///
/// With `J_th` the firing threshold (the largest current whose rate is 0) and
/// `J_max,i` the smallest current whose rate reaches `max_rates[i]`:
/// `gain_i = (J_max,i - J_th) / (1 - intercept_i)`,
/// `bias_i = J_th - gain_i * intercept_i`.
///
/// Method: coarse grids over `[-R, R]` with `R = 10, 20, 40, …` bracket
/// `J_th` and the highest `J_max`; `J_th` is then bisected; a fine grid of
/// 513 currents over `[J_th, J_max]` brackets every neuron's `J_max,i`, and
/// all brackets are bisected together, one batched `rates` call per step.
/// Cost for `n` neurons and `k` range doublings: `2 (k + 1)` coarse grids of
/// 101 currents, ~40 single-current bisection steps, one grid of 513 and ~40
/// batched calls on at most `n` currents, so `O(n)` rate evaluations (2000
/// Izhikevich neurons, 1001 steps per rate, tune in about 0.1 s).
///
/// # Errors
/// [`NeuronError::InvalidParameter`] if the slices differ in length,
/// [`NeuronError::InvalidIntercept`] / [`NeuronError::InvalidMaxRate`] for an
/// intercept outside [-1, 1) or a max rate that is not positive and finite,
/// [`NeuronError::UnreachableRate`] for a rate at or above
/// `n.max_rate_limit()`, and [`NeuronError::TuningFailed`] if the threshold
/// or a current reaching the highest rate lies beyond `|J| ≈ 1e7`.
pub fn numeric_gain_bias<N: NeuronType + ?Sized>(
    n: &N,
    max_rates: &[f64],
    intercepts: &[f64],
) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
    check_tuning_request(n.name(), max_rates, intercepts, n.max_rate_limit())?;
    if max_rates.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let j_th = firing_threshold(n)?;
    let targets: Vec<f64> = max_rates.iter().map(|r| r * (1.0 - RATE_REL_TOL)).collect();
    let highest = max_rates.iter().copied().fold(0.0, f64::max);
    let top = highest * (1.0 - RATE_REL_TOL);
    let j_top = expand_search(n, |grid, rates| {
        (0..grid.len())
            .find(|&k| grid[k] > j_th && rates[k] >= top)
            .map(|k| grid[k])
    })
    .map_err(|searched| NeuronError::TuningFailed {
        neuron: n.name(),
        what: format!("a current giving {highest} Hz"),
        searched,
    })?;
    let j_max = currents_reaching(n, j_th, j_top, &targets);
    Ok(line_through(j_th, j_max.iter().copied(), intercepts))
}

/// The gains and biases of the lines through `(c_i, J_th)` and `(1, J_max,i)`:
/// `gain_i = (J_max,i - J_th) / (1 - c_i)`, `bias_i = J_th - gain_i c_i`,
/// shared by the bisection and grid tunings.
pub(crate) fn line_through(
    j_th: f64,
    j_max: impl Iterator<Item = f64>,
    intercepts: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    j_max
        .zip(intercepts)
        .map(|(jm, &c)| {
            let gain = (jm - j_th) / (1.0 - c);
            (gain, j_th - gain * c)
        })
        .unzip()
}

/// The inverse of [`numeric_gain_bias`]: `intercept_i = (J_th - bias_i) / gain_i`
/// and `max_rate_i = r(gain_i + bias_i)`.
///
/// If no firing threshold is found within `|J| ≈ 1e7` every intercept is NaN.
pub fn numeric_max_rates_intercepts<N: NeuronType + ?Sized>(
    n: &N,
    gain: &[f64],
    bias: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let j_th = firing_threshold(n).unwrap_or(f64::NAN);
    rates_and_intercepts_at(n, j_th, gain, bias)
}

/// `max_rate_i = r(gain_i + bias_i)` and `intercept_i = (J_th - bias_i) / gain_i`
/// for a given threshold `J_th` (the inverse of [`line_through`]).
pub(crate) fn rates_and_intercepts_at<N: NeuronType + ?Sized>(
    n: &N,
    j_th: f64,
    gain: &[f64],
    bias: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let j_one: Vec<f64> = gain.iter().zip(bias).map(|(g, b)| g + b).collect();
    let mut max_rates = vec![0.0; j_one.len()];
    n.rates(&j_one, &mut max_rates);
    let intercepts = gain.iter().zip(bias).map(|(g, b)| (j_th - b) / g).collect();
    (max_rates, intercepts)
}

/// Rates estimated by simulation, as Nengo's `settled_firingrate`: every
/// neuron starts from `initial`, is stepped at constant current `j[i]` for
/// `settle_time` seconds, then for `sim_time` seconds while its output is
/// summed; `out[i] = sum(output) / steps`, which for spikes of height `1 / dt`
/// is the spike count over `sim_time`.
///
/// Neuron `i` starts from neuron `i mod initial.len()` of `initial`, so a
/// one-neuron `initial` serves every current (an empty one means all zeros).
/// Step counts are `floor(time / dt)`, forgiving f32 rounding of `dt`.
/// Currents are processed 1024 at a time, so memory stays constant.
/// Cost: `len * (settle_time + sim_time) / dt` neuron steps.
///
/// Only `min(j.len(), out.len())` entries are written. A `dt` or times that
/// are not finite and non-negative (or a `sim_time` under one step) give NaN.
pub fn settled_rates<N: NeuronType + ?Sized>(
    n: &N,
    j: &[f64],
    out: &mut [f64],
    initial: &NeuronState,
    dt: f32,
    settle_time: f64,
    sim_time: f64,
) {
    let len = j.len().min(out.len());
    let usable = |t: f64| t.is_finite() && t >= 0.0;
    let valid = dt.is_finite() && dt > 0.0 && usable(settle_time) && usable(sim_time);
    let settle_steps = step_count(settle_time, dt);
    let sim_steps = step_count(sim_time, dt);
    if !valid || sim_steps == 0 {
        out[..len].fill(f64::NAN);
        return;
    }
    let n_vars = n.state_names().len();
    let mut current = vec![0.0f32; CHUNK];
    let mut output = vec![0.0f32; CHUNK];
    let mut total = vec![0.0f64; CHUNK];
    for start in (0..len).step_by(CHUNK) {
        let m = CHUNK.min(len - start);
        for (c, &ji) in current.iter_mut().zip(&j[start..start + m]) {
            *c = ji as f32;
        }
        let vars = (0..n_vars)
            .map(|v| {
                (start..start + m)
                    .map(|i| initial_value(initial, v, i))
                    .collect()
            })
            .collect();
        let mut state = NeuronState::from_vars(vars);
        let (jc, oc, tc) = (&current[..m], &mut output[..m], &mut total[..m]);
        for _ in 0..settle_steps {
            n.step(dt, jc, &mut state, oc);
        }
        tc.fill(0.0);
        for _ in 0..sim_steps {
            n.step(dt, jc, &mut state, oc);
            for (t, &o) in tc.iter_mut().zip(oc.iter()) {
                *t += f64::from(o);
            }
        }
        for (r, &t) in out[start..start + m].iter_mut().zip(tc.iter()) {
            *r = t / sim_steps as f64;
        }
    }
}

/// `floor(t / dt)`, but a quotient within 1e-6 (relative) of an integer is
/// that integer: `1.0 / 0.001f32` is 999.99995 and means 1000 steps.
fn step_count(t: f64, dt: f32) -> usize {
    let x = t / f64::from(dt);
    let r = x.round();
    let steps = if (x - r).abs() <= 1e-6 * r.max(1.0) {
        r
    } else {
        x.floor()
    };
    steps.max(0.0) as usize
}

/// State variable `v` of neuron `i` (cycling through `initial`'s neurons).
fn initial_value(initial: &NeuronState, v: usize, i: usize) -> f32 {
    if initial.is_empty() || v >= initial.n_vars() {
        0.0
    } else {
        initial.var(v)[i % initial.len()]
    }
}

/// The rate curve at one current.
fn rate_at<N: NeuronType + ?Sized>(n: &N, j: f64) -> f64 {
    let mut r = [0.0];
    n.rates(&[j], &mut r);
    r[0]
}

/// `count` evenly spaced currents from `a` to `b` inclusive, as numpy's
/// `linspace` computes them (`a + k step`, the last one exactly `b`), so the
/// grids of [`grid_tuning`](super::grid_tuning) are Nengo's to the last bit.
pub(crate) fn linspace(a: f64, b: f64, count: usize) -> Vec<f64> {
    let step = (b - a) / (count - 1) as f64;
    let mut v: Vec<f64> = (0..count).map(|k| a + k as f64 * step).collect();
    v[count - 1] = b;
    v
}

/// Evaluates `r` on grids over `[-R, R]`, `R` doubling from 10, until `found`
/// picks a result from a grid and its rates. `Err` holds the last `R` tried.
pub(crate) fn expand_search<N: NeuronType + ?Sized, T>(
    n: &N,
    mut found: impl FnMut(&[f64], &[f64]) -> Option<T>,
) -> Result<T, f64> {
    let mut rates = vec![0.0; SEARCH_POINTS];
    let mut range = FIRST_RANGE;
    for doubling in 0..=RANGE_DOUBLINGS {
        range = FIRST_RANGE * 2f64.powi(doubling);
        let grid = linspace(-range, range, SEARCH_POINTS);
        n.rates(&grid, &mut rates);
        if let Some(t) = found(&grid, &rates) {
            return Ok(t);
        }
    }
    Err(range)
}

/// `J_th`: the largest current with rate 0, bracketed on the coarse grids
/// (last silent point followed by a firing one) and bisected.
fn firing_threshold<N: NeuronType + ?Sized>(n: &N) -> Result<f64, NeuronError> {
    let (mut lo, mut hi) = expand_search(n, |grid, rates| {
        let last_silent = rates.iter().rposition(|&r| r <= 0.0)?;
        (last_silent + 1 < grid.len()).then(|| (grid[last_silent], grid[last_silent + 1]))
    })
    .map_err(|searched| NeuronError::TuningFailed {
        neuron: n.name(),
        what: "the firing threshold".to_string(),
        searched,
    })?;
    for _ in 0..MAX_BISECTIONS {
        if hi - lo <= BRACKET_TOL * hi.abs().max(1.0) {
            break;
        }
        let mid = 0.5 * (lo + hi);
        if rate_at(n, mid) <= 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// For each target rate, the smallest current in `(j_th, j_top]` reaching it.
/// A fine grid (made non-decreasing by a running maximum) brackets every
/// target by binary search; the brackets are then bisected in one batch.
fn currents_reaching<N: NeuronType + ?Sized>(
    n: &N,
    j_th: f64,
    j_top: f64,
    targets: &[f64],
) -> Vec<f64> {
    let grid = linspace(j_th, j_top, REFINE_POINTS);
    let mut envelope = vec![0.0; REFINE_POINTS];
    n.rates(&grid, &mut envelope);
    // The top point reaches every target by construction of `j_top`.
    envelope[REFINE_POINTS - 1] = f64::INFINITY;
    for k in 1..REFINE_POINTS {
        envelope[k] = envelope[k].max(envelope[k - 1]);
    }
    let (mut lo, mut hi): (Vec<f64>, Vec<f64>) = targets
        .iter()
        .map(|&t| {
            let k = envelope.partition_point(|&r| r < t).max(1);
            (grid[k - 1], grid[k])
        })
        .unzip();
    let mut active: Vec<usize> = (0..targets.len()).collect();
    let mut mids = Vec::with_capacity(active.len());
    let mut rates = Vec::with_capacity(active.len());
    for _ in 0..MAX_BISECTIONS {
        active.retain(|&i| hi[i] - lo[i] > BRACKET_TOL * hi[i].abs().max(1.0));
        if active.is_empty() {
            break;
        }
        mids.clear();
        mids.extend(active.iter().map(|&i| 0.5 * (lo[i] + hi[i])));
        rates.resize(mids.len(), 0.0);
        n.rates(&mids, &mut rates);
        for ((&i, &mid), &r) in active.iter().zip(&mids).zip(&rates) {
            if r >= targets[i] {
                hi[i] = mid;
            } else {
                lo[i] = mid;
            }
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::step_count;

    #[test]
    fn step_counts_forgive_f32_dt() {
        assert_eq!(step_count(1.0, 0.001), 1000);
        assert_eq!(step_count(0.001, 0.001), 1);
        assert_eq!(step_count(0.1, 0.0001), 1000);
        assert_eq!(step_count(0.0015, 0.001), 1);
        assert_eq!(step_count(0.0, 0.001), 0);
    }
}
