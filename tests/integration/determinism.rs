//! The same seed gives bit-identical results; different seeds differ.

use snn::prelude::*;
use std::f64::consts::PI;

fn run(seed: u64) -> (nalgebra::DMatrix<f64>, nalgebra::DMatrix<f64>) {
    let mut net = Network::with_seed(seed);
    let stim = net
        .node("stim", Node::time(|t| (2.0 * PI * t).sin()))
        .unwrap();
    let a = net.ensemble("a", Ensemble::new(50, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(50, 1)).unwrap();
    net.connect(Connection::new(stim, a)).unwrap();
    net.connect(Connection::new(a, b).function(|x| x[0].abs()))
        .unwrap();
    let p = net.probe(Probe::new(b).synapse(0.01)).unwrap();
    let s = net.probe(Probe::spikes(a)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.3).unwrap();
    (sim.data(p).unwrap(), sim.data(s).unwrap())
}

#[test]
fn same_seed_gives_bit_identical_probe_data() {
    let (p1, s1) = run(7);
    let (p2, s2) = run(7);
    assert!(p1
        .iter()
        .zip(p2.iter())
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    assert_eq!(s1, s2);
}

#[test]
fn different_seeds_give_different_networks() {
    let (_, s1) = run(7);
    let (_, s2) = run(8);
    assert_ne!(s1, s2);
}

#[test]
fn subnetwork_objects_keep_their_seeds_when_the_parent_grows() {
    fn gains(extra: bool) -> Vec<f64> {
        let mut net = Network::with_seed(1);
        if extra {
            // Added after the sub-network: must not shift its seeds.
            net.ensemble("later", Ensemble::new(5, 1)).unwrap();
        }
        let inner = net
            .subnetwork("sub", |n| n.ensemble("x", Ensemble::new(20, 1)))
            .unwrap();
        assert_eq!(net.ensemble_name(inner).unwrap(), "sub.x");
        net.build_ensemble(inner).unwrap().gain
    }
    // The sub-network is the first child in one case and the second in the
    // other, so its derived seed differs; what must hold is reproducibility.
    assert_eq!(gains(false), gains(false));
    assert_eq!(gains(true), gains(true));
}

/// A model large enough that its stages are stepped in parallel: a 20,000-
/// neuron ensemble (split into blocks) driven by a node, with direct input
/// currents into its neurons, read out through a neuron-to-node weight
/// vector, and an array of 40 small ensembles packed into shared blocks
/// with decoded outputs of 1 and 12 dimensions (dense and event-driven
/// decoding).
fn run_with_threads(threads: usize) -> Vec<nalgebra::DMatrix<f64>> {
    let mut net = Network::with_seed(3);
    let stim = net
        .node("stim", Node::time(|t| (2.0 * PI * t).sin()))
        .unwrap();
    let big = net.ensemble("big", Ensemble::new(20_000, 1)).unwrap();
    net.connect(Connection::new(stim, big)).unwrap();
    let kick = net
        .node("kick", Node::time(|t| if t < 0.05 { 0.5 } else { 0.0 }))
        .unwrap();
    let fan = nalgebra::DMatrix::from_element(20_000, 1, 1.0);
    net.connect(Connection::new(kick, big.neurons()).transform(fan))
        .unwrap();
    let total = net.node("total", Node::passthrough(1)).unwrap();
    let mean = nalgebra::DMatrix::from_element(1, 20_000, 1.0 / 20_000.0);
    net.connect(Connection::new(big.neurons(), total).transform(mean))
        .unwrap();
    let mut probes = vec![
        net.probe(Probe::new(total).synapse(0.01)).unwrap(),
        net.probe(Probe::voltage(big).sample_every(0.05)).unwrap(),
    ];
    for i in 0..40 {
        let dims = if i % 2 == 0 { 1 } else { 12 };
        let e = net
            .ensemble(&format!("small{i}"), Ensemble::new(60, dims))
            .unwrap();
        net.connect(Connection::new(stim, e.at(0))).unwrap();
        if i % 10 == 0 {
            probes.push(net.probe(Probe::new(e).synapse(0.005)).unwrap());
            probes.push(net.probe(Probe::spikes(e)).unwrap());
        }
    }
    let mut sim = Simulator::new(&net).unwrap();
    sim.set_threads(threads).unwrap();
    sim.run(0.2).unwrap();
    probes.iter().map(|&p| sim.data(p).unwrap()).collect()
}

#[test]
fn results_are_bit_identical_at_any_thread_count() {
    let one = run_with_threads(1);
    assert!(one[0].iter().any(|&v| v != 0.0), "the read-out moved");
    for threads in [2, 3, 4] {
        let many = run_with_threads(threads);
        for (a, b) in one.iter().zip(&many) {
            assert_eq!(a.shape(), b.shape());
            assert!(
                a.iter()
                    .zip(b.iter())
                    .all(|(x, y)| x.to_bits() == y.to_bits()),
                "{threads} threads differ from one"
            );
        }
    }
}

#[test]
fn a_thread_count_of_zero_is_an_error() {
    let net = Network::with_seed(1);
    let mut sim = Simulator::new(&net).unwrap();
    assert!(matches!(
        sim.set_threads(0),
        Err(snn::SimError::InvalidThreads(0))
    ));
}
