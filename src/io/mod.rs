//! Data out: probe data and tuning curves as NumPy `.npy` files and CSV
//! tables, for plotting and analysis elsewhere.
//!
//! - [`save_npy`] writes a matrix as NumPy format 1.0: little-endian `f64`
//!   (`'<f8'`), C (row-major) order, shape `(rows, columns)`, so that
//!   `numpy.load(path)` gives the same array; [`load_npy`] reads such files
//!   back (also Fortran order, big-endian `'>f8'`, 1-D arrays and format
//!   versions 2.0 and 3.0).
//! - [`save_csv`] writes a table with a time column `t` and one named
//!   column per dimension; [`save_table_csv`] the same without the time column.
//! - [`save_probe_npy`] and [`save_probe_csv`] take a probe straight from a
//!   [`Simulator`], with the probe's own sample times
//!   ([`Simulator::probe_trange`]); [`save_tuning_npy`] and
//!   [`save_tuning_csv`] export [`tuning_curves`](snn_nef::tuning_curves) and
//!   [`response_curves`](snn_nef::response_curves).
//!
//! - [`CsvSink`] streams a probe into a CSV file while the simulation runs
//!   ([`Simulator::stream`]), so a long run keeps none of it in memory.
//!
//! The formats themselves are written and parsed by the `npyz` and `csv`
//! crates; this module maps matrices, probes and tuning curves onto them.
//!
//! Every failure is a [`FileError`] naming the file; nothing here panics,
//! and nothing is written when the arguments do not fit together.
//!
//! ```
//! use snn::prelude::*;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut net = Network::with_seed(0);
//! let stim = net.node("stim", Node::time(|t| (6.0 * t).sin()))?;
//! let a = net.ensemble("a", Ensemble::new(50, 1))?;
//! net.connect(Connection::new(stim, a))?;
//! let out = net.probe(Probe::new(a).synapse(0.01))?;
//! let mut sim = Simulator::new(&net)?;
//! sim.run(0.1)?;
//!
//! let dir = std::env::temp_dir().join(format!("snn-io-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! snn::io::save_probe_npy(&sim, out, dir.join("a.npy"))?; // np.load: shape (100, 1)
//! snn::io::save_probe_csv(&sim, out, dir.join("a.csv"), "a")?; // header: t,a_0
//! let back = snn::io::load_npy(dir.join("a.npy"))?;
//! assert_eq!(back, sim.data(out)?);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```

mod csv;
mod csv_sink;
mod npy;

pub use self::csv::{column_names, save_csv, save_table_csv};
pub use self::csv_sink::CsvSink;
pub use self::npy::{load_npy, save_npy};

use nalgebra::DMatrix;
use snn_core::{ProbeKey, SimError, Simulator};
use snn_nef::TuningCurves;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Saving or loading a data file failed; every variant names the file.
#[derive(Debug, Error)]
pub enum FileError {
    /// The file could not be created, written or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The time column and the data have different numbers of rows.
    #[error("{}: {times} times given for {rows} rows of data", path.display())]
    RowCount {
        /// The file that was not written.
        path: PathBuf,
        /// Number of times.
        times: usize,
        /// Number of data rows.
        rows: usize,
    },
    /// The column names and the data columns differ in number.
    #[error("{}: {names} column names given for {columns} data columns", path.display())]
    NameCount {
        /// The file that was not written.
        path: PathBuf,
        /// Number of names.
        names: usize,
        /// Number of data columns.
        columns: usize,
    },
    /// The file is not an `.npy` file this module reads.
    #[error("{}: not a readable .npy file: {reason}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The probe's data could not be read from the simulator.
    #[error("{}: cannot read the probe's data: {source}", path.display())]
    Probe {
        /// The file that was not written.
        path: PathBuf,
        /// The simulator's error (an unknown probe handle…).
        source: SimError,
    },
}

impl FileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::Io { path, .. }
            | FileError::RowCount { path, .. }
            | FileError::NameCount { path, .. }
            | FileError::Format { path, .. }
            | FileError::Probe { path, .. } => path,
        }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        FileError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Reads a probe's data and sample times, naming `path` in errors.
fn probe_data(
    sim: &Simulator,
    probe: ProbeKey,
    path: &Path,
) -> Result<(Vec<f64>, DMatrix<f64>), FileError> {
    let err = |source| FileError::Probe {
        path: path.to_path_buf(),
        source,
    };
    let data = sim.data(probe).map_err(err)?;
    let times = sim.probe_trange(probe).map_err(err)?;
    Ok((times, data))
}

/// Saves a probe's data (samples × dimensions) as `.npy` (see [`save_npy`]).
/// The sample times are [`Simulator::probe_trange`].
pub fn save_probe_npy(
    sim: &Simulator,
    probe: impl Into<ProbeKey>,
    path: impl AsRef<Path>,
) -> Result<(), FileError> {
    let path = path.as_ref();
    let data = sim.data(probe).map_err(|source| FileError::Probe {
        path: path.to_path_buf(),
        source,
    })?;
    save_npy(path, &data)
}

/// Saves a probe's data as CSV: header `t,<name>_0,<name>_1,…`, then one
/// row per sample with its time ([`Simulator::probe_trange`]).
pub fn save_probe_csv(
    sim: &Simulator,
    probe: impl Into<ProbeKey>,
    path: impl AsRef<Path>,
    name: &str,
) -> Result<(), FileError> {
    let path = path.as_ref();
    let (times, data) = probe_data(sim, probe.into(), path)?;
    save_csv(path, &times, &data, &column_names(name, data.ncols()))
}

/// `[inputs | activities]`: `m × (d + n)`, inputs first.
fn tuning_table(curves: &TuningCurves) -> DMatrix<f64> {
    let (m, d) = curves.inputs.shape();
    let n = curves.activities.ncols();
    DMatrix::from_fn(m, d + n, |r, c| {
        if c < d {
            curves.inputs[(r, c)]
        } else {
            curves.activities[(r, c - d)]
        }
    })
}

/// Saves tuning or response curves as one `.npy` array of shape
/// `(points, d + n)`: the `d` input columns, then the activity (Hz) of each
/// of the `n` neurons. In NumPy: `x, a = arr[:, :d], arr[:, d:]`.
pub fn save_tuning_npy(path: impl AsRef<Path>, curves: &TuningCurves) -> Result<(), FileError> {
    save_npy(path, &tuning_table(curves))
}

/// Saves tuning or response curves as CSV: header `x_0,…,x_{d-1},
/// neuron_0,…,neuron_{n-1}`, one row per input point.
pub fn save_tuning_csv(path: impl AsRef<Path>, curves: &TuningCurves) -> Result<(), FileError> {
    let mut names = column_names("x", curves.inputs.ncols());
    names.extend(column_names("neuron", curves.activities.ncols()));
    save_table_csv(path, &tuning_table(curves), &names)
}
