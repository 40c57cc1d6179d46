//! The leaky integrate-and-fire rate curve, and its non-spiking neuron type.

use super::rate_math;
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use crate::simd::multiversion;
use rand::RngCore;

/// Non-spiking leaky integrate-and-fire: each neuron outputs the LIF's
/// steady-state firing rate for its current.
///
/// `r(J) = amplitude / (tau_ref + tau_rc * ln(1 + 1 / (J - 1)))` for `J > 1`,
/// else 0: the time to charge a membrane `tau_rc dv/dt = J - v` from 0 to the
/// threshold 1, plus the refractory period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LIFRate {
    /// Membrane RC time constant (s).
    pub tau_rc: f64,
    /// Absolute refractory period (s).
    pub tau_ref: f64,
    /// Scale of the output.
    pub amplitude: f64,
}

impl Default for LIFRate {
    fn default() -> Self {
        Self {
            tau_rc: 0.02,
            tau_ref: 0.002,
            amplitude: 1.0,
        }
    }
}

/// The tuning methods of a [`NeuronType`](super::NeuronType) whose rate
/// curve is the LIF's (fields `tau_rc` and `tau_ref`): the rate limit
/// `1/tau_ref`, and gain and bias from [`lif_gain_bias`] and back. Shared
/// by `LIF`, `LIFRate`, `AdaptiveLIF` and `AdaptiveLIFRate`, whose tuning
/// ignores adaptation, as Nengo's does.
macro_rules! lif_tuning {
    () => {
        fn max_rate_limit(&self) -> Option<f64> {
            $crate::neurons::lif_rate::lif_rate_limit(self.tau_ref)
        }

        fn gain_bias(
            &self,
            max_rates: &[f64],
            intercepts: &[f64],
        ) -> Result<(Vec<f64>, Vec<f64>), $crate::error::NeuronError> {
            $crate::neurons::lif_rate::lif_gain_bias(
                self.name(),
                self.tau_rc,
                self.tau_ref,
                max_rates,
                intercepts,
            )
        }

        fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
            $crate::neurons::lif_rate::lif_max_rates_intercepts(
                self.tau_rc,
                self.tau_ref,
                gain,
                bias,
            )
        }
    };
}
pub(crate) use lif_tuning;

/// `r(J)` of a LIF neuron (see [`LIFRate`]), branch-free so a loop of
/// them runs in vector lanes (the logarithm is [`rate_math::ln_1p`], within
/// 1 ulp of libm's).
#[inline(always)]
pub(crate) fn lif_rate(j: f64, tau_rc: f64, tau_ref: f64, amplitude: f64) -> f64 {
    let over = j - 1.0;
    let y = if over > 0.0 { 1.0 / over } else { 1.0 };
    let r = amplitude / tau_rc.mul_add(rate_math::ln_1p(y), tau_ref);
    if over > 0.0 {
        r
    } else {
        0.0
    }
}

multiversion! {
    /// [`lif_rate`] of every current in `j`: the build's tuning and
    /// activity matrices, in AVX2 or AVX-512 lanes where the CPU has them.
    pub(crate) fn lif_rates(j: &[f64], out: &mut [f64], taus: [f64; 2], amplitude: f64) {
        let [tau_rc, tau_ref] = taus;
        for (o, &j) in out.iter_mut().zip(j) {
            *o = lif_rate(j, tau_rc, tau_ref, amplitude);
        }
    }
}

/// Checks the time constants and amplitude shared by LIF and LIFRate.
pub(crate) fn validate_lif(
    neuron: &'static str,
    tau_rc: f64,
    tau_ref: f64,
    amplitude: f64,
) -> Result<(), NeuronError> {
    let bad = |param, value, reason| NeuronError::InvalidParameter {
        neuron,
        param,
        value,
        reason,
    };
    if !(tau_rc.is_finite() && tau_rc > 0.0) {
        return Err(bad("tau_rc", tau_rc, "must be positive and finite"));
    }
    if !(tau_ref.is_finite() && tau_ref >= 0.0) {
        return Err(bad("tau_ref", tau_ref, "must be non-negative and finite"));
    }
    if !(amplitude.is_finite() && amplitude > 0.0) {
        return Err(bad("amplitude", amplitude, "must be positive and finite"));
    }
    Ok(())
}

/// Closed-form LIF tuning. With `x = 1 / (1 - exp((tau_ref - 1/r_max) / tau_rc))`
/// the current that gives `r_max`, a neuron silent below `c` (intercept) and
/// at `r_max` for input 1 has `gain = (1 - x) / (c - 1)` and
/// `bias = 1 - gain * c` (so that `J(c) = 1`, the threshold).
pub(crate) fn lif_gain_bias(
    neuron: &'static str,
    tau_rc: f64,
    tau_ref: f64,
    max_rates: &[f64],
    intercepts: &[f64],
) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
    super::tuning_check::check_tuning_request(
        neuron,
        max_rates,
        intercepts,
        lif_rate_limit(tau_ref),
    )?;
    let (gain, bias) = max_rates
        .iter()
        .zip(intercepts)
        .map(|(&r, &c)| {
            let x = 1.0 / (1.0 - ((tau_ref - 1.0 / r) / tau_rc).exp());
            let gain = (1.0 - x) / (c - 1.0);
            (gain, 1.0 - gain * c)
        })
        .unzip();
    Ok((gain, bias))
}

/// LIF neurons cannot fire faster than once per refractory period.
pub(crate) fn lif_rate_limit(tau_ref: f64) -> Option<f64> {
    (tau_ref > 0.0).then(|| 1.0 / tau_ref)
}

/// Max rates and intercepts of LIF neurons with the given gains and biases:
/// the intercept solves `gain * c + bias = 1`, the max rate is `r(gain + bias)`.
pub(crate) fn lif_max_rates_intercepts(
    tau_rc: f64,
    tau_ref: f64,
    gain: &[f64],
    bias: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    gain.iter()
        .zip(bias)
        .map(|(&g, &b)| (lif_rate(g + b, tau_rc, tau_ref, 1.0), (1.0 - b) / g))
        .unzip()
}

impl NeuronType for LIFRate {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new(
            "LIFRate",
            &[self.tau_rc, self.tau_ref, self.amplitude],
        ))
    }

    fn name(&self) -> &'static str {
        "LIFRate"
    }

    fn spiking(&self) -> bool {
        false
    }

    fn state_names(&self) -> &'static [&'static str] {
        &[]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_lif(self.name(), self.tau_rc, self.tau_ref, self.amplitude)
    }

    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 0)
    }

    fn rates(&self, j: &[f64], out: &mut [f64]) {
        lif_rates(j, out, [self.tau_rc, self.tau_ref], self.amplitude);
    }

    fn step(&self, _dt: f32, j: &[f32], _state: &mut NeuronState, output: &mut [f32]) {
        for (o, &j) in output.iter_mut().zip(j) {
            *o = lif_rate(f64::from(j), self.tau_rc, self.tau_ref, self.amplitude) as f32;
        }
    }

    lif_tuning!();
}
