//! A leaky integrate-and-fire neuron with a conductance-based excitatory
//! synapse: the neuron of Song, Miller & Abbott (2000).

use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::{Rng, RngCore};

/// `τ_m dv/dt = (E_l - v) + g (E_e - v)`, with `g ≥ 0` the excitatory
/// conductance relative to the leak: the neuron's input `J`, which a
/// connection into `.neurons` delivers through its synapse (each spike
/// of weight `w` through `Lowpass(τ)` is a conductance jump `w / τ`
/// decaying with `τ`, Song et al.'s exponential conductance). A spike
/// when `v` reaches `v_th`, then `v = v_reset` for `tau_ref`. Voltages in
/// mV; defaults are the paper's: `τ_m = 20 ms`, `E_l = -70`, `E_e = 0`,
/// `v_th = -54`, `v_reset = -60`, no refractory period.
///
/// Unlike the current-based LIF an input's effect shrinks as `v` nears
/// `E_e`, so many strong inputs cannot drive the neuron arbitrarily.
///
/// Each step is exact for `g` constant over the step:
/// `v ← v∞ + (v - v∞) e^{-(1 + g) dt / τ_m}` with
/// `v∞ = (E_l + g E_e) / (1 + g)`; the spike is taken at the end of the
/// step (no sub-step timing).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConductanceLIF {
    /// Membrane time constant (s).
    pub tau_m: f64,
    /// Leak reversal potential (mV).
    pub e_leak: f64,
    /// Excitatory reversal potential (mV).
    pub e_exc: f64,
    /// Threshold (mV).
    pub v_th: f64,
    /// Reset (mV).
    pub v_reset: f64,
    /// Refractory period (s).
    pub tau_ref: f64,
}

impl Default for ConductanceLIF {
    fn default() -> Self {
        Self {
            tau_m: 0.02,
            e_leak: -70.0,
            e_exc: 0.0,
            v_th: -54.0,
            v_reset: -60.0,
            tau_ref: 0.0,
        }
    }
}

impl NeuronType for ConductanceLIF {
    fn name(&self) -> &'static str {
        "ConductanceLIF"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage", "refractory_time"]
    }

    /// Finite parameters, `tau_m > 0`, `tau_ref >= 0`,
    /// `v_reset < v_th < e_exc`.
    fn validate(&self) -> Result<(), NeuronError> {
        let bad = |param, value, reason| NeuronError::InvalidParameter {
            neuron: "ConductanceLIF",
            param,
            value,
            reason,
        };
        if !(self.tau_m.is_finite() && self.tau_m > 0.0) {
            return Err(bad("tau_m", self.tau_m, "must be positive and finite"));
        }
        if !(self.tau_ref.is_finite() && self.tau_ref >= 0.0) {
            return Err(bad(
                "tau_ref",
                self.tau_ref,
                "must be non-negative and finite",
            ));
        }
        for (param, v) in [
            ("e_leak", self.e_leak),
            ("e_exc", self.e_exc),
            ("v_reset", self.v_reset),
        ] {
            if !v.is_finite() {
                return Err(bad(param, v, "must be finite"));
            }
        }
        if !(self.v_th.is_finite() && self.v_reset < self.v_th && self.v_th < self.e_exc) {
            return Err(bad("v_th", self.v_th, "must lie between v_reset and e_exc"));
        }
        Ok(())
    }

    /// `voltage ~ U(v_reset, v_th)`, not refractory.
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let span = self.v_th - self.v_reset;
        let voltage = (0..n)
            .map(|_| (self.v_reset + span * rng.random::<f64>()) as f32)
            .collect();
        NeuronState::from_vars(vec![voltage, vec![0.0; n]])
    }

    /// For a constant `g = max(J, 0)`: 0 when `v∞ <= v_th`, else one over
    /// `tau_ref + τ_m / (1 + g) ln((v∞ - v_reset) / (v∞ - v_th))`, the time
    /// from reset to threshold.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            let g = j.max(0.0);
            let v_inf = (self.e_leak + g * self.e_exc) / (1.0 + g);
            *o = if v_inf <= self.v_th {
                0.0
            } else {
                let rise =
                    self.tau_m / (1.0 + g) * ((v_inf - self.v_reset) / (v_inf - self.v_th)).ln();
                1.0 / (self.tau_ref + rise)
            };
        }
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let (dt64, spike) = (f64::from(dt), (1.0 / f64::from(dt)) as f32);
        let (voltage, refractory) = state.pair_mut();
        for (((o, v), r), &j) in output.iter_mut().zip(voltage).zip(refractory).zip(j) {
            let g = f64::from(j).max(0.0);
            // The part of the step after the refractory time runs out.
            let free = (dt64 - f64::from(*r)).clamp(0.0, dt64);
            *r = (*r - dt).max(0.0);
            let v_inf = (self.e_leak + g * self.e_exc) / (1.0 + g);
            let decay = (-(1.0 + g) * free / self.tau_m).exp();
            let next = v_inf + (f64::from(*v) - v_inf) * decay;
            if next >= self.v_th {
                *v = self.v_reset as f32;
                *r = self.tau_ref as f32;
                *o = spike;
            } else {
                *v = next as f32;
                *o = 0.0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constant_conductance_fires_at_the_rate_the_closed_form_gives() {
        let n = ConductanceLIF::default();
        for g in [0.5, 1.0, 3.0] {
            let mut want = [0.0];
            n.rates(&[g], &mut want);
            let dt = 1e-5f32;
            let mut state = NeuronState::from_vars(vec![vec![-60.0], vec![0.0]]);
            let mut out = [0.0f32];
            let steps = (2.0 / f64::from(dt)) as usize;
            let spikes = (0..steps)
                .filter(|_| {
                    n.step(dt, &[g as f32], &mut state, &mut out);
                    out[0] > 0.0
                })
                .count();
            let got = spikes as f64 / 2.0;
            // A spike is taken at the end of its step: each interval is
            // lengthened by at most one step.
            let slowest = 1.0 / (1.0 / want[0] + f64::from(dt));
            assert!(
                got <= want[0] + 0.5 && got >= slowest - 0.5,
                "g {g}: {got} vs {} (at least {slowest})",
                want[0]
            );
        }
        // Below threshold: v∞ = (E_l + g E_e)/(1 + g) <= v_th for g <= 0.296.
        let mut r = [1.0];
        n.rates(&[0.25], &mut r);
        assert_eq!(r, [0.0]);
    }

    #[test]
    fn bad_parameters_are_refused() {
        let bad = [
            ConductanceLIF {
                tau_m: 0.0,
                ..Default::default()
            },
            ConductanceLIF {
                v_th: -80.0,
                ..Default::default()
            },
            ConductanceLIF {
                v_th: 10.0,
                ..Default::default()
            },
            ConductanceLIF {
                tau_ref: f64::NAN,
                ..Default::default()
            },
        ];
        for b in bad {
            assert!(b.validate().is_err(), "{b:?}");
        }
        assert!(ConductanceLIF::default().validate().is_ok());
    }
}
