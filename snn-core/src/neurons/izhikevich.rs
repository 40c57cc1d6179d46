//! The Izhikevich (2003) two-variable spiking neuron, stepped as Nengo steps it.

use super::grid_tuning::{grid_gain_bias, grid_max_rates_intercepts};
use super::numeric::settled_rates;
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::{Rng, RngCore};

/// Step (s) of the simulation that estimates [`Izhikevich`] rates (Nengo's).
const RATES_DT: f32 = 0.001;
/// Transient skipped before counting spikes in the rate estimate (s).
const RATES_SETTLE_TIME: f64 = 0.001;
/// Time over which spikes are counted in the rate estimate (s).
const RATES_SIM_TIME: f64 = 1.0;
/// Spike peak (mV): a spike is emitted when the voltage reaches it.
const SPIKE_PEAK: f32 = 30.0;
/// Inputs are clipped below at this current, where Euler steps stay stable.
const MIN_CURRENT: f32 = -30.0;

/// Izhikevich neuron: "Simple model of spiking neurons", IEEE Trans. Neural
/// Networks 14(6), 2003, with Nengo's names for `a`, `b`, `c`, `d`.
///
/// With time in milliseconds, voltage `v` (mV) and recovery `u`:
/// `dv/dt = 0.04 v² + 5 v + 140 - u + J`, `du/dt = a (b v - u)`, and when
/// `v >= 30`: a spike, `v ← c`, `u ← u + d`.
///
/// Each step of `dt` seconds (one Euler step of `1000 dt` ms), as in Nengo:
/// `J ← max(J, -30)`; `v += 1000 dt (0.04 v² + 5 v + 140 - u + J)`; a spike
/// (output `1 / dt`) if `v >= 30`, then `v ← c`; `u += 1000 dt a (b v - u)`
/// using the post-reset `v`; `u += d` on a spike. Resetting before the
/// recovery update keeps `u` from blowing up on the spike's peak voltage.
///
/// State: `voltage` (initially U(0, 1), as in Nengo) and `recovery`
/// (initially 0). Rates have no closed form: [`rates`](NeuronType::rates)
/// simulates from `v = u = 0` with `dt = 1 ms`, skips 1 ms and counts spikes
/// over 1 s (Nengo's estimate, so rates are whole numbers of Hz, to f32
/// rounding, up to 1000 Hz). That rate curve is a staircase, so tuning
/// follows Nengo's grid interpolation ([`grid_gain_bias`]), which picks the
/// top of a stretch of equal rates, so gains and biases match Nengo's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Izhikevich {
    /// `a`: rate of the recovery variable (1/ms). Must be positive.
    pub tau_recovery: f64,
    /// `b`: sensitivity of recovery to subthreshold voltage. Must be >= 0.
    pub coupling: f64,
    /// `c`: voltage after a spike (mV).
    pub reset_voltage: f64,
    /// `d`: jump of the recovery variable after a spike.
    pub reset_recovery: f64,
}

impl Default for Izhikevich {
    /// Regular spiking, Nengo's default: `a = 0.02, b = 0.2, c = -65, d = 8`.
    fn default() -> Self {
        Self::regular_spiking()
    }
}

impl Izhikevich {
    /// An Izhikevich neuron with `a = tau_recovery`, `b = coupling`,
    /// `c = reset_voltage`, `d = reset_recovery`.
    pub fn new(tau_recovery: f64, coupling: f64, reset_voltage: f64, reset_recovery: f64) -> Self {
        Self {
            tau_recovery,
            coupling,
            reset_voltage,
            reset_recovery,
        }
    }

    /// Regular spiking (RS) cortical cell, `(a, b, c, d) = (0.02, 0.2, -65, 8)`:
    /// tonic spikes whose intervals lengthen (adaptation).
    pub fn regular_spiking() -> Self {
        Self::new(0.02, 0.2, -65.0, 8.0)
    }

    /// Intrinsically bursting (IB), `(0.02, 0.2, -55, 4)`: an initial burst,
    /// then tonic single spikes.
    pub fn intrinsically_bursting() -> Self {
        Self::new(0.02, 0.2, -55.0, 4.0)
    }

    /// Chattering (CH), `(0.02, 0.2, -50, 2)`: repeated high-frequency bursts.
    pub fn chattering() -> Self {
        Self::new(0.02, 0.2, -50.0, 2.0)
    }

    /// Fast spiking (FS) interneuron, `(0.1, 0.2, -65, 2)`: high rates with
    /// little adaptation.
    pub fn fast_spiking() -> Self {
        Self::new(0.1, 0.2, -65.0, 2.0)
    }

    /// Low-threshold spiking (LTS) interneuron, `(0.02, 0.25, -65, 2)`: fires
    /// at lower currents than regular spiking, with adaptation.
    pub fn low_threshold_spiking() -> Self {
        Self::new(0.02, 0.25, -65.0, 2.0)
    }

    /// Resonator (RZ), `(0.1, 0.26, -65, 2)`: damped subthreshold
    /// oscillations; responds to inputs at its resonant frequency.
    pub fn resonator() -> Self {
        Self::new(0.1, 0.26, -65.0, 2.0)
    }
}

impl NeuronType for Izhikevich {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new(
            "Izhikevich",
            &[
                self.tau_recovery,
                self.coupling,
                self.reset_voltage,
                self.reset_recovery,
            ],
        ))
    }

    fn name(&self) -> &'static str {
        "Izhikevich"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage", "recovery"]
    }

    /// All parameters finite, `tau_recovery > 0`, `coupling >= 0` (Nengo's ranges).
    fn validate(&self) -> Result<(), NeuronError> {
        let bad = |param, value, reason| NeuronError::InvalidParameter {
            neuron: "Izhikevich",
            param,
            value,
            reason,
        };
        let t = self.tau_recovery;
        if !(t.is_finite() && t > 0.0) {
            return Err(bad("tau_recovery", t, "must be positive and finite"));
        }
        let b = self.coupling;
        if !(b.is_finite() && b >= 0.0) {
            return Err(bad("coupling", b, "must be non-negative and finite"));
        }
        if !self.reset_voltage.is_finite() {
            return Err(bad("reset_voltage", self.reset_voltage, "must be finite"));
        }
        if !self.reset_recovery.is_finite() {
            return Err(bad("reset_recovery", self.reset_recovery, "must be finite"));
        }
        Ok(())
    }

    /// `voltage ~ U(0, 1)`, `recovery = 0` (Nengo's defaults).
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let voltage = (0..n).map(|_| rng.random::<f64>() as f32).collect();
        NeuronState::from_vars(vec![voltage, vec![0.0; n]])
    }

    /// Spike count over 1 s after 1 ms of settling, from `v = u = 0`, with
    /// `dt = 1 ms` ([`settled_rates`]). Cost: 1001 steps per current.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        let start = NeuronState::zeros(1, 2);
        settled_rates(
            self,
            j,
            out,
            &start,
            RATES_DT,
            RATES_SETTLE_TIME,
            RATES_SIM_TIME,
        );
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let ms = 1000.0 * dt;
        let a = self.tau_recovery as f32;
        let b = self.coupling as f32;
        let c = self.reset_voltage as f32;
        let d = self.reset_recovery as f32;
        let spike = (1.0 / f64::from(dt)) as f32;
        let (voltage, recovery) = state.pair_mut();
        for (((o, v), u), &j) in output.iter_mut().zip(voltage).zip(recovery).zip(j) {
            let j = j.max(MIN_CURRENT);
            *v += ms * (0.04 * *v * *v + 5.0 * *v + 140.0 - *u + j);
            let fired = *v >= SPIKE_PEAK;
            if fired {
                *v = c;
            }
            *u += ms * a * (b * *v - *u);
            if fired {
                *u += d;
            }
            *o = if fired { spike } else { 0.0 };
        }
    }

    /// Forward Euler on `v² ` can run away at large `dt`; report the first
    /// neuron whose voltage or recovery is no longer finite.
    fn first_non_finite(&self, state: &NeuronState) -> Option<usize> {
        let (v, u) = (state.var(0), state.var(1));
        v.iter()
            .zip(u)
            .position(|(v, u)| !(v.is_finite() && u.is_finite()))
    }

    /// 1000 Hz: at most one spike per 1 ms step of the rate estimate.
    fn max_rate_limit(&self) -> Option<f64> {
        Some(1.0 / f64::from(RATES_DT))
    }

    /// Nengo's grid interpolation ([`grid_gain_bias`]).
    fn gain_bias(
        &self,
        max_rates: &[f64],
        intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        grid_gain_bias(self, max_rates, intercepts)
    }

    /// The exact inverse of [`gain_bias`](NeuronType::gain_bias).
    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        grid_max_rates_intercepts(self, gain, bias)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_matches_hand_computed_euler_step_and_reset() {
        let n = Izhikevich::default();
        // Neuron 0 below threshold, neuron 1 crosses 30 mV in this step.
        let mut state = NeuronState::from_vars(vec![vec![-70.0, 25.0], vec![-14.0, 2.0]]);
        let mut out = [0.0f32; 2];
        n.step(0.0005, &[5.0, 10.0], &mut state, &mut out);
        // v0 = -70 + 0.5 (196 - 350 + 140 + 14 + 5) = -67.5
        // u0 = -14 + 0.5 * 0.02 (0.2 * -67.5 + 14) = -13.995
        assert!((state.var(0)[0] + 67.5).abs() < 1e-4 && out[0] == 0.0);
        assert!((state.var(1)[0] + 13.995).abs() < 1e-5);
        // Neuron 1 resets to c, then u = 2 + 0.01 (0.2 * -65 - 2) + 8 = 9.85.
        assert_eq!(state.var(0)[1], -65.0);
        assert!((state.var(1)[1] - 9.85).abs() < 1e-5);
        assert!((out[1] - 2000.0).abs() < 1e-3);
    }

    #[test]
    fn currents_below_minus_thirty_act_as_minus_thirty() {
        let n = Izhikevich::default();
        let mut s1 = NeuronState::from_vars(vec![vec![-65.0], vec![-13.0]]);
        let mut s2 = s1.clone();
        let mut out = [0.0f32];
        for _ in 0..500 {
            n.step(0.001, &[-30.0], &mut s1, &mut out);
            n.step(0.001, &[-1e6], &mut s2, &mut out);
        }
        assert_eq!(s1, s2);
        assert!(s1.var(0)[0].is_finite());
    }

    #[test]
    fn rates_are_zero_below_rheobase_and_rise_with_current() {
        let n = Izhikevich::default();
        let j = [-50.0, 0.0, 3.5, 4.5, 10.0, 100.0];
        let mut r = [0.0; 6];
        n.rates(&j, &mut r);
        assert_eq!(&r[..3], &[0.0, 0.0, 0.0]);
        assert!(r[3] > 0.0 && r[3] < r[4] && r[4] < r[5], "{r:?}");
        // Spike counts over 1 s: whole numbers of Hz.
        assert!(r.iter().all(|&x| (x - x.round()).abs() < 1e-3), "{r:?}");
    }

    #[test]
    fn grid_gain_bias_hits_max_rate_and_intercept() {
        let n = Izhikevich::default();
        let max_rates: Vec<f64> = (0..24).map(|i| 200.0 + 8.5 * f64::from(i)).collect();
        let intercepts: Vec<f64> = (0..24).map(|i| -0.9 + 0.075 * f64::from(i)).collect();
        let (gain, bias) = n.gain_bias(&max_rates, &intercepts).unwrap();
        let at = |x: &[f64]| {
            let j: Vec<f64> = (0..24).map(|i| gain[i] * x[i] + bias[i]).collect();
            let mut r = vec![0.0; 24];
            n.rates(&j, &mut r);
            r
        };
        let at_one = at(&[1.0; 24]);
        let below: Vec<f64> = intercepts.iter().map(|c| c - 0.01).collect();
        let just_below = at(&below);
        for i in 0..24 {
            assert!(
                (at_one[i] / max_rates[i] - 1.0).abs() < 0.02,
                "{i}: {}",
                at_one[i]
            );
            assert_eq!(just_below[i], 0.0, "neuron {i} fires below its intercept");
        }
        let (r, c) = n.max_rates_intercepts(&gain, &bias);
        for i in 0..24 {
            assert_eq!(r[i], at_one[i]);
            assert!((c[i] - intercepts[i]).abs() < 1e-9);
        }
    }

    /// Nengo 4.1's gains and biases for one batch of max rates and
    /// intercepts, from `~/.venvs/nengo/bin/python`:
    /// ```text
    /// import nengo, numpy as np
    /// mr = np.array([200., 300., 250., 400., 100., 350., 150., 275.5])
    /// c = np.array([0., -.5, .3, .9, -.9, .5, -1., .1])
    /// g, b = nengo.Izhikevich().gain_bias(mr, c); print(g.tolist(), b.tolist())
    /// ```
    #[test]
    fn gain_bias_matches_nengo_on_flat_stretches_of_the_rate_curve() {
        let max_rates = [200.0, 300.0, 250.0, 400.0, 100.0, 350.0, 150.0, 275.5];
        let intercepts = [0.0, -0.5, 0.3, 0.9, -0.9, 0.5, -1.0, 0.1];
        let nengo_gain = [
            88.21657142857143,
            92.01980952380951,
            159.02040816326533,
            1936.3120000000001,
            23.17094736842105,
            349.9906666666666,
            33.7004,
            143.03370370370368,
        ];
        let nengo_bias = [
            3.5999999999999943,
            49.60990476190476,
            -44.10612244897962,
            -1739.0808000000002,
            24.453852631578943,
            -171.3953333333333,
            37.300399999999996,
            -10.70337037037038,
        ];
        let (gain, bias) = Izhikevich::default()
            .gain_bias(&max_rates, &intercepts)
            .unwrap();
        for i in 0..8 {
            // Nengo's grid and interpolation exactly; what is left is the f32
            // rounding of our simulated rates (measured: under 1e-7).
            let rel = |a: f64, b: f64| (a - b).abs() / b.abs().max(1.0);
            assert!(
                rel(gain[i], nengo_gain[i]) < 1e-5,
                "{i}: gain {} vs Nengo's {}",
                gain[i],
                nengo_gain[i]
            );
            assert!(
                rel(bias[i], nengo_bias[i]) < 1e-5,
                "{i}: bias {} vs Nengo's {}",
                bias[i],
                nengo_bias[i]
            );
        }
    }

    #[test]
    fn invalid_parameters_are_named() {
        let cases = [
            (Izhikevich::new(0.0, 0.2, -65.0, 8.0), "tau_recovery"),
            (Izhikevich::new(f64::NAN, 0.2, -65.0, 8.0), "tau_recovery"),
            (Izhikevich::new(0.02, -0.1, -65.0, 8.0), "coupling"),
            (
                Izhikevich::new(0.02, 0.2, f64::INFINITY, 8.0),
                "reset_voltage",
            ),
            (
                Izhikevich::new(0.02, 0.2, -65.0, f64::NAN),
                "reset_recovery",
            ),
        ];
        for (n, name) in cases {
            match n.validate() {
                Err(NeuronError::InvalidParameter { param, .. }) => assert_eq!(param, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert!(Izhikevich::resonator().validate().is_ok());
    }

    #[test]
    fn rates_at_or_above_1000_hz_are_unreachable() {
        let err = Izhikevich::default()
            .gain_bias(&[300.0, 1500.0], &[0.0, 0.0])
            .unwrap_err();
        assert!(matches!(err, NeuronError::UnreachableRate { index: 1, .. }));
    }
}
