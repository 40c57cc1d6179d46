//! The first-order lowpass synapse, the default filter of every connection.

use super::linear_filter::{check_dt, check_time_constant, effective_tau, LinearFilter};
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;

/// First-order lowpass filter `H(s) = 1 / (tau s + 1)`, impulse response
/// `h(t) = exp(-t / tau) / tau`; `tau` in seconds.
///
/// The usual model of a postsynaptic current. Discretized with a zero-order
/// hold it steps as `y[k] = a y[k-1] + (1 - a) u[k]` with `a = exp(-dt/tau)`,
/// so its unit step response is exactly `y[k] = 1 - exp(-(k + 1) dt / tau)`.
///
/// `tau` must be finite and non-negative. `Lowpass(0)` is, as in Nengo,
/// `LinearFilter([1], [0, 1])`: a gain of 1 with no state, which a
/// connection delivers one step late (`y[n] = x[n-1]`), unlike `None` (no
/// synapse), which delivers in the same step. A `tau` far below `dt` (under
/// `1e-8 dt`) is that same pass-through: its decay over a step is below
/// f64 resolution.
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
        check_dt(dt)?;
        Lowpass(effective_tau(self.0, dt))
            .linear_filter()
            .discretize(dt)
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
        for tau in [-0.005, -1e-300, f64::NAN, f64::INFINITY] {
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
    fn lowpass_of_zero_is_a_one_step_delay_like_nengo() {
        // Nengo 4.1 (nengo.Connection(u, n, synapse=0) into a passthrough
        // node, dt = 0.001, u = [0, 0, 1, 2, 4, 8, 16, 32]) records
        // [0, 0, 0, 1, 2, 4, 8, 16]: y[n] = x[n-1]. A filter here is a gain
        // of 1 with no state (`filt` passes through, as Nengo's `filt`
        // does); the connection's one-step delay is the simulator's.
        // Generated with nengo 4.1.0:
        //   with nengo.Network() as net:
        //       u = nengo.Node(lambda t: [0, 0, 1., 2, 4, 8, 16, 32][round(t / 1e-3) - 1])
        //       n = nengo.Node(size_in=1); nengo.Connection(u, n, synapse=0)
        //       p = nengo.Probe(n)
        //   with nengo.Simulator(net) as sim: sim.run_steps(8)  # sim.data[p]
        let f = Lowpass(0.0).discretize(DT).unwrap();
        assert_eq!(f.order(), 0);
        assert_eq!(f.d()[(0, 0)], 1.0);
        let u = [0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0];
        assert_eq!(f.filt(&u), u.to_vec());
    }

    #[test]
    fn lowpass_far_below_dt_is_a_one_step_pass_through_and_never_hangs() {
        // 1e-50 and 1e-45 made the matrix exponential loop forever; 1e-320
        // overflowed the normalized coefficients. All are exp(-dt/tau) = 0.
        for (tau, dt) in [
            (1e-45, DT),
            (1e-50, DT),
            (1e-60, DT),
            (1e-320, DT),
            (0.005, 1e44),
            (0.005, 1e300),
            (1e-300, 1e-290),
        ] {
            let f = Lowpass(tau).discretize(dt).unwrap();
            assert_eq!(
                f.filt(&[1.0, -2.0, 3.5]),
                vec![1.0, -2.0, 3.5],
                "tau={tau} dt={dt}"
            );
        }
    }

    #[test]
    fn lowpass_just_above_the_negligible_limit_matches_closed_form() {
        // Kept (above 1e-8 dt) and computed through the matrix exponential.
        for (tau, dt) in [(2e-11, DT), (1e-7, DT), (1e-4, 1e2), (1e-4, 1e4)] {
            let f = Lowpass(tau).discretize(dt).unwrap();
            let a = (-dt / tau).exp();
            let y = f.filt(&[1.0; 3]);
            for (k, yk) in y.into_iter().enumerate() {
                let expected = 1.0 - a.powi(k as i32 + 1);
                assert!(
                    (yk - expected).abs() < 1e-13,
                    "tau={tau} dt={dt} k={k}: {yk}"
                );
            }
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
