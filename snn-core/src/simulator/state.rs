//! What a run changes: the simulator's state, one value.
//!
//! Everything a step writes lives in a [`SimState`]: node inputs and
//! outputs, the blocks' neuron states, link and probe filters, recorded
//! samples and the step count. Resetting makes a new one from the plan;
//! a checkpoint saves it whole.

use super::block::{Block, BlockState};
use super::layout::PopPlan;
use crate::learning::RuleState;
use crate::processes::ProcessState;
use crate::synapses::FilterState;
use serde::{Deserialize, Serialize};

/// The whole run-time state of a simulator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SimState {
    /// Steps taken since the last reset.
    pub n_steps: u64,
    pub nodes: Vec<NodeState>,
    pub blocks: Vec<BlockState>,
    pub links: Vec<LinkState>,
    pub probes: Vec<ProbeState>,
    /// The state of each population's noise process (`None` without one).
    pub noise: Vec<Option<ProcessState>>,
    /// The state of each learning rule.
    pub rules: Vec<RuleRun>,
    /// The scaled encoders of each population an encoder rule changes
    /// (`n × dims`, neuron-major; empty for the others, whose encoders
    /// never change and stay in their blocks).
    pub encoders: Vec<Vec<f64>>,
}

/// Run-time state of one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct NodeState {
    pub input: Vec<f64>,
    pub output: Vec<f64>,
    /// The state of a process node's process.
    pub process: Option<ProcessState>,
}

/// Run-time state of one link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LinkState {
    /// The output of the link's function (unused without one).
    pub mid: Vec<f64>,
    /// The transformed signal of this step.
    pub value: Vec<f64>,
    /// Filter state (filtered links only).
    pub filter: Option<FilterState>,
    /// The matrix a learning rule changes, one column of the output size
    /// per pre neuron (empty for a link that does not learn).
    pub learned: Vec<f64>,
}

/// Run-time state of one learning rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RuleRun {
    /// Its input of this step (the error), summed from the links into it.
    pub input: Vec<f64>,
    /// Filters of the pre and post outputs, and their buffers.
    pub pre_filter: Option<FilterState>,
    pub post_filter: Option<FilterState>,
    pub pre: Vec<f64>,
    pub post: Vec<f64>,
    pub state: RuleState,
    /// The change of the last step, kept only when a probe reads it (else
    /// empty).
    pub delta: Vec<f64>,
    /// The matrix it changes, moved here from its link or population for
    /// the update of a step only (so runs can go to threads whole); empty
    /// otherwise and never saved.
    #[serde(skip)]
    pub learned: Vec<f64>,
    /// The first value of its matrix found diverged in this step's update
    /// (index and value), taken by the step that reports it.
    #[serde(skip)]
    pub diverged: Option<(usize, f64)>,
}

/// Run-time state of one probe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ProbeState {
    /// The probed signal of this step.
    pub value: Vec<f64>,
    pub filter: Option<FilterState>,
    /// Recorded samples, row-major (`samples × dims`).
    pub data: Vec<f64>,
    /// The time of each sample in `data`, pushed with it: times and samples
    /// are stored, taken and cleared together, so they cannot drift apart
    /// (whatever mix of streaming, `take_data` and `sample_every` happened).
    pub times: Vec<f64>,
}

impl SimState {
    /// True when `other` has every size this state has: as many nodes,
    /// blocks, links and probes, each with vectors of the same lengths
    /// (stored probe samples aside, which need only be whole rows). A
    /// checkpoint's state is put in place only when it fits the plan's.
    pub fn same_shape(&self, other: &SimState) -> bool {
        fn lens<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> bool {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        fn filters(a: &Option<FilterState>, b: &Option<FilterState>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a.same_shape(b),
                (None, None) => true,
                _ => false,
            }
        }
        fn processes(a: &Option<ProcessState>, b: &Option<ProcessState>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a.same_shape(b),
                (None, None) => true,
                _ => false,
            }
        }
        lens(&self.nodes, &other.nodes, |a, b| {
            a.input.len() == b.input.len()
                && a.output.len() == b.output.len()
                && processes(&a.process, &b.process)
        }) && lens(&self.noise, &other.noise, processes)
            && lens(&self.blocks, &other.blocks, |a, b| {
                a.state.same_shape(&b.state)
                    && a.j.len() == b.j.len()
                    && a.out.len() == b.out.len()
                    && a.decoded.len() == b.decoded.len()
                    && a.inputs.len() == b.inputs.len()
                    && a.direct.len() == b.direct.len()
                    && a.noise.len() == b.noise.len()
            })
            && lens(&self.links, &other.links, |a, b| {
                a.mid.len() == b.mid.len()
                    && a.value.len() == b.value.len()
                    && filters(&a.filter, &b.filter)
                    && a.learned.len() == b.learned.len()
            })
            && lens(&self.rules, &other.rules, |a, b| {
                a.input.len() == b.input.len()
                    && a.pre.len() == b.pre.len()
                    && a.post.len() == b.post.len()
                    && filters(&a.pre_filter, &b.pre_filter)
                    && filters(&a.post_filter, &b.post_filter)
                    && a.state.values.len() == b.state.values.len()
                    && a.delta.len() == b.delta.len()
            })
            && lens(&self.encoders, &other.encoders, |a, b| a.len() == b.len())
            && lens(&self.probes, &other.probes, |a, b| {
                a.value.len() == b.value.len()
                    && filters(&a.filter, &b.filter)
                    && a.data.len() == a.times.len() * a.value.len()
            })
    }
}

impl ProbeState {
    /// Number of samples stored (not yet taken).
    pub fn samples(&self) -> usize {
        self.times.len()
    }
}

/// The neurons as a step reads them: where each population is (the plan)
/// and what its blocks hold now (the state).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Neurons<'a> {
    pub pops: &'a [PopPlan],
    pub blocks: &'a [Block],
    pub states: &'a [BlockState],
}

impl Neurons<'_> {
    /// State variable `var` of every neuron of population `p`, into `out`.
    pub fn gather_state(&self, p: usize, var: usize, out: &mut [f64]) {
        for pt in &self.pops[p].parts {
            self.blocks[pt.block].read_state(
                &self.states[pt.block],
                var,
                pt.offset..pt.offset + pt.len,
                &mut out[pt.start..pt.start + pt.len],
            );
        }
    }

    /// Copies one per-neuron quantity of population `p` into `out`, widened.
    pub fn gather(&self, p: usize, part: impl Fn(&BlockState) -> &[f32], out: &mut [f64]) {
        for pt in &self.pops[p].parts {
            let src = &part(&self.states[pt.block])[pt.offset..pt.offset + pt.len];
            for (o, &v) in out[pt.start..pt.start + pt.len].iter_mut().zip(src) {
                *o = f64::from(v);
            }
        }
    }
}
