//! The Hodgkin–Huxley (1952) squid giant axon, sub-stepped inside each step.

use super::hodgkin_huxley_kinetics::{Cell, Membrane};
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::RngCore;

/// Largest accepted `max_substep` (s): at 0.1 ms the rate curve is already
/// ~0.5% below its converged value (0.04% at the default 0.025 ms).
const MAX_SUBSTEP_LIMIT: f64 = 1e-4;
/// Neurons that `step` advances in lock-step.
const BLOCK: usize = 8;
/// The peak-rate scan of `max_rate_limit` covers `2^(k/4)` µA/cm², `k < 61`.
const PEAK_SCAN: i32 = 61;

/// Hodgkin–Huxley neuron: A. L. Hodgkin and A. F. Huxley, "A quantitative
/// description of membrane current and its application to conduction and
/// excitation in nerve", J. Physiol. 117(4):500–544, 1952.
///
/// Modern sign convention (inside minus outside, rest ≈ −65 mV; HH's own
/// voltages are displacements from rest with the opposite sign), voltage in
/// mV, time in ms, current densities in µA/cm², conductances in mS/cm²:
///
/// `C dV/dt = I − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L)`,
/// `dx/dt = α_x(V) (1 − x) − β_x(V) x` for `x ∈ {n, m, h}`, with the classic
/// rates (1/ms, squid axon at 6.3 °C):
///
/// - `α_n = 0.01 (V + 55) / (1 − exp(−(V + 55)/10))`, `β_n = 0.125 exp(−(V + 65)/80)`
/// - `α_m = 0.1 (V + 40) / (1 − exp(−(V + 40)/10))`, `β_m = 4 exp(−(V + 65)/18)`
/// - `α_h = 0.07 exp(−(V + 65)/20)`, `β_h = 1 / (1 + exp(−(V + 35)/10))`
///
/// and by default `C = 1 µF/cm²`, `g_Na = 120`, `g_K = 36`, `g_L = 0.3`,
/// `E_Na = 50`, `E_K = −77`, `E_L = −54.387 mV` (so that rest is −65 mV).
///
/// Input: `I = current_scale · J` µA/cm², so with the default scale of 1 an
/// ensemble's currents are µA/cm² (the rate curve, and so the tuning, is in
/// `J`). A spike is an upward crossing of `spike_threshold` (0 mV): every
/// crossing inside a step adds `1 / dt` to that step's output.
///
/// Integration: a step of `dt` s takes `n = ceil(dt / max_substep)` equal
/// sub-steps of staggered exponential Euler (gates relax exactly towards
/// their steady state, then the voltage exactly towards its own under the
/// new conductances; see `Membrane::advance`), in f64, with the state stored
/// as f32 between steps. Every update is a convex combination, so the scheme
/// is stable at any sub-step (forward Euler would need < 0.013 ms); the
/// bound on `max_substep` is for accuracy: the rate at 10 µA/cm² is 68.30 Hz
/// at 0.025 ms, 68.32 Hz at 0.01 ms and by RK4 at 0.001 ms, 67.99 Hz at
/// 0.1 ms. Cost: 6 exponentials per sub-step, 40 sub-steps per ms at the
/// default (~2 µs per neuron per 1 ms step).
///
/// State: `voltage` (mV), `n`, `m`, `h`, initially at rest (the voltage
/// where the steady-state current vanishes, every gate at its steady state).
///
/// Rates ([`rates`](NeuronType::rates)) are measured from rest under a step
/// of constant current. From rest the classic model fires repetitively from
/// ~6.26 µA/cm² at ~50 Hz (a discontinuous onset; 68 Hz at 10 µA/cm²), but
/// between ~6.3 and ~9.8 µA/cm² it is bistable: a neuron brought there
/// slowly may stay at rest. Above ~63 µA/cm² its oscillation peaks below
/// 0 mV, so with the default threshold the curve ends near 126 Hz.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HodgkinHuxley {
    /// Membrane capacitance `C` (µF/cm²). Must be positive.
    pub capacitance: f64,
    /// Maximal sodium conductance `g_Na` (mS/cm²). Must be >= 0.
    pub g_na: f64,
    /// Maximal potassium conductance `g_K` (mS/cm²). Must be >= 0.
    pub g_k: f64,
    /// Leak conductance `g_L` (mS/cm²). Must be positive.
    pub g_leak: f64,
    /// Sodium reversal potential `E_Na` (mV).
    pub e_na: f64,
    /// Potassium reversal potential `E_K` (mV).
    pub e_k: f64,
    /// Leak reversal potential `E_L` (mV).
    pub e_leak: f64,
    /// µA/cm² of membrane current per unit of input `J`. Must be positive.
    pub current_scale: f64,
    /// Voltage (mV) whose upward crossing is a spike.
    pub spike_threshold: f64,
    /// Longest internal sub-step (s). Must lie in (0, 1e-4].
    pub max_substep: f64,
}

impl Default for HodgkinHuxley {
    /// The classic squid axon constants, `current_scale = 1`, threshold
    /// 0 mV, sub-steps of at most 0.025 ms.
    fn default() -> Self {
        Self {
            capacitance: 1.0,
            g_na: 120.0,
            g_k: 36.0,
            g_leak: 0.3,
            e_na: 50.0,
            e_k: -77.0,
            e_leak: -54.387,
            current_scale: 1.0,
            spike_threshold: 0.0,
            max_substep: 2.5e-5,
        }
    }
}

impl HodgkinHuxley {
    /// Most sub-steps one `step` may take; a `dt` needing more is refused.
    pub const MAX_SUBSTEPS: usize = 1_000_000;

    /// Sub-steps in a step of `dt` s: `ceil(dt / max_substep)`, where a
    /// quotient within 1e-6 of an integer is that integer (an f32 `dt` of
    /// 0.001 is 40.000002 sub-steps of 0.025 ms, and means 40).
    fn substeps(&self, dt: f64) -> Result<usize, NeuronError> {
        self.validate()?;
        let bad = |reason: String| NeuronError::InvalidDt {
            neuron: "HodgkinHuxley",
            dt,
            reason,
        };
        if !(dt.is_finite() && dt > 0.0) {
            return Err(bad("dt must be positive and finite".into()));
        }
        let x = dt / self.max_substep;
        let count = if (x - x.round()).abs() <= 1e-6 * x.round() {
            x.round()
        } else {
            x.ceil()
        };
        if count > Self::MAX_SUBSTEPS as f64 {
            return Err(bad(format!(
                "it needs {count} sub-steps of max_substep = {} s, more than {}",
                self.max_substep,
                Self::MAX_SUBSTEPS
            )));
        }
        Ok(count.max(1.0) as usize)
    }

    fn membrane(&self) -> Membrane {
        Membrane {
            c: self.capacitance,
            g_na: self.g_na,
            g_k: self.g_k,
            g_l: self.g_leak,
            e_na: self.e_na,
            e_k: self.e_k,
            e_l: self.e_leak,
        }
    }

    /// Rates at membrane currents `i` (µA/cm²), not scaled `J`.
    fn rates_at_current(&self, i: &[f64], out: &mut [f64]) {
        let dt_ms = 1000.0 * self.max_substep;
        let threshold = self.spike_threshold;
        self.membrane().steady_rates(i, out, dt_ms, threshold);
    }
}

impl NeuronType for HodgkinHuxley {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new(
            "HodgkinHuxley",
            &[
                self.capacitance,
                self.g_na,
                self.g_k,
                self.g_leak,
                self.e_na,
                self.e_k,
                self.e_leak,
                self.current_scale,
                self.spike_threshold,
                self.max_substep,
            ],
        ))
    }

    fn name(&self) -> &'static str {
        "HodgkinHuxley"
    }

    /// Checks that a step of `dt` seconds can be taken: the parameters are
    /// valid and `dt` is positive, finite and needs at most
    /// [`MAX_SUBSTEPS`](Self::MAX_SUBSTEPS) sub-steps of `max_substep`
    /// (`dt` up to 25 s at the default).
    ///
    /// # Errors
    /// [`NeuronError::InvalidDt`] for such a `dt`, or the error of
    /// [`validate`](NeuronType::validate).
    fn check_dt(&self, dt: f64) -> Result<(), NeuronError> {
        self.substeps(dt).map(|_| ())
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage", "n", "m", "h"]
    }

    /// Every parameter finite; `capacitance`, `g_leak`, `current_scale`
    /// positive; `g_na`, `g_k` non-negative; `max_substep` in (0, 1e-4] s.
    fn validate(&self) -> Result<(), NeuronError> {
        let bad = |param, value, reason| {
            Err(NeuronError::InvalidParameter {
                neuron: "HodgkinHuxley",
                param,
                value,
                reason,
            })
        };
        let positive = [
            ("capacitance", self.capacitance),
            ("g_leak", self.g_leak),
            ("current_scale", self.current_scale),
        ];
        for (param, value) in positive {
            if !(value.is_finite() && value > 0.0) {
                return bad(param, value, "must be positive and finite");
            }
        }
        for (param, value) in [("g_na", self.g_na), ("g_k", self.g_k)] {
            if !(value.is_finite() && value >= 0.0) {
                return bad(param, value, "must be non-negative and finite");
            }
        }
        let finite = [
            ("e_na", self.e_na),
            ("e_k", self.e_k),
            ("e_leak", self.e_leak),
            ("spike_threshold", self.spike_threshold),
        ];
        for (param, value) in finite {
            if !value.is_finite() {
                return bad(param, value, "must be finite");
            }
        }
        let s = self.max_substep;
        if !(s.is_finite() && s > 0.0 && s <= MAX_SUBSTEP_LIMIT) {
            return bad("max_substep", s, "must lie in (0, 1e-4] s");
        }
        Ok(())
    }

    /// Every neuron at rest (−65.0 mV for the classic constants).
    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        let rest = self.membrane().rest();
        let vars = [rest.v, rest.n, rest.m, rest.h]
            .iter()
            .map(|&x| vec![x as f32; n])
            .collect();
        NeuronState::from_vars(vars)
    }

    /// Steady-state rate from rest under a step of constant current `J`,
    /// simulated with sub-steps of `max_substep` until two interspike
    /// intervals agree to 0.1% (rate = 1 / interval, continuous in `J`) or
    /// 60 ms pass without a spike (rate 0). Cost per current: ~45 ms of model
    /// time when firing (~0.1 ms of CPU), 60 ms when silent, up to 1 s just
    /// below the onset. Invalid parameters give NaN.
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        let len = j.len().min(out.len());
        if self.validate().is_err() {
            out[..len].fill(f64::NAN);
            return;
        }
        let i: Vec<f64> = j[..len].iter().map(|&j| self.current_scale * j).collect();
        self.rates_at_current(&i, &mut out[..len]);
    }

    /// `n = ceil(dt / max_substep)` sub-steps (see the type's docs), counting
    /// upward threshold crossings. A `dt` that
    /// [`check_dt`](HodgkinHuxley::check_dt) refuses sets every voltage to
    /// NaN, so the simulator's divergence check stops the run.
    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let Ok(count) = self.substeps(f64::from(dt)) else {
            state.var_mut(0).fill(f32::NAN);
            output.fill(0.0);
            return;
        };
        let mem = self.membrane();
        let sub = (1000.0 * f64::from(dt) / count as f64, count);
        let spike = (1.0 / f64::from(dt)) as f32;
        let mut cells = [Cell::default(); BLOCK];
        let (mut currents, mut spikes) = ([0.0; BLOCK], [0u32; BLOCK]);
        let len = j.len().min(output.len()).min(state.len());
        for start in (0..len).step_by(BLOCK) {
            let m = BLOCK.min(len - start);
            for k in 0..m {
                let var = |v: usize| f64::from(state.var(v)[start + k]);
                let (v, n, m, h) = (var(0), var(1), var(2), var(3));
                cells[k] = Cell { v, n, m, h };
                currents[k] = self.current_scale * f64::from(j[start + k]);
            }
            spikes.fill(0);
            let threshold = self.spike_threshold;
            mem.advance_all(&mut cells[..m], &currents[..m], sub, threshold, &mut spikes);
            for (k, c) in cells[..m].iter().enumerate() {
                for (v, x) in [c.v, c.n, c.m, c.h].into_iter().enumerate() {
                    state.var_mut(v)[start + k] = x as f32;
                }
                output[start + k] = spikes[k] as f32 * spike;
            }
        }
    }

    /// The first neuron whose voltage or gates are not finite (a non-finite
    /// input current, or a `dt` that `check_dt` refuses).
    fn first_non_finite(&self, state: &NeuronState) -> Option<usize> {
        (0..state.len()).find(|&k| (0..4).any(|v| !state.var(v)[k].is_finite()))
    }

    /// The peak of the rate curve: rates at `2^(k/4)` µA/cm² (1 to 32768,
    /// 61 currents) locate it, then 20 bisections on the last firing current
    /// above the best point (the curve rises until the oscillation falls
    /// below threshold, then drops to 0) refine it. Cost: ~80 rate
    /// evaluations (~10 ms). 0 if the neuron never fires; `None` for
    /// invalid parameters.
    fn max_rate_limit(&self) -> Option<f64> {
        self.validate().ok()?;
        let i: Vec<f64> = (0..PEAK_SCAN)
            .map(|k| 2f64.powf(f64::from(k) / 4.0))
            .collect();
        let mut r = vec![0.0; i.len()];
        self.rates_at_current(&i, &mut r);
        let best = (0..r.len()).fold(0, |b, k| if r[k] > r[b] { k } else { b });
        let mut peak = r[best];
        if peak > 0.0 && best + 1 < i.len() {
            let (mut lo, mut hi) = (i[best], i[best + 1]);
            for _ in 0..20 {
                let mid = 0.5 * (lo + hi);
                let mut rate = [0.0];
                self.rates_at_current(&[mid], &mut rate);
                if rate[0] > 0.0 {
                    (lo, peak) = (mid, peak.max(rate[0]));
                } else {
                    hi = mid;
                }
            }
        }
        Some(peak)
    }
}
