//! Tuning by interpolation on a grid of currents, as Nengo tunes every type
//! without a closed form, for rate curves that are staircases (rates
//! counted as whole spikes over a fixed time, like Izhikevich's).
//!
//! On a staircase the current reaching a rate is ambiguous: every current
//! of the stretch where the count equals the rate gives it. Nengo's choice,
//! which this module reproduces so that models tuned here fire like the
//! same models tuned by Nengo, is the *top* of that stretch (the last grid
//! current whose rate does not exceed the target, then linear interpolation
//! toward the next), with the threshold at the last silent point of a coarse
//! grid. The bisection of [`numeric_gain_bias`](super::numeric_gain_bias)
//! finds the bottom of the stretch and the exact threshold instead, which
//! gives up to several percent different gains and biases.

use super::numeric::{
    expand_search as search, line_through, linspace, rates_and_intercepts_at, RATE_REL_TOL,
    SEARCH_POINTS,
};
use super::{check_tuning_request, NeuronType};
use crate::error::NeuronError;

/// Currents of the fine grid over `[J_th, J_max]`, as many as Nengo's. The
/// coarse grids are those of the numeric search (101 currents over `[-R, R]`,
/// `R` doubling from 10 to about 1e7; Nengo stops at `R` = 5120 and fails
/// where this keeps looking).
const GRID_POINTS: usize = SEARCH_POINTS;

/// Gain and bias by Nengo's grid interpolation.
///
/// 1. Coarse grids of 101 currents over `[-R, R]`, `R = 10, 20, 40, …`:
///    `J_th` is the last silent current of the first grid on which a silent
///    current is followed by a firing one, and `J_max` the first current of
///    the first grid whose rate reaches the highest max rate.
/// 2. A fine grid of 101 currents `J_k` over `[J_th, J_max]` with rates
///    `r_k`: for each max rate `r`, `J_top` is the interpolation of `J` at
///    `r` (numpy's `interp(r, r_k, J_k)`): with `k` the last point whose
///    rate does not exceed `r`, `J_top = J_k` if `r_k = r`, else
///    `J_k + (J_{k+1} - J_k) (r - r_k) / (r_{k+1} - r_k)`.
/// 3. `gain_i = (J_top,i - J_th) / (1 - c_i)`, `bias_i = J_th - gain_i c_i`,
///    so the current is `J_th` at `x = c_i` and `J_top,i` at `x = 1`.
///
/// Cost: about 300 rate evaluations whatever the number of neurons, plus a
/// binary search of 101 values per neuron.
///
/// # Errors
/// As [`numeric_gain_bias`](super::numeric_gain_bias): a malformed request
/// ([`check_tuning_request`]), or [`NeuronError::TuningFailed`] when no
/// threshold or no current reaching the highest rate lies within `|J| ≈ 1e7`.
pub fn grid_gain_bias<N: NeuronType + ?Sized>(
    n: &N,
    max_rates: &[f64],
    intercepts: &[f64],
) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
    check_tuning_request(n.name(), max_rates, intercepts, n.max_rate_limit())?;
    if max_rates.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let j_th = grid_threshold(n)?;
    let highest = max_rates.iter().copied().fold(0.0, f64::max);
    let j_max = search(n, |grid, rates| {
        let k = rates
            .iter()
            .position(|&r| r >= highest * (1.0 - RATE_REL_TOL))?;
        Some(grid[k])
    })
    .map_err(|searched| NeuronError::TuningFailed {
        neuron: n.name(),
        what: format!("a current giving {highest} Hz"),
        searched,
    })?;
    let grid = linspace(j_th, j_max, GRID_POINTS);
    let mut rates = vec![0.0; GRID_POINTS];
    n.rates(&grid, &mut rates);
    // A running maximum: numpy's interpolation assumes non-decreasing rates.
    for k in 1..GRID_POINTS {
        rates[k] = rates[k].max(rates[k - 1]);
    }
    let j_top = max_rates.iter().map(|&r| interpolate(&rates, &grid, r));
    Ok(line_through(j_th, j_top, intercepts))
}

/// The inverse of [`grid_gain_bias`]: `max_rate_i = r(gain_i + bias_i)` and
/// `intercept_i = (J_th - bias_i) / gain_i` with the same grid threshold,
/// so tuning and inverse round-trip exactly. NaN intercepts if no
/// threshold is found.
pub fn grid_max_rates_intercepts<N: NeuronType + ?Sized>(
    n: &N,
    gain: &[f64],
    bias: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let j_th = grid_threshold(n).unwrap_or(f64::NAN);
    rates_and_intercepts_at(n, j_th, gain, bias)
}

/// `J` at rate `r` on the non-decreasing curve `(rates, grid)`: the top of
/// a stretch at `r`, else linear between the points around `r`; clamped to
/// the ends.
fn interpolate(rates: &[f64], grid: &[f64], r: f64) -> f64 {
    let k = rates.partition_point(|&x| x <= r * (1.0 + RATE_REL_TOL));
    if k == 0 {
        return grid[0];
    }
    let k = k - 1;
    if k + 1 == rates.len() || rates[k] >= r * (1.0 - RATE_REL_TOL) {
        return grid[k];
    }
    let t = (r - rates[k]) / (rates[k + 1] - rates[k]);
    grid[k] + (grid[k + 1] - grid[k]) * t
}

/// The last silent current of the first coarse grid that has a silent
/// current followed by a firing one.
fn grid_threshold<N: NeuronType + ?Sized>(n: &N) -> Result<f64, NeuronError> {
    search(n, |grid, rates| {
        let k = rates.iter().rposition(|&r| r <= 0.0)?;
        (k + 1 < grid.len()).then(|| grid[k])
    })
    .map_err(|searched| NeuronError::TuningFailed {
        neuron: n.name(),
        what: "the firing threshold".to_string(),
        searched,
    })
}

#[cfg(test)]
mod tests {
    use super::interpolate;

    #[test]
    fn interpolation_takes_the_top_of_a_flat_stretch() {
        let grid = [0.0, 1.0, 2.0, 3.0, 4.0];
        let rates = [0.0, 5.0, 5.0, 5.0, 9.0];
        // Rate 5 holds on [1, 3]: the top, 3, as numpy's interp gives.
        assert_eq!(interpolate(&rates, &grid, 5.0), 3.0);
        // Between stretches: linear from the top of the lower one.
        assert_eq!(interpolate(&rates, &grid, 7.0), 3.5);
        assert_eq!(interpolate(&rates, &grid, 2.5), 0.5);
        assert_eq!(interpolate(&rates, &grid, 20.0), 4.0);
    }
}
