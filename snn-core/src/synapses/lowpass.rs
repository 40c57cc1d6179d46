//! The first-order lowpass synapse, the default filter of every connection.

use super::linear_filter::{check_time_constant, LinearFilter};
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;

/// First-order lowpass filter `H(s) = 1 / (tau s + 1)`, impulse response
/// `h(t) = exp(-t / tau) / tau`; `tau` in seconds.
///
/// The usual model of a postsynaptic current. Discretized with a zero-order
/// hold it steps as `y[k] = a y[k-1] + (1 - a) u[k]` with `a = exp(-dt/tau)`,
/// so its unit step response is exactly `y[k] = 1 - exp(-(k + 1) dt / tau)`.
///
/// `tau` must be positive and finite (Nengo also accepts `tau = 0` as "no
/// filter"; here that is `None` where a synapse is asked for).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lowpass(pub f64);

impl Lowpass {
    /// The time constant `tau` in seconds.
    pub fn tau(&self) -> f64 {
        self.0
    }

    /// The same filter as a general transfer function: `[1] / [tau, 1]`.
    pub fn linear_filter(&self) -> LinearFilter {
        LinearFilter::new(vec![1.0], vec![self.0, 1.0])
    }

    /// Checks `tau` and returns the continuous transfer function
    /// `[1] / [tau, 1]`.
    pub fn transfer_function(&self) -> Result<LinearFilter, SynapseError> {
        check_time_constant("Lowpass", "tau", self.0)?;
        Ok(self.linear_filter())
    }
}

impl Synapse for Lowpass {
    fn name(&self) -> &'static str {
        "Lowpass"
    }

    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        check_time_constant(self.name(), "tau", self.0)?;
        self.linear_filter().discretize(dt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DT: f64 = 0.001;

    #[test]
    fn lowpass_step_response_matches_closed_form() {
        for tau in [0.002, 0.005, 0.1] {
            let y = Lowpass(tau).discretize(DT).unwrap().filt(&[1.0; 300]);
            for (k, yk) in y.into_iter().enumerate() {
                let expected = 1.0 - (-((k + 1) as f64) * DT / tau).exp();
                assert!((yk - expected).abs() < 1e-13, "tau={tau} k={k}");
            }
        }
    }

    #[test]
    fn lowpass_impulse_response_matches_closed_form() {
        // A unit-area pulse 1/dt at k = 0 leaves y[k] = a^k (1 - a) / dt.
        let tau = 0.005;
        let mut u = vec![0.0; 200];
        u[0] = 1.0 / DT;
        let y = Lowpass(tau).discretize(DT).unwrap().filt(&u);
        let a = (-DT / tau).exp();
        for (k, yk) in y.into_iter().enumerate() {
            let expected = (-(k as f64) * DT / tau).exp() * (1.0 - a) / DT;
            assert!((yk - expected).abs() < 1e-10 * expected.abs(), "k={k}");
        }
    }

    #[test]
    fn lowpass_discretizes_to_a_single_pole_exp_minus_dt_over_tau() {
        let f = Lowpass(0.01).discretize(DT).unwrap();
        let a = (-DT / 0.01).exp();
        assert_eq!(f.order(), 1);
        assert!((f.a()[(0, 0)] - a).abs() < 1e-15);
        assert!((f.c()[(0, 0)] * f.b()[(0, 0)] - (1.0 - a)).abs() < 1e-15);
        assert_eq!(f.d()[(0, 0)], 0.0);
    }

    #[test]
    fn lowpass_rejects_bad_time_constants() {
        for tau in [0.0, -0.005, f64::NAN, f64::INFINITY] {
            let err = Lowpass(tau).discretize(DT).unwrap_err();
            assert!(
                matches!(
                    err,
                    SynapseError::InvalidTimeConstant { synapse: "Lowpass", name: "tau", value }
                        if value.to_bits() == tau.to_bits()
                ),
                "tau={tau}: {err:?}"
            );
        }
    }

    #[test]
    fn lowpass_rejects_bad_dt() {
        assert_eq!(
            Lowpass(0.005).discretize(0.0).unwrap_err(),
            SynapseError::InvalidDt(0.0)
        );
    }
}
