//! A reset recreates the run-time state from the plan, which it keeps.

use super::{clock_node, key};
use crate::network::{Link, Population, ProbeSpec, ProbeTarget, Source, Target, Transform};
use crate::neurons::{NeuronType, LIF};
use crate::synapses::{Lowpass, Synapse};
use crate::{CompiledNetwork, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

/// A clock node driving 6000 LIF neurons (two blocks) through Lowpass(5 ms),
/// with probes of the decoded value, the spikes and the voltages.
fn driven_population() -> CompiledNetwork {
    let n = 6000;
    let lif = LIF::default();
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(clock_node("clock"));
    net.populations.push(Population {
        noise: None,
        label: "ens".into(),
        neuron_type: Arc::new(lif),
        n,
        dims: 1,
        encoders: (0..n)
            .map(|i| if i % 2 == 0 { 20.0 } else { -20.0 })
            .collect(),
        bias: (0..n).map(|i| 1.0 + (i % 7) as f32 * 0.1).collect(),
        initial_state: lif.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(5)),
    });
    let filter = || Some(Lowpass(0.005).discretize(0.001).unwrap());
    net.links.push(Link {
        label: "clock -> ens".into(),
        source: Source::Node(0),
        pre_slice: None,
        function: None,
        transform: Transform::Identity,
        synapse: filter(),
        target: Target::Population(0),
        post_slice: None,
    });
    let decoded = Source::Decoded {
        pop: 0,
        decoders: vec![1e-4; n],
        dims: 1,
    };
    for (label, target, synapse) in [
        ("value", ProbeTarget::Source(decoded), filter()),
        ("spikes", ProbeTarget::Source(Source::Neurons(0)), None),
        ("voltage", ProbeTarget::State { pop: 0, var: 0 }, None),
    ] {
        net.probes.push(ProbeSpec {
            label: label.into(),
            target,
            synapse,
            sample_every: None,
        });
    }
    net
}

#[test]
fn a_reset_simulator_equals_a_fresh_one_without_planning_again() {
    let mut sim = Simulator::from_compiled(driven_population()).unwrap();
    let fresh = Simulator::from_compiled(driven_population()).unwrap();
    assert_eq!(sim.state, fresh.state);
    sim.run(0.2).unwrap();
    assert_ne!(sim.state, fresh.state);
    let (blocks, stages) = (sim.plan.blocks.as_ptr(), sim.plan.stages.as_ptr());
    sim.reset().unwrap();
    assert_eq!(sim.state, fresh.state, "reset gives the state at time 0");
    assert_eq!(sim.n_steps(), 0);
    assert!(
        std::ptr::eq(sim.plan.blocks.as_ptr(), blocks)
            && std::ptr::eq(sim.plan.stages.as_ptr(), stages),
        "reset kept the plan"
    );
    // And it runs on exactly as a fresh simulator does.
    let mut fresh = fresh;
    sim.run(0.1).unwrap();
    fresh.run(0.1).unwrap();
    for probe in 0..3 {
        assert_eq!(
            sim.data(key(probe)).unwrap(),
            fresh.data(key(probe)).unwrap()
        );
    }
    assert_eq!(sim.state, fresh.state);
}
