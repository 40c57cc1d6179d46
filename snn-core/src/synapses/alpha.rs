//! The alpha synapse: two identical lowpass stages in series.

use super::linear_filter::{check_dt, check_time_constant, effective_tau, LinearFilter};
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;

/// Alpha filter `H(s) = 1 / (tau s + 1)^2`, impulse response
/// `h(t) = (t / tau^2) exp(-t / tau)`; `tau` in seconds.
///
/// A postsynaptic current that rises before it decays (Mainen & Sejnowski,
/// 1995). Its unit step response is `1 - (1 + t/tau) exp(-t/tau)`, which the
/// discretized filter reproduces exactly at `t = (k + 1) dt`. `tau` must be
/// finite and non-negative: `Alpha(0)` (as in Nengo) and any `tau` below
/// `1e-8 dt` are a gain of 1, a one-step pass-through on a connection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alpha(pub f64);

impl Alpha {
    /// The time constant `tau` in seconds.
    pub fn tau(&self) -> f64 {
        self.0
    }

    /// The same filter as a general transfer function:
    /// `[1] / [tau^2, 2 tau, 1]`.
    pub fn linear_filter(&self) -> LinearFilter {
        let tau = self.0;
        LinearFilter::new(vec![1.0], vec![tau * tau, 2.0 * tau, 1.0])
    }

    /// Checks `tau` and returns the continuous transfer function
    /// `[1] / [tau^2, 2 tau, 1]`.
    pub fn transfer_function(&self) -> Result<LinearFilter, SynapseError> {
        check_time_constant("Alpha", "tau", self.0)?;
        Ok(self.linear_filter())
    }
}

impl Synapse for Alpha {
    fn name(&self) -> &'static str {
        "Alpha"
    }

    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        check_time_constant(self.name(), "tau", self.0)?;
        check_dt(dt)?;
        Alpha(effective_tau(self.0, dt))
            .linear_filter()
            .discretize(dt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DT: f64 = 0.001;

    fn step_response(tau: f64, t: f64) -> f64 {
        1.0 - (1.0 + t / tau) * (-t / tau).exp()
    }

    #[test]
    fn alpha_step_response_matches_closed_form() {
        for tau in [0.002, 0.005, 0.1] {
            let y = Alpha(tau).discretize(DT).unwrap().filt(&[1.0; 300]);
            for (k, yk) in y.into_iter().enumerate() {
                let expected = step_response(tau, (k + 1) as f64 * DT);
                assert!((yk - expected).abs() < 1e-13, "tau={tau} k={k}");
            }
        }
    }

    #[test]
    fn alpha_impulse_response_is_the_difference_of_shifted_steps() {
        // A unit-area pulse over [0, dt) is (step(t) - step(t - dt)) / dt, so
        // y[k] = (S((k + 1) dt) - S(k dt)) / dt: the mean of h over the step,
        // within the midpoint rule's dt^2 h'' / 24 of h((k + 1/2) dt).
        let tau = 0.005;
        let mut u = vec![0.0; 200];
        u[0] = 1.0 / DT;
        let y = Alpha(tau).discretize(DT).unwrap().filt(&u);
        for (k, yk) in y.into_iter().enumerate() {
            let (t0, t1) = (k as f64 * DT, (k + 1) as f64 * DT);
            let expected = (step_response(tau, t1) - step_response(tau, t0)) / DT;
            assert!((yk - expected).abs() < 1e-9, "k={k}: {yk} vs {expected}");
            let tm = 0.5 * (t0 + t1);
            let h = tm / (tau * tau) * (-tm / tau).exp();
            let peak = 1.0 / (std::f64::consts::E * tau);
            assert!((yk - h).abs() < 0.02 * peak, "k={k}: {yk} vs h={h}");
        }
    }

    #[test]
    fn alpha_transition_matrix_matches_repeated_pole_exponential() {
        // For a double pole at -1/tau: exp(A dt) = exp(-dt/tau) (I + (A + I/tau) dt).
        let tau = 0.005;
        let f = Alpha(tau).discretize(DT).unwrap();
        let a =
            nalgebra::DMatrix::from_row_slice(2, 2, &[-2.0 / tau, -1.0 / (tau * tau), 1.0, 0.0]);
        let id = nalgebra::DMatrix::<f64>::identity(2, 2);
        let expected = (&id + (&a + &id / tau) * DT) * (-DT / tau).exp();
        assert!(
            (f.a() - &expected).amax() < 1e-14,
            "{} vs {expected}",
            f.a()
        );
    }

    #[test]
    fn alpha_rejects_bad_time_constants() {
        for tau in [-1e-9, -1.0, f64::NAN, f64::NEG_INFINITY] {
            let err = Alpha(tau).discretize(DT).unwrap_err();
            assert!(
                matches!(
                    err,
                    SynapseError::InvalidTimeConstant { synapse: "Alpha", name: "tau", value }
                        if value.to_bits() == tau.to_bits()
                ),
                "tau={tau}: {err:?}"
            );
        }
    }

    #[test]
    fn alpha_far_below_dt_or_zero_is_a_one_step_pass_through_and_never_hangs() {
        for (tau, dt) in [(0.0, DT), (1e-50, DT), (1e-200, DT), (0.005, 1e44)] {
            let f = Alpha(tau).discretize(dt).unwrap();
            assert_eq!(
                f.filt(&[1.0, -2.0, 3.5]),
                vec![1.0, -2.0, 3.5],
                "tau={tau} dt={dt}"
            );
        }
    }

    #[test]
    fn alpha_just_above_the_negligible_limit_settles_in_one_step() {
        // Kept (2e-8 dt is above the limit) and computed: (1 + t/tau)
        // exp(-t/tau) is 0 in f64 for t/tau = 5e7, so the exact answer is 1.
        let y = Alpha(2e-11).discretize(DT).unwrap().filt(&[1.0; 4]);
        for yk in y {
            assert!((yk - 1.0).abs() < 1e-12, "{yk}");
        }
    }
}
