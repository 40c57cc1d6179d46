//! What a run changes: the simulator's state, one value.
//!
//! Everything a step writes lives in a [`SimState`]: node inputs and
//! outputs, the blocks' neuron states, link and probe filters, recorded
//! samples and the step count. Resetting makes a new one from the plan;
//! a checkpoint saves it whole.

use super::block::{Block, BlockState};
use super::layout::PopPlan;
use crate::synapses::FilterState;

/// The whole run-time state of a simulator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SimState {
    /// Steps taken since the last reset.
    pub n_steps: u64,
    pub nodes: Vec<NodeState>,
    pub blocks: Vec<BlockState>,
    pub links: Vec<LinkState>,
    pub probes: Vec<ProbeState>,
}

/// Run-time state of one node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NodeState {
    pub input: Vec<f64>,
    pub output: Vec<f64>,
}

/// Run-time state of one link.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkState {
    /// The output of the link's function (unused without one).
    pub mid: Vec<f64>,
    /// The transformed signal of this step.
    pub value: Vec<f64>,
    /// Filter state (filtered links only).
    pub filter: Option<FilterState>,
}

/// Run-time state of one probe.
#[derive(Debug, Clone, PartialEq)]
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
