//! Given exactly Nengo's built parameters, our simulator reproduces Nengo's
//! spike trains.
//!
//! `tests/integration/data/nengo_spikes.json` was written by Nengo 4.1.0 with
//! `~/.venvs/nengo/bin/python scripts/nengo_export_spikes.py` (see that
//! script): u(t) = sin(2πt) → A (40 LIF) → B (40 LIF) computing x², seed 0,
//! dt = 1 ms, 0.5 s, default synapses. It holds A's and B's scaled encoders,
//! biases and initial neuron states, the decoders of A → B and of a decoded
//! probe of B, Nengo's spike trains and Nengo's probed output of B.
//!
//! We build the same topology, overwrite the compiled network's parameters
//! with Nengo's, and run. Everything downstream of the build — node
//! evaluation, synapses, spike delivery, the LIF update, probes — is then
//! checked against Nengo step by step. The only difference left is numeric:
//! our neuron state and decoders are `f32`, Nengo's `float64`. A neuron whose
//! voltage crosses threshold within rounding of a step boundary can then
//! spike one step earlier or later, so a handful of spikes move by one step.

use serde_json::Value;
use snn::core::network::{ProbeTarget, Source};
use snn::core::neurons::NeuronState;
use snn::prelude::*;
use std::f64::consts::PI;

const DATA: &str = include_str!("data/nengo_spikes.json");

// Thresholds. On the stored run (0.5 s, 2555 spikes in A, 2028 in B) every
// spike is at Nengo's exact step. Over longer runs of the same model (5 s,
// seeds 0–4, about 224 000 spikes) 9 spikes moved by one step (at most 4 of
// about 23 500 in one population, under 0.02%), none moved further, and the
// spike counts were always equal: a spike moved by f32 rounding is late or
// early, not lost. So we require
// - spike counts within 0.1% of Nengo's (2 spikes here; measured: equal),
// - every spike of ours within one step of an unpaired spike of Nengo's of the
//   same neuron, and Nengo's spikes missing from ours within the count
//   tolerance,
// - at least 99.5% of spikes at exactly Nengo's step (measured: 100% here,
//   never below 99.98% in the longer runs).
// Any modelling error — a step of delay, a different synapse or LIF update —
// moves most spikes and fails these by far.
const MIN_EXACT_FRACTION: f64 = 0.995;

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

fn f32s(v: &Value) -> Vec<f32> {
    floats(v).into_iter().map(|x| x as f32).collect()
}

/// A JSON matrix (list of rows) as a flat row-major `Vec` and its row count.
fn matrix(v: &Value) -> (Vec<f64>, usize) {
    let rows = v.as_array().expect("a matrix");
    (rows.iter().flat_map(floats).collect(), rows.len())
}

/// Nengo's `weights` (`dims × n`) as our neuron-major (`n × dims`) decoders.
fn neuron_major(weights: &Value) -> Vec<f32> {
    let (w, dims) = matrix(weights);
    let n = w.len() / dims;
    (0..n)
        .flat_map(|i| (0..dims).map(move |k| (i, k)))
        .map(|(i, k)| w[k * n + i] as f32)
        .collect()
}

/// Per neuron, the steps at which it spiked.
fn nengo_spikes(v: &Value) -> Vec<Vec<usize>> {
    v.as_array()
        .expect("per-neuron spike lists")
        .iter()
        .map(|s| {
            s.as_array()
                .expect("a spike list")
                .iter()
                .map(|k| k.as_u64().expect("a step") as usize)
                .collect()
        })
        .collect()
}

/// Per neuron, the steps at which a spike probe's data is non-zero.
fn our_spikes(data: &nalgebra::DMatrix<f64>) -> Vec<Vec<usize>> {
    (0..data.ncols())
        .map(|i| (0..data.nrows()).filter(|&k| data[(k, i)] > 0.0).collect())
        .collect()
}

/// How two sets of spike trains of one population agree.
#[derive(Debug, Default)]
struct Agreement {
    nengo: usize,
    ours: usize,
    /// Spikes at the same step of the same neuron in both.
    exact: usize,
    /// Spikes of ours paired with a spike of Nengo's one step away.
    moved: usize,
    /// Spikes of ours with no spike of Nengo's within one step.
    unmatched: usize,
}

fn compare(nengo: &[Vec<usize>], ours: &[Vec<usize>]) -> Agreement {
    assert_eq!(nengo.len(), ours.len(), "neuron counts");
    let mut a = Agreement::default();
    for (theirs, mine) in nengo.iter().zip(ours) {
        a.nengo += theirs.len();
        a.ours += mine.len();
        let mut free: Vec<usize> = theirs
            .iter()
            .filter(|k| !mine.contains(k))
            .copied()
            .collect();
        for &k in mine {
            if theirs.contains(&k) {
                a.exact += 1;
            } else if let Some(j) = free.iter().position(|&f| f.abs_diff(k) == 1) {
                free.remove(j);
                a.moved += 1;
            } else {
                a.unmatched += 1;
            }
        }
    }
    a
}

#[test]
fn spike_trains_match_nengo_given_nengos_parameters() -> Result<(), snn::Error> {
    let data: Value = serde_json::from_str(DATA).expect("valid JSON");
    let dt = data["dt"].as_f64().expect("dt");
    let n_steps = data["n_steps"].as_u64().expect("n_steps");

    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::time(|t| (2.0 * PI * t).sin()))?;
    let a = net.ensemble("A", Ensemble::new(40, 1))?;
    let b = net.ensemble("B", Ensemble::new(40, 1))?;
    net.connect(Connection::new(u, a))?;
    net.connect(Connection::new(a, b).function(|x| x[0] * x[0]))?;
    let b_probe =
        net.probe(Probe::new(b).synapse(data["b_probe_synapse"].as_f64().expect("tau")))?;
    let a_spikes = net.probe(Probe::spikes(a))?;
    let b_spikes = net.probe(Probe::spikes(b))?;
    let model = net.build(BuildOptions::default().dt(dt))?;

    // Nengo's parameters in place of ours.
    let mut cn = std::sync::Arc::unwrap_or_clone(model.network);
    for (pop, key) in [(a.index(), "a"), (b.index(), "b")] {
        let ens = &data[key];
        let p = &mut cn.populations[pop];
        let (encoders, n) = matrix(&ens["scaled_encoders"]);
        assert_eq!(
            (n, encoders.len()),
            (p.n, p.n * p.dims),
            "{key}: encoder shape"
        );
        p.encoders = encoders.iter().map(|&e| e as f32).collect();
        p.bias = f32s(&ens["bias"]);
        p.initial_state =
            NeuronState::from_vars(vec![f32s(&ens["voltage"]), f32s(&ens["refractory_time"])]);
    }
    let decoded_from_a = cn
        .links
        .iter_mut()
        .find_map(|l| match &mut l.source {
            Source::Decoded { pop, decoders, .. } if *pop == a.index() => Some(decoders),
            _ => None,
        })
        .expect("the A → B link");
    let weights = neuron_major(&data["a_to_b_weights"]);
    assert_eq!(decoded_from_a.len(), weights.len(), "A → B decoder shape");
    *decoded_from_a = weights;
    let decoded_from_b = cn
        .probes
        .iter_mut()
        .find_map(|p| match &mut p.target {
            ProbeTarget::Source(Source::Decoded { pop, decoders, .. }) if *pop == b.index() => {
                Some(decoders)
            }
            _ => None,
        })
        .expect("the decoded probe of B");
    let weights = neuron_major(&data["b_probe_weights"]);
    assert_eq!(decoded_from_b.len(), weights.len(), "probe decoder shape");
    *decoded_from_b = weights;

    let mut sim = Simulator::from_compiled(cn)?;
    sim.run_steps(n_steps)?;

    for (key, probe) in [("a", a_spikes), ("b", b_spikes)] {
        let ours = our_spikes(&sim.data(probe)?);
        let nengo = nengo_spikes(&data[format!("{key}_spikes")]);
        let g = compare(&nengo, &ours);
        eprintln!("{key}: {g:?}");
        let count_tolerance = g.nengo / 1000;
        assert!(
            g.ours.abs_diff(g.nengo) <= count_tolerance,
            "{key}: {} spikes, Nengo {}: {g:?}",
            g.ours,
            g.nengo
        );
        assert_eq!(
            g.unmatched, 0,
            "{key}: spikes not within a step of Nengo's: {g:?}"
        );
        assert!(
            g.nengo - g.exact - g.moved <= count_tolerance,
            "{key}: Nengo's spikes missing from ours: {g:?}"
        );
        assert!(
            g.exact as f64 >= MIN_EXACT_FRACTION * g.nengo as f64,
            "{key}: too few spikes at Nengo's exact step: {g:?}"
        );
    }

    // The decoded, filtered output of B. With Nengo's spikes reproduced,
    // only the f32 rounding of the decoders is left (measured: 6e-8). One
    // spike of B moved by a step adds a transient of about 0.02 (measured in
    // the longer runs), so 0.05 allows a couple of moved spikes and still
    // catches any systematic difference on a signal of amplitude 1.
    let ours = sim.data(b_probe)?;
    let nengo = floats(&data["b_decoded"]);
    assert_eq!(ours.nrows(), nengo.len(), "probe samples");
    let max_diff = nengo
        .iter()
        .enumerate()
        .map(|(k, y)| (ours[(k, 0)] - y).abs())
        .fold(0.0, f64::max);
    assert!(
        max_diff <= 0.05,
        "decoded output of B differs from Nengo's by up to {max_diff}"
    );
    Ok(())
}
