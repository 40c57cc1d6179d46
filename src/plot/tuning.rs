//! Tuning curves: each neuron's firing rate against the represented value.

use super::figure::{save, DrawError, Figure};
use super::style::{axes, bounds, color, exact, segments, titled};
use super::PlotError;
use crate::nef::TuningCurves;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Plots every neuron's firing rate (Hz) against the represented value,
/// one line per neuron, from what [`tuning_curves`](crate::nef::tuning_curves)
/// or [`response_curves`](crate::nef::response_curves) computed.
///
/// The tuning curves are the first NEF principle made visible: how an
/// ensemble's neurons cover the represented range (their intercepts, where
/// each starts firing; their maximum rates; the mix of on and off
/// neurons). The inputs must be 1-D (`inputs` with one column), so this
/// draws a 1-D ensemble's curves, or any ensemble's response curves.
///
/// Errors: no inputs or no neurons, inputs of more than one dimension, an
/// activity row count other than the input count, no finite rate, a path
/// not ending in `.png`/`.svg`, or the file not being writable.
pub fn tuning_curves(
    path: impl AsRef<Path>,
    title: &str,
    curves: &TuningCurves,
) -> Result<(), PlotError> {
    let (inputs, rates) = (&curves.inputs, &curves.activities);
    if inputs.nrows() == 0 {
        return Err(PlotError::Empty {
            what: "inputs".into(),
        });
    }
    if inputs.ncols() != 1 {
        return Err(PlotError::Dimensions {
            dimensions: inputs.ncols(),
        });
    }
    if rates.ncols() == 0 {
        return Err(PlotError::Empty {
            what: "activities (no neurons)".into(),
        });
    }
    if rates.nrows() != inputs.nrows() {
        return Err(PlotError::Length {
            what: "activities (rows)".into(),
            against: "inputs".into(),
            expected: inputs.nrows(),
            found: rates.nrows(),
        });
    }
    let x = bounds(inputs.iter()).ok_or_else(|| PlotError::NotFinite {
        what: "inputs".into(),
    })?;
    let (_, top) = bounds(rates.iter()).ok_or_else(|| PlotError::NotFinite {
        what: "activities".into(),
    })?;
    // Rates start at 0 Hz; a little headroom above the fastest neuron.
    let top = if top > 0.0 { 1.05 * top } else { 1.0 };
    save(
        path.as_ref(),
        &Tuning {
            title,
            curves,
            range: (exact(x), 0.0..top),
        },
    )
}

struct Tuning<'a> {
    title: &'a str,
    curves: &'a TuningCurves,
    range: (Range<f64>, Range<f64>),
}

impl Figure for Tuning<'_> {
    fn size(&self) -> (u32, u32) {
        (860, 600)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let area = titled(root, self.title)?;
        let mut chart = axes(
            &area,
            self.range.clone(),
            ("represented value x", "firing rate (Hz)"),
            None,
        )?;
        let x = self.curves.inputs.as_slice();
        for (i, rates) in self.curves.activities.column_iter().enumerate() {
            let style = ShapeStyle::from(color(i)).stroke_width(1);
            let rates: Vec<f64> = rates.iter().copied().collect();
            for run in segments(x, &rates) {
                chart.draw_series(LineSeries::new(run, style))?;
            }
        }
        Ok(())
    }
}
