//! One signal against another: the trajectory of a 2-D state.

use super::figure::{save, DrawError, Figure};
use super::style::{axes, bounds, color, padded, segments, titled, with_legend, Key, Mark};
use super::PlotError;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Plots `y` against `x` (a phase portrait), with `labels` naming the
/// horizontal and vertical axes, on a square canvas.
///
/// Dynamics are read off their shape rather than their time course: an
/// oscillator traces a circle whose radius is its amplitude, the Lorenz
/// attractor its two-winged butterfly in the x–z plane. A hollow circle
/// marks where the trajectory starts. Non-finite points leave gaps.
///
/// Errors: empty `x`, `x` and `y` of different lengths, no finite point,
/// a path not ending in `.png`/`.svg`, or the file not being writable.
pub fn phase(
    path: impl AsRef<Path>,
    title: &str,
    x: &[f64],
    y: &[f64],
    labels: (&str, &str),
) -> Result<(), PlotError> {
    if x.is_empty() {
        return Err(PlotError::Empty { what: "x".into() });
    }
    if y.len() != x.len() {
        return Err(PlotError::Length {
            what: "y".into(),
            against: "x".into(),
            expected: x.len(),
            found: y.len(),
        });
    }
    let runs = segments(x, y);
    let xs = bounds(runs.iter().flatten().map(|p| &p.0));
    let ys = bounds(runs.iter().flatten().map(|p| &p.1));
    let (Some(xs), Some(ys)) = (xs, ys) else {
        return Err(PlotError::NotFinite {
            what: "x and y".into(),
        });
    };
    save(
        path.as_ref(),
        &Phase {
            title,
            runs,
            labels,
            range: (padded(xs), padded(ys)),
        },
    )
}

struct Phase<'a> {
    title: &'a str,
    runs: Vec<Vec<(f64, f64)>>,
    labels: (&'a str, &'a str),
    range: (Range<f64>, Range<f64>),
}

impl Figure for Phase<'_> {
    fn size(&self) -> (u32, u32) {
        (880, 720)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let keys = [
            Key {
                label: "trajectory",
                color: color(0),
                mark: Mark::Line,
            },
            Key {
                label: "start",
                color: color(3),
                mark: Mark::Circle,
            },
        ];
        let area = with_legend(titled(root, self.title)?, &keys)?;
        let mut chart = axes(&area, self.range.clone(), self.labels, None)?;
        let style = ShapeStyle::from(color(0)).stroke_width(1);
        for run in &self.runs {
            chart.draw_series(LineSeries::new(run.iter().copied(), style))?;
        }
        if let Some(&start) = self.runs.first().and_then(|r| r.first()) {
            let marker = ShapeStyle::from(color(3)).stroke_width(2);
            chart.draw_series(std::iter::once(Circle::new(start, 6, marker)))?;
        }
        Ok(())
    }
}
