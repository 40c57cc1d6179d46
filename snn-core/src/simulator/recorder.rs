//! Probe recording: filter, subsample, store.

use super::decode::Decoding;
use super::signals::{read_source, NodeState, Populations};
use crate::network::{ProbeSpec, ProbeTarget};
use crate::synapses::FilterState;

/// Run-time state of one probe.
#[derive(Debug, Clone)]
pub(crate) struct Recorder {
    pub dims: usize,
    /// Steps between samples (may be fractional, as in Nengo).
    pub period: f64,
    pub value: Vec<f64>,
    pub filter: Option<FilterState>,
    /// How a decoded source is decoded (decoded sources only).
    pub decoding: Option<Decoding>,
    /// Recorded samples, row-major (`samples × dims`).
    pub data: Vec<f64>,
}

impl Recorder {
    /// Reads the probed signal of this step, filters it and stores it when a
    /// sample is due. A filtered probe stores the filter's output from the
    /// previous step and then updates the filter (Nengo's timing).
    pub fn record(&mut self, spec: &ProbeSpec, step: u64, nodes: &[NodeState], pops: &Populations) {
        let due = (step as f64) % self.period < 1.0;
        if !due && self.filter.is_none() {
            // Nothing to store and no filter to advance: skip the read (a
            // decoded probe would otherwise decode every step).
            return;
        }
        match &spec.target {
            ProbeTarget::Source(s) => {
                read_source(s, self.decoding.as_ref(), nodes, pops, &mut self.value)
            }
            ProbeTarget::State { pop, var } => {
                pops.gather(*pop, |s| s.state.var(*var), &mut self.value)
            }
            ProbeTarget::InputCurrent(pop) => pops.gather(*pop, |s| &s.j, &mut self.value),
        }
        match (&mut self.filter, &spec.synapse) {
            (Some(state), Some(filter)) => {
                if due {
                    self.data.extend_from_slice(state.output());
                }
                filter.update(state, &self.value);
            }
            _ => self.data.extend_from_slice(&self.value),
        }
    }

    /// Number of samples stored.
    pub fn samples(&self) -> usize {
        self.data.len().checked_div(self.dims).unwrap_or(0)
    }
}
