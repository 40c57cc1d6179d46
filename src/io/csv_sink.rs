//! Streaming a probe into a CSV file while the simulation runs.

use super::csv::{end_record, write_header, write_number, writer};
use super::FileError;
use snn_core::{ProbeSink, SinkError};
use std::fs::File;
use std::path::{Path, PathBuf};

/// A [`ProbeSink`] that appends each sample to a CSV file (header
/// `t,<names…>`, the format of [`save_csv`](super::save_csv)), so a long
/// simulation's probe costs no memory.
///
/// ```
/// use snn::prelude::*;
/// use snn::io::{column_names, CsvSink};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let mut net = Network::with_seed(0);
/// let stim = net.node("stim", Node::time(|t| (6.0 * t).sin()))?;
/// let a = net.ensemble("a", Ensemble::new(50, 1))?;
/// net.connect(Connection::new(stim, a))?;
/// let out = net.probe(Probe::new(a).synapse(0.01))?;
/// let mut sim = Simulator::new(&net)?;
///
/// let path = std::env::temp_dir().join(format!("snn-sink-doc-{}.csv", std::process::id()));
/// sim.stream(out, CsvSink::create(&path, &column_names("a", 1))?)?;
/// sim.run(0.1)?;
/// sim.finish_stream(out)?; // flushes the file
/// let text = std::fs::read_to_string(&path)?;
/// assert_eq!(text.lines().count(), 1 + 100);
/// # std::fs::remove_file(&path)?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct CsvSink {
    path: PathBuf,
    columns: usize,
    /// Buffered by the `csv` writer itself.
    out: csv::Writer<File>,
    /// Reused for each number's text.
    number: String,
}

impl CsvSink {
    /// Creates (or truncates) `path` and writes the header `t,<names…>`;
    /// every sample must then have one value per name.
    pub fn create(path: impl AsRef<Path>, names: &[impl AsRef<str>]) -> Result<Self, FileError> {
        let path = path.as_ref().to_path_buf();
        let io = |e| FileError::io(&path, e);
        let mut out = writer(File::create(&path).map_err(io)?);
        write_header(&mut out, true, names).map_err(io)?;
        Ok(Self {
            columns: names.len(),
            path,
            out,
            number: String::new(),
        })
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one row: `t` and `values`.
    pub fn append(&mut self, t: f64, values: &[f64]) -> Result<(), FileError> {
        if values.len() != self.columns {
            return Err(FileError::NameCount {
                path: self.path.clone(),
                names: self.columns,
                columns: values.len(),
            });
        }
        let mut row = || {
            write_number(&mut self.out, &mut self.number, t)?;
            for &v in values {
                write_number(&mut self.out, &mut self.number, v)?;
            }
            end_record(&mut self.out)
        };
        row().map_err(|e| FileError::io(&self.path, e))
    }

    /// Writes out everything buffered.
    pub fn flush(&mut self) -> Result<(), FileError> {
        self.out.flush().map_err(|e| FileError::io(&self.path, e))
    }
}

impl ProbeSink for CsvSink {
    fn write(&mut self, t: f64, values: &[f64]) -> Result<(), SinkError> {
        Ok(self.append(t, values)?)
    }

    fn finish(&mut self) -> Result<(), SinkError> {
        Ok(self.flush()?)
    }
}
