//! Probe recording: filter, subsample, store or stream.

use super::decode::Decoding;
use super::signals::{read_source, NodeState, Populations};
use crate::network::{ProbeSpec, ProbeTarget};
use crate::synapses::FilterState;

/// The error a probe sink may return.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// A consumer of a probe's samples, which a streaming probe hands each
/// sample to instead of storing it (see [`Simulator::stream`](super::Simulator::stream)).
///
/// Any `FnMut(f64, &[f64]) -> Result<(), E>` closure is a sink.
pub trait ProbeSink: Send {
    /// Takes one sample: its time (s) and values, in order of time.
    fn write(&mut self, t: f64, values: &[f64]) -> Result<(), SinkError>;

    /// Called once when streaming ends
    /// ([`Simulator::finish_stream`](super::Simulator::finish_stream)):
    /// flush buffers, close files.
    fn finish(&mut self) -> Result<(), SinkError> {
        Ok(())
    }
}

impl<F, E> ProbeSink for F
where
    F: FnMut(f64, &[f64]) -> Result<(), E> + Send,
    E: Into<SinkError>,
{
    fn write(&mut self, t: f64, values: &[f64]) -> Result<(), SinkError> {
        self(t, values).map_err(Into::into)
    }
}

/// A boxed sink with a `Debug` form for the simulator's.
pub(crate) struct Sink(pub Box<dyn ProbeSink>);

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sink")
    }
}

/// Run-time state of one probe.
#[derive(Debug)]
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
    /// The time of each sample in `data`, pushed with it: times and samples
    /// are stored, taken and cleared together, so they cannot drift apart
    /// (whatever mix of streaming, `take_data` and `sample_every` happened).
    pub times: Vec<f64>,
    /// Where samples go instead of `data`, once the probe streams.
    pub sink: Option<Sink>,
}

impl Recorder {
    /// Reads the probed signal of this step, filters it and stores (or
    /// streams) it when a sample is due. A filtered probe stores the
    /// filter's output from the previous step and then updates the filter
    /// (Nengo's timing). Returns the sink's error, if it fails.
    pub fn record(
        &mut self,
        spec: &ProbeSpec,
        step: u64,
        t: f64,
        nodes: &[NodeState],
        pops: &Populations,
    ) -> Result<(), SinkError> {
        let due = (step as f64) % self.period < 1.0;
        if !due && self.filter.is_none() {
            // Nothing to store and no filter to advance: skip the read (a
            // decoded probe would otherwise decode every step).
            return Ok(());
        }
        match &spec.target {
            ProbeTarget::Source(s) => {
                read_source(s, self.decoding.as_ref(), nodes, pops, &mut self.value)
            }
            ProbeTarget::State { pop, var } => pops.gather_state(*pop, *var, &mut self.value),
            ProbeTarget::InputCurrent(pop) => pops.gather(*pop, |s| &s.j, &mut self.value),
        }
        let mut result = Ok(());
        match (&mut self.filter, &spec.synapse) {
            (Some(state), Some(filter)) => {
                if due {
                    result = store(
                        &mut self.sink,
                        &mut self.data,
                        &mut self.times,
                        t,
                        state.output(),
                    );
                }
                filter.update(state, &self.value);
            }
            _ => {
                result = store(
                    &mut self.sink,
                    &mut self.data,
                    &mut self.times,
                    t,
                    &self.value,
                )
            }
        }
        result
    }

    /// Number of samples stored (not yet taken).
    pub fn samples(&self) -> usize {
        self.times.len()
    }
}

/// Streams one sample, or stores it with its time.
fn store(
    sink: &mut Option<Sink>,
    data: &mut Vec<f64>,
    times: &mut Vec<f64>,
    t: f64,
    sample: &[f64],
) -> Result<(), SinkError> {
    match sink {
        Some(Sink(sink)) => sink.write(t, sample),
        None => {
            data.extend_from_slice(sample);
            times.push(t);
            Ok(())
        }
    }
}
