//! Processes against Nengo 4.1's own output where its semantics are
//! deterministic (Piecewise, PresentInput) and against the shape of its
//! WhiteSignal spectrum (random, so compared per frequency bin, not per
//! sample). The reference is `tests/data/nengo_processes.json`, made by
//! `scripts/nengo_processes_reference.py`.

use nalgebra::DMatrix;
use serde_json::Value;

use crate::processes::psd;
use snn_nef::processes::{Interpolation, Piecewise, PresentInput, ProcessExt, WhiteSignal};

fn reference() -> Value {
    serde_json::from_str(include_str!("../data/nengo_processes.json")).unwrap()
}

/// A JSON array of rows (or of numbers, as one column) as a matrix.
fn matrix(v: &Value) -> DMatrix<f64> {
    let rows: Vec<Vec<f64>> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r.as_array() {
            Some(r) => r.iter().map(|x| x.as_f64().unwrap()).collect(),
            None => vec![r.as_f64().unwrap()],
        })
        .collect();
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

fn max_difference(ours: &DMatrix<f64>, nengo: &DMatrix<f64>) -> f64 {
    assert_eq!(ours.shape(), nengo.shape());
    ours.iter()
        .zip(nengo.iter())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
}

#[test]
fn piecewise_matches_nengo_in_every_interpolation() {
    let r = reference();
    let dt = r["dt"].as_f64().unwrap();
    let ours = Piecewise::values(&[(0.05, 1.0), (0.1, 0.0)])
        .run(0.15, dt)
        .unwrap();
    assert_eq!(ours, matrix(&r["piecewise_zero"]), "zero, 1-D");
    let data = vec![
        (0.0, [-0.5, -0.5].into()),
        (0.05, [1.0, 0.5].into()),
        (0.075, [-1.0, -0.5].into()),
        (0.1, [-0.5, -0.25].into()),
    ];
    for (name, interp) in [
        ("zero", Interpolation::Zero),
        ("linear", Interpolation::Linear),
        ("nearest", Interpolation::Nearest),
        ("cubic", Interpolation::Cubic),
    ] {
        let ours = Piecewise::new(data.clone())
            .interpolation(interp)
            .run(0.15, dt)
            .unwrap();
        let diff = max_difference(&ours, &matrix(&r["piecewise_2d"][name]));
        assert!(diff <= 1e-9, "{name}: differs from Nengo by {diff}");
    }
}

#[test]
fn present_input_matches_nengo_exactly() {
    let r = reference();
    let dt = r["dt"].as_f64().unwrap();
    let inputs: Vec<Vec<f64>> = (0..5)
        .map(|i| vec![i as f64, -(i as f64), i as f64 / 10.0])
        .collect();
    let ours = PresentInput::new(inputs, 0.1).run(1.0, dt).unwrap();
    assert_eq!(ours, matrix(&r["present_input"]));
}

#[test]
fn white_signal_spectrum_has_nengos_shape() {
    let r = reference();
    let dt = r["dt"].as_f64().unwrap();
    let nengo: Vec<f64> = r["white_signal_psd"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let values = WhiteSignal::new(1.0, 5.0)
        .rms(0.5)
        .seed(0)
        .run_steps(1000, 500, dt)
        .unwrap();
    let (_, ours) = psd(&values, dt);
    for k in 0..=10 {
        if (1..=5).contains(&k) {
            let ratio = ours[k] / nengo[k];
            assert!(
                (ratio - 1.0).abs() <= 0.35,
                "bin {k} Hz: ours {} vs Nengo {}",
                ours[k],
                nengo[k]
            );
        } else {
            assert!(ours[k] < 1e-9 && nengo[k] < 1e-9, "bin {k} Hz: {}", ours[k]);
        }
    }
}
