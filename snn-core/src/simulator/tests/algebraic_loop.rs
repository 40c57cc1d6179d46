//! An algebraic loop is named by its own objects, in order, and briefly.

use super::wire;
use crate::network::{NodeKind, NodeSpec};
use crate::{CompiledNetwork, SimError, Simulator};

fn passthrough(label: &str) -> NodeSpec {
    NodeSpec {
        label: label.into(),
        size_in: 1,
        size_out: 1,
        kind: NodeKind::Passthrough,
    }
}

fn loop_of(net: CompiledNetwork) -> (Vec<String>, String) {
    match Simulator::from_compiled(net) {
        Err(e @ SimError::AlgebraicLoop { .. }) => {
            let text = e.to_string();
            let SimError::AlgebraicLoop { cycle } = e else {
                unreachable!()
            };
            (cycle, text)
        }
        other => panic!("expected an algebraic loop, got {other:?}"),
    }
}

#[test]
fn algebraic_loop_error_names_only_the_loop_in_signal_order() {
    // d and x hang off the loop a -> b -> c -> a (d downstream, x fed by c
    // and feeding d); neither is on it. Declared out of order on purpose.
    let mut net = CompiledNetwork::new(0.001);
    for label in ["d", "c", "x", "a", "b"] {
        net.nodes.push(passthrough(label));
    }
    let (d, c, x, a, b) = (0, 1, 2, 3, 4);
    net.links = vec![wire(a, b), wire(b, c), wire(c, a), wire(c, x), wire(x, d)];
    let (cycle, text) = loop_of(net);
    assert_eq!(cycle, ["c", "a", "b"]);
    assert!(text.contains("c -> a -> b -> c;"), "{text}");
}

#[test]
fn algebraic_loop_of_ten_thousand_nodes_is_named_in_one_short_line() {
    let n = 10_000;
    let mut net = CompiledNetwork::new(0.001);
    net.nodes = (0..n).map(|i| passthrough(&format!("node{i}"))).collect();
    net.links = (0..n).map(|i| wire(i, (i + 1) % n)).collect();
    let (cycle, text) = loop_of(net);
    assert_eq!(cycle.len(), n);
    assert!(cycle
        .iter()
        .enumerate()
        .all(|(i, l)| *l == format!("node{i}")));
    assert!(text.len() < 200, "{} characters: {text}", text.len());
    assert!(
        text.contains(
            "node0 -> node1 -> node2 -> node3 -> node4 -> node5 -> ... (10000 objects in the loop)"
        ),
        "{text}"
    );
}

#[test]
fn algebraic_loop_of_one_node_feeding_itself_is_named() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(passthrough("echo"));
    net.links.push(wire(0, 0));
    let (cycle, text) = loop_of(net);
    assert_eq!(cycle, ["echo"]);
    assert!(text.contains("echo -> echo;"), "{text}");
}
