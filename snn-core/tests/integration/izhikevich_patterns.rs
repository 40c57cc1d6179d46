//! The six Izhikevich presets reproduce the firing patterns of Izhikevich
//! (2003), "Simple model of spiking neurons", Fig. 2, each measured as a
//! trait of the spike train of one neuron driven from rest
//! (`v = -65, u = b v`, as in the paper) by a constant current.
//!
//! Currents are in the paper's units (`J = 10` drives tonic firing). The
//! neuron is stepped with `dt = 0.1 ms` (0.0001 s): Nengo's usual 1 ms Euler
//! step is too coarse for intra-burst intervals of 2-5 ms.

use snn_core::neurons::{Izhikevich, NeuronState, NeuronType};

const DT: f32 = 0.0001;

/// Spike times (ms) and the voltage at every step.
struct Trace {
    spikes_ms: Vec<f64>,
    voltage: Vec<f32>,
}

/// The state at rest as the paper starts it: `v = -65`, `u = b v`.
fn at_rest(n: &Izhikevich) -> NeuronState {
    NeuronState::from_vars(vec![vec![-65.0], vec![(n.coupling * -65.0) as f32]])
}

/// Steps one neuron from `state` for `ms` milliseconds under `current(t_ms)`.
fn run(n: &Izhikevich, state: &mut NeuronState, ms: f64, current: impl Fn(f64) -> f32) -> Trace {
    let steps = (ms / 1000.0 / f64::from(DT)).round() as usize;
    let mut out = [0.0f32];
    let mut trace = Trace {
        spikes_ms: Vec::new(),
        voltage: Vec::with_capacity(steps),
    };
    for k in 0..steps {
        let t_ms = k as f64 * f64::from(DT) * 1000.0;
        n.step(DT, &[current(t_ms)], state, &mut out);
        if out[0] > 0.0 {
            trace.spikes_ms.push(t_ms);
        }
        trace.voltage.push(state.var(0)[0]);
    }
    trace
}

/// Inter-spike intervals (ms) over one second at constant current `j`.
fn isis(n: &Izhikevich, j: f32) -> Vec<f64> {
    let trace = run(n, &mut at_rest(n), 1000.0, |_| j);
    trace.spikes_ms.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn regular_spiking_intervals_lengthen() {
    let isi = isis(&Izhikevich::regular_spiking(), 10.0);
    assert!(isi.len() >= 10, "{isi:?}");
    // Tonic single spikes, no bursts ...
    assert!(isi.iter().all(|&t| t > 15.0), "{isi:?}");
    // ... whose intervals lengthen (spike-frequency adaptation).
    let (first, last) = (isi[0], isi[isi.len() - 1]);
    assert!(last > 1.5 * first, "first {first} ms, last {last} ms");
}

#[test]
fn chattering_fires_repeated_high_frequency_bursts() {
    let isi = isis(&Izhikevich::chattering(), 10.0);
    // Intervals are bimodal: within a burst under 10 ms, between bursts over
    // 20 ms, and nothing in between.
    let short = isi.iter().filter(|&&t| t < 10.0).count();
    let long = isi.iter().filter(|&&t| t > 20.0).count();
    assert_eq!(short + long, isi.len(), "{isi:?}");
    assert!(long >= 5, "only {long} bursts: {isi:?}");
    assert!(short >= 3 * long, "bursts of under 4 spikes: {isi:?}");
}

#[test]
fn intrinsically_bursting_starts_with_a_burst_then_fires_single_spikes() {
    let isi = isis(&Izhikevich::intrinsically_bursting(), 10.0);
    assert!(isi.len() >= 10, "{isi:?}");
    // An initial burst of at least three spikes ...
    assert!(isi[0] < 10.0 && isi[1] < 10.0, "{isi:?}");
    // ... then tonic single spikes at much longer intervals.
    assert!(isi[2..].iter().all(|&t| t > 25.0), "{isi:?}");
}

#[test]
fn fast_spiking_fires_fast_with_little_adaptation() {
    // At J = 20 regular spiking adapts strongly (its first interval is a
    // short doublet), which makes the contrast clear.
    let fs = isis(&Izhikevich::fast_spiking(), 20.0);
    let rs = isis(&Izhikevich::regular_spiking(), 20.0);
    assert!(
        fs.len() > 4 * rs.len(),
        "FS {} vs RS {} spikes",
        fs.len(),
        rs.len()
    );
    let fs_ratio = fs[fs.len() - 1] / fs[0];
    let rs_ratio = rs[rs.len() - 1] / rs[0];
    assert!(
        fs_ratio < 2.0 && rs_ratio > 4.0,
        "FS {fs_ratio}, RS {rs_ratio}"
    );
    // At the paper's J = 10 fast spiking is also several times faster.
    let (fs10, rs10) = (
        isis(&Izhikevich::fast_spiking(), 10.0),
        isis(&Izhikevich::default(), 10.0),
    );
    assert!(fs10.len() > 4 * rs10.len());
}

#[test]
fn low_threshold_spiking_fires_below_regular_spiking_threshold() {
    // Rheobase (saddle-node of the v-nullcline with u = b v) is
    // (5 - b)^2 / 0.16 - 140: 4 for RS (b = 0.2), about 1 for LTS (b = 0.25).
    let (lts, rs) = (
        Izhikevich::low_threshold_spiking(),
        Izhikevich::regular_spiking(),
    );
    let lts_spikes = run(&lts, &mut at_rest(&lts), 1000.0, |_| 2.5)
        .spikes_ms
        .len();
    let rs_spikes = run(&rs, &mut at_rest(&rs), 1000.0, |_| 2.5).spikes_ms.len();
    assert!(
        lts_spikes >= 5 && rs_spikes == 0,
        "LTS {lts_spikes}, RS {rs_spikes}"
    );
    // The rate curves (Nengo's 1 ms estimate) agree.
    let (mut r_lts, mut r_rs) = ([0.0], [0.0]);
    lts.rates(&[2.5], &mut r_lts);
    rs.rates(&[2.5], &mut r_rs);
    assert!(
        r_lts[0] > 5.0 && r_rs[0] == 0.0,
        "LTS {r_lts:?}, RS {r_rs:?}"
    );
}

/// Times the voltage crosses `rest` after a 1 ms pulse of current 2 from
/// rest, over 300 ms, ignoring deviations under 1 µV; also the spike count.
fn crossings_after_pulse(n: &Izhikevich) -> (usize, usize) {
    let mut state = at_rest(n);
    // Settle to the model's own (f32) fixed point first.
    let settled = run(n, &mut state, 1000.0, |_| 0.0);
    let rest = f64::from(settled.voltage[settled.voltage.len() - 1]);
    let trace = run(n, &mut state, 300.0, |t| if t < 1.0 { 2.0 } else { 0.0 });
    let mut crossings = 0;
    let mut side = 0.0f64;
    for &v in &trace.voltage {
        let dev = f64::from(v) - rest;
        if dev.abs() > 1e-3 {
            if side != 0.0 && dev.signum() != side {
                crossings += 1;
            }
            side = dev.signum();
        }
    }
    (crossings, trace.spikes_ms.len())
}

#[test]
fn resonator_voltage_rings_after_a_brief_pulse() {
    // Linearized at rest (v = -62.5) the resonator has complex eigenvalues
    // (period ~41 ms, decay ~20 ms): a damped subthreshold oscillation.
    let (rz_crossings, rz_spikes) = crossings_after_pulse(&Izhikevich::resonator());
    assert_eq!(rz_spikes, 0);
    assert!(
        rz_crossings >= 4,
        "resonator crossed rest {rz_crossings} times"
    );
    // Regular spiking is overdamped at rest: it returns without ringing.
    let (rs_crossings, rs_spikes) = crossings_after_pulse(&Izhikevich::regular_spiking());
    assert_eq!(rs_spikes, 0);
    assert!(
        rs_crossings <= 1,
        "regular spiking crossed rest {rs_crossings} times"
    );
}
