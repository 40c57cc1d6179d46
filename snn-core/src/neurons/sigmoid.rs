//! The sigmoid rate neuron, and the `tau_ref` check it shares with `Tanh`.

use super::BlockKey;
use super::{check_tuning_request, NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::RngCore;

/// Non-spiking neuron with a logistic rate curve:
/// `r(J) = (1 / tau_ref) / (1 + exp(-J))`, rising from 0 to `1 / tau_ref`.
///
/// Its rate is never zero, so (as in Nengo) the intercept `c` is where the
/// curve reaches half its ceiling, `r = 1 / (2 tau_ref)` at `J = 0`. Tuning
/// for max rate `m` (the rate at `x = 1`) and intercept `c` is closed form:
/// with `s = ln(m tau_ref / (1 - m tau_ref))` (the current giving `m`),
/// `gain = s / (1 - c)` and `bias = s - gain`, so `J(1) = s` and `J(c) = 0`.
/// A max rate below half the ceiling gives `s < 0` and so a negative gain
/// (the curve runs the other way), exactly as Nengo's tuning does.
///
/// No state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sigmoid {
    /// Refractory period (s); the rate ceiling is `1 / tau_ref`.
    pub tau_ref: f64,
}

impl Default for Sigmoid {
    /// `tau_ref = 0.0025` (a 400 Hz ceiling), Nengo's default.
    fn default() -> Self {
        Self { tau_ref: 0.0025 }
    }
}

impl Sigmoid {
    /// A sigmoid neuron with rate ceiling `1 / tau_ref`.
    pub fn new(tau_ref: f64) -> Self {
        Self { tau_ref }
    }
}

/// `tau_ref` must be positive and finite (it sets the ceiling `1 / tau_ref`).
pub(crate) fn validate_tau_ref(neuron: &'static str, tau_ref: f64) -> Result<(), NeuronError> {
    if tau_ref.is_finite() && tau_ref > 0.0 {
        Ok(())
    } else {
        Err(NeuronError::InvalidParameter {
            neuron,
            param: "tau_ref",
            value: tau_ref,
            reason: "must be positive and finite",
        })
    }
}

impl NeuronType for Sigmoid {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new("Sigmoid", &[self.tau_ref]))
    }

    fn name(&self) -> &'static str {
        "Sigmoid"
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

    /// `r(J) = (1 / tau_ref) / (1 + exp(-J))`.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        let ceiling = 1.0 / self.tau_ref;
        for (o, &j) in out.iter_mut().zip(j) {
            *o = ceiling / (1.0 + (-j).exp());
        }
    }

    fn step(&self, _dt: f32, j: &[f32], _state: &mut NeuronState, output: &mut [f32]) {
        let ceiling = (1.0 / self.tau_ref) as f32;
        for (o, &j) in output.iter_mut().zip(j) {
            *o = ceiling / (1.0 + (-j).exp());
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
                let s = -(1.0 / (self.tau_ref * m) - 1.0).ln();
                let gain = s / (1.0 - c);
                (gain, s - gain)
            })
            .unzip())
    }

    /// The inverse of the tuning: with `s = gain + bias`,
    /// `intercept = 1 - s / gain` and `max_rate = r(s)`.
    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        gain.iter()
            .zip(bias)
            .map(|(&g, &b)| {
                let s = g + b;
                let mut r = [0.0];
                self.rates(&[s], &mut r);
                (r[0], 1.0 - s / g)
            })
            .unzip()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_match_the_logistic_closed_form() {
        let n = Sigmoid::new(0.005);
        let j = [-800.0, -2.0, 0.0, 1.5, 800.0];
        let mut r = [0.0; 5];
        n.rates(&j, &mut r);
        for (&j, &r) in j.iter().zip(&r) {
            let exact = 200.0 * (0.5 + 0.5 * (j / 2.0_f64).tanh());
            assert!((r - exact).abs() < 1e-9, "J = {j}: {r} vs {exact}");
        }
        let mut out = [0.0f32; 5];
        let j32 = j.map(|x| x as f32);
        n.step(0.001, &j32, &mut NeuronState::zeros(5, 0), &mut out);
        for (&o, &r) in out.iter().zip(&r) {
            assert!((f64::from(o) - r).abs() < 1e-4 * r.max(1.0));
        }
    }

    #[test]
    fn tuning_gives_max_rate_at_one_and_half_ceiling_at_intercept() {
        let n = Sigmoid::default();
        let max_rates = [100.0, 250.0, 399.0];
        let intercepts = [-0.5, 0.0, 0.7];
        let (gain, bias) = n.gain_bias(&max_rates, &intercepts).unwrap();
        for i in 0..3 {
            let mut r = [0.0; 2];
            let c = intercepts[i];
            n.rates(&[gain[i] + bias[i], gain[i] * c + bias[i]], &mut r);
            assert!((r[0] - max_rates[i]).abs() < 1e-9 * max_rates[i]);
            assert!((r[1] - 200.0).abs() < 1e-9, "half the 400 Hz ceiling");
        }
        // Below half the ceiling Nengo's formula yields a negative gain.
        assert!(gain[0] < 0.0 && gain[1] > 0.0);
        let (rates, back) = n.max_rates_intercepts(&gain, &bias);
        for i in 0..3 {
            assert!((rates[i] - max_rates[i]).abs() < 1e-9 * max_rates[i]);
            assert!((back[i] - intercepts[i]).abs() < 1e-12);
        }
    }

    #[test]
    fn ceiling_and_bad_tau_ref_are_errors() {
        let err = Sigmoid::default().gain_bias(&[400.0], &[0.0]).unwrap_err();
        assert!(matches!(err, NeuronError::UnreachableRate { limit, .. } if limit == 400.0));
        for bad in [0.0, -0.0025, f64::NAN, f64::INFINITY] {
            let err = Sigmoid::new(bad).validate().unwrap_err();
            assert!(matches!(
                err,
                NeuronError::InvalidParameter {
                    param: "tau_ref",
                    ..
                }
            ));
        }
    }
}
