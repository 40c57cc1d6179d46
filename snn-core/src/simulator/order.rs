//! The order in which a step computes nodes and populations.

use crate::error::SimError;
use crate::network::{CompiledNetwork, Source, Target};

/// Something a step computes: a node's output or a population's spikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Node(usize),
    Population(usize),
}

fn source_unit(source: &Source) -> Unit {
    match source {
        Source::Node(i) => Unit::Node(*i),
        Source::Decoded { pop, .. } | Source::Neurons(pop) => Unit::Population(*pop),
    }
}

/// The unit a link feeds; `None` for a learning rule's input, which is
/// read after every unit has stepped and so imposes no order.
fn target_unit(target: &Target) -> Option<Unit> {
    match target {
        Target::Node(i) => Some(Unit::Node(*i)),
        Target::Population(p) | Target::Neurons(p) => Some(Unit::Population(*p)),
        Target::Rule(_) => None,
    }
}

/// Orders units so that every unfiltered link's source comes before its
/// target (filtered links read last step's filter output, so they impose no
/// order). Kahn's algorithm, taking ready units in declaration order (nodes
/// first) so the order is deterministic, then grouped by level
/// ([`by_level`]). O(units + links), plus a sort of the units.
pub(crate) fn step_order(net: &CompiledNetwork) -> Result<Vec<Unit>, SimError> {
    let n_nodes = net.nodes.len();
    let index = |u: Unit| match u {
        Unit::Node(i) => i,
        Unit::Population(p) => n_nodes + p,
    };
    let unit = |i: usize| {
        if i < n_nodes {
            Unit::Node(i)
        } else {
            Unit::Population(i - n_nodes)
        }
    };
    let total = n_nodes + net.populations.len();
    let mut indegree = vec![0usize; total];
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); total];
    for link in net.links.iter().filter(|l| l.synapse.is_none()) {
        let Some(to) = target_unit(&link.target) else {
            continue;
        };
        let (from, to) = (index(source_unit(&link.source)), index(to));
        edges[from].push(to);
        indegree[to] += 1;
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..total).filter(|&i| indegree[i] == 0).collect();
    let mut order = Vec::with_capacity(total);
    while let Some(i) = ready.pop_first() {
        order.push(unit(i));
        for &to in &edges[i] {
            indegree[to] -= 1;
            if indegree[to] == 0 {
                ready.insert(to);
            }
        }
    }
    if order.len() < total {
        let label = |i: usize| match unit(i) {
            Unit::Node(n) => net.nodes[n].label.clone(),
            Unit::Population(p) => net.populations[p].label.clone(),
        };
        let cycle = find_loop(&edges, &indegree)
            .into_iter()
            .map(label)
            .collect();
        return Err(SimError::AlgebraicLoop { cycle });
    }
    Ok(by_level(net, order))
}

/// Reorders a valid step order so that the populations fall into as few
/// stages as the unfiltered links allow: every unit gets a level, the
/// number of populations on its longest unfiltered path from a unit with
/// no unfiltered input (a population's own level excluded), and the order
/// becomes the nodes of level 0, the populations of level 0, the nodes of
/// level 1, and so on, each group in the original order.
///
/// Without this, a node that waits for some populations (an ensemble
/// array's output) would cut the populations around it into two stages
/// even when the later ones never read it: two parallel hand-offs per
/// step, and half-size blocks, instead of one.
///
/// The order stays valid: a node reads populations of lower levels and
/// nodes of its own or lower levels (earlier in the original order); a
/// population reads populations of lower levels and nodes of its own or
/// lower levels, all of which come before it.
fn by_level(net: &CompiledNetwork, order: Vec<Unit>) -> Vec<Unit> {
    let n_nodes = net.nodes.len();
    let index = |u: Unit| match u {
        Unit::Node(i) => i,
        Unit::Population(p) => n_nodes + p,
    };
    let mut preds: Vec<Vec<Unit>> = vec![Vec::new(); n_nodes + net.populations.len()];
    for link in net.links.iter().filter(|l| l.synapse.is_none()) {
        if let Some(to) = target_unit(&link.target) {
            preds[index(to)].push(source_unit(&link.source));
        }
    }
    let mut level = vec![0usize; preds.len()];
    for &u in &order {
        let l = preds[index(u)]
            .iter()
            .map(|&from| match from {
                Unit::Node(_) => level[index(from)],
                Unit::Population(_) => level[index(from)] + 1,
            })
            .max()
            .unwrap_or(0);
        level[index(u)] = l;
    }
    let mut order = order;
    // A stable sort keeps the original order within each group.
    order.sort_by_key(|&u| (level[index(u)], matches!(u, Unit::Population(_))));
    order
}

/// One loop among the units Kahn's algorithm could not order, in the
/// direction the signals flow, starting from its lowest-numbered unit.
///
/// Every unordered unit (`indegree > 0`) has an unordered predecessor, so
/// walking predecessors from any of them must revisit a unit within
/// `total` steps; the units from that first revisit on are a loop. Units
/// downstream of a loop but not on it (also unordered) are never named.
/// O(units + links).
fn find_loop(edges: &[Vec<usize>], indegree: &[usize]) -> Vec<usize> {
    let total = edges.len();
    let mut pred = vec![usize::MAX; total];
    for (from, tos) in edges.iter().enumerate() {
        if indegree[from] == 0 {
            continue;
        }
        for &to in tos {
            pred[to] = from;
        }
    }
    let Some(start) = (0..total).find(|&i| indegree[i] > 0) else {
        return Vec::new();
    };
    let mut seen = vec![usize::MAX; total];
    let mut path = Vec::new();
    let mut at = start;
    while seen[at] == usize::MAX {
        seen[at] = path.len();
        path.push(at);
        at = pred[at];
    }
    // `path[seen[at]..]` is the loop walked backwards.
    let mut cycle: Vec<usize> = path.split_off(seen[at]);
    cycle.reverse();
    let first = (0..cycle.len()).min_by_key(|&k| cycle[k]).unwrap_or(0);
    cycle.rotate_left(first);
    cycle
}

/// A group of units computed together in a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stage {
    Node(usize),
    /// Populations none of which reads another's output of this step, so
    /// their neurons can all be stepped at once (in parallel).
    Populations(Vec<usize>),
}

/// Groups the step order into stages: each maximal run of consecutive
/// populations is one stage, split where a population has an unfiltered
/// input from another population of the run.
pub(crate) fn stages(net: &CompiledNetwork, order: &[Unit]) -> Vec<Stage> {
    let mut unfiltered_from: Vec<Vec<usize>> = vec![Vec::new(); net.populations.len()];
    for link in net.links.iter().filter(|l| l.synapse.is_none()) {
        if let (Unit::Population(from), Some(Unit::Population(to))) =
            (source_unit(&link.source), target_unit(&link.target))
        {
            unfiltered_from[to].push(from);
        }
    }
    let mut stages = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    for unit in order {
        match *unit {
            Unit::Node(n) => {
                if !group.is_empty() {
                    stages.push(Stage::Populations(std::mem::take(&mut group)));
                }
                stages.push(Stage::Node(n));
            }
            Unit::Population(p) => {
                if unfiltered_from[p].iter().any(|q| group.contains(q)) {
                    stages.push(Stage::Populations(std::mem::take(&mut group)));
                }
                group.push(p);
            }
        }
    }
    if !group.is_empty() {
        stages.push(Stage::Populations(group));
    }
    stages
}
