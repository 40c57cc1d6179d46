//! Probe recording: filter, subsample, store or stream.

use super::decode::Decoding;
use super::links::read_source;
use super::state::{LinkState, Neurons, NodeState, ProbeState, RuleRun};
use crate::network::{CompiledNetwork, ProbeSpec, ProbeTarget, RuleSignal};
use crate::synapses::FilterState;

/// What learning has changed, as a probe reads it: learned matrices, the
/// rules' signals and learned encoders.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Learning<'a> {
    pub net: &'a CompiledNetwork,
    pub links: &'a [LinkState],
    pub rules: &'a [RuleRun],
    pub encoders: &'a [Vec<f64>],
}

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

/// How one probe is recorded, fixed when the simulator is planned.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProbePlan {
    pub dims: usize,
    /// Steps between samples (may be fractional, as in Nengo).
    pub period: f64,
    /// How a decoded source is decoded (decoded sources only).
    pub decoding: Option<Decoding>,
}

impl ProbePlan {
    /// Reads the probed signal of this step into `state`, filters it and
    /// stores it (or hands it to `sink`) when a sample is due. A filtered
    /// probe stores the filter's output from the previous step and then
    /// updates the filter (Nengo's timing). Returns the sink's error, if it
    /// fails.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &self,
        spec: &ProbeSpec,
        state: &mut ProbeState,
        sink: Option<&mut Sink>,
        step: u64,
        t: f64,
        nodes: &[NodeState],
        neurons: &Neurons<'_>,
        learning: Learning<'_>,
    ) -> Result<(), SinkError> {
        // `step mod period` is below the period, so a period of at most one
        // step is due every step (without the division).
        let due = self.period <= 1.0 || (step as f64) % self.period < 1.0;
        if !due && state.filter.is_none() {
            // Nothing to store and no filter to advance: skip the read (a
            // decoded probe would otherwise decode every step).
            return Ok(());
        }
        let ProbeState {
            value,
            filter,
            data,
            times,
        } = state;
        match &spec.target {
            ProbeTarget::Source(s) => read_source(s, self.decoding.as_ref(), nodes, neurons, value),
            ProbeTarget::State { pop, var } => neurons.gather_state(*pop, *var, value),
            ProbeTarget::InputCurrent(pop) => neurons.gather(*pop, |s| &s.j, value),
            ProbeTarget::Weights(link) => value.copy_from_slice(&learning.links[*link].learned),
            ProbeTarget::Encoders(pop) => match learning.encoders[*pop].as_slice() {
                [] => {
                    let fixed = &learning.net.populations[*pop].encoders;
                    for (v, &e) in value.iter_mut().zip(fixed) {
                        *v = f64::from(e);
                    }
                }
                learned => value.copy_from_slice(learned),
            },
            ProbeTarget::Rule { rule, signal } => {
                let run = &learning.rules[*rule];
                fn read<'b>(f: &'b Option<FilterState>, raw: &'b [f64]) -> &'b [f64] {
                    f.as_ref().map_or(raw, |fs| fs.output())
                }
                let src: &[f64] = match signal {
                    RuleSignal::Delta => &run.delta,
                    RuleSignal::Input => &run.input,
                    RuleSignal::Pre => read(&run.pre_filter, &run.pre),
                    RuleSignal::Post => read(&run.post_filter, &run.post),
                    RuleSignal::Own => learning.net.rules[*rule]
                        .rule
                        .own_signal(&run.state)
                        .map_or(&[][..], |(_, v)| v),
                };
                value.copy_from_slice(src);
            }
        }
        let mut result = Ok(());
        match (filter, &spec.synapse) {
            (Some(fs), Some(f)) => {
                if due {
                    result = store(sink, data, times, t, fs.output());
                }
                f.update(fs, value);
            }
            _ => result = store(sink, data, times, t, value),
        }
        result
    }
}

/// Streams one sample, or stores it with its time.
fn store(
    sink: Option<&mut Sink>,
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
