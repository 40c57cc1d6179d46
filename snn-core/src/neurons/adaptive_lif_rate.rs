//! The adapting LIF rate neuron, and the adaptation helpers it shares with
//! its spiking twin.

use super::lif_rate::{lif_rate, lif_tuning, validate_lif};
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::RngCore;

/// Non-spiking LIF neuron with an adaptation current `n` subtracted from its
/// input (La Camera et al. 2004, as in Nengo's `AdaptiveLIFRate`).
///
/// Output `r = LIFRate(J - n)` (see [`LIFRate`](super::LIFRate)) and
/// `tau_n dn/dt = inc_n r - n`, stepped as Nengo steps it: the output is
/// computed from the current `n`, then forward Euler,
/// `n ← n + (dt / tau_n)(inc_n r - n)`.
///
/// [`rates`](NeuronType::rates) and the tuning ignore adaptation, as Nengo's
/// do: they are the rates of a fresh neuron (`n = 0`). Under constant `J` the
/// neuron settles at [`adapted_rate`](Self::adapted_rate).
///
/// State: `adaptation` (`n`, initially 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaptiveLIFRate {
    /// Adaptation time constant (s).
    pub tau_n: f64,
    /// Adaptation increment: `n` is driven towards `inc_n * r`.
    pub inc_n: f64,
    /// Membrane RC time constant (s).
    pub tau_rc: f64,
    /// Absolute refractory period (s).
    pub tau_ref: f64,
    /// Scale of the output.
    pub amplitude: f64,
}

impl Default for AdaptiveLIFRate {
    /// Nengo's defaults: `tau_n = 1`, `inc_n = 0.01`, `tau_rc = 0.02`,
    /// `tau_ref = 0.002`, `amplitude = 1`.
    fn default() -> Self {
        Self {
            tau_n: 1.0,
            inc_n: 0.01,
            tau_rc: 0.02,
            tau_ref: 0.002,
            amplitude: 1.0,
        }
    }
}

impl AdaptiveLIFRate {
    /// An adapting LIF rate neuron with the given adaptation and Nengo's
    /// other defaults.
    pub fn new(tau_n: f64, inc_n: f64) -> Self {
        Self {
            tau_n,
            inc_n,
            ..Self::default()
        }
    }

    /// The rate (Hz) the neuron settles at under constant current `j`: the
    /// fixed point `r* = LIFRate(j - n*)` with `n* = inc_n r*`.
    pub fn adapted_rate(&self, j: f64) -> f64 {
        adapted_lif_rate(j, self.inc_n, self.tau_rc, self.tau_ref, self.amplitude).0
    }
}

/// Checks the adaptation parameters: `tau_n` positive and finite, `inc_n`
/// non-negative and finite (Nengo's ranges).
pub(crate) fn validate_adaptation(
    neuron: &'static str,
    tau_n: f64,
    inc_n: f64,
) -> Result<(), NeuronError> {
    let bad = |param, value, reason| NeuronError::InvalidParameter {
        neuron,
        param,
        value,
        reason,
    };
    if !(tau_n.is_finite() && tau_n > 0.0) {
        return Err(bad("tau_n", tau_n, "must be positive and finite"));
    }
    if !(inc_n.is_finite() && inc_n >= 0.0) {
        return Err(bad("inc_n", inc_n, "must be non-negative and finite"));
    }
    Ok(())
}

/// The steady state `(r*, n*)` of an adapting LIF at constant `j`:
/// `n* = inc_n r*`, `r* = lif_rate(j - n*)`. `g(n) = inc_n lif_rate(j - n) - n`
/// falls strictly from `g(0) >= 0` to `g(inc_n lif_rate(j)) <= 0`, so `n*` is
/// bisected on that bracket (60 halvings, ~1e-18 relative). Just above the
/// threshold (`j - 1` below about `inc_n / (50 tau_rc)`) the fixed point lies
/// within rounding of `j - n = 1`; the result is then the rate on either side
/// of that rounding step.
pub(crate) fn adapted_lif_rate(
    j: f64,
    inc_n: f64,
    tau_rc: f64,
    tau_ref: f64,
    amplitude: f64,
) -> (f64, f64) {
    let rate = |n: f64| lif_rate(j - n, tau_rc, tau_ref, amplitude);
    let (mut lo, mut hi) = (0.0, inc_n * rate(0.0));
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if inc_n * rate(mid) > mid {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let n = 0.5 * (lo + hi);
    (rate(n), n)
}

impl NeuronType for AdaptiveLIFRate {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new(
            "AdaptiveLIFRate",
            &[
                self.tau_n,
                self.inc_n,
                self.tau_rc,
                self.tau_ref,
                self.amplitude,
            ],
        ))
    }

    fn name(&self) -> &'static str {
        "AdaptiveLIFRate"
    }

    fn spiking(&self) -> bool {
        false
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["adaptation"]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_lif(self.name(), self.tau_rc, self.tau_ref, self.amplitude)?;
        validate_adaptation(self.name(), self.tau_n, self.inc_n)
    }

    /// `adaptation = 0`.
    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 1)
    }

    /// The LIF rate curve at `n = 0` (adaptation ignored, as in Nengo).
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            *o = lif_rate(j, self.tau_rc, self.tau_ref, self.amplitude);
        }
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let decay = (f64::from(dt) / self.tau_n) as f32;
        let inc_n = self.inc_n as f32;
        let adaptation = state.var_mut(0);
        for ((o, n), &j) in output.iter_mut().zip(adaptation).zip(j) {
            let r = lif_rate(f64::from(j - *n), self.tau_rc, self.tau_ref, self.amplitude) as f32;
            *o = r;
            *n += decay * (inc_n * r - *n);
        }
    }

    lif_tuning!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outputs of one neuron from `n = 0` at constant `j`, `steps` steps of 1 ms.
    fn run(neuron: &AdaptiveLIFRate, j: f32, steps: usize) -> (Vec<f32>, f32) {
        let mut state = NeuronState::zeros(1, 1);
        let mut out = [0.0f32];
        let rates = (0..steps)
            .map(|_| {
                neuron.step(0.001, &[j], &mut state, &mut out);
                out[0]
            })
            .collect();
        (rates, state.var(0)[0])
    }

    #[test]
    fn first_output_is_the_unadapted_lif_rate() {
        let neuron = AdaptiveLIFRate::default();
        let mut r = [0.0];
        neuron.rates(&[3.0], &mut r);
        let exact = 1.0 / (0.002 + 0.02 * (1.0f64 + 1.0 / 2.0).ln());
        assert!((r[0] - exact).abs() < 1e-9);
        let (out, _) = run(&neuron, 3.0, 1);
        assert!((f64::from(out[0]) - exact).abs() < 1e-4 * exact);
    }

    #[test]
    fn rate_falls_monotonically_and_settles_at_the_adapted_rate() {
        let neuron = AdaptiveLIFRate::new(0.1, 0.05);
        let (out, n) = run(&neuron, 4.0, 2000);
        assert!(out.windows(2).all(|w| w[1] <= w[0]), "rate must not rise");
        let (r_star, n_star) = adapted_lif_rate(4.0, 0.05, 0.02, 0.002, 1.0);
        // 20 time constants: the Euler iteration has converged to f32 precision.
        assert!((f64::from(out[1999]) - r_star).abs() < 1e-3 * r_star);
        assert!((f64::from(n) - n_star).abs() < 1e-4 * n_star);
        assert!(
            r_star < 0.6 * f64::from(out[0]),
            "adaptation must be strong here"
        );
    }

    #[test]
    fn adapted_rate_is_the_fixed_point_of_the_adaptation_equation() {
        let neuron = AdaptiveLIFRate::default();
        for j in [0.5, 1.05, 2.0, 10.0, 100.0] {
            let (r, n) = adapted_lif_rate(j, 0.01, 0.02, 0.002, 1.0);
            assert!((n - 0.01 * r).abs() < 1e-12, "J = {j}");
            assert!((r - lif_rate(j - n, 0.02, 0.002, 1.0)).abs() < 1e-9 * r.max(1.0));
            assert_eq!(neuron.adapted_rate(j), r);
        }
        assert_eq!(neuron.adapted_rate(0.5), 0.0);
    }

    #[test]
    fn bad_adaptation_parameters_are_rejected() {
        let param_of = |n: AdaptiveLIFRate| match n.validate() {
            Err(NeuronError::InvalidParameter { param, .. }) => param,
            other => panic!("expected InvalidParameter, got {other:?}"),
        };
        assert_eq!(param_of(AdaptiveLIFRate::new(0.0, 0.01)), "tau_n");
        assert_eq!(param_of(AdaptiveLIFRate::new(f64::INFINITY, 0.01)), "tau_n");
        assert_eq!(param_of(AdaptiveLIFRate::new(1.0, -0.01)), "inc_n");
        assert_eq!(param_of(AdaptiveLIFRate::new(1.0, f64::NAN)), "inc_n");
        let bad_rc = AdaptiveLIFRate {
            tau_rc: -1.0,
            ..AdaptiveLIFRate::default()
        };
        assert_eq!(param_of(bad_rc), "tau_rc");
        assert!(AdaptiveLIFRate::default().validate().is_ok());
    }
}
