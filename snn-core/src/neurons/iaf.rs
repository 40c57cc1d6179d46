//! The constant-leak integrate-and-fire neuron of sinabs' `IAF` layer.

use super::BlockKey;
use super::{check_tuning_request, NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::{Rng, RngCore};

/// What happens to the membrane after a spike (sinabs' reset functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IafReset {
    /// sinabs' `MembraneSubtract`: each of the `k` spikes of a step removes
    /// `v_threshold - v_reset` from `v`, keeping the surplus charge. For this
    /// linear membrane that is the exact sub-step solution of "reset to
    /// `v_reset` at the crossing and keep integrating", so simulated rates
    /// match [`IAF`]'s rate curve exactly.
    #[default]
    Subtract,
    /// sinabs' `MembraneReset`: after the step's `k` spikes `v = v_reset`,
    /// discarding the surplus; the simulated rate is then
    /// `1 / (dt ceil(T / dt))`, below the curve by up to one step per interval.
    ToReset,
}

/// Integrate-and-fire neuron with a constant leak (sinabs' `IAF` in
/// continuous time):
///
/// `tau_mem dv/dt = R J - v_leak`
///
/// with `J` the input current, `R` the `resistance` and `v_leak` a constant
/// leak (0 by default: a perfect integrator). Each step is exact for
/// constant `J`: `v ← v + (dt / tau_mem)(R J - v_leak)`. When
/// `v ≥ v_threshold` the neuron emits
/// `k = floor((v - v_reset) / (v_threshold - v_reset))` spikes in that step
/// (sinabs' `MultiSpike`), as one impulse `k amplitude / dt`, and resets as
/// [`reset`](Self::reset) says. Then `v` is floored at `min_voltage`
/// (sinabs' `min_v_mem`; `-inf`, no floor, by default). There is no
/// refractory period, as in sinabs. With `v_reset = 0` this is sinabs'
/// update with `Σ z(t) = (dt / tau_mem)(R J - v_leak)`.
///
/// Rate curve (the continuous-time limit): the time to charge from `v_reset`
/// to `v_threshold` is `T = tau_mem (v_threshold - v_reset) / (R J - v_leak)`,
/// so `r(J) = amplitude / T` for `R J > v_leak`, else 0: linear above the
/// threshold current `J_th = v_leak / R`. Tuning is closed form and, as for
/// Nengo's types, ignores `amplitude`: with slope `s = R / (tau_mem h)`,
/// `h = v_threshold - v_reset`, `gain = m / (s (1 - c))` and
/// `bias = J_th - gain c`.
///
/// State: `voltage`, initially U(v_reset, v_threshold) (as Nengo starts its
/// spiking neurons, so a population is not synchronized).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IAF {
    /// Membrane time constant (s).
    pub tau_mem: f64,
    /// Membrane resistance `R`: the input current's weight.
    pub resistance: f64,
    /// Constant leak `v_leak` (voltage per `tau_mem`).
    pub v_leak: f64,
    /// Spike threshold.
    pub v_threshold: f64,
    /// Voltage after a spike.
    pub v_reset: f64,
    /// Floor of the membrane voltage (`f64::NEG_INFINITY` for none).
    pub min_voltage: f64,
    /// Reset after a spike.
    pub reset: IafReset,
    /// Spike area: each spike is `amplitude / dt` high for one step.
    pub amplitude: f64,
}

impl Default for IAF {
    /// `tau_mem = 1`, `R = 1`, `v_leak = 0`, `v_threshold = 1`, `v_reset = 0`,
    /// no floor, subtractive reset, `amplitude = 1`: then `r(J) = max(J, 0)`,
    /// the rate curve of [`SpikingRectifiedLinear`](super::SpikingRectifiedLinear).
    fn default() -> Self {
        Self {
            tau_mem: 1.0,
            resistance: 1.0,
            v_leak: 0.0,
            v_threshold: 1.0,
            v_reset: 0.0,
            min_voltage: f64::NEG_INFINITY,
            reset: IafReset::Subtract,
            amplitude: 1.0,
        }
    }
}

impl IAF {
    /// An integrate-and-fire neuron with the given membrane time constant and
    /// constant leak, and the other defaults.
    pub fn new(tau_mem: f64, v_leak: f64) -> Self {
        Self {
            tau_mem,
            v_leak,
            ..Self::default()
        }
    }

    /// Rate (Hz, without `amplitude`) at current `j`: `max(R j - v_leak, 0) / (tau_mem h)`.
    fn unit_rate(&self, j: f64) -> f64 {
        (self.resistance * j - self.v_leak).max(0.0) / (self.tau_mem * self.height())
    }

    /// `h = v_threshold - v_reset`, the charge of one spike.
    fn height(&self) -> f64 {
        self.v_threshold - self.v_reset
    }
}

impl NeuronType for IAF {
    fn block_key(&self) -> Option<BlockKey> {
        let reset = match self.reset {
            IafReset::Subtract => 0.0,
            IafReset::ToReset => 1.0,
        };
        let p = [
            self.tau_mem,
            self.resistance,
            self.v_leak,
            self.v_threshold,
            self.v_reset,
            self.min_voltage,
            reset,
            self.amplitude,
        ];
        Some(BlockKey::new("IAF", &p))
    }

    fn name(&self) -> &'static str {
        "IAF"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage"]
    }

    /// `tau_mem`, `resistance` and `amplitude` positive and finite; `v_leak`,
    /// `v_threshold` and `v_reset` finite with `v_reset < v_threshold`;
    /// `min_voltage` not NaN and at most `v_reset`.
    fn validate(&self) -> Result<(), NeuronError> {
        let bad = |param, value, reason| {
            Err(NeuronError::InvalidParameter {
                neuron: "IAF",
                param,
                value,
                reason,
            })
        };
        let positive = [
            ("tau_mem", self.tau_mem),
            ("resistance", self.resistance),
            ("amplitude", self.amplitude),
        ];
        for (param, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return bad(param, value, "must be positive and finite");
            }
        }
        for (param, value) in [("v_leak", self.v_leak), ("v_threshold", self.v_threshold)] {
            if !value.is_finite() {
                return bad(param, value, "must be finite");
            }
        }
        if !(self.v_reset.is_finite() && self.v_reset < self.v_threshold) {
            return bad(
                "v_reset",
                self.v_reset,
                "must be finite and below v_threshold",
            );
        }
        if self.min_voltage.is_nan() || self.min_voltage > self.v_reset {
            return bad("min_voltage", self.min_voltage, "must be at most v_reset");
        }
        Ok(())
    }

    /// `voltage ~ U(v_reset, v_threshold)`.
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let h = self.height();
        let voltage = (0..n)
            .map(|_| (self.v_reset + h * rng.random::<f64>()) as f32)
            .collect();
        NeuronState::from_vars(vec![voltage])
    }

    /// `r(J) = amplitude max(R J - v_leak, 0) / (tau_mem (v_threshold - v_reset))`.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            *o = self.amplitude * self.unit_rate(j);
        }
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let gain = (f64::from(dt) * self.resistance / self.tau_mem) as f32;
        let leak = (f64::from(dt) * self.v_leak / self.tau_mem) as f32;
        let (v_th, v_reset) = (self.v_threshold as f32, self.v_reset as f32);
        let h = (self.v_threshold - self.v_reset) as f32;
        let floor = self.min_voltage as f32;
        let spike = (self.amplitude / f64::from(dt)) as f32;
        let subtract = self.reset == IafReset::Subtract;
        for ((o, v), &j) in output.iter_mut().zip(state.var_mut(0)).zip(j) {
            *v += gain * j - leak;
            if *v >= v_th {
                // At least one spike even if rounding puts the quotient below 1.
                let k = ((*v - v_reset) / h).floor().max(1.0);
                *o = spike * k;
                *v = if subtract { *v - k * h } else { v_reset };
            } else {
                *o = 0.0;
            }
            *v = v.max(floor);
        }
    }

    fn gain_bias(
        &self,
        max_rates: &[f64],
        intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        check_tuning_request(self.name(), max_rates, intercepts, None)?;
        let j_th = self.v_leak / self.resistance;
        let slope = self.resistance / (self.tau_mem * self.height());
        Ok(max_rates
            .iter()
            .zip(intercepts)
            .map(|(&m, &c)| {
                let gain = m / (slope * (1.0 - c));
                (gain, j_th - gain * c)
            })
            .unzip())
    }

    /// The inverse of the tuning: `intercept = (J_th - bias) / gain`,
    /// `max_rate = r(gain + bias)` without `amplitude`.
    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let j_th = self.v_leak / self.resistance;
        gain.iter()
            .zip(bias)
            .map(|(&g, &b)| (self.unit_rate(g + b), (j_th - b) / g))
            .unzip()
    }
}
