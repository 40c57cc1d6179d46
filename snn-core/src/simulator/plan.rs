//! The plan: everything about a run that is decided once, when the
//! simulator is made, and never changes while it runs or resets.
//!
//! The stages and their order, the blocks and where every population's
//! neurons are, which links feed which unit, how every decoded signal is
//! decoded, and how each probe records. A reset makes a fresh
//! [`SimState`] from it without planning again.

use super::block::{Block, BlockState, BLOCK_SIZE};
use super::decode::{plan_decoding, Decoding, DENSE_MAX_DIMS};
use super::finite::CurrentBound;
use super::layout::{Kept, Layout, PopPlan};
use super::links::SPLIT_MIN_ENTRIES;
use super::order::{stages, step_order, Stage};
use super::recorder::ProbePlan;
use super::state::{LinkState, Neurons, NodeState, ProbeState, RuleRun, SimState};
use super::terms::{sum_batches, FilterTerm, PlainPopulation, SumBatch, TermSource, Terms};
use crate::error::SimError;
use crate::learning::Modifies;
use crate::network::{
    CompiledNetwork, Link, NodeKind, ProbeTarget, RuleSignal, Source, Target, Transform,
};
use std::ops::Range;

/// What the simulator decided once about a network.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The step's units in an order where every unfiltered signal is ready
    /// before it is read.
    pub stages: Vec<Stage>,
    /// For each stage, its blocks (empty for a node's stage).
    pub stage_blocks: Vec<Range<usize>>,
    pub blocks: Vec<Block>,
    /// For each population, its size and where its neurons are.
    pub pops: Vec<PopPlan>,
    /// For each node and population, the links into it.
    pub node_links: Vec<Vec<usize>>,
    pub pop_links: Vec<Vec<usize>>,
    /// The links into nodes and populations as plain reads (see `terms`):
    /// for each node, its terms when every link into it has one (a
    /// population's are in `block_sums`).
    pub terms: Terms,
    pub node_terms: Vec<Option<(u32, u32)>>,
    /// For each stage, the nodes its blocks' step computes alongside them
    /// (see [`deferred_nodes`]); those nodes' own stages do nothing.
    pub stage_nodes: Vec<Vec<usize>>,
    pub deferred: Vec<bool>,
    /// For each block, the plain populations it sums itself (every link
    /// into them has a term, nothing else reaches them: no direct
    /// currents, noise or encoder rule; one block holds each), on its own
    /// thread, before it steps (every term of theirs reads a node, a
    /// filter or a block of an earlier stage, all final by then: always so
    /// under the order by level); any other population goes the general
    /// way (`gathered`).
    pub block_sums: Vec<Vec<PlainPopulation>>,
    /// For each block, its plain populations in batches summed together.
    pub block_batches: Vec<Vec<SumBatch>>,
    /// For each stage, its populations the step sums the general way
    /// before the blocks step (those not summed by their block).
    pub gathered: Vec<Vec<usize>>,
    /// The links with a synapse, updated at the end of every step, and for
    /// each the fast update of its filter when it has one.
    pub filtered: Vec<usize>,
    pub filter_terms: Vec<Option<FilterTerm>>,
    pub links: Vec<LinkPlan>,
    pub probes: Vec<ProbePlan>,
    /// For each population, what bounds its currents (finiteness check).
    pub bounds: Vec<CurrentBound>,
    /// For each learning rule, the links into its input and what it reads.
    pub rule_links: Vec<Vec<usize>>,
    pub rules: Vec<RulePlan>,
    /// For each population, whether an encoder rule changes its encoders
    /// (then its blocks take its encoded input as direct currents, encoded
    /// by the step with the encoders of the state), and the encoder rules
    /// that read its input.
    pub learned_encoders: Vec<bool>,
    pub encoder_rules: Vec<Vec<usize>>,
    /// The rules change distinct matrices, large enough together that
    /// spreading their updates over threads pays for the hand-off.
    pub rules_in_parallel: bool,
}

/// Learned values (summed over the rules) above which the rules of a step
/// update on several threads: about 2 MB of weights, some hundreds of
/// microseconds of updates, far above the pool's hand-off of a few.
const PARALLEL_MIN_LEARNED: usize = 1 << 18;

/// What one learning rule reads and changes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RulePlan {
    /// The learned link's pre population (for an encoder rule, the
    /// population whose encoders it changes).
    pub pre: usize,
    /// Its size and the link's output size (the matrix is `n_pre × out`).
    pub n_pre: usize,
    pub out: usize,
    /// The post population, for rules that read its outputs.
    pub post: Option<usize>,
    /// What it changes: a link's matrix or a population's encoders.
    pub learns: Learns,
    /// A probe reads its change of each step.
    pub keep_delta: bool,
}

/// The matrix a rule changes, in the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Learns {
    /// Link `l`'s learned matrix.
    Link(usize),
    /// Population `p`'s scaled encoders.
    Encoders(usize),
}

/// How one link is evaluated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkPlan {
    /// How its source is decoded (decoded sources only).
    pub decoding: Option<Decoding>,
    /// Length of its function's output and of its transformed value.
    pub mid_dims: usize,
    pub out_dims: usize,
    /// For a learned link, the factor on each output value after the
    /// learned matrix ([`RuleSpec::out_scale`](crate::learning::RuleSpec)).
    pub learned_scale: Option<Vec<f64>>,
    /// Its dense transform is large enough to apply on every thread.
    pub split_dense: bool,
}

impl Plan {
    /// Plans a validated network.
    pub fn new(net: &CompiledNetwork) -> Result<Self, SimError> {
        let order = step_order(net)?;
        let stages = stages(net, &order);
        let mut node_links = vec![Vec::new(); net.nodes.len()];
        let mut pop_links = vec![Vec::new(); net.populations.len()];
        let mut rule_links = vec![Vec::new(); net.rules.len()];
        let skipped = unread_links(net);
        for (i, link) in net.links.iter().enumerate() {
            match link.target {
                Target::Node(_) if skipped[i] => {}
                Target::Node(n) => node_links[n].push(i),
                Target::Population(p) | Target::Neurons(p) => pop_links[p].push(i),
                Target::Rule(r) => rule_links[r].push(i),
            }
        }
        let rules = net
            .rules
            .iter()
            .map(|r| {
                let (pre, n_pre, out) = r.shape(net)?;
                let post = match net.links[r.link].target {
                    Target::Population(p) | Target::Neurons(p) => Some(p),
                    _ => None,
                };
                Ok(RulePlan {
                    pre,
                    n_pre,
                    out,
                    post: post.filter(|_| r.rule.reads_post()),
                    learns: match r.modifies {
                        Modifies::Link => Learns::Link(r.link),
                        Modifies::Encoders => Learns::Encoders(pre),
                    },
                    keep_delta: false,
                })
            })
            .collect::<Result<Vec<_>, SimError>>()?;
        let mut rules = rules;
        for p in &net.probes {
            if let ProbeTarget::Rule {
                rule,
                signal: RuleSignal::Delta,
            } = p.target
            {
                rules[rule].keep_delta = true;
            }
        }
        let targets: std::collections::HashSet<Learns> = rules.iter().map(|r| r.learns).collect();
        let learned_values: usize = rules.iter().map(|r| r.n_pre * r.out).sum();
        let rules_in_parallel = rules.len() > 1
            && targets.len() == rules.len()
            && learned_values >= PARALLEL_MIN_LEARNED;
        let learned_encoders: Vec<bool> = (0..net.populations.len())
            .map(|p| net.learns_encoders(p))
            .collect();
        let mut encoder_rules = vec![Vec::new(); net.populations.len()];
        for (r, rp) in rules.iter().enumerate() {
            if let Learns::Encoders(p) = rp.learns {
                encoder_rules[p].push(r);
            }
        }
        let filtered: Vec<usize> = (0..net.links.len())
            .filter(|&i| net.links[i].synapse.is_some() && !skipped[i])
            .collect();
        let mut keep = kept_signals(net, &pop_links);
        for r in &rules {
            // A rule reads the outputs after the step.
            if let Learns::Link(_) = r.learns {
                keep[r.pre].outputs = true;
            }
            if let Some(p) = r.post {
                keep[p].outputs = true;
            }
        }
        for (k, &learned) in keep.iter_mut().zip(&learned_encoders) {
            if learned {
                k.learned_encoders = true;
                k.direct = true;
            }
        }
        let learned: Vec<bool> = (0..net.links.len())
            .map(|l| net.link_rule(l).is_some())
            .collect();
        let Layout {
            mut blocks,
            pops,
            stage_blocks,
        } = Layout::new(net, &stages, &keep);
        let links: Vec<LinkPlan> = net
            .links
            .iter()
            .zip(&learned)
            .enumerate()
            .map(|(i, (l, &learned))| {
                Ok(LinkPlan {
                    // A learned link decodes with its matrix of the state;
                    // a link nothing reads is not decoded at all.
                    decoding: if learned || skipped[i] {
                        None
                    } else {
                        plan_decoding(&l.source, &pops, &mut blocks)
                    },
                    mid_dims: l.mid_dims(net)?,
                    out_dims: l.out_dims(net)?,
                    learned_scale: net.link_rule(i).and_then(|r| r.out_scale.clone()),
                    split_dense: matches!(&l.transform, Transform::Dense(m)
                        if m.len() >= SPLIT_MIN_ENTRIES && m.nrows() >= 64),
                })
            })
            .collect::<Result<_, SimError>>()?;
        let filter_terms = filtered
            .iter()
            .map(|&l: &usize| FilterTerm::of(&net.links[l], &links[l], learned[l]))
            .collect();
        let mut terms = Terms::default();
        let node_terms = node_links
            .iter()
            .map(|ls| terms.push_unit(ls, &net.links, &links, &learned))
            .collect();
        let plain_pops: Vec<Option<PlainPopulation>> = pop_links
            .iter()
            .enumerate()
            .map(|(p, ls)| {
                let [part] = &pops[p].parts[..] else {
                    return None;
                };
                let plain = !pops[p].direct
                    && !learned_encoders[p]
                    && encoder_rules[p].is_empty()
                    && net.populations[p].noise.is_none();
                if !plain {
                    return None;
                }
                let (first, count) = terms.push_unit(ls, &net.links, &links, &learned)?;
                Some(PlainPopulation {
                    pop: u32::try_from(p).ok()?,
                    first,
                    count,
                    dims: u32::try_from(net.populations[p].dims).ok()?,
                    block: u32::try_from(part.block).ok()?,
                    x_offset: u32::try_from(part.x_offset).ok()?,
                })
            })
            .collect();
        let mut block_sums = vec![Vec::new(); blocks.len()];
        let mut summed_by_block = vec![false; net.populations.len()];
        for (stage, range) in stages.iter().zip(&stage_blocks) {
            let Stage::Populations(ps) = stage else {
                continue;
            };
            for &p in ps {
                let Some(plain) = plain_pops[p] else {
                    continue;
                };
                let earlier = terms
                    .of((plain.first, plain.count))
                    .iter()
                    .all(|t| match t.source {
                        TermSource::Decoded { block, .. } => (block as usize) < range.start,
                        _ => true,
                    });
                if earlier {
                    block_sums[plain.block as usize].push(plain);
                    summed_by_block[p] = true;
                }
            }
        }
        let block_batches = block_sums
            .iter()
            .map(|plains| sum_batches(plains, &terms))
            .collect();
        let probes = net
            .probes
            .iter()
            .map(|p| {
                Ok(ProbePlan {
                    dims: p.dims(net)?,
                    period: p.sample_every.map_or(1.0, |s| s / net.dt),
                    decoding: match &p.target {
                        ProbeTarget::Source(s) => plan_decoding(s, &pops, &mut blocks),
                        _ => None,
                    },
                })
            })
            .collect::<Result<_, SimError>>()?;
        let gathered = stages
            .iter()
            .map(|stage| match stage {
                Stage::Populations(ps) => ps
                    .iter()
                    .copied()
                    .filter(|&p| !summed_by_block[p])
                    .collect(),
                Stage::Node(_) => Vec::new(),
            })
            .collect();
        let (stage_nodes, deferred) =
            deferred_nodes(net, &stages, &stage_blocks, &blocks, &skipped);
        Ok(Self {
            stages,
            stage_blocks,
            blocks,
            pops,
            node_links,
            pop_links,
            terms,
            node_terms,
            stage_nodes,
            deferred,
            block_sums,
            block_batches,
            gathered,
            filtered,
            filter_terms,
            links,
            probes,
            bounds: net.populations.iter().map(CurrentBound::of).collect(),
            rule_links,
            rules,
            learned_encoders,
            encoder_rules,
            rules_in_parallel,
        })
    }

    /// For each population, whether its block sums its input itself.
    #[cfg(test)]
    pub fn summed_by_block(&self) -> Vec<bool> {
        let mut summed = vec![false; self.pops.len()];
        for plain in self.block_sums.iter().flatten() {
            summed[plain.pop as usize] = true;
        }
        summed
    }

    /// The state at time 0: nodes at their constant (or zero) outputs,
    /// neurons at their initial state, filters empty, nothing recorded.
    pub fn initial_state(&self, net: &CompiledNetwork) -> SimState {
        SimState {
            n_steps: 0,
            nodes: net
                .nodes
                .iter()
                .map(|n| NodeState {
                    input: vec![0.0; n.size_in],
                    output: match &n.kind {
                        NodeKind::Constant(v) => v.clone(),
                        _ => vec![0.0; n.size_out],
                    },
                    process: match &n.kind {
                        NodeKind::Process(p) => Some(p.initial_state()),
                        _ => None,
                    },
                })
                .collect(),
            blocks: self.blocks.iter().map(Block::initial_state).collect(),
            noise: net
                .populations
                .iter()
                .map(|p| {
                    // Neuron noise is drawn by the blocks, from their state.
                    p.noise
                        .as_ref()
                        .filter(|n| n.neuron_noise().is_none())
                        .map(|n| n.initial_state())
                })
                .collect(),
            links: net
                .links
                .iter()
                .zip(&self.links)
                .enumerate()
                .map(|(i, (l, lp))| LinkState {
                    mid: vec![0.0; lp.mid_dims],
                    value: vec![0.0; lp.out_dims],
                    filter: l.synapse.as_ref().map(|f| f.state(lp.out_dims)),
                    learned: match net.link_rule(i) {
                        Some(r) => r.initial_values(net),
                        None => Vec::new(),
                    },
                })
                .collect(),
            rules: net
                .rules
                .iter()
                .zip(&self.rules)
                .map(|(r, rp)| {
                    let n_post = rp.post.map_or(0, |p| net.populations[p].n);
                    // An encoder rule reads its link's value, a link rule
                    // the pre neurons.
                    let n_read = match rp.learns {
                        Learns::Link(_) => rp.n_pre,
                        Learns::Encoders(_) => rp.out,
                    };
                    RuleRun {
                        input: vec![r.rule.input_baseline(); r.rule.input_dims()],
                        pre_filter: r.pre_synapse.as_ref().map(|f| f.state(n_read)),
                        post_filter: r.post_synapse.as_ref().map(|f| f.state(n_post)),
                        pre: vec![0.0; n_read],
                        post: vec![0.0; n_post],
                        state: r.rule.initial_state(rp.n_pre, rp.out),
                        delta: if rp.keep_delta {
                            vec![0.0; rp.n_pre * rp.out]
                        } else {
                            Vec::new()
                        },
                        learned: Vec::new(),
                        diverged: None,
                    }
                })
                .collect(),
            encoders: net
                .populations
                .iter()
                .zip(&self.learned_encoders)
                .map(|(p, &learned)| {
                    if learned {
                        p.encoders.iter().map(|&e| f64::from(e)).collect()
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
            probes: net
                .probes
                .iter()
                .zip(&self.probes)
                .map(|(p, pp)| ProbeState {
                    value: vec![0.0; pp.dims],
                    filter: p.synapse.as_ref().map(|f| f.state(pp.dims)),
                    data: Vec::new(),
                    times: Vec::new(),
                })
                .collect(),
        }
    }

    /// The neurons with the block states `states`.
    pub fn neurons<'a>(&'a self, states: &'a [BlockState]) -> Neurons<'a> {
        Neurons {
            pops: &self.pops,
            blocks: &self.blocks,
            states,
        }
    }
}

/// Which per-neuron signals of each population something reads.
fn kept_signals(net: &CompiledNetwork, pop_links: &[Vec<usize>]) -> Vec<Kept> {
    let mut keep = vec![Kept::default(); net.populations.len()];
    for source in net
        .links
        .iter()
        .map(|l| &l.source)
        .chain(net.probes.iter().filter_map(|p| match &p.target {
            ProbeTarget::Source(s) => Some(s),
            _ => None,
        }))
    {
        match source {
            Source::Neurons(pop) => keep[*pop].outputs = true,
            // Decoded when read, from the outputs kept after the step: a
            // wide decoding of a population cut over several blocks (any
            // other is done by its block, see `decode::plan_decoding`).
            Source::Decoded { pop, dims, .. }
                if *dims > DENSE_MAX_DIMS && net.populations[*pop].n > BLOCK_SIZE =>
            {
                keep[*pop].outputs = true
            }
            _ => {}
        }
    }
    for ((kept, links), pop) in keep.iter_mut().zip(pop_links).zip(&net.populations) {
        // Noise the blocks cannot draw themselves is added to the direct
        // currents.
        kept.direct = pop
            .noise
            .as_ref()
            .is_some_and(|n| n.neuron_noise().is_none())
            || links
                .iter()
                .any(|&l| matches!(net.links[l].target, Target::Neurons(_)));
    }
    for probe in &net.probes {
        match probe.target {
            ProbeTarget::InputCurrent(p) => keep[p].currents = true,
            ProbeTarget::State { pop, var } => keep[pop].read_state_var(var),
            ProbeTarget::Source(_)
            | ProbeTarget::Weights(_)
            | ProbeTarget::Encoders(_)
            | ProbeTarget::Rule { .. } => {}
        }
    }
    keep
}

/// The links whose values nothing ever reads, so a step need not compute
/// them: links without a run-time function (whose evaluation has no
/// effect but its value) into passthrough nodes that are not probed and
/// whose outputs reach, through passthrough nodes only, nothing that
/// reads them. Such junctions are common in networks of the library (the
/// default `output` of an ensemble array inside a `Product`, say): Nengo
/// computes them; the simulator skips them, which changes no probed
/// value. (Nodes with a function or process, populations and everything
/// probed always run.)
/// The nodes a step may compute while it steps the blocks of its largest
/// stage, as extra tasks of that stage (on whichever thread is free),
/// instead of on the caller before any stage: nodes that compute (a
/// function or a process) from no input, and whose output nothing reads
/// within the step's stages (every link from it is filtered, or feeds a
/// learning rule; probes and filters read it after the stages). A
/// stimulus of a model of many small ensembles is often the largest
/// serial piece of its step. Returns the nodes of each stage and a flag
/// per node.
fn deferred_nodes(
    net: &CompiledNetwork,
    stages: &[Stage],
    stage_blocks: &[Range<usize>],
    blocks: &[Block],
    skipped: &[bool],
) -> (Vec<Vec<usize>>, Vec<bool>) {
    let mut stage_nodes = vec![Vec::new(); stages.len()];
    let mut deferred = vec![false; net.nodes.len()];
    let neurons =
        |k: usize| -> usize { blocks[stage_blocks[k].clone()].iter().map(Block::len).sum() };
    let Some(host) = (0..stages.len())
        .filter(|&k| matches!(stages[k], Stage::Populations(_)))
        .max_by_key(|&k| (neurons(k), std::cmp::Reverse(k)))
    else {
        return (stage_nodes, deferred);
    };
    // Nodes some unfiltered link reads within the stages.
    let mut read_now = vec![false; net.nodes.len()];
    for (l, &skip) in net.links.iter().zip(skipped) {
        if let Source::Node(m) = l.source {
            if !skip && l.synapse.is_none() && !matches!(l.target, Target::Rule(_)) {
                read_now[m] = true;
            }
        }
    }
    for (n, node) in net.nodes.iter().enumerate() {
        let computes = matches!(node.kind, NodeKind::Function(_) | NodeKind::Process(_));
        if computes && node.size_in == 0 && !read_now[n] {
            deferred[n] = true;
            stage_nodes[host].push(n);
        }
    }
    (stage_nodes, deferred)
}

pub(super) fn unread_links(net: &CompiledNetwork) -> Vec<bool> {
    // A node is read when it is probed or a link reads it that is itself
    // needed; start from "unread" for every passthrough node and grow the
    // read set to a fixed point.
    let mut read: Vec<bool> = net
        .nodes
        .iter()
        .map(|n| !matches!(n.kind, NodeKind::Passthrough))
        .collect();
    for p in &net.probes {
        if let ProbeTarget::Source(Source::Node(n)) = p.target {
            read[n] = true;
        }
    }
    let needed = |link: &Link, read: &[bool]| match link.target {
        Target::Node(n) => read[n] || link.function.is_some(),
        _ => true,
    };
    loop {
        let mut changed = false;
        for link in &net.links {
            if let Source::Node(m) = link.source {
                if !read[m] && needed(link, &read) {
                    read[m] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    net.links.iter().map(|l| !needed(l, &read)).collect()
}
