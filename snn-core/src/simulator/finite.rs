//! Cheap finiteness checks of the signals of a step.
//!
//! A NaN or an infinity entering any signal must stop the run with an error
//! naming where it entered, not flow on: into a LIF population a NaN current
//! leaves the voltage clamped at 0 and the decoded value near 0 with no
//! sign of trouble. Each signal is checked once per step with one pass over
//! values that were just computed (a link's output, a unit's summed
//! input), never per neuron inside the neuron kernels.

use crate::network::Population;

/// True when every value is finite: `sum(v * 0)` is 0 for finite values and
/// NaN once any value is NaN or infinite. One multiply-add per value, no
/// branch per value, in eight independent sums (one running sum would
/// chain every addition on the last: four cycles a value for the 132-wide
/// signals of a circular convolution).
#[inline]
pub(crate) fn all_finite(v: &[f64]) -> bool {
    const LANES: usize = 8;
    if let [x] = v {
        return x.is_finite();
    }
    let mut acc = [0.0f64; LANES];
    let full = v.len() - v.len() % LANES;
    let mut i = 0;
    while i < full {
        let chunk: &[f64; LANES] = v[i..i + LANES].try_into().expect("LANES values");
        for k in 0..LANES {
            acc[k] += chunk[k] * 0.0;
        }
        i += LANES;
    }
    for (k, &x) in v[full..].iter().enumerate() {
        acc[k] += x * 0.0;
    }
    acc.iter().sum::<f64>() == 0.0
}

/// The first non-finite value and its index (the slow path, after
/// [`all_finite`] failed).
pub(crate) fn first_non_finite(v: &[f64]) -> Option<(usize, f64)> {
    v.iter().copied().enumerate().find(|(_, x)| !x.is_finite())
}

/// The largest `|x|` and its index.
pub(crate) fn largest(v: &[f64]) -> (usize, f64) {
    v.iter().copied().enumerate().fold(
        (0, 0.0),
        |(i, m), (k, x)| if x.abs() > m { (k, x.abs()) } else { (i, m) },
    )
}

/// What a population's currents can reach: every neuron's current is
/// `J_i = bias_i + sum_d E_id x_d + I_i` in f32, so
/// `|J_i| <= max |bias| + max |E| sum_d |x_d| + max |I|`. Keeping that below
/// `f32::MAX` proves no current overflows to infinity, at the cost of one
/// pass over `x` and the direct currents, not over the neurons.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CurrentBound {
    bias: f64,
    encoder: f64,
    /// The largest neuron noise a block adds to a bias (0 without).
    noise: f64,
}

impl CurrentBound {
    pub fn of(pop: &Population) -> Self {
        let max_abs = |v: &[f32]| v.iter().fold(0.0f64, |m, &x| m.max(f64::from(x).abs()));
        Self {
            bias: max_abs(&pop.bias),
            encoder: max_abs(&pop.encoders),
            noise: pop
                .noise
                .as_ref()
                .and_then(|n| n.neuron_noise())
                .map_or(0.0, |n| n.bound()),
        }
    }

    /// True when the input vector `x` and direct currents `current` are
    /// finite and cannot push any current past `f32::MAX`. NaN anywhere
    /// makes the bound NaN, which fails the comparison.
    #[inline]
    pub fn holds(&self, x: &[f64], current: &[f64]) -> bool {
        let x_sum: f64 = x.iter().map(|v| v.abs()).sum();
        let (i_check, i_max) = check_and_max(current);
        let bound = self.bias + self.noise + self.encoder * x_sum + i_max + i_check;
        bound < f64::from(f32::MAX)
    }

    /// [`holds`](Self::holds) for a population without direct currents:
    /// one pass over `x`, whose sum of magnitudes is NaN or infinite once
    /// any value is, which fails the comparison.
    #[inline]
    pub fn holds_encoded(&self, x: &[f64]) -> bool {
        let x_sum: f64 = x.iter().map(|v| v.abs()).sum();
        self.bias + self.noise + self.encoder * x_sum < f64::from(f32::MAX)
    }
}

/// `(Σ c·0, max |c|)` over `current`: the sum is 0, or NaN when any value
/// is NaN or infinite. Eight independent lanes, so the pass runs in vector
/// registers (one running sum would chain every addition on the last); the
/// results are the same numbers a single running sum and maximum give.
pub(crate) fn check_and_max(current: &[f64]) -> (f64, f64) {
    const LANES: usize = 8;
    let mut check = [0.0f64; LANES];
    let mut max = [0.0f64; LANES];
    let chunks = current.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for l in 0..LANES {
            check[l] += chunk[l] * 0.0;
            let a = chunk[l].abs();
            max[l] = if a > max[l] { a } else { max[l] };
        }
    }
    for (l, &c) in rest.iter().enumerate() {
        check[l] += c * 0.0;
        let a = c.abs();
        max[l] = if a > max[l] { a } else { max[l] };
    }
    (
        check.iter().sum(),
        max.iter().fold(0.0, |m: f64, &v| m.max(v)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_check_sees_non_finite_values_in_any_lane_and_the_largest_magnitude() {
        for n in [0, 1, 7, 8, 9, 100] {
            let v: Vec<f64> = (0..n).map(|i| (i as f64 - 40.0) * 0.5).collect();
            let (check, max) = check_and_max(&v);
            assert_eq!(check, 0.0);
            assert_eq!(max, v.iter().fold(0.0, |m: f64, x| m.max(x.abs())));
            for i in 0..n {
                for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                    let mut w = v.clone();
                    w[i] = bad;
                    assert!(check_and_max(&w).0.is_nan(), "n = {n}, bad at {i}");
                }
            }
        }
    }

    #[test]
    fn all_finite_sees_nan_and_both_infinities_anywhere() {
        assert!(all_finite(&[]));
        assert!(all_finite(&[f64::MAX, -f64::MAX, f64::MAX]));
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(!all_finite(&[bad]));
            assert!(!all_finite(&[1.0, 2.0, bad, 3.0]));
            assert_eq!(first_non_finite(&[1.0, bad]).map(|(i, _)| i), Some(1));
            // In every lane and in the remainder, at the lengths around the
            // eight lanes and a circular convolution's 132.
            for n in [2, 7, 8, 9, 17, 132] {
                let v: Vec<f64> = (0..n).map(|i| (i as f64 - 5.0) * 1e300).collect();
                assert!(all_finite(&v));
                for i in 0..n {
                    let mut w = v.clone();
                    w[i] = bad;
                    assert!(!all_finite(&w), "n = {n}, bad at {i}");
                }
            }
        }
    }
}
