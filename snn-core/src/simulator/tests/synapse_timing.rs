//! Extreme synapses on a connection: Lowpass(0) is Nengo's one-step delay
//! and a time constant far below dt a one-step pass-through.

use super::{key, node_probe};
use crate::network::{Link, NodeKind, NodeSpec, Source, Target, Transform};
use crate::synapses::{Lowpass, Synapse};
use crate::{CompiledNetwork, Simulator};
use std::sync::Arc;

const INPUT: [f64; 8] = [0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0];

/// Node `u` plays INPUT (step k gives INPUT[k - 1]) into a passthrough node
/// through `synapse`, probed there.
fn delayed(synapse: Lowpass, dt: f64) -> Vec<f64> {
    let mut net = CompiledNetwork::new(dt);
    net.nodes.push(NodeSpec {
        label: "u".into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Function(Arc::new(move |t, _, out| {
            out[0] = INPUT[((t / dt).round() as usize - 1).min(7)];
            Ok(())
        })),
    });
    net.nodes.push(NodeSpec {
        label: "n".into(),
        size_in: 1,
        size_out: 1,
        kind: NodeKind::Passthrough,
    });
    net.links.push(Link {
        label: "u -> n".into(),
        source: Source::Node(0),
        pre_slice: None,
        function: None,
        transform: Transform::Identity,
        synapse: Some(synapse.discretize(dt).unwrap()),
        target: Target::Node(1),
        post_slice: None,
    });
    net.probes.push(node_probe(1, None));
    let mut sim = Simulator::from_compiled(net).unwrap();
    sim.run_steps(8).unwrap();
    sim.data(key(0))
        .unwrap()
        .column(0)
        .iter()
        .copied()
        .collect()
}

#[test]
fn lowpass_of_zero_on_a_connection_is_nengos_one_step_delay() {
    // nengo 4.1.0, dt = 0.001:
    //   u = nengo.Node(lambda t: [0, 0, 1., 2, 4, 8, 16, 32][round(t / 1e-3) - 1])
    //   n = nengo.Node(size_in=1); nengo.Connection(u, n, synapse=0)
    //   sim.data[nengo.Probe(n)] -> [0, 0, 0, 1, 2, 4, 8, 16]
    assert_eq!(
        delayed(Lowpass(0.0), 0.001),
        [0.0, 0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    );
}

#[test]
fn default_synapse_at_dt_1e44_and_lowpass_1e_minus_50_are_one_step_pass_throughs() {
    // Both made discretization loop for ever; y[n] = x[n - 1] exactly.
    let expected = [0.0, 0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0];
    assert_eq!(delayed(Lowpass(0.005), 1e44), expected);
    assert_eq!(delayed(Lowpass(1e-50), 0.001), expected);
    assert_eq!(delayed(Lowpass(1e-45), 0.001), expected);
}
