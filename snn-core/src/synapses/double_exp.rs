//! The double-exponential synapse: two lowpass stages with different time
//! constants in series.

use super::linear_filter::{check_dt, check_time_constant, LinearFilter};
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;
use nalgebra::DMatrix;

/// Double-exponential filter
/// `H(s) = 1 / ((tau_rise s + 1)(tau_fall s + 1))`; times in seconds.
///
/// A postsynaptic current with separate rise and decay times. For
/// `tau_rise != tau_fall` its impulse response is
/// `h(t) = (exp(-t/tau_fall) - exp(-t/tau_rise)) / (tau_fall - tau_rise)`
/// and its unit step response is
/// `1 - (tau_fall exp(-t/tau_fall) - tau_rise exp(-t/tau_rise)) / (tau_fall - tau_rise)`;
/// at `tau_rise == tau_fall = tau` it is exactly [`Alpha(tau)`](super::Alpha)
/// (the transfer function has no special case there). Unit DC gain.
///
/// The transfer function is symmetric in its two time constants; the names
/// only say which one is meant to be the shorter. Nengo 4.1 builds the same
/// filter as `LinearFilter([1], [tau1 * tau2, tau1 + tau2, 1])` (or
/// `Lowpass(tau1).combine(Lowpass(tau2))`). Both time constants must be
/// finite and non-negative; one that is 0 leaves the other's `Lowpass`. Discretized through [`LinearFilter`]: one 3 × 3
/// matrix exponential, then two states per dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DoubleExp(pub f64, pub f64);

impl DoubleExp {
    /// The rise time constant `tau_rise` in seconds.
    pub fn tau_rise(&self) -> f64 {
        self.0
    }

    /// The decay time constant `tau_fall` in seconds.
    pub fn tau_fall(&self) -> f64 {
        self.1
    }

    /// Checks both time constants and returns the continuous transfer
    /// function `[1] / [tau_rise tau_fall, tau_rise + tau_fall, 1]`.
    pub fn transfer_function(&self) -> Result<LinearFilter, SynapseError> {
        let (tau1, tau2) = (self.0, self.1);
        check_time_constant("DoubleExp", "tau_rise", tau1)?;
        check_time_constant("DoubleExp", "tau_fall", tau2)?;
        Ok(LinearFilter::new(
            vec![1.0],
            vec![tau1 * tau2, tau1 + tau2, 1.0],
        ))
    }
}

impl Synapse for DoubleExp {
    fn name(&self) -> &'static str {
        "DoubleExp"
    }

    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        self.transfer_function()?;
        check_dt(dt)?;
        // No stage is dropped for being fast (the cascade is exact for any
        // spread); one of 0 leaves Lowpass(other), bit for bit.
        let (t1, t2) = (self.0, self.1);
        if t1 == 0.0 || t2 == 0.0 {
            // At most one stage left: Lowpass(t1 + t2), or a gain of 1.
            return DoubleExp(t1, t2).transfer_function()?.discretize(dt);
        }
        Ok(cascade(t1.min(t2), t1.max(t2), dt))
    }
}

/// The exact zero-order hold of `1 / (t1 s + 1)` followed by
/// `1 / (t2 s + 1)`, `0 < t1 <= t2`: states `x1` (first stage) and `x2`
/// (the output),
///
/// `Ad = [[a1, 0], [g, a2]]`, `Bd = [1 - a1, 1 - a2 - g]`, `C = [0, 1]`,
///
/// with `a_i = exp(-dt / t_i)` and `g = t1 (a1 - a2) / (t1 - t2)` the
/// second stage's response at `dt` to a unit first stage, computed as
/// `a2 (dt / t2) expm1(z) / z` with `z = dt / t2 - dt / t1 <= 0` (no
/// cancellation, and `g = a (dt / t)` at `t1 = t2`, Alpha). `Bd`'s second
/// entry follows from unit DC gain, `x = Ad x + Bd` at `x = [1, 1]`.
fn cascade(t1: f64, t2: f64, dt: f64) -> DiscreteFilter {
    let (x1, x2) = (dt / t1, dt / t2);
    let (a1, a2) = ((-x1).exp(), (-x2).exp());
    let z = x2 - x1;
    let phi = if z == 0.0 { 1.0 } else { z.exp_m1() / z };
    let g = a2 * x2 * phi;
    let a = DMatrix::from_row_slice(2, 2, &[a1, 0.0, g, a2]);
    let b = DMatrix::from_row_slice(2, 1, &[-(-x1).exp_m1(), -(-x2).exp_m1() - g]);
    let c = DMatrix::from_row_slice(1, 2, &[0.0, 1.0]);
    DiscreteFilter::from_state_space(a, b, c, DMatrix::zeros(1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synapses::Alpha;

    const DT: f64 = 0.001;

    /// The exact unit step response for `tau1 != tau2`.
    fn step_response(tau1: f64, tau2: f64, t: f64) -> f64 {
        1.0 - (tau2 * (-t / tau2).exp() - tau1 * (-t / tau1).exp()) / (tau2 - tau1)
    }

    #[test]
    fn double_exp_step_response_matches_closed_form() {
        // ZOH is exact for a held input: y[k] is the step response at (k + 1) dt.
        for (tau1, tau2) in [(0.002, 0.01), (0.0005, 0.005), (0.01, 0.1), (0.01, 0.002)] {
            let y = DoubleExp(tau1, tau2)
                .discretize(DT)
                .unwrap()
                .filt(&[1.0; 400]);
            for (k, yk) in y.into_iter().enumerate() {
                let expected = step_response(tau1, tau2, (k + 1) as f64 * DT);
                assert!(
                    (yk - expected).abs() < 1e-13,
                    "({tau1}, {tau2}) k={k}: {yk} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn double_exp_spike_response_is_the_step_response_difference() {
        // A spike (one sample of height 1/dt at k = 0) is a unit-area pulse
        // over [0, dt): y[k] = (S((k + 1) dt) - S(k dt)) / dt, the mean of
        // h(t) over step k, within dt^2 |h''| / 24 of h((k + 1/2) dt).
        let (tau1, tau2) = (0.002, 0.01);
        let mut u = vec![0.0; 300];
        u[0] = 1.0 / DT;
        let y = DoubleExp(tau1, tau2).discretize(DT).unwrap().filt(&u);
        // |h''| is largest at t = 0: (1/tau1^2 - 1/tau2^2) / (tau2 - tau1).
        let h2_max = (tau1.powi(-2) - tau2.powi(-2)) / (tau2 - tau1);
        let midpoint_bound = DT * DT / 24.0 * h2_max;
        for (k, yk) in y.into_iter().enumerate() {
            let (t0, t1) = (k as f64 * DT, (k + 1) as f64 * DT);
            let expected = (step_response(tau1, tau2, t1) - step_response(tau1, tau2, t0)) / DT;
            assert!((yk - expected).abs() < 1e-9, "k={k}: {yk} vs {expected}");
            let tm = 0.5 * (t0 + t1);
            let h = ((-tm / tau2).exp() - (-tm / tau1).exp()) / (tau2 - tau1);
            assert!((yk - h).abs() <= midpoint_bound, "k={k}: {yk} vs h={h}");
        }
    }

    #[test]
    fn double_exp_has_unit_dc_gain() {
        let f = DoubleExp(0.003, 0.03).discretize(DT).unwrap();
        let settled = *f.filt(&[2.5; 2000]).last().unwrap();
        assert!((settled - 2.5).abs() < 1e-12, "{settled}");
    }

    #[test]
    fn double_exp_with_equal_time_constants_is_alpha() {
        let tau = 0.005;
        let ours = DoubleExp(tau, tau).discretize(DT).unwrap();
        let alpha = Alpha(tau).discretize(DT).unwrap();
        let mut u = vec![1.0; 300];
        u[7] = 1.0 / DT;
        for (y, a) in ours.filt(&u).into_iter().zip(alpha.filt(&u)) {
            assert!((y - a).abs() < 1e-13 * a.abs().max(1.0), "{y} vs {a}");
        }
    }

    #[test]
    fn double_exp_is_symmetric_in_its_time_constants() {
        let a = DoubleExp(0.002, 0.01).discretize(DT).unwrap();
        let b = DoubleExp(0.01, 0.002).discretize(DT).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn double_exp_rejects_bad_time_constants() {
        for bad in [-1e-300, -0.002, f64::NAN, f64::INFINITY] {
            for (synapse, name) in [
                (DoubleExp(bad, 0.01), "tau_rise"),
                (DoubleExp(0.002, bad), "tau_fall"),
            ] {
                let err = synapse.discretize(DT).unwrap_err();
                assert!(
                    matches!(
                        err,
                        SynapseError::InvalidTimeConstant { synapse: "DoubleExp", name: n, value }
                            if n == name && value.to_bits() == bad.to_bits()
                    ),
                    "{synapse:?}: {err:?}"
                );
                let from_tf = synapse.transfer_function().unwrap_err();
                assert_eq!(format!("{from_tf:?}"), format!("{err:?}"));
            }
        }
    }

    #[test]
    fn double_exp_rejects_bad_dt() {
        let err = DoubleExp(0.002, 0.01).discretize(-1.0).unwrap_err();
        assert_eq!(err, SynapseError::InvalidDt(-1.0));
    }

    #[test]
    fn double_exp_with_a_negligible_time_constant_is_the_other_lowpass() {
        // 1e-50 made the matrix exponential loop forever. A stage of 0 is
        // dropped; one far below dt settles within the step, leaving the
        // other stage's response to rounding.
        let lowpass = crate::synapses::Lowpass(0.01).discretize(DT).unwrap();
        assert_eq!(DoubleExp(0.0, 0.01).discretize(DT).unwrap(), lowpass);
        assert_eq!(DoubleExp(0.01, 0.0).discretize(DT).unwrap(), lowpass);
        let expected = lowpass.filt(&[1.0; 50]);
        for fast in [1e-20, 1e-50, 1e-300, 1e-320] {
            for ours in [DoubleExp(fast, 0.01), DoubleExp(0.01, fast)] {
                let y = ours.discretize(DT).unwrap().filt(&[1.0; 50]);
                for (yk, ek) in y.iter().zip(&expected) {
                    assert!((yk - ek).abs() < 1e-14, "{ours:?}: {yk} vs {ek}");
                }
            }
        }
        for (t1, t2, dt) in [(1e-50, 1e-60, DT), (0.0, 0.0, DT), (0.002, 0.01, 1e44)] {
            let f = DoubleExp(t1, t2).discretize(dt).unwrap();
            assert_eq!(
                f.filt(&[1.0, -2.0, 3.5]),
                vec![1.0, -2.0, 3.5],
                "({t1}, {t2}) dt={dt}"
            );
        }
    }

    #[test]
    fn double_exp_with_time_constants_far_apart_matches_closed_form() {
        // Through the companion matrix a DoubleExp(1e-10, 0.01) drifted
        // 4e-9 from its response in 20 steps and DoubleExp(1e-19, 0.01) was
        // 4% off; the cascade is exact to rounding at any spread.
        for tau2 in [DT / 10.0, DT, 0.01, 0.1] {
            for k in 0..=20 {
                let tau1 = DT * 10f64.powi(-k);
                if tau1 == tau2 {
                    continue; // Alpha, tested against its own closed form
                }
                let y = DoubleExp(tau1, tau2)
                    .discretize(DT)
                    .unwrap()
                    .filt(&[1.0; 20]);
                for (i, yi) in y.into_iter().enumerate() {
                    let expected = step_response(tau1, tau2, (i + 1) as f64 * DT);
                    assert!(
                        (yi - expected).abs() < 1e-14,
                        "({tau1}, {tau2}) step {i}: {yi} vs {expected}"
                    );
                }
            }
        }
    }
}
