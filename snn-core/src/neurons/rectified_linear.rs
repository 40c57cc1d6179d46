//! The rectified linear rate neuron, and the tuning it shares with its
//! spiking twin.

use super::BlockKey;
use super::{check_tuning_request, NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::RngCore;

/// Non-spiking rectified linear neuron: `r(J) = amplitude * max(J, 0)`.
///
/// No state. The threshold current is 0, so a neuron with intercept `c` and
/// max rate `r_max` has `gain = r_max / (1 - c)` and `bias = -gain * c`.
/// As in Nengo, tuning ignores `amplitude`: `max_rates` are the rates of the
/// unscaled line, and the output at `x = 1` is `amplitude * r_max`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RectifiedLinear {
    /// Scale of the output (must be positive and finite).
    pub amplitude: f64,
}

impl Default for RectifiedLinear {
    /// `amplitude = 1`, Nengo's default.
    fn default() -> Self {
        Self { amplitude: 1.0 }
    }
}

impl RectifiedLinear {
    /// A rectified linear neuron with output scale `amplitude`.
    pub fn new(amplitude: f64) -> Self {
        Self { amplitude }
    }
}

/// `amplitude` must be positive and finite.
pub(crate) fn validate_amplitude(neuron: &'static str, amplitude: f64) -> Result<(), NeuronError> {
    if amplitude.is_finite() && amplitude > 0.0 {
        Ok(())
    } else {
        Err(NeuronError::InvalidParameter {
            neuron,
            param: "amplitude",
            value: amplitude,
            reason: "must be positive and finite",
        })
    }
}

/// Closed-form tuning of a rectified line: `gain = r_max / (1 - c)`,
/// `bias = -gain * c`, so that `J(c) = 0` and `J(1) = r_max`.
pub(crate) fn relu_gain_bias(
    neuron: &'static str,
    max_rates: &[f64],
    intercepts: &[f64],
) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
    check_tuning_request(neuron, max_rates, intercepts, None)?;
    Ok(max_rates
        .iter()
        .zip(intercepts)
        .map(|(&r, &c)| {
            let gain = r / (1.0 - c);
            (gain, -gain * c)
        })
        .unzip())
}

/// The inverse of [`relu_gain_bias`]: `c = -bias / gain`,
/// `r_max = gain * (1 - c) = gain + bias`.
pub(crate) fn relu_max_rates_intercepts(gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
    gain.iter()
        .zip(bias)
        .map(|(&g, &b)| {
            let c = -b / g;
            (g * (1.0 - c), c)
        })
        .unzip()
}

impl NeuronType for RectifiedLinear {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new("RectifiedLinear", &[self.amplitude]))
    }

    fn name(&self) -> &'static str {
        "RectifiedLinear"
    }

    fn spiking(&self) -> bool {
        false
    }

    fn state_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_amplitude(self.name(), self.amplitude)
    }

    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 0)
    }

    /// `r(J) = amplitude * max(J, 0)`.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            *o = self.amplitude * j.max(0.0);
        }
    }

    /// Writes the rates: `output = amplitude * max(J, 0)`.
    fn step(&self, _dt: f32, j: &[f32], _state: &mut NeuronState, output: &mut [f32]) {
        let amplitude = self.amplitude as f32;
        for (o, &j) in output.iter_mut().zip(j) {
            *o = amplitude * j.max(0.0);
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
    use crate::neurons::numeric_gain_bias;

    #[test]
    fn rates_are_amplitude_times_rectified_current() {
        let relu = RectifiedLinear::new(2.5);
        let j = [-3.0, -1e-9, 0.0, 0.4, 7.0, 250.0];
        let mut r = [f64::NAN; 6];
        relu.rates(&j, &mut r);
        assert_eq!(r, [0.0, 0.0, 0.0, 1.0, 17.5, 625.0]);
        let mut out = [f32::NAN; 6];
        let jf = j.map(|x| x as f32);
        relu.step(0.001, &jf, &mut NeuronState::zeros(6, 0), &mut out);
        assert_eq!(out, [0.0, 0.0, 0.0, 1.0, 17.5, 625.0]);
    }

    #[test]
    fn gain_bias_round_trips_through_max_rates_intercepts() {
        let relu = RectifiedLinear::default();
        let rates = [200.0, 310.5, 400.0, 17.0];
        let intercepts = [-0.9, -0.2, 0.0, 0.85];
        let (gain, bias) = relu.gain_bias(&rates, &intercepts).unwrap();
        for i in 0..4 {
            // Silent exactly at the intercept, at the max rate at x = 1.
            assert!((gain[i] * intercepts[i] + bias[i]).abs() < 1e-12);
            assert!((gain[i] + bias[i] - rates[i]).abs() < 1e-9);
        }
        let (r, c) = relu.max_rates_intercepts(&gain, &bias);
        for i in 0..4 {
            assert!((r[i] - rates[i]).abs() < 1e-9 && (c[i] - intercepts[i]).abs() < 1e-12);
        }
    }

    #[test]
    fn numeric_gain_bias_matches_closed_form() {
        let relu = RectifiedLinear::default();
        let rates: Vec<f64> = (0..200).map(|i| 50.0 + 2.0 * f64::from(i)).collect();
        let intercepts: Vec<f64> = (0..200).map(|i| -0.95 + 0.0095 * f64::from(i)).collect();
        let (g0, b0) = relu.gain_bias(&rates, &intercepts).unwrap();
        let (g1, b1) = numeric_gain_bias(&relu, &rates, &intercepts).unwrap();
        for i in 0..200 {
            // Relative 1e-6 on gain; bias relative to the current scale (gain).
            assert!(
                (g1[i] - g0[i]).abs() <= 1e-6 * g0[i],
                "gain {i}: {} vs {}",
                g1[i],
                g0[i]
            );
            assert!(
                (b1[i] - b0[i]).abs() <= 1e-6 * g0[i],
                "bias {i}: {} vs {}",
                b1[i],
                b0[i]
            );
        }
    }

    #[test]
    fn tuning_ignores_amplitude_as_in_nengo() {
        let (g1, b1) = RectifiedLinear::new(1.0)
            .gain_bias(&[300.0], &[0.2])
            .unwrap();
        let (g3, b3) = RectifiedLinear::new(3.0)
            .gain_bias(&[300.0], &[0.2])
            .unwrap();
        assert_eq!((g1, b1), (g3, b3));
    }

    #[test]
    fn bad_amplitude_is_an_invalid_parameter() {
        for a in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let err = RectifiedLinear::new(a).validate().unwrap_err();
            assert!(matches!(
                err,
                NeuronError::InvalidParameter {
                    param: "amplitude",
                    ..
                }
            ));
        }
        assert!(RectifiedLinear::default().validate().is_ok());
    }

    #[test]
    fn bad_tuning_requests_are_typed_errors() {
        let relu = RectifiedLinear::default();
        let err = relu.gain_bias(&[100.0, 200.0], &[0.0]).unwrap_err();
        assert!(matches!(err, NeuronError::InvalidParameter { .. }));
        let err = relu.gain_bias(&[100.0, 200.0], &[0.0, 1.0]).unwrap_err();
        assert!(matches!(
            err,
            NeuronError::InvalidIntercept { index: 1, .. }
        ));
        let err = relu.gain_bias(&[100.0, f64::NAN], &[0.0, 0.5]).unwrap_err();
        assert!(matches!(err, NeuronError::InvalidMaxRate { index: 1, .. }));
        let err = numeric_gain_bias(&relu, &[-5.0], &[0.0]).unwrap_err();
        assert!(matches!(err, NeuronError::InvalidMaxRate { index: 0, .. }));
    }
}
