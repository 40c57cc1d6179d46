//! Links read as terms (plain reads of a signal slice, summed straight
//! into a unit's input, or into a link's first-order filter) give the very
//! bits of the general link path, and a bad value through one is still
//! reported naming its link.

use super::key;
use crate::network::{
    Link, NodeKind, NodeSpec, Population, ProbeSpec, ProbeTarget, Source, Target, Transform,
};
use crate::neurons::{NeuronType, LIF};
use crate::synapses::{Lowpass, Synapse};
use crate::{CompiledNetwork, SimError, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

const N: usize = 40;

fn population(label: &str, seed: u64) -> Population {
    let lif = LIF::default();
    Population {
        noise: None,
        label: label.into(),
        neuron_type: Arc::new(lif),
        n: N,
        dims: 1,
        encoders: (0..N)
            .map(|i| if i % 2 == 0 { 3.0 } else { -2.5 })
            .collect(),
        bias: (0..N).map(|i| 0.5 + i as f32 * 0.03).collect(),
        initial_state: lif.initial_state(N, &mut rand_chacha::ChaCha8Rng::seed_from_u64(seed)),
    }
}

fn link(label: String, source: Source, target: Target, transform: Transform) -> Link {
    Link {
        label,
        source,
        pre_slice: None,
        function: None,
        transform,
        synapse: None,
        target,
        post_slice: None,
    }
}

/// Three sines into three populations (one element each, scaled by 0.7),
/// their decoded values into a junction (one element each), the junction
/// filtered into a second junction, both probed. `general` writes every
/// transform as a diagonal of the same factor, which no term reads.
fn array_net(general: bool) -> CompiledNetwork {
    let scale = |s: f64| {
        if general {
            Transform::Diagonal(vec![s])
        } else if s == 1.0 {
            Transform::Identity
        } else {
            Transform::Scalar(s)
        }
    };
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "sines".into(),
        size_in: 0,
        size_out: 3,
        kind: NodeKind::Function(Arc::new(|t, _, out| {
            for (k, o) in out.iter_mut().enumerate() {
                *o = (6.0 * t + k as f64).sin();
            }
            Ok(())
        })),
    });
    for label in ["output", "filtered"] {
        net.nodes.push(NodeSpec {
            label: label.into(),
            size_in: 3,
            size_out: 3,
            kind: NodeKind::Passthrough,
        });
    }
    for k in 0..3 {
        net.populations.push(population(&format!("e{k}"), k as u64));
        let mut input = link(
            format!("sines[{k}] -> e{k}"),
            Source::Node(0),
            Target::Population(k),
            scale(0.7),
        );
        input.pre_slice = Some(vec![k]);
        let mut output = link(
            format!("e{k} -> output[{k}]"),
            Source::Decoded {
                pop: k,
                decoders: (0..N).map(|i| (i as f32 - 20.0) * 1e-5).collect(),
                dims: 1,
            },
            Target::Node(1),
            scale(1.0),
        );
        output.post_slice = Some(vec![k]);
        net.links.extend([input, output]);
    }
    let mut filtered = link(
        "output -> filtered".into(),
        Source::Node(1),
        Target::Node(2),
        if general {
            Transform::Diagonal(vec![1.0; 3])
        } else {
            Transform::Identity
        },
    );
    filtered.synapse = Some(Lowpass(0.005).discretize(0.001).unwrap());
    net.links.push(filtered);
    for node in [1, 2] {
        net.probes.push(ProbeSpec {
            label: format!("node {node}"),
            target: ProbeTarget::Source(Source::Node(node)),
            synapse: None,
            sample_every: None,
        });
    }
    net
}

#[test]
fn links_read_as_terms_give_the_bits_of_the_general_link_path() {
    let plain = Simulator::from_compiled(array_net(false)).unwrap();
    let general = Simulator::from_compiled(array_net(true)).unwrap();
    // The two networks really take the two paths.
    // Each population's input summed from its terms by its block, on the
    // block's thread.
    assert!(plain.plan.summed_by_block().iter().all(|&b| b));
    assert!(plain.plan.node_terms[1].is_some());
    assert!(general.plan.summed_by_block().iter().all(|&b| !b));
    assert!(general.plan.node_terms[1].is_none());
    // The three populations' inputs are one batch.
    assert_eq!(plain.plan.block_batches[0].len(), 1);
    // The filtered link's filter is updated straight from its source.
    assert!(plain.plan.filter_terms.iter().all(Option::is_some));
    assert!(general.plan.filter_terms.iter().all(Option::is_none));
    let mut runs = [plain, general];
    for sim in &mut runs {
        sim.run_steps(300).unwrap();
    }
    for probe in [0, 1] {
        let (a, b) = (
            runs[0].data(key(probe)).unwrap(),
            runs[1].data(key(probe)).unwrap(),
        );
        assert!(a.iter().any(|v| v.abs() > 1e-3), "the probe sees a signal");
        let bits = |m: &nalgebra::DMatrix<f64>| m.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&b), "probe {probe}");
    }
}

#[test]
fn a_term_overflowing_to_infinity_is_reported_naming_its_link() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "big".into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Constant(vec![1e300]),
    });
    net.populations.push(population("ens", 0));
    net.links.push(link(
        "big -> ens".into(),
        Source::Node(0),
        Target::Population(0),
        Transform::Scalar(1e10),
    ));
    let mut sim = Simulator::from_compiled(net).unwrap();
    assert!(sim.plan.summed_by_block()[0]);
    let err = sim.run_steps(1).unwrap_err();
    assert!(
        matches!(&err, SimError::LinkNonFinite { link, value, .. } if link == "big -> ens" && *value == f64::INFINITY),
        "{err:?}"
    );
}

#[test]
fn a_population_summed_in_a_batch_overflowing_is_refused_naming_it() {
    // Three small populations reading consecutive elements of one node sit
    // in one block and are summed as one batch; the middle one's input
    // overflows f32 currents at t = 3 ms.
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "drive".into(),
        size_in: 0,
        size_out: 3,
        kind: NodeKind::Function(Arc::new(|t, _, out| {
            out.copy_from_slice(&[0.5, if t > 0.0025 { 1e39 } else { 0.5 }, 0.5]);
            Ok(())
        })),
    });
    for k in 0..3 {
        net.populations.push(population(&format!("e{k}"), k as u64));
        let mut input = link(
            format!("drive[{k}] -> e{k}"),
            Source::Node(0),
            Target::Population(k),
            Transform::Identity,
        );
        input.pre_slice = Some(vec![k]);
        net.links.push(input);
    }
    let mut sim = Simulator::from_compiled(net).unwrap();
    assert_eq!(sim.plan.block_batches.len(), 1, "one block");
    assert_eq!(
        sim.plan.block_batches[0]
            .iter()
            .map(|b| (b.start, b.end))
            .collect::<Vec<_>>(),
        vec![(0, 3)],
        "one batch of three"
    );
    let err = sim.run_steps(10).unwrap_err();
    assert!(
        matches!(&err, SimError::InputNonFinite { object, value, t, .. }
            if object == "population `e1`" && *value == 1e39 && (t - 0.003).abs() < 1e-12),
        "{err:?}"
    );
}

#[test]
fn a_filtered_plain_read_overflowing_to_infinity_is_reported_naming_its_link() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "big".into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Constant(vec![1e300]),
    });
    net.nodes.push(NodeSpec {
        label: "sink".into(),
        size_in: 1,
        size_out: 1,
        kind: NodeKind::Passthrough,
    });
    let mut filtered = link(
        "big -> sink".into(),
        Source::Node(0),
        Target::Node(1),
        Transform::Scalar(1e10),
    );
    filtered.synapse = Some(Lowpass(0.005).discretize(0.001).unwrap());
    net.links.push(filtered);
    net.probes.push(ProbeSpec {
        label: "sink".into(),
        target: ProbeTarget::Source(Source::Node(1)),
        synapse: None,
        sample_every: None,
    });
    let mut sim = Simulator::from_compiled(net).unwrap();
    assert!(sim.plan.filter_terms[0].is_some());
    let err = sim.run_steps(1).unwrap_err();
    assert!(
        matches!(&err, SimError::LinkNonFinite { link, value, .. } if link == "big -> sink" && *value == f64::INFINITY),
        "{err:?}"
    );
}

#[test]
fn an_input_a_block_sums_on_a_worker_thread_is_refused_naming_its_population() {
    // Two populations of 3000 neurons: one stage large enough to step on
    // two threads, whose first steps do (the stage's timing trials). The
    // second's input overflows f32 currents at t = 3 ms.
    let big = |label: &str| Population {
        n: 3000,
        encoders: vec![1.0; 3000],
        bias: vec![0.5; 3000],
        initial_state: LIF::default()
            .initial_state(3000, &mut rand_chacha::ChaCha8Rng::seed_from_u64(1)),
        ..population(label, 0)
    };
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "drive".into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Function(Arc::new(|t, _, out| {
            out[0] = if t > 0.0025 { 1e39 } else { 0.5 };
            Ok(())
        })),
    });
    for (k, label) in ["calm", "flooded"].into_iter().enumerate() {
        net.populations.push(big(label));
        let scale = if k == 0 { 0.0 } else { 1.0 };
        net.links.push(link(
            format!("drive -> {label}"),
            Source::Node(0),
            Target::Population(k),
            Transform::Scalar(scale),
        ));
    }
    let mut sim = Simulator::from_compiled(net).unwrap();
    sim.set_threads(2).unwrap();
    assert!(sim.plan.summed_by_block().iter().all(|&b| b));
    let err = sim.run_steps(10).unwrap_err();
    assert!(
        matches!(&err, SimError::InputNonFinite { object, value, t, .. }
            if object == "population `flooded`" && *value == 1e39 && (t - 0.003).abs() < 1e-12),
        "{err:?}"
    );
}
