//! The spiking adapting LIF neuron, stepped as Nengo steps it.

use super::adaptive_lif_rate::{adapted_lif_rate, validate_adaptation};
use super::lif::{validate_min_voltage, InPlace, LifMembrane, Pair};
use super::lif_rate::{lif_rates, lif_tuning, validate_lif};
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::{Rng, RngCore};

/// Spiking LIF neuron with an adaptation current `n` subtracted from its
/// input (La Camera et al. 2004, as in Nengo's `AdaptiveLIF`).
///
/// Each step, in Nengo's order:
/// 1. the membrane takes one exact [`LIF`](super::LIF) step under
///    `J_eff = J - n` (sub-step spike timing, refractory period, floor at
///    `min_voltage`), giving the output `o` (`amplitude / dt` on a spike);
/// 2. `n ← n + (dt / tau_n)(inc_n o - n)`: forward Euler of
///    `tau_n dn/dt = inc_n o - n`, so `n` decays by the factor
///    `1 - dt / tau_n` per step and jumps by `inc_n amplitude / tau_n` per
///    spike (by `inc_n` at the default `tau_n = 1`).
///
/// Averaged over spikes, `n ≈ inc_n amplitude r`, so under constant `J` the
/// rate falls from the LIF rate towards
/// [`adapted_rate`](Self::adapted_rate). [`rates`](NeuronType::rates) and the
/// tuning ignore adaptation, as Nengo's do.
///
/// State: `voltage` (initially U(0, 1), as in Nengo), `refractory_time` and
/// `adaptation` (`n`, initially 0). Cost per step: three passes over the
/// population (`J_eff`, membrane, adaptation), one `exp_m1` per neuron.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdaptiveLIF {
    /// Adaptation time constant (s).
    pub tau_n: f64,
    /// Adaptation increment (see the type's update rule).
    pub inc_n: f64,
    /// Membrane RC time constant (s).
    pub tau_rc: f64,
    /// Absolute refractory period (s).
    pub tau_ref: f64,
    /// Floor of the membrane voltage.
    pub min_voltage: f64,
    /// Spike area: each spike is `amplitude / dt` high for one step.
    pub amplitude: f64,
}

impl Default for AdaptiveLIF {
    /// Nengo's defaults: `tau_n = 1`, `inc_n = 0.01`, `tau_rc = 0.02`,
    /// `tau_ref = 0.002`, `min_voltage = 0`, `amplitude = 1`.
    fn default() -> Self {
        Self {
            tau_n: 1.0,
            inc_n: 0.01,
            tau_rc: 0.02,
            tau_ref: 0.002,
            min_voltage: 0.0,
            amplitude: 1.0,
        }
    }
}

impl AdaptiveLIF {
    /// An adapting LIF neuron with the given adaptation and Nengo's other
    /// defaults.
    pub fn new(tau_n: f64, inc_n: f64) -> Self {
        Self {
            tau_n,
            inc_n,
            ..Self::default()
        }
    }

    /// The rate (Hz) the neuron settles at under constant current `j`, in
    /// the mean-adaptation approximation: the fixed point
    /// `r* = LIFRate(j - n*)`, `n* = inc_n amplitude r*` (the spike-to-spike
    /// ripple of `n`, `inc_n amplitude / tau_n`, is neglected).
    pub fn adapted_rate(&self, j: f64) -> f64 {
        let inc = self.inc_n * self.amplitude;
        adapted_lif_rate(j, inc, self.tau_rc, self.tau_ref, 1.0).0 * self.amplitude
    }
}

impl NeuronType for AdaptiveLIF {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new(
            "AdaptiveLIF",
            &[
                self.tau_n,
                self.inc_n,
                self.tau_rc,
                self.tau_ref,
                self.min_voltage,
                self.amplitude,
            ],
        ))
    }

    fn name(&self) -> &'static str {
        "AdaptiveLIF"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage", "refractory_time", "adaptation"]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_lif(self.name(), self.tau_rc, self.tau_ref, self.amplitude)?;
        validate_min_voltage(self.name(), self.min_voltage)?;
        validate_adaptation(self.name(), self.tau_n, self.inc_n)
    }

    /// `voltage ~ U(0, 1)`, `refractory_time = 0`, `adaptation = 0`.
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let voltage = (0..n).map(|_| rng.random::<f64>() as f32).collect();
        NeuronState::from_vars(vec![voltage, vec![0.0; n], vec![0.0; n]])
    }

    /// The LIF rate curve at `n = 0` (adaptation ignored, as in Nengo).
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        lif_rates(j, out, [self.tau_rc, self.tau_ref], self.amplitude);
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        // `output` holds J_eff until the membrane overwrites it with spikes,
        // so the three state variables are borrowed one pass at a time.
        for ((o, &n), &j) in output.iter_mut().zip(state.var(2)).zip(j) {
            *o = j - n;
        }
        let membrane = LifMembrane::new(
            dt,
            self.tau_rc,
            self.tau_ref,
            self.min_voltage,
            self.amplitude,
        );
        let stepped = state.is_stepped();
        let (voltage, refractory) = state.pair_mut();
        let pair = Pair {
            voltage,
            refractory,
        };
        membrane.run(InPlace(output), pair, stepped);
        let decay = (f64::from(dt) / self.tau_n) as f32;
        let inc_n = self.inc_n as f32;
        for (n, &o) in state.var_mut(2).iter_mut().zip(output.iter()) {
            *n += decay * (inc_n * o - *n);
        }
        state.mark_stepped();
    }

    lif_tuning!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neurons::LIF;

    /// Spike times (step indices) of one neuron from rest at constant `j`.
    fn spike_steps<N: NeuronType>(neuron: &N, j: f32, steps: usize) -> Vec<usize> {
        let n_vars = neuron.state_names().len();
        let mut state = NeuronState::zeros(1, n_vars);
        let mut out = [0.0f32];
        (0..steps)
            .filter(|_| {
                neuron.step(0.001, &[j], &mut state, &mut out);
                out[0] > 0.0
            })
            .collect()
    }

    #[test]
    fn without_adaptation_it_spikes_exactly_like_lif() {
        let adaptive = AdaptiveLIF::new(1.0, 0.0);
        for j in [1.1f32, 2.0, 7.5] {
            assert_eq!(
                spike_steps(&adaptive, j, 3000),
                spike_steps(&LIF::default(), j, 3000),
                "J = {j}"
            );
        }
    }

    #[test]
    fn firing_rate_decreases_under_constant_input_and_settles_at_adapted_rate() {
        let neuron = AdaptiveLIF::default();
        let j = 3.0;
        let spikes = spike_steps(&neuron, j as f32, 8000);
        let hz = |from: usize, to: usize| {
            let n = spikes.iter().filter(|&&s| s >= from && s < to).count();
            n as f64 / ((to - from) as f64 * 0.001)
        };
        let windows: Vec<f64> = (0..4).map(|k| hz(500 * k, 500 * (k + 1))).collect();
        assert!(
            windows.windows(2).all(|w| w[1] < w[0]),
            "rate must fall: {windows:?} Hz"
        );
        let settled = hz(5000, 8000);
        let mut fresh = [0.0];
        neuron.rates(&[j], &mut fresh);
        assert!(
            settled < 0.8 * fresh[0],
            "{settled} Hz vs fresh {}",
            fresh[0]
        );
        let predicted = neuron.adapted_rate(j);
        assert!(
            (settled - predicted).abs() < 0.01 * predicted,
            "settled at {settled} Hz, adaptation steady state predicts {predicted} Hz"
        );
    }

    #[test]
    fn each_spike_raises_adaptation_by_inc_n_amplitude_over_tau_n() {
        let neuron = AdaptiveLIF {
            amplitude: 0.5,
            ..AdaptiveLIF::new(0.5, 0.1)
        };
        let mut state = NeuronState::from_vars(vec![vec![0.999], vec![0.0], vec![0.2]]);
        let mut out = [0.0f32];
        neuron.step(0.001, &[5.0], &mut state, &mut out);
        assert!(out[0] > 0.0, "the neuron must spike in this step");
        let expected = 0.2 + 0.002 * (0.1 * 500.0 - 0.2);
        assert!((f64::from(state.var(2)[0]) - expected).abs() < 1e-6);
    }

    #[test]
    fn bad_parameters_are_rejected() {
        let param_of = |n: AdaptiveLIF| match n.validate() {
            Err(NeuronError::InvalidParameter { param, .. }) => param,
            other => panic!("expected InvalidParameter, got {other:?}"),
        };
        assert_eq!(param_of(AdaptiveLIF::new(-1.0, 0.01)), "tau_n");
        assert_eq!(param_of(AdaptiveLIF::new(1.0, -1.0)), "inc_n");
        let low = AdaptiveLIF {
            min_voltage: 1.0,
            ..AdaptiveLIF::default()
        };
        assert_eq!(param_of(low), "min_voltage");
        let amp = AdaptiveLIF {
            amplitude: 0.0,
            ..AdaptiveLIF::default()
        };
        assert_eq!(param_of(amp), "amplitude");
        assert!(AdaptiveLIF::default().validate().is_ok());
    }
}
