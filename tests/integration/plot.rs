//! `snn::plot`: every kind of figure is written as a valid PNG of the
//! advertised size with something drawn on it, and as an SVG carrying its
//! title and axis labels as text; bad input is a typed error, never a
//! panic or a file.
#![cfg(feature = "plot")]

use nalgebra::DMatrix;
use snn::nef::TuningCurves;
use snn::plot::{self, PlotError, Series};
use snn::prelude::*;
use std::path::PathBuf;

/// A fresh directory for one test's files.
fn dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir()
        .join(format!("snn-plot-tests-{}", std::process::id()))
        .join(test);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Decodes the PNG at `path` (checking its signature and every chunk) and
/// returns its size and the fraction of pixels that are not white.
fn read_png(path: &PathBuf) -> ((u32, u32), f64) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{path:?} is not a PNG");
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let pixels = buf[..info.buffer_size()].chunks(3);
    let n = (info.width * info.height) as f64;
    let inked = pixels.filter(|p| *p != [255, 255, 255]).count() as f64;
    ((info.width, info.height), inked / n)
}

/// Writes the figure as PNG and SVG through `draw`, checks both, and
/// returns the SVG text.
fn png_and_svg(
    test: &str,
    size: (u32, u32),
    texts: &[&str],
    draw: impl Fn(&PathBuf) -> Result<(), PlotError>,
) -> String {
    let d = dir(test);
    let png_path = d.join(format!("{test}.png"));
    draw(&png_path).unwrap();
    let (dims, inked) = read_png(&png_path);
    assert_eq!(dims, size, "{test}: PNG size");
    assert!(
        inked > 0.01 && inked < 0.5,
        "{test}: {:.1}% of the pixels drawn",
        100.0 * inked
    );

    let svg_path = d.join(format!("{test}.svg"));
    draw(&svg_path).unwrap();
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg"), "{test}: not an SVG");
    assert!(svg.contains(&format!(r#"width="{}" height="{}""#, size.0, size.1)));
    for text in texts {
        assert!(
            svg.contains(text),
            "{test}: the SVG lacks the text {text:?}"
        );
    }
    svg
}

fn times(n: usize) -> Vec<f64> {
    (1..=n).map(|k| k as f64 * 0.001).collect()
}

#[test]
fn timeseries_draws_series_ideal_and_legend_as_png_and_svg() {
    let t = times(1000);
    let ideal: Vec<f64> = t.iter().map(|t| (6.0 * t).sin()).collect();
    let noisy: Vec<f64> = ideal
        .iter()
        .enumerate()
        .map(|(k, v)| v + 0.05 * (k as f64 * 0.7).sin())
        .collect();
    let svg = png_and_svg(
        "timeseries",
        (1000, 560),
        &[
            "decoded &amp; ideal",
            "time (s)",
            "value",
            "decoded x",
            "ideal x",
        ],
        |p| {
            plot::timeseries(
                p,
                "decoded & ideal",
                &t,
                &[Series::new("decoded x", &noisy)],
                Some(&[Series::new("ideal x", &ideal)]),
            )
        },
    );
    // The decoded line is one polyline (plus its legend sample); the ideal,
    // dashed in a darker blue, is one short polyline per dash.
    assert_eq!(svg.matches(r##"stroke="#1F77B4""##).count(), 2);
    assert!(svg.matches(r##"stroke="#0D3551""##).count() > 20);
}

#[test]
fn raster_draws_a_tick_per_spike_from_a_spike_probe() -> Result<(), snn::Error> {
    let net = network! {
        seed = 0;
        node stim = |t| (6.0 * t).sin();
        ensemble a { neurons: 20 };
        stim -> a;
        probe spikes = a.neurons;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.3)?;
    let spikes = sim.data(net.spikes)?;
    let n_spikes = spikes.iter().filter(|s| **s != 0.0).count();
    assert!(n_spikes > 50, "{n_spikes} spikes");
    let t = sim.trange();
    let svg = png_and_svg(
        "raster",
        (1000, 600),
        &["spikes of a", "time (s)", "neuron index"],
        |p| plot::raster(p, "spikes of a", &t, &spikes),
    );
    // One path per spike, plus the grid and axes.
    assert!(svg.matches("<polyline").count() >= n_spikes);
    Ok(())
}

#[test]
fn tuning_curves_draw_one_line_per_neuron() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(1);
    let a = net.ensemble("a", Ensemble::new(12, 1))?;
    let curves = tuning_curves(&net.build(BuildOptions::default())?, a, None)?;
    let svg = png_and_svg(
        "tuning_curves",
        (860, 600),
        &["tuning of a", "represented value x", "firing rate (Hz)"],
        |p| plot::tuning_curves(p, "tuning of a", &curves),
    );
    // A curve is a coloured polyline through every input (the axes' ticks
    // are black two-point ones): exactly one per neuron.
    let inputs = curves.inputs.nrows();
    let lines = polylines(&svg);
    let drawn: Vec<_> = lines
        .iter()
        .filter(|(stroke, points)| stroke != "#000000" && *points == inputs)
        .collect();
    assert_eq!(drawn.len(), 12, "{} polylines: {lines:?}", lines.len());
    assert_eq!(
        lines
            .iter()
            .filter(|(stroke, _)| stroke != "#000000")
            .count(),
        12,
        "nothing but the curves is coloured"
    );
    Ok(())
}

/// Every `<polyline>` of an SVG: its stroke colour and number of points.
fn polylines(svg: &str) -> Vec<(String, usize)> {
    let attribute = |element: &str, name: &str| -> Option<String> {
        let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = element[start..].find('"')?;
        Some(element[start..start + len].to_string())
    };
    svg.split("<polyline")
        .skip(1)
        .map(|rest| {
            let element = &rest[..rest.find('>').expect("a closed element")];
            let stroke = attribute(element, "stroke").expect("a stroke");
            let points = attribute(element, "points").expect("points");
            (stroke, points.split_whitespace().count())
        })
        .collect()
}

#[test]
fn phase_plot_draws_a_trajectory_with_its_axis_labels() {
    let t = times(2000);
    let x: Vec<f64> = t.iter().map(|t| t * (6.0 * t).cos()).collect();
    let y: Vec<f64> = t.iter().map(|t| t * (6.0 * t).sin()).collect();
    png_and_svg("phase", (880, 720), &["a spiral", "x₀", "x₁"], |p| {
        plot::phase(p, "a spiral", &x, &y, ("x₀", "x₁"))
    });
}

#[test]
fn empty_data_is_an_error_and_writes_no_file() {
    let d = dir("empty");
    let p = d.join("empty.png");
    let empty = |r: Result<(), PlotError>| matches!(r, Err(PlotError::Empty { .. }));
    assert!(empty(plot::timeseries(&p, "t", &[], &[], None)));
    assert!(empty(plot::timeseries(&p, "t", &[0.1], &[], None)));
    assert!(empty(plot::raster(&p, "r", &[], &DMatrix::zeros(0, 3))));
    assert!(empty(plot::raster(&p, "r", &[0.1], &DMatrix::zeros(1, 0))));
    let none = TuningCurves {
        inputs: DMatrix::zeros(0, 1),
        activities: DMatrix::zeros(0, 4),
    };
    assert!(empty(plot::tuning_curves(&p, "c", &none)));
    assert!(empty(plot::phase(&p, "p", &[], &[], ("x", "y"))));
    let err = plot::timeseries(&p, "t", &[], &[], None).unwrap_err();
    assert_eq!(err.to_string(), "nothing to plot: t is empty");
    assert!(!p.exists());
}

#[test]
fn mismatched_or_unusable_input_is_a_typed_error() {
    let d = dir("mistakes");
    let p = d.join("m.svg");
    let t = times(10);
    let short = [0.0; 9];
    let err = plot::timeseries(&p, "t", &t, &[Series::new("x", &short)], None).unwrap_err();
    assert!(matches!(
        err,
        PlotError::Length {
            expected: 10,
            found: 9,
            ..
        }
    ));
    assert!(
        err.to_string().contains("series \"x\" has 9 values"),
        "{err}"
    );

    let nan = [f64::NAN; 10];
    assert!(matches!(
        plot::timeseries(&p, "t", &t, &[Series::new("x", &nan)], None),
        Err(PlotError::NotFinite { .. })
    ));
    assert!(matches!(
        plot::phase(&p, "p", &t, &short, ("x", "y")),
        Err(PlotError::Length { .. })
    ));
    assert!(matches!(
        plot::raster(&p, "r", &t, &DMatrix::zeros(9, 2)),
        Err(PlotError::Length { .. })
    ));
    let two_d = TuningCurves {
        inputs: DMatrix::zeros(5, 2),
        activities: DMatrix::zeros(5, 3),
    };
    assert!(matches!(
        plot::tuning_curves(&p, "c", &two_d),
        Err(PlotError::Dimensions { dimensions: 2 })
    ));
    assert!(!p.exists());

    let ones = [1.0; 10];
    let series = [Series::new("x", &ones)];
    assert!(matches!(
        plot::timeseries(d.join("m.jpg"), "t", &t, &series, None),
        Err(PlotError::Format { .. })
    ));
    assert!(matches!(
        plot::timeseries(d.join("missing/m.png"), "t", &t, &series, None),
        Err(PlotError::Io { .. })
    ));
}

#[test]
fn gaps_and_constant_signals_still_draw() {
    let d = dir("gaps");
    let t = times(100);
    let mut x = vec![0.5; 100];
    x[40..60].fill(f64::NAN);
    let p = d.join("gaps.png");
    plot::timeseries(&p, "constant with a gap", &t, &[Series::new("x", &x)], None).unwrap();
    assert_eq!(read_png(&p).0, (1000, 560));
    // A single point is a figure too.
    plot::phase(d.join("point.svg"), "one point", &[1.0], &[1.0], ("x", "y")).unwrap();
}

#[test]
fn output_path_is_under_the_target_directory() {
    let p = plot::output_path("example.png").unwrap();
    assert!(p.ends_with("plots/example.png"), "{p:?}");
    assert!(p.parent().unwrap().is_dir());
}

#[test]
fn similarity_draws_one_line_per_pointer_and_checks_the_dimensions() {
    let mut vocab = Vocabulary::new(16, 1).unwrap();
    vocab.populate("A; B; C").unwrap();
    let (a, b) = (vocab.get("A").unwrap(), vocab.get("B").unwrap());
    let t = times(200);
    // A for the first half, B for the second.
    let data = DMatrix::from_fn(200, 16, |r, c| if r < 100 { a.v()[c] } else { b.v()[c] });
    let svg = png_and_svg(
        "similarity",
        (1000, 560),
        &["what it holds", "A", "B", "C"],
        |p| plot::similarity(p, "what it holds", &t, &data, &vocab),
    );
    // One long line (a point per sample, or a run of them) per pointer, each
    // in its own colour.
    let mut colours: Vec<String> = polylines(&svg)
        .into_iter()
        .filter(|(_, points)| *points >= 100)
        .map(|(stroke, _)| stroke)
        .collect();
    colours.sort();
    colours.dedup();
    assert_eq!(colours.len(), 3, "one line per pointer: {colours:?}");
    let p = dir("similarity").join("wrong.png");
    let err = plot::similarity(&p, "x", &t, &DMatrix::zeros(200, 8), &vocab).unwrap_err();
    assert!(
        matches!(
            err,
            PlotError::Length {
                expected: 16,
                found: 8,
                ..
            }
        ),
        "{err}"
    );
    assert!(!p.exists());
}
