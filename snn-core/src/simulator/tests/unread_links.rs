//! Links into junctions nothing reads are left out of the step.

use super::wire;
use crate::network::{NodeKind, NodeSpec, ProbeSpec, ProbeTarget, Source};
use crate::simulator::plan::unread_links;
use crate::CompiledNetwork;

fn node(label: &str, kind: NodeKind) -> NodeSpec {
    NodeSpec {
        label: label.into(),
        size_in: 1,
        size_out: 1,
        kind,
    }
}

#[test]
fn links_into_junctions_nothing_reads_are_skipped_and_the_rest_kept() {
    // 0 (constant) -> 1 (junction) -> 2 (junction, probed);
    // 0 -> 3 (junction) -> 4 (junction): unread;
    // 0 -> 5 (junction) -> 6 (a function node): read by the function.
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(node("c", NodeKind::Constant(vec![1.0])));
    for label in ["j1", "j2", "j3", "j4", "j5"] {
        net.nodes.push(node(label, NodeKind::Passthrough));
    }
    net.nodes.push(node(
        "f",
        NodeKind::Function(std::sync::Arc::new(|_, x, out| {
            out[0] = x[0];
            Ok(())
        })),
    ));
    for (a, b) in [(0, 1), (1, 2), (0, 3), (3, 4), (0, 5), (5, 6)] {
        net.links.push(wire(a, b));
    }
    net.probes.push(ProbeSpec {
        label: "p".into(),
        target: ProbeTarget::Source(Source::Node(2)),
        synapse: None,
        sample_every: None,
    });
    assert_eq!(unread_links(&net), [false, false, true, true, false, false]);
}
