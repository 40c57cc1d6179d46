//! The hyperbolic-tangent rate neuron.

use super::sigmoid::validate_tau_ref;
use super::BlockKey;
use super::{check_tuning_request, NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::RngCore;

/// Non-spiking neuron with rate curve `r(J) = (1 / tau_ref) tanh(J)`, odd in
/// `J`: negative currents give negative rates, down to `-1 / tau_ref`.
///
/// The threshold is `J = 0`, so the intercept `c` is where the rate crosses
/// zero. Tuning for max rate `m` at `x = 1` and intercept `c` is closed form
/// (Nengo's): with `s = atanh(m tau_ref)`, `gain = s / (1 - c)` and
/// `bias = -gain c`, so `J(c) = 0` and `J(1) = s`.
///
/// No state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tanh {
    /// Refractory period (s); rates lie in `(-1 / tau_ref, 1 / tau_ref)`.
    pub tau_ref: f64,
}

impl Default for Tanh {
    /// `tau_ref = 0.0025` (a 400 Hz ceiling), Nengo's default.
    fn default() -> Self {
        Self { tau_ref: 0.0025 }
    }
}

impl Tanh {
    /// A tanh neuron with rate ceiling `1 / tau_ref`.
    pub fn new(tau_ref: f64) -> Self {
        Self { tau_ref }
    }
}

impl NeuronType for Tanh {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new("Tanh", &[self.tau_ref]))
    }

    fn name(&self) -> &'static str {
        "Tanh"
    }

    fn spiking(&self) -> bool {
        false
    }

    fn state_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_tau_ref(self.name(), self.tau_ref)
    }

    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 0)
    }

    /// `r(J) = (1 / tau_ref) tanh(J)`.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            *o = j.tanh() / self.tau_ref;
        }
    }

    fn step(&self, _dt: f32, j: &[f32], _state: &mut NeuronState, output: &mut [f32]) {
        let ceiling = (1.0 / self.tau_ref) as f32;
        for (o, &j) in output.iter_mut().zip(j) {
            *o = ceiling * j.tanh();
        }
    }

    /// The ceiling `1 / tau_ref`, approached but never reached.
    fn max_rate_limit(&self) -> Option<f64> {
        Some(1.0 / self.tau_ref)
    }

    fn gain_bias(
        &self,
        max_rates: &[f64],
        intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        check_tuning_request(self.name(), max_rates, intercepts, self.max_rate_limit())?;
        Ok(max_rates
            .iter()
            .zip(intercepts)
            .map(|(&m, &c)| {
                let gain = (m * self.tau_ref).atanh() / (1.0 - c);
                (gain, -gain * c)
            })
            .unzip())
    }

    /// The inverse of the tuning: `intercept = -bias / gain`,
    /// `max_rate = r(gain + bias)`.
    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        gain.iter()
            .zip(bias)
            .map(|(&g, &b)| ((g + b).tanh() / self.tau_ref, -b / g))
            .unzip()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_an_odd_tanh_bounded_by_the_ceiling() {
        let n = Tanh::new(0.01);
        let j = [-50.0, -0.5, 0.0, 0.5, 50.0];
        let mut r = [0.0; 5];
        n.rates(&j, &mut r);
        let e = (-1.0f64).exp();
        let at_half = 100.0 * (1.0 - e) / (1.0 + e);
        let expected = [-100.0, -at_half, 0.0, at_half, 100.0];
        for (&r, &x) in r.iter().zip(&expected) {
            assert!((r - x).abs() < 1e-9, "{r} vs {x}");
        }
        let mut out = [0.0f32; 5];
        let j32 = j.map(|x| x as f32);
        n.step(0.001, &j32, &mut NeuronState::zeros(5, 0), &mut out);
        for (&o, &x) in out.iter().zip(&expected) {
            assert!((f64::from(o) - x).abs() < 1e-4);
        }
    }

    #[test]
    fn tuning_gives_max_rate_at_one_and_zero_at_intercept() {
        let n = Tanh::default();
        let max_rates = [50.0, 300.0, 399.9];
        let intercepts = [-0.9, 0.1, 0.8];
        let (gain, bias) = n.gain_bias(&max_rates, &intercepts).unwrap();
        for i in 0..3 {
            let c = intercepts[i];
            let mut r = [0.0; 3];
            let below = gain[i] * (c - 0.05) + bias[i];
            n.rates(&[gain[i] + bias[i], gain[i] * c + bias[i], below], &mut r);
            assert!((r[0] - max_rates[i]).abs() < 1e-9 * max_rates[i]);
            assert!(r[1].abs() < 1e-9, "zero rate at the intercept");
            assert!(r[2] < 0.0, "negative below the intercept");
        }
        let (rates, back) = n.max_rates_intercepts(&gain, &bias);
        for i in 0..3 {
            assert!((rates[i] - max_rates[i]).abs() < 1e-9 * max_rates[i]);
            assert!((back[i] - intercepts[i]).abs() < 1e-12);
        }
    }

    #[test]
    fn ceiling_and_bad_tau_ref_are_errors() {
        let err = Tanh::default().gain_bias(&[450.0], &[0.0]).unwrap_err();
        assert!(matches!(err, NeuronError::UnreachableRate { .. }));
        let err = Tanh::new(-1.0).validate().unwrap_err();
        assert!(matches!(
            err,
            NeuronError::InvalidParameter {
                neuron: "Tanh",
                param: "tau_ref",
                ..
            }
        ));
    }
}
