//! A non-finite value entering any signal stops the run with an error that
//! names where it entered and when.

use super::{key, node_probe};
use crate::network::{
    Link, LinkFn, NodeKind, NodeSpec, Population, ProbeSpec, ProbeTarget, Source, Target, Transform,
};
use crate::neurons::{NeuronType, LIF};
use crate::{CompiledNetwork, SimError, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

fn constant(label: &str, v: f64) -> NodeSpec {
    NodeSpec {
        label: label.into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Constant(vec![v]),
    }
}

fn passthrough(label: &str) -> NodeSpec {
    NodeSpec {
        label: label.into(),
        size_in: 1,
        size_out: 1,
        kind: NodeKind::Passthrough,
    }
}

fn link(label: &str, from: usize, target: Target, function: Option<LinkFn>) -> Link {
    Link {
        label: label.into(),
        source: Source::Node(from),
        pre_slice: None,
        function: function.map(|f| (f, 1)),
        transform: Transform::Identity,
        synapse: None,
        target,
        post_slice: None,
    }
}

/// Ten LIF neurons with 1-D encoders of ±1 and zero bias.
fn lif_population(label: &str) -> Population {
    let lif = LIF::default();
    let n = 10;
    Population {
        noise: None,
        label: label.into(),
        neuron_type: Arc::new(lif),
        n,
        dims: 1,
        encoders: (0..n)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect(),
        bias: vec![0.0; n],
        initial_state: lif.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(0)),
    }
}

fn run_err(net: CompiledNetwork, steps: u64) -> SimError {
    let mut sim = Simulator::from_compiled(net).unwrap();
    sim.run_steps(steps).unwrap_err()
}

/// A clock node (output t) then a link whose function is NaN from t = 3 ms.
fn nan_link(target: Target) -> Link {
    let f: LinkFn = Arc::new(|x, y| {
        y[0] = if x[0] >= 0.0025 { f64::NAN } else { x[0] };
        Ok(())
    });
    link("clock -> sink", 0, target, Some(f))
}

#[test]
fn connection_function_returning_nan_into_lif_stops_naming_the_connection() {
    // Before: the NaN current left the voltage clamped at 0 and the run
    // went on with no error.
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(super::clock_node("clock"));
    net.populations.push(lif_population("ens"));
    net.links.push(nan_link(Target::Population(0)));
    let err = run_err(net, 10);
    match &err {
        SimError::LinkNonFinite { link, t, value, .. } => {
            assert_eq!(link, "clock -> sink");
            assert!((t - 0.003).abs() < 1e-12, "{t}");
            assert!(value.is_nan());
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("clock -> sink"), "{err}");
}

#[test]
fn connection_function_returning_nan_into_a_passthrough_node_stops_at_once() {
    // Before: recorded as is, and a later error blamed an innocent node.
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(super::clock_node("clock"));
    net.nodes.push(passthrough("junction"));
    net.links.push(nan_link(Target::Node(1)));
    net.probes.push(node_probe(1, None));
    let mut sim = Simulator::from_compiled(net).unwrap();
    let err = sim.run_steps(10).unwrap_err();
    assert!(
        matches!(&err, SimError::LinkNonFinite { link, t, .. } if link == "clock -> sink" && (t - 0.003).abs() < 1e-12),
        "{err:?}"
    );
    // The two good steps stay recorded; nothing non-finite was stored.
    let data = sim.data(key(0)).unwrap();
    assert_eq!(data.nrows(), 2);
    assert!(data.iter().all(|v| v.is_finite()));
}

#[test]
fn filtered_connection_carrying_nan_is_caught_before_its_synapse() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(super::clock_node("clock"));
    net.nodes.push(passthrough("junction"));
    let mut l = nan_link(Target::Node(1));
    l.synapse = Some(
        crate::synapses::Synapse::discretize(&crate::synapses::Lowpass(0.005), 0.001).unwrap(),
    );
    net.links.push(l);
    let err = run_err(net, 10);
    assert!(
        matches!(&err, SimError::LinkNonFinite { link, stage: "the value it carries", .. } if link == "clock -> sink"),
        "{err:?}"
    );
}

#[test]
fn two_finite_inputs_overflowing_to_infinity_name_the_node_they_sum_into() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(constant("big", 1e308));
    net.nodes.push(passthrough("sum"));
    net.links
        .push(link("big -> sum (1)", 0, Target::Node(1), None));
    net.links
        .push(link("big -> sum (2)", 0, Target::Node(1), None));
    // Probed, so it is read (a junction nothing reads is not computed).
    net.probes.push(super::node_probe(1, None));
    let err = run_err(net, 1);
    match &err {
        SimError::InputNonFinite { object, value, .. } => {
            assert_eq!(object, "node `sum`");
            assert_eq!(*value, f64::INFINITY);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn input_beyond_f32_range_into_a_population_is_refused() {
    // 1e39 is a finite f64 but an infinite f32 current.
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(constant("huge", 1e39));
    net.populations.push(lif_population("ens"));
    net.links
        .push(link("huge -> ens", 0, Target::Population(0), None));
    let err = run_err(net, 1);
    assert!(
        matches!(&err, SimError::InputNonFinite { object, value, .. } if object == "population `ens`" && *value == 1e39),
        "{err:?}"
    );
    // A large but representable drive runs.
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(constant("large", 1e30));
    net.populations.push(lif_population("ens"));
    net.links
        .push(link("large -> ens", 0, Target::Population(0), None));
    Simulator::from_compiled(net).unwrap().run_steps(3).unwrap();
}

#[test]
fn constant_node_with_nan_is_refused_when_built() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(constant("bad", f64::NAN));
    let err = Simulator::from_compiled(net).unwrap_err();
    assert!(
        matches!(&err, SimError::InvalidNetwork(m) if m.contains("`bad`") && m.contains("NaN")),
        "{err:?}"
    );
}

#[test]
fn probe_of_a_population_fed_nan_currents_records_nothing_non_finite() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(super::clock_node("clock"));
    net.populations.push(lif_population("ens"));
    let mut l = nan_link(Target::Neurons(0));
    l.transform = Transform::Dense(nalgebra::DMatrix::from_element(10, 1, 1.0));
    net.links.push(l);
    net.probes.push(ProbeSpec {
        label: "voltage".into(),
        target: ProbeTarget::State { pop: 0, var: 0 },
        synapse: None,
        sample_every: None,
    });
    let mut sim = Simulator::from_compiled(net).unwrap();
    let err = sim.run_steps(10).unwrap_err();
    assert!(matches!(err, SimError::LinkNonFinite { .. }), "{err:?}");
    assert_eq!(sim.data(key(0)).unwrap().nrows(), 2);
}
