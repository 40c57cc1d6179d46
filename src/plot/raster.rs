//! Spike rasters: when each neuron fired.

use super::figure::{save, DrawError, Figure};
use super::style::{axes, bounds, time_range, titled};
use super::PlotError;
use nalgebra::DMatrix;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Plots a spike raster: a short vertical tick at `(t[k], i)` for every
/// nonzero `spikes[(k, i)]`, with neuron index on the vertical axis and
/// time (s) on the horizontal one.
///
/// `spikes` is what a spike probe records (`Probe::spikes`): one row per
/// time in `t`, one column per neuron, nonzero (Nengo's `1/dt`) where the
/// neuron spiked. A raster shows what the decoded value hides: which
/// neurons carry the signal, their rates, and synchrony. A neuron that
/// never fires leaves its row empty; a raster with no spike at all is
/// still drawn.
///
/// Errors: empty `t` or no neurons, a row count other than `t.len()`, no
/// finite time, a path not ending in `.png`/`.svg`, or the file not
/// being writable.
pub fn raster(
    path: impl AsRef<Path>,
    title: &str,
    t: &[f64],
    spikes: &DMatrix<f64>,
) -> Result<(), PlotError> {
    if t.is_empty() {
        return Err(PlotError::Empty { what: "t".into() });
    }
    if spikes.ncols() == 0 {
        return Err(PlotError::Empty {
            what: "spikes (no neurons)".into(),
        });
    }
    if spikes.nrows() != t.len() {
        return Err(PlotError::Length {
            what: "spikes (rows)".into(),
            against: "t".into(),
            expected: t.len(),
            found: spikes.nrows(),
        });
    }
    let x = bounds(t).ok_or_else(|| PlotError::NotFinite { what: "t".into() })?;
    let n = spikes.ncols() as f64;
    save(
        path.as_ref(),
        &Raster {
            title,
            t,
            spikes,
            range: (time_range(x), -0.5..n - 0.5),
        },
    )
}

struct Raster<'a> {
    title: &'a str,
    t: &'a [f64],
    spikes: &'a DMatrix<f64>,
    range: (Range<f64>, Range<f64>),
}

/// Neuron indices: integers only (ticks between neurons stay unlabelled).
fn neuron_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

impl Figure for Raster<'_> {
    fn size(&self) -> (u32, u32) {
        (1000, 600)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let area = titled(root, self.title)?;
        let mut chart = axes(
            &area,
            self.range.clone(),
            ("time (s)", "neuron index"),
            Some(&neuron_label),
        )?;
        // Each tick fills most of its neuron's row, so rows stay apart.
        let half = 0.4;
        for (i, column) in self.spikes.column_iter().enumerate() {
            let i = i as f64;
            let ticks = column
                .iter()
                .zip(self.t)
                .filter(|(s, t)| **s != 0.0 && t.is_finite())
                .map(|(_, &t)| PathElement::new(vec![(t, i - half), (t, i + half)], BLACK));
            chart.draw_series(ticks)?;
        }
        Ok(())
    }
}
