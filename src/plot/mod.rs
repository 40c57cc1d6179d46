//! Figures of what a simulation did, written as PNG or SVG files.
//!
//! A model is judged by looking at it as much as by its numbers: a decoded
//! signal against the ideal one, a spike raster, an ensemble's tuning
//! curves, a phase portrait of a dynamical system. Each kind of figure is one
//! function here, taking plain slices and matrices (what
//! [`Simulator::data`](crate::Simulator::data) and
//! [`tuning_curves`](crate::nef::tuning_curves) return), so plotting is a
//! separate step after a run and never part of the model:
//!
//! | function | shows |
//! |---|---|
//! | [`timeseries`] | decoded values against time (s), ideal curves dashed |
//! | [`raster`] | spikes: neuron index against time (s) |
//! | [`tuning_curves`] | firing rate (Hz) of every neuron against the represented value |
//! | [`phase`] | one signal against another (an oscillator's circle, the Lorenz butterfly) |
//!
//! The file's extension picks the format: `.png` (a bitmap) or `.svg`
//! (vector, with the title and labels as text). Rendering is pure Rust with
//! an embedded font (DejaVu Sans, `assets/fonts/`), so it needs no system
//! library. Every mistake is a [`PlotError`]; nothing here panics, and a
//! failed figure leaves no partial file behind.
//!
//! ```
//! use snn::plot::{self, Series};
//!
//! # fn main() -> Result<(), snn::plot::PlotError> {
//! let t: Vec<f64> = (1..=500).map(|k| k as f64 * 0.001).collect();
//! let x: Vec<f64> = t.iter().map(|t| (6.0 * t).sin()).collect();
//! let path = std::env::temp_dir().join("snn_doc_timeseries.svg");
//! plot::timeseries(&path, "a sine", &t, &[Series::new("x", &x)], None)?;
//! assert!(std::fs::read_to_string(&path).unwrap().contains("a sine"));
//!
//! // Empty data is an error, not an empty picture.
//! assert!(plot::timeseries(&path, "nothing", &[], &[], None).is_err());
//! # Ok(())
//! # }
//! ```
//!
//! Behind the default cargo feature `plot`; build with
//! `--no-default-features` to leave it (and its dependencies) out.

mod figure;
mod histogram;
mod phase;
mod raster;
mod similarity;
mod style;
mod text;
mod timeseries;
mod tuning;

pub use histogram::histogram;
pub use phase::phase;
pub use raster::raster;
pub use similarity::similarity;
pub use timeseries::timeseries;
pub use tuning::tuning_curves;

use std::path::PathBuf;
use thiserror::Error;

/// One labelled signal: `values[k]` is its value at the `k`-th time (or
/// input) of the figure it is drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series<'a> {
    /// The legend's name for it (`"decoded x²"`, `"ideal"`).
    pub label: &'a str,
    /// One value per sample.
    pub values: &'a [f64],
}

impl<'a> Series<'a> {
    /// A series named `label`.
    pub fn new(label: &'a str, values: &'a [f64]) -> Self {
        Self { label, values }
    }
}

/// Why a figure could not be made.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PlotError {
    /// Nothing to draw: the named input has no samples.
    #[error("nothing to plot: {what} is empty")]
    Empty {
        /// Which input (`"t"`, `"series"`, `"spikes"`…).
        what: String,
    },
    /// Two inputs that must be equally long are not.
    #[error("{what} has {found} values, but {expected} are needed to match {against}")]
    Length {
        /// The input whose length is wrong.
        what: String,
        /// What it must match (`"t"`, `"x"`…).
        against: String,
        /// The length it must have.
        expected: usize,
        /// The length it has.
        found: usize,
    },
    /// The named input holds no finite number (all NaN or infinite), so it
    /// has no range to draw.
    #[error("nothing to plot: {what} has no finite value")]
    NotFinite {
        /// Which input.
        what: String,
    },
    /// Tuning curves can be drawn against one input dimension only.
    #[error(
        "tuning curves over {dimensions}-D inputs cannot be drawn against one axis: \
         plot a 1-D ensemble's tuning_curves, or response_curves"
    )]
    Dimensions {
        /// The number of input columns given.
        dimensions: usize,
    },
    /// The file name ends in neither `.png` nor `.svg`.
    #[error("cannot tell the image format of {}: name the file *.png or *.svg", path.display())]
    Format {
        /// The path given.
        path: PathBuf,
    },
    /// Drawing failed (inside the rendering library).
    #[error("could not draw {}: {reason}", path.display())]
    Render {
        /// The figure being drawn.
        path: PathBuf,
        /// The renderer's message.
        reason: String,
    },
    /// The file or its directory could not be written.
    #[error("could not write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// Where the examples put their figures: `<target>/plots/<file_name>`,
/// with `<target>` the `CARGO_TARGET_DIR` environment variable if set, else
/// `target` (relative to the working directory, the workspace root under
/// `cargo run`). Creates the `plots` directory.
pub fn output_path(file_name: &str) -> Result<PathBuf, PlotError> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let dir = target.join("plots");
    std::fs::create_dir_all(&dir).map_err(|source| PlotError::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(dir.join(file_name))
}
