//! Reading a simulator's probes: stored data, chunks, streams and times.

use super::recorder::{ProbeSink, Sink};
use super::{ProbeKey, Simulator};
use crate::error::SimError;
use nalgebra::DMatrix;

impl Simulator {
    fn key_index(&self, key: ProbeKey) -> Result<usize, SimError> {
        let count = self.state.probes.len();
        if key.owner != self.net.owner || key.index >= count {
            return Err(SimError::UnknownProbe {
                index: key.index,
                count,
            });
        }
        Ok(key.index)
    }

    /// The recorded data of a probe: one row per sample, one column per
    /// dimension (the samples since the last [`take_data`](Self::take_data)).
    /// A probe that [`stream`](Self::stream)s keeps no data: asking for it is
    /// an error rather than an empty answer.
    pub fn data(&self, probe: impl Into<ProbeKey>) -> Result<DMatrix<f64>, SimError> {
        let index = self.key_index(probe.into())?;
        if self.exec.sinks[index].is_some() {
            return Err(SimError::ProbeStreamed {
                probe: self.net.probes[index].label.clone(),
            });
        }
        let rec = &self.state.probes[index];
        let dims = self.plan.probes[index].dims;
        Ok(DMatrix::from_row_slice(rec.samples(), dims, &rec.data))
    }

    /// Hands out and forgets the samples a probe has stored since the last
    /// call (or the reset): their times and values, row `i` recorded at
    /// `times[i]`. Calling it between runs keeps memory flat over a long
    /// simulation.
    pub fn take_data(
        &mut self,
        probe: impl Into<ProbeKey>,
    ) -> Result<(Vec<f64>, DMatrix<f64>), SimError> {
        let index = self.key_index(probe.into())?;
        let dims = self.plan.probes[index].dims;
        let rec = &mut self.state.probes[index];
        let times = std::mem::take(&mut rec.times);
        let data = DMatrix::from_row_slice(times.len(), dims, &rec.data);
        rec.data.clear();
        Ok((times, data))
    }

    /// Sends every later sample of a probe to `sink` (its time and values,
    /// in order) instead of storing it, so a long run uses no memory for it.
    /// A closure `|t, values| -> Result<(), E>` is a sink; the facade's
    /// `snn::io::CsvSink` writes a CSV file. Samples already stored stay
    /// available to [`take_data`](Self::take_data). An error from the sink
    /// stops the step with [`SimError::ProbeSink`]. Call
    /// [`finish_stream`](Self::finish_stream) at the end to flush the sink
    /// and see its last error.
    pub fn stream(
        &mut self,
        probe: impl Into<ProbeKey>,
        sink: impl ProbeSink + 'static,
    ) -> Result<(), SimError> {
        let index = self.key_index(probe.into())?;
        self.exec.sinks[index] = Some(Sink(Box::new(sink)));
        Ok(())
    }

    /// Ends a probe's streaming: calls the sink's
    /// [`finish`](ProbeSink::finish) and drops it; later samples are stored
    /// again. Does nothing for a probe that does not stream.
    pub fn finish_stream(&mut self, probe: impl Into<ProbeKey>) -> Result<(), SimError> {
        let index = self.key_index(probe.into())?;
        if let Some(Sink(mut sink)) = self.exec.sinks[index].take() {
            sink.finish().map_err(|e| SimError::ProbeSink {
                probe: self.net.probes[index].label.clone(),
                t: self.time(),
                message: e.to_string(),
            })?;
        }
        Ok(())
    }

    /// Times (s) of every step taken: `dt, 2 dt, …`.
    pub fn trange(&self) -> Vec<f64> {
        (1..=self.state.n_steps)
            .map(|k| k as f64 * self.net.dt)
            .collect()
    }

    /// Times (s) of the samples a probe holds: row `i` of
    /// [`data`](Self::data) was recorded at element `i`. Each time is stored
    /// with its sample, so the two always agree in length and order, after
    /// [`take_data`](Self::take_data), streaming (streamed samples are not
    /// held) or with `sample_every` (where it differs from
    /// [`trange`](Self::trange)).
    pub fn probe_trange(&self, probe: impl Into<ProbeKey>) -> Result<Vec<f64>, SimError> {
        let rec = &self.state.probes[self.key_index(probe.into())?];
        Ok(rec.times.clone())
    }
}
