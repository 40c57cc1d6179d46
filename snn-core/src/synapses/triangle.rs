//! The triangular finite-impulse-response synapse.

use super::linear_filter::{check_dt, check_time_constant};
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;
use nalgebra::DMatrix;

/// Triangular FIR filter of length `t` seconds: its impulse response falls
/// linearly from a peak at 0 to 0 at `t`. Nengo 4.1's `Triangle(t)`.
///
/// It exists only in discrete time. For a step `dt` it has
/// `n = round(t / dt) + 1` taps (`round` breaks ties to even, as numpy's
/// does: `t / dt = 2.5` gives 3 taps) with weights
/// `w_i = (n - i) / (n (n + 1) / 2)` for `i = 0..n`, which sum to 1 (unit DC
/// gain), and the output is `y[k] = sum_i w_i u[k - i]`: a unit sample at
/// `k = 0` comes out as `w_0, w_1, ..., w_{n-1}, 0, ...`.
///
/// As a [`DiscreteFilter`] it is a delay line: the state holds the last
/// `n - 1` inputs, `x[k] = (u[k], u[k-1], ..., u[k-n+2])`, so `A` shifts
/// down by one, `B = e1`, `C = (w_1, ..., w_{n-1})` and `D = w_0`; the
/// simulator steps it like any other filter with feedthrough,
/// `y[k] = C x[k-1] + D u[k]`. (Nengo computes the same sum as a running
/// total; the two agree to rounding, except that Nengo's output is left with
/// an ulp-sized residue after the triangle has passed, where this one is 0.)
///
/// `t` must be positive, finite and at least `dt`; a shorter triangle would
/// collapse to one or two taps that no longer describe it. Cost: the
/// generic state-space step is `O(n²)` per step and dimension and the
/// matrices hold `n²` values (the dense shift matrix), so `t / dt` is
/// limited to [`MAX_STEPS`](Self::MAX_STEPS).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triangle(pub f64);

impl Triangle {
    /// The longest triangle, in steps (`t / dt`), that discretizes: 1000
    /// steps is about 10⁶ multiply-adds per step and dimension.
    pub const MAX_STEPS: f64 = 1000.0;

    /// The length `t` of the triangle in seconds.
    pub fn t(&self) -> f64 {
        self.0
    }

    /// The `n = round(t / dt) + 1` tap weights `w_0..w_{n-1}` for step `dt`,
    /// after checking `t` and `dt`.
    pub fn taps(&self, dt: f64) -> Result<Vec<f64>, SynapseError> {
        let t = self.0;
        check_time_constant("Triangle", "t", t)?;
        check_dt(dt)?;
        if t < dt {
            return Err(SynapseError::ShorterThanStep {
                synapse: "Triangle",
                name: "t",
                value: t,
                dt,
            });
        }
        if t / dt > Self::MAX_STEPS {
            return Err(SynapseError::InvalidParameter {
                synapse: "Triangle",
                name: "t",
                value: t,
                reason: "spans more than Triangle::MAX_STEPS steps of dt",
            });
        }
        let n = (t / dt).round_ties_even() + 1.0;
        let total = n * (n + 1.0) / 2.0;
        // 2 <= n <= MAX_STEPS + 1, an exact integer.
        Ok((0..n as usize).map(|i| (n - i as f64) / total).collect())
    }
}

impl Synapse for Triangle {
    fn name(&self) -> &'static str {
        "Triangle"
    }

    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        let w = self.taps(dt)?;
        let m = w.len() - 1;
        let a = DMatrix::from_fn(m, m, |i, j| if i == j + 1 { 1.0 } else { 0.0 });
        let b = DMatrix::from_fn(m, 1, |i, _| if i == 0 { 1.0 } else { 0.0 });
        let c = DMatrix::from_row_slice(1, m, &w[1..]);
        let d = DMatrix::from_element(1, 1, w[0]);
        Ok(DiscreteFilter::from_state_space(a, b, c, d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DT: f64 = 0.001;

    #[test]
    fn triangle_unit_sample_response_is_its_taps_then_zero() {
        let f = Triangle(0.01).discretize(DT).unwrap();
        assert_eq!(f.order(), 10);
        let mut u = vec![0.0; 20];
        u[0] = 1.0;
        let y = f.filt(&u);
        for (k, yk) in y.into_iter().enumerate() {
            let expected = if k < 11 { (11 - k) as f64 / 66.0 } else { 0.0 };
            assert!((yk - expected).abs() < 1e-16, "k={k}: {yk} vs {expected}");
        }
    }

    #[test]
    fn triangle_spike_response_samples_the_continuous_triangle() {
        // A spike 1/dt at k = 0 gives w_k / dt: the line 1 - tau / T with
        // T = n dt = t + dt sampled at tau = k dt, scaled so the samples
        // integrate (rectangle rule) to 1: peak 2 / (T + dt).
        let t = 0.02;
        let f = Triangle(t).discretize(DT).unwrap();
        let mut u = vec![0.0; 30];
        u[0] = 1.0 / DT;
        let big_t = t + DT;
        for (k, yk) in f.filt(&u).into_iter().enumerate() {
            let expected = (2.0 / (big_t + DT) * (1.0 - k as f64 * DT / big_t)).max(0.0);
            assert!((yk - expected).abs() < 1e-9, "k={k}: {yk} vs {expected}");
        }
    }

    #[test]
    fn triangle_step_response_is_the_running_sum_of_taps_and_settles_at_one() {
        let w = Triangle(0.007).taps(DT).unwrap();
        assert_eq!(w.len(), 8);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        let y = Triangle(0.007).discretize(DT).unwrap().filt(&[2.0; 20]);
        let mut sum = 0.0;
        for (k, yk) in y.into_iter().enumerate() {
            sum += w.get(k).copied().unwrap_or(0.0);
            assert!((yk - 2.0 * sum).abs() < 1e-15, "k={k}");
        }
    }

    #[test]
    fn triangle_tap_count_rounds_ties_to_even_like_numpy() {
        // 0.0025 / 0.001 == 2.5 exactly: numpy rounds to 2, so 3 taps.
        assert_eq!(
            Triangle(0.0025).taps(DT).unwrap(),
            vec![0.5, 1.0 / 3.0, 1.0 / 6.0]
        );
        assert_eq!(Triangle(0.0035).taps(DT).unwrap().len(), 5);
        assert_eq!(
            Triangle(0.001).taps(DT).unwrap(),
            vec![2.0 / 3.0, 1.0 / 3.0]
        );
    }

    #[test]
    fn triangle_rejects_bad_lengths() {
        for t in [-1e-300, -0.01, f64::NAN, f64::INFINITY] {
            let err = Triangle(t).discretize(DT).unwrap_err();
            assert!(
                matches!(
                    err,
                    SynapseError::InvalidTimeConstant { synapse: "Triangle", name: "t", value }
                        if value.to_bits() == t.to_bits()
                ),
                "t={t}: {err:?}"
            );
        }
    }

    #[test]
    fn triangle_shorter_than_dt_is_rejected() {
        let err = Triangle(0.0009).discretize(DT).unwrap_err();
        let expected = SynapseError::ShorterThanStep {
            synapse: "Triangle",
            name: "t",
            value: 0.0009,
            dt: DT,
        };
        assert_eq!(err, expected);
        assert_eq!(
            Triangle(0.01).discretize(0.0).unwrap_err(),
            SynapseError::InvalidDt(0.0)
        );
    }

    #[test]
    fn triangle_longer_than_max_steps_is_rejected() {
        assert_eq!(Triangle(1.0).taps(DT).unwrap().len(), 1001);
        for t in [1.0011, 1e300] {
            let err = Triangle(t).discretize(DT).unwrap_err();
            assert!(
                matches!(
                    err,
                    SynapseError::InvalidParameter { synapse: "Triangle", name: "t", value, .. }
                        if value == t
                ),
                "t={t}: {err:?}"
            );
        }
    }

    #[test]
    fn triangle_at_extreme_lengths_and_steps_errs_instead_of_hanging() {
        for (t, dt) in [
            (1e-50, DT),
            (0.0, DT),
            (0.01, 1e44),
            (0.01, 1e-300),
            (1e300, DT),
        ] {
            let err = Triangle(t).discretize(dt).unwrap_err();
            assert!(
                matches!(
                    err,
                    SynapseError::ShorterThanStep { .. } | SynapseError::InvalidParameter { .. }
                ),
                "t={t} dt={dt}: {err:?}"
            );
        }
    }
}
