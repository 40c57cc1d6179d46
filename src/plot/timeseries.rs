//! Decoded values against time, with the ideal signals they should follow.

use super::figure::{save, DrawError, Figure};
use super::style::{
    axes, bounds, color, dark, padded, segments, time_range, titled, with_legend, Key, Mark,
};
use super::{PlotError, Series};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Plots probe data against time: every series in `series` as a solid
/// line, every series in `ideal` as a dashed line in a darker shade of the
/// same colour (so `ideal[i]` pairs with `series[i]`), a legend of their
/// labels at the right, and axes "time (s)" and "value".
///
/// This is how a NEF model is checked by eye: the decoded estimate's noise
/// and lag around what it should compute. `t` holds the sample times
/// (`Simulator::trange`); every series must have one value per time.
/// Non-finite values leave gaps in their line.
///
/// Errors: empty `t` or no series, a series of another length than `t`,
/// nothing finite to draw, a path not ending in `.png`/`.svg`, or the file
/// not being writable.
pub fn timeseries(
    path: impl AsRef<Path>,
    title: &str,
    t: &[f64],
    series: &[Series<'_>],
    ideal: Option<&[Series<'_>]>,
) -> Result<(), PlotError> {
    let ideal = ideal.unwrap_or(&[]);
    if t.is_empty() {
        return Err(PlotError::Empty { what: "t".into() });
    }
    if series.is_empty() && ideal.is_empty() {
        return Err(PlotError::Empty {
            what: "series".into(),
        });
    }
    for s in series.iter().chain(ideal) {
        if s.values.len() != t.len() {
            return Err(PlotError::Length {
                what: format!("series \"{}\"", s.label),
                against: "t".into(),
                expected: t.len(),
                found: s.values.len(),
            });
        }
    }
    let x = bounds(t).ok_or_else(|| PlotError::NotFinite { what: "t".into() })?;
    let y = bounds(series.iter().chain(ideal).flat_map(|s| s.values)).ok_or_else(|| {
        PlotError::NotFinite {
            what: "series".into(),
        }
    })?;
    save(
        path.as_ref(),
        &TimeSeries {
            title,
            t,
            series,
            ideal,
            range: (time_range(x), padded(y)),
        },
    )
}

struct TimeSeries<'a> {
    title: &'a str,
    t: &'a [f64],
    series: &'a [Series<'a>],
    ideal: &'a [Series<'a>],
    range: (std::ops::Range<f64>, std::ops::Range<f64>),
}

impl Figure for TimeSeries<'_> {
    fn size(&self) -> (u32, u32) {
        (1000, 560)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let solid = self.series.iter().enumerate().map(|(i, s)| Key {
            label: s.label,
            color: color(i),
            mark: Mark::Line,
        });
        let dashed = self.ideal.iter().enumerate().map(|(i, s)| Key {
            label: s.label,
            color: dark(i),
            mark: Mark::Dashed,
        });
        let keys: Vec<Key<'_>> = solid.chain(dashed).collect();
        let area = with_legend(titled(root, self.title)?, &keys)?;
        let mut chart = axes(&area, self.range.clone(), ("time (s)", "value"), None)?;
        for (i, s) in self.series.iter().enumerate() {
            let style = ShapeStyle::from(color(i)).stroke_width(1);
            for run in segments(self.t, s.values) {
                chart.draw_series(LineSeries::new(run, style))?;
            }
        }
        for (i, s) in self.ideal.iter().enumerate() {
            let style = ShapeStyle::from(dark(i)).stroke_width(2);
            for run in segments(self.t, s.values) {
                chart.draw_series(DashedLineSeries::new(run, 9, 6, style))?;
            }
        }
        Ok(())
    }
}
