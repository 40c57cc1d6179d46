//! What every figure shares: fonts, colours, axis ranges, the titled
//! frame, the axes with their labels, and the legend beside the plot.

use super::figure::{DrawError, FAMILY};
use plotters::coord::ranged1d::BoldPoints;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;

/// A chart with `f64` axes.
pub(super) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

const TITLE_SIZE: u32 = 26;
const LABEL_SIZE: u32 = 20;
const TICK_SIZE: u32 = 16;
const LEGEND_SIZE: u32 = 17;

/// Matplotlib's "tab10": distinct, and readable on white.
const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The `i`-th colour of the palette (cycling).
pub(super) fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// A darker shade of the `i`-th colour, for the ideal curve of series `i`.
pub(super) fn dark(i: usize) -> RGBColor {
    let RGBColor(r, g, b) = color(i);
    let f = |c: u8| (f64::from(c) * 0.45) as u8;
    RGBColor(f(r), f(g), f(b))
}

fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

/// The smallest and largest finite value, if there is one.
pub(super) fn bounds<'a>(values: impl IntoIterator<Item = &'a f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, &v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// `[lo, hi]` widened by 5% of its span on each side, so no curve runs
/// along the frame; a single value gets a range around it.
pub(super) fn padded((lo, hi): (f64, f64)) -> Range<f64> {
    let span = hi - lo;
    if !span.is_finite() {
        return lo..hi;
    }
    if span <= 0.0 {
        let d = if lo == 0.0 { 1.0 } else { 0.1 * lo.abs() };
        return lo - d..hi + d;
    }
    lo - 0.05 * span..hi + 0.05 * span
}

/// `[lo, hi]` as given, or a range around a single value.
pub(super) fn exact((lo, hi): (f64, f64)) -> Range<f64> {
    if hi > lo {
        lo..hi
    } else {
        padded((lo, hi))
    }
}

/// The points `(x[k], y[k])`, broken into runs wherever either is not
/// finite: a gap in the data is a gap in the line.
pub(super) fn segments(x: &[f64], y: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for (&a, &b) in x.iter().zip(y) {
        if a.is_finite() && b.is_finite() {
            run.push((a, b));
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Draws `title` across the top of `root` (shrinking it to fit the width)
/// and returns the area below it.
pub(super) fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    let width = root.dim_in_pixel().0;
    let mut size = TITLE_SIZE;
    while size > 10 && root.estimate_text_size(title, &font(size))?.0 + 40 > width {
        size -= 1;
    }
    Ok(root.titled(title, font(size))?)
}

/// A time axis: the span of the times, from 0 when the first sample is
/// close to it (a simulation's first sample is at `dt`, not 0).
pub(super) fn time_range((lo, hi): (f64, f64)) -> Range<f64> {
    if lo > 0.0 && lo <= 0.05 * (hi - lo) {
        0.0..hi
    } else {
        exact((lo, hi))
    }
}

const X_TICKS: usize = 10;
const Y_TICKS: usize = 8;

/// Where the mesh will put (at most `n`) ticks on `range`.
fn ticks(range: &Range<f64>, n: usize) -> Vec<f64> {
    RangedCoordf64::from(range.clone()).key_points(BoldPoints(n))
}

/// The decimals that show every tick exactly: `0, 0.5, 1` all get one,
/// `0, 200, 400` none.
fn decimals(ticks: &[f64]) -> usize {
    ticks
        .iter()
        .map(|v| {
            let s = format!("{v:.6}");
            let fraction = s.split('.').nth(1).unwrap_or("");
            fraction.trim_end_matches('0').len()
        })
        .max()
        .unwrap_or(0)
}

/// A tick label with `decimals` decimals (`-0` shown as `0`).
fn tick(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// The axes on `area`: ranges, tick labels, axis names, a light grid.
/// `y_format` replaces the default tick label of the y axis.
pub(super) fn axes<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    (x, y): (Range<f64>, Range<f64>),
    (x_desc, y_desc): (&str, &str),
    y_format: Option<&dyn Fn(&f64) -> String>,
) -> Result<Chart<'a, DB>, DrawError> {
    let (x_ticks, y_ticks) = (ticks(&x, X_TICKS), ticks(&y, Y_TICKS));
    let (dx, dy) = (decimals(&x_ticks), decimals(&y_ticks));
    let x_tick = move |v: &f64| tick(*v, dx);
    let y_tick = move |v: &f64| tick(*v, dy);
    let y_label: &dyn Fn(&f64) -> String = y_format.unwrap_or(&y_tick);
    // Room left of the axis for the widest tick label, its tick mark and
    // the rotated axis name, so long numbers never run into the name.
    let mut widest = 0;
    for v in &y_ticks {
        widest = widest.max(area.estimate_text_size(&y_label(v), &font(TICK_SIZE))?.0);
    }
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(56)
        .y_label_area_size((widest + 46).max(64))
        .build_cartesian_2d(x, y)?;
    let grid = RGBColor(225, 225, 225);
    let mut mesh = chart.configure_mesh();
    mesh.x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style(font(LABEL_SIZE))
        .label_style(font(TICK_SIZE))
        .x_labels(X_TICKS)
        .y_labels(Y_TICKS)
        .bold_line_style(grid)
        .light_line_style(TRANSPARENT)
        .axis_style(BLACK)
        .x_label_formatter(&x_tick)
        .y_label_formatter(y_label);
    mesh.draw()?;
    Ok(chart)
}

/// How a legend entry's sample is drawn.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Mark {
    /// A solid line.
    Line,
    /// A dashed line.
    Dashed,
    /// A hollow circle (a marked point).
    Circle,
}

/// One legend entry: a sample of how it is drawn, and its label.
pub(super) struct Key<'a> {
    pub(super) label: &'a str,
    pub(super) color: RGBColor,
    pub(super) mark: Mark,
}

const SWATCH: i32 = 34;
const GAP: i32 = 10;
const ROW: i32 = 28;

/// Splits `area` into the plot (left) and, if there are keys, a legend
/// column (right) wide enough for the longest label, at most 40% of the
/// width; draws the legend there and returns the plot's area.
pub(super) fn with_legend<DB: DrawingBackend>(
    area: DrawingArea<DB, Shift>,
    keys: &[Key<'_>],
) -> Result<DrawingArea<DB, Shift>, DrawError> {
    if keys.is_empty() {
        return Ok(area);
    }
    let style = font(LEGEND_SIZE);
    let mut text_width = 0;
    for k in keys {
        text_width = text_width.max(area.estimate_text_size(k.label, &style)?.0);
    }
    let (width, _) = area.dim_in_pixel();
    let legend_width = (text_width as i32 + SWATCH + 3 * GAP).min(width as i32 * 2 / 5);
    let (plot, legend) = area.split_horizontally(width as i32 - legend_width);
    let left = 0;
    for (i, k) in keys.iter().enumerate() {
        // Rows start level with the top of the axes (the chart's margin).
        let y = 12 + ROW / 2 + i as i32 * ROW;
        let line = ShapeStyle::from(k.color).stroke_width(3);
        match k.mark {
            Mark::Line => {
                legend.draw(&PathElement::new(vec![(left, y), (left + SWATCH, y)], line))?;
            }
            Mark::Dashed => {
                for s in 0..3 {
                    let x0 = left + s * 13;
                    legend.draw(&PathElement::new(vec![(x0, y), (x0 + 8, y)], line))?;
                }
            }
            Mark::Circle => {
                let ring = ShapeStyle::from(k.color).stroke_width(2);
                legend.draw(&Circle::new((left + SWATCH / 2, y), 6, ring))?;
            }
        }
        let text = style.pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        legend.draw(&Text::new(k.label, (left + SWATCH + GAP, y), text))?;
    }
    Ok(plot)
}
