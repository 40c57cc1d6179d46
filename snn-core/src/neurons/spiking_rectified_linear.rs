//! The spiking rectified linear neuron: a non-leaky integrate-and-fire unit.

use super::rectified_linear::{relu_gain_bias, relu_max_rates_intercepts, validate_amplitude};
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::{Rng, RngCore};

/// Spiking rectified linear neuron: integrates `max(J, 0)` and fires once per
/// unit of charge, so its rate is `r(J) = amplitude * max(J, 0)` exactly, as
/// for [`RectifiedLinear`](super::RectifiedLinear), with the same tuning.
///
/// Each step: `v += max(J, 0) * dt`, `n = floor(v)`,
/// `output = n * amplitude / dt`, `v -= n` (several spikes in one step are
/// emitted as one taller impulse).
///
/// State: `voltage`, initially U(0, 1) as in Nengo (so a population's spikes
/// are not synchronized).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpikingRectifiedLinear {
    /// Spike area: each spike is `amplitude / dt` high for one step.
    pub amplitude: f64,
}

impl Default for SpikingRectifiedLinear {
    /// `amplitude = 1`, Nengo's default.
    fn default() -> Self {
        Self { amplitude: 1.0 }
    }
}

impl SpikingRectifiedLinear {
    /// A spiking rectified linear neuron with spike area `amplitude`.
    pub fn new(amplitude: f64) -> Self {
        Self { amplitude }
    }
}

impl NeuronType for SpikingRectifiedLinear {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new("SpikingRectifiedLinear", &[self.amplitude]))
    }

    fn name(&self) -> &'static str {
        "SpikingRectifiedLinear"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage"]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_amplitude(self.name(), self.amplitude)
    }

    /// `voltage ~ U(0, 1)`.
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let voltage = (0..n).map(|_| rng.random::<f64>() as f32).collect();
        NeuronState::from_vars(vec![voltage])
    }

    /// `r(J) = amplitude * max(J, 0)`.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            *o = self.amplitude * j.max(0.0);
        }
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let spike = (self.amplitude / f64::from(dt)) as f32;
        let voltage = state.var_mut(0);
        for ((o, v), &j) in output.iter_mut().zip(voltage.iter_mut()).zip(j) {
            *v += j.max(0.0) * dt;
            let n = v.floor();
            *o = spike * n;
            *v -= n;
        }
    }

    fn gain_bias(
        &self,
        max_rates: &[f64],
        intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        relu_gain_bias(self.name(), max_rates, intercepts)
    }

    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        relu_max_rates_intercepts(gain, bias)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neurons::settled_rates;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    /// Spikes emitted in one second at constant `j`, starting from `v0`.
    fn spike_count(neuron: &SpikingRectifiedLinear, j: f32, v0: f32, dt: f32) -> f64 {
        let mut state = NeuronState::from_vars(vec![vec![v0]]);
        let mut out = [0.0f32];
        let steps = (1.0 / f64::from(dt)).round() as usize;
        (0..steps)
            .map(|_| {
                neuron.step(dt, &[j], &mut state, &mut out);
                // Each impulse has area amplitude * n_spikes.
                (f64::from(out[0]) * f64::from(dt) / neuron.amplitude).round()
            })
            .sum()
    }

    #[test]
    fn spike_count_over_one_second_is_floor_of_charge() {
        let neuron = SpikingRectifiedLinear::default();
        // Charge after 1 s is v0 + J; every whole unit of it is a spike. The
        // cases keep v0 + J away from integers, so f32 rounding cannot matter.
        let cases = [
            (0.0f32, 0.5f32),
            (3.5, 0.0),
            (3.5, 0.6),
            (47.0, 0.25),
            (250.0, 0.3),
        ];
        for (j, v0) in cases {
            let expected = (f64::from(v0) + f64::from(j)).floor();
            assert_eq!(spike_count(&neuron, j, v0, 0.001), expected, "J = {j}");
        }
        // Several spikes per step (J * dt > 1) are counted in full.
        assert_eq!(spike_count(&neuron, 2500.0, 0.25, 0.001), 2500.0);
        assert_eq!(spike_count(&neuron, -10.0, 0.9, 0.001), 0.0);
    }

    #[test]
    fn simulated_rate_matches_rates() {
        let neuron = SpikingRectifiedLinear::new(2.0);
        let j = [-1.0, 0.0, 5.0, 33.0, 120.0, 900.0];
        let mut exact = [0.0; 6];
        neuron.rates(&j, &mut exact);
        let mut sim = [0.0; 6];
        let start = NeuronState::zeros(1, 1);
        settled_rates(&neuron, &j, &mut sim, &start, 0.001, 0.0, 2.0);
        for i in 0..6 {
            // Over 2 s the floor loses at most one spike (2 Hz * amplitude / 2 s).
            assert!(
                (sim[i] - exact[i]).abs() <= 1.0 + 1e-4 * exact[i],
                "{i}: {sim:?}"
            );
        }
    }

    #[test]
    fn initial_voltage_is_uniform_on_unit_interval() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let state = SpikingRectifiedLinear::default().initial_state(2000, &mut rng);
        let v = state.var(0);
        assert!(v.iter().all(|&x| (0.0..1.0).contains(&x)));
        let mean = v.iter().map(|&x| f64::from(x)).sum::<f64>() / 2000.0;
        assert!((mean - 0.5).abs() < 0.03);
    }

    #[test]
    fn bad_amplitude_is_an_invalid_parameter() {
        let err = SpikingRectifiedLinear::new(-2.0).validate().unwrap_err();
        assert!(matches!(
            err,
            NeuronError::InvalidParameter {
                param: "amplitude",
                ..
            }
        ));
        assert!(SpikingRectifiedLinear::new(f64::NAN).validate().is_err());
    }
}
