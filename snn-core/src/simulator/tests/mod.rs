//! Regression tests of the simulator on small hand-built networks.

mod algebraic_loop;
mod block_sharing;
mod checkpoint;
mod deferred_nodes;
mod layout;
mod limits;
mod non_finite;
mod probe_times;
mod processes;
mod reset;
mod synapse_timing;
mod terms;
mod unread_links;
mod wide_decoding;

use crate::network::{Link, NodeKind, NodeSpec, ProbeSpec, ProbeTarget, Source, Target, Transform};
use crate::{CompiledNetwork, ProbeKey};
use std::sync::Arc;

/// A node whose output is the step's time `t` (so a sample says when it
/// was recorded).
pub(super) fn clock_node(label: &str) -> NodeSpec {
    NodeSpec {
        label: label.into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Function(Arc::new(|t, _, out| {
            out[0] = t;
            Ok(())
        })),
    }
}

/// An unfiltered probe of node `node`, sampled every step or every `every` s.
pub(super) fn node_probe(node: usize, every: Option<f64>) -> ProbeSpec {
    ProbeSpec {
        label: format!("probe of node {node}"),
        target: ProbeTarget::Source(Source::Node(node)),
        synapse: None,
        sample_every: every,
    }
}

/// The key of probe `index` of a hand-built network.
pub(super) fn key(index: usize) -> ProbeKey {
    ProbeKey { owner: 0, index }
}

/// A network of one clock node and one probe of it.
pub(super) fn clock_net(dt: f64, every: Option<f64>) -> CompiledNetwork {
    let mut net = CompiledNetwork::new(dt);
    net.nodes.push(clock_node("clock"));
    net.probes.push(node_probe(0, every));
    net
}

/// An unfiltered identity link from node `from` to node `to`.
pub(super) fn wire(from: usize, to: usize) -> Link {
    Link {
        label: format!("{from} -> {to}"),
        source: Source::Node(from),
        pre_slice: None,
        function: None,
        transform: Transform::Identity,
        synapse: None,
        target: Target::Node(to),
        post_slice: None,
    }
}
