//! Hodgkin–Huxley gating kinetics, the sub-step integrator and the firing
//! rate measurement behind [`HodgkinHuxley`](super::HodgkinHuxley)'s `step`
//! and `rates`. Units inside: mV, ms, mS/cm², µA/cm², µF/cm².

/// Gating rates are evaluated at the voltage clamped to ±this (mV), so
/// extreme inputs cannot overflow `exp`; every gate is saturated long before.
const RATE_VOLTAGE_LIMIT: f64 = 250.0;
/// Two consecutive interspike intervals within this fraction of each other
/// mean the neuron has settled on its limit cycle.
const ISI_SETTLED_TOL: f64 = 1e-3;
/// A neuron quiet for this long (ms), and for twice its last interspike
/// interval, is silent. The classic model's slowest cycle lasts ~19 ms.
const QUIET_MS: f64 = 60.0;
/// Longest simulation (ms) of one rate measurement.
const MAX_RATE_MS: f64 = 1000.0;
/// Currents whose rates [`Membrane::steady_rates`] measures at once.
const LANES: usize = 8;

/// `[(α, β)]` of `n`, `m`, `h` (1/ms) at `v` mV, with `u = v + 65`:
/// `α_n = 0.01 (u − 10) / (1 − exp(−(u − 10)/10))`, `β_n = 0.125 exp(−u/80)`,
/// `α_m = 0.1 (u − 25) / (1 − exp(−(u − 25)/10))`, `β_m = 4 exp(−u/18)`,
/// `α_h = 0.07 exp(−u/20)`, `β_h = 1 / (1 + exp(−(u − 30)/10))`.
///
/// Two exponentials serve all six: with `E = exp(−u/10)`, `exp(−u/20) = √E`,
/// `exp(−u/80) = √√√E` and the shifted ones are `E` times constants; only
/// `exp(−u/18)` is separate. The α quotients are 0/0 at `u = 10` and
/// `u = 25` and take their limits (1 in units of their prefactor) there.
#[inline]
pub(super) fn gate_rates(v: f64) -> [(f64, f64); 3] {
    // exp(1), exp(2.5), exp(3): E shifted to (u − 10), (u − 25), (u − 30).
    const E1: f64 = std::f64::consts::E;
    const E2_5: f64 = 12.182_493_960_703_473;
    const E3: f64 = 20.085_536_923_187_668;
    let u = v.clamp(-RATE_VOLTAGE_LIMIT, RATE_VOLTAGE_LIMIT) + 65.0;
    let e = (-u / 10.0).exp();
    let e20 = e.sqrt();
    let e80 = e20.sqrt().sqrt();
    // x / (1 − exp(−x)) given exp(−x), continuous at x = 0.
    let exprel = |x: f64, emx: f64| {
        if x.abs() < 1e-6 {
            1.0 + 0.5 * x
        } else {
            x / (1.0 - emx)
        }
    };
    [
        (0.1 * exprel(u / 10.0 - 1.0, e * E1), 0.125 * e80),
        (exprel(u / 10.0 - 2.5, e * E2_5), 4.0 * (-u / 18.0).exp()),
        (0.07 * e20, 1.0 / (1.0 + e * E3)),
    ]
}

/// One neuron's state: voltage (mV) and the three gates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Cell {
    pub v: f64,
    pub n: f64,
    pub m: f64,
    pub h: f64,
}

/// The membrane constants: capacitance, maximal conductances, reversals.
#[derive(Debug, Clone, Copy)]
pub(super) struct Membrane {
    pub c: f64,
    pub g_na: f64,
    pub g_k: f64,
    pub g_l: f64,
    pub e_na: f64,
    pub e_k: f64,
    pub e_l: f64,
}

impl Membrane {
    /// The resting state at zero input: the voltage where the steady-state
    /// (outward) current vanishes, found by bisection between the extreme
    /// reversal potentials (it is inward below them all, outward above),
    /// with every gate at its steady state `α / (α + β)`.
    pub fn rest(&self) -> Cell {
        let at = |v: f64| {
            let [n, m, h] = gate_rates(v).map(|(a, b)| a / (a + b));
            let cell = Cell { v, n, m, h };
            let current = self.g_na * m.powi(3) * h * (v - self.e_na)
                + self.g_k * n.powi(4) * (v - self.e_k)
                + self.g_l * (v - self.e_l);
            (cell, current)
        };
        let mut lo = self.e_na.min(self.e_k).min(self.e_l) - 1.0;
        let mut hi = self.e_na.max(self.e_k).max(self.e_l) + 1.0;
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if at(mid).1 < 0.0 {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        at(0.5 * (lo + hi)).0
    }

    /// Advances `cell` by `dt` ms under input `i` (µA/cm²): staggered
    /// exponential Euler. Each gate `x` relaxes exactly towards
    /// `x_inf = α / (α + β)` with time constant `1 / (α + β)` at the present
    /// voltage (Rush–Larsen), then the voltage relaxes exactly towards
    /// `V_inf = (i + Σ g E) / Σ g` with time constant `C / Σ g` under the new
    /// conductances. Both updates are convex combinations, so gates stay in
    /// [0, 1] and the voltage between its bounds at any `dt`: the scheme
    /// cannot blow up. With the gates half a step ahead of the voltage (as
    /// in NEURON's staggered scheme) its error falls as `dt²`.
    /// Cost: 6 exponentials, 3 square roots, 7 divisions.
    #[inline]
    pub fn advance(&self, cell: &mut Cell, i: f64, dt: f64) {
        let relax = |x: f64, (a, b): (f64, f64)| {
            let x_inf = a / (a + b);
            x_inf + (x - x_inf) * (-dt * (a + b)).exp()
        };
        let [rn, rm, rh] = gate_rates(cell.v);
        cell.n = relax(cell.n, rn);
        cell.m = relax(cell.m, rm);
        cell.h = relax(cell.h, rh);
        let g_na = self.g_na * cell.m * cell.m * cell.m * cell.h;
        let n2 = cell.n * cell.n;
        let g_k = self.g_k * n2 * n2;
        let g = g_na + g_k + self.g_l;
        let v_inf = (i + g_na * self.e_na + g_k * self.e_k + self.g_l * self.e_l) / g;
        cell.v = v_inf + (cell.v - v_inf) * (-dt * g / self.c).exp();
    }

    /// Advances every cell `count` sub-steps of `dt` ms under its constant
    /// current, adding its upward crossings of `threshold` mV to `spikes`.
    /// The cells are independent chains, stepped in lock-step so their
    /// exponentials overlap in the pipeline.
    pub fn advance_all(
        &self,
        cells: &mut [Cell],
        currents: &[f64],
        (dt, count): (f64, usize),
        threshold: f64,
        spikes: &mut [u32],
    ) {
        for _ in 0..count {
            for ((cell, &i), s) in cells.iter_mut().zip(currents).zip(spikes.iter_mut()) {
                let before = cell.v;
                self.advance(cell, i, dt);
                *s += u32::from(before < threshold && cell.v >= threshold);
            }
        }
    }

    /// Steady-state firing rates (Hz) at constant inputs `currents`
    /// (µA/cm²) into `out`, with sub-steps of `dt` ms and spikes at upward
    /// crossings of `threshold` mV.
    ///
    /// Each current is simulated from rest until two consecutive interspike
    /// intervals agree to 0.1% (rate `1000 / ISI`; spike times are
    /// interpolated linearly inside a sub-step, so the curve is continuous
    /// in the current), or until it has been quiet for 60 ms and for twice
    /// its last interval (rate 0); after 1 s without either, the last
    /// interval gives the rate. Eight currents are in flight at once, each
    /// replaced by the next as it finishes. Cost per current: ~3 periods
    /// (~45 ms of model time at 10 µA/cm²) when firing, 60 ms when silent,
    /// up to 1 s just below the onset of repetitive firing.
    pub fn steady_rates(&self, currents: &[f64], out: &mut [f64], dt: f64, threshold: f64) {
        let rest = self.rest();
        let max_steps = (MAX_RATE_MS / dt).ceil() as u32;
        let mut queue = 0..currents.len().min(out.len());
        let start = |index: usize| Probe {
            index,
            i: currents[index],
            cell: rest,
            steps: 0,
            last_spike: None,
            last_isi: None,
        };
        let mut lanes: Vec<Probe> = queue.by_ref().take(LANES).map(start).collect();
        while !lanes.is_empty() {
            let mut k = 0;
            while k < lanes.len() {
                let p = &mut lanes[k];
                let Some(rate) = p.advance(self, dt, threshold, max_steps) else {
                    k += 1;
                    continue;
                };
                out[p.index] = rate;
                match queue.next() {
                    Some(index) => lanes[k] = start(index),
                    None => drop(lanes.swap_remove(k)),
                }
            }
        }
    }
}

/// One current's rate measurement in progress.
struct Probe {
    index: usize,
    i: f64,
    cell: Cell,
    steps: u32,
    last_spike: Option<f64>,
    last_isi: Option<f64>,
}

impl Probe {
    /// One sub-step; the rate once the measurement is done.
    #[inline]
    fn advance(&mut self, mem: &Membrane, dt: f64, threshold: f64, max_steps: u32) -> Option<f64> {
        let v0 = self.cell.v;
        mem.advance(&mut self.cell, self.i, dt);
        let t0 = f64::from(self.steps) * dt;
        self.steps += 1;
        let v1 = self.cell.v;
        if v0 < threshold && v1 >= threshold {
            let t = t0 + dt * (threshold - v0) / (v1 - v0);
            if let Some(prev) = self.last_spike {
                let isi = t - prev;
                if self
                    .last_isi
                    .is_some_and(|p| (isi - p).abs() <= ISI_SETTLED_TOL * isi)
                {
                    return Some(1000.0 / isi);
                }
                self.last_isi = Some(isi);
            }
            self.last_spike = Some(t);
        } else if !v1.is_finite() {
            return Some(f64::NAN);
        } else {
            let quiet = QUIET_MS.max(2.0 * self.last_isi.unwrap_or(0.0));
            if t0 + dt - self.last_spike.unwrap_or(0.0) > quiet {
                return Some(0.0);
            }
        }
        (self.steps >= max_steps).then(|| self.last_isi.map_or(0.0, |isi| 1000.0 / isi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook forms, term by term, at `v` mV.
    fn textbook(v: f64) -> [(f64, f64); 3] {
        let lin = |k: f64, x: f64| k * x / (1.0 - (-x / 10.0).exp());
        [
            (lin(0.01, v + 55.0), 0.125 * (-(v + 65.0) / 80.0).exp()),
            (lin(0.1, v + 40.0), 4.0 * (-(v + 65.0) / 18.0).exp()),
            (
                0.07 * (-(v + 65.0) / 20.0).exp(),
                1.0 / (1.0 + (-(v + 35.0) / 10.0).exp()),
            ),
        ]
    }

    #[test]
    fn gate_rates_match_the_textbook_forms() {
        for k in 0..=3000 {
            // Offset so the grid never lands on the 0/0 points.
            let v = -150.0 + 0.1 * f64::from(k) + 1e-3;
            let (fused, plain) = (gate_rates(v), textbook(v));
            for ((a, b), (c, d)) in fused.into_iter().zip(plain) {
                let close = |x: f64, y: f64| (x - y).abs() <= 1e-11 * y.abs().max(1e-3);
                assert!(
                    close(a, c) && close(b, d),
                    "v = {v}: {fused:?} vs {plain:?}"
                );
            }
        }
    }

    #[test]
    fn alpha_rates_are_continuous_at_their_removable_singularities() {
        for (gate, v0, limit) in [(0, -55.0, 0.1), (1, -40.0, 1.0)] {
            let alpha = |v: f64| gate_rates(v)[gate].0;
            assert!((alpha(v0) - limit).abs() < 1e-12);
            assert!((alpha(v0 - 1e-5) - limit).abs() < 1e-5);
            assert!((alpha(v0 + 1e-5) - limit).abs() < 1e-5);
        }
    }

    #[test]
    fn extreme_voltages_keep_the_gates_finite() {
        let mem = Membrane {
            c: 1.0,
            g_na: 120.0,
            g_k: 36.0,
            g_l: 0.3,
            e_na: 50.0,
            e_k: -77.0,
            e_l: -54.387,
        };
        for v in [-1e6, -300.0, 300.0, 1e6] {
            let mut cell = Cell { v, ..mem.rest() };
            mem.advance(&mut cell, 0.0, 0.025);
            let gates = [cell.n, cell.m, cell.h];
            assert!(cell.v.is_finite() && gates.iter().all(|g| (0.0..=1.0).contains(g)));
        }
    }
}
