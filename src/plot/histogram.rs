//! The distribution of a set of values, as bars of counts.

use super::figure::{save, DrawError, Figure};
use super::style::{axes, bounds, color, titled};
use super::PlotError;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;

/// Plots a histogram of `values` in `bins` equal bins between their
/// smallest and largest finite values, with axes `x_label` and "count".
/// For distributions whose shape is the result, such as the bimodal
/// weights STDP makes. Non-finite values are left out.
///
/// Errors: no values or zero bins, nothing finite, a path not ending in
/// `.png`/`.svg`, or the file not being writable.
pub fn histogram(
    path: impl AsRef<Path>,
    title: &str,
    x_label: &str,
    values: &[f64],
    bins: usize,
) -> Result<(), PlotError> {
    if values.is_empty() {
        return Err(PlotError::Empty {
            what: "values".into(),
        });
    }
    if bins == 0 {
        return Err(PlotError::Empty {
            what: "bins".into(),
        });
    }
    let (lo, hi) = bounds(values).ok_or_else(|| PlotError::NotFinite {
        what: "values".into(),
    })?;
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let mut counts = vec![0usize; bins];
    for &v in values.iter().filter(|v| v.is_finite()) {
        let b = (((v - lo) / width) as usize).min(bins - 1);
        counts[b] += 1;
    }
    save(
        path.as_ref(),
        &Histogram {
            title,
            x_label,
            lo,
            width,
            counts,
        },
    )
}

struct Histogram<'a> {
    title: &'a str,
    x_label: &'a str,
    lo: f64,
    width: f64,
    counts: Vec<usize>,
}

impl Figure for Histogram<'_> {
    fn size(&self) -> (u32, u32) {
        (900, 520)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError> {
        let area = titled(root, self.title)?;
        let top = *self.counts.iter().max().unwrap_or(&1) as f64 * 1.08;
        let right = self.lo + self.width * self.counts.len() as f64;
        let mut chart = axes(
            &area,
            (self.lo..right, 0.0..top.max(1.0)),
            (self.x_label, "count"),
            None,
        )?;
        let fill = ShapeStyle::from(color(0)).filled();
        chart.draw_series(self.counts.iter().enumerate().map(|(i, &c)| {
            let x0 = self.lo + self.width * i as f64;
            Rectangle::new([(x0, 0.0), (x0 + self.width * 0.92, c as f64)], fill)
        }))?;
        Ok(())
    }
}
