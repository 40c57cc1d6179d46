//! LIF neurons against numbers recorded from Nengo 4.1
//! (`../shared/reference/nengo_reference.json`): the rate curve, spike counts
//! at constant current, and gain and bias for given max rates and intercepts.

use serde_json::Value;
use snn_core::neurons::{NeuronState, NeuronType, LIF};

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/nengo_reference.json"
);

fn reference() -> Value {
    let text = std::fs::read_to_string(REFERENCE)
        .unwrap_or_else(|e| panic!("cannot read {REFERENCE}: {e}"));
    serde_json::from_str(&text).expect("reference file is valid JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}

fn assert_rel(actual: f64, expected: f64, rtol: f64, what: &str) {
    let scale = expected.abs().max(1e-12);
    assert!(
        (actual - expected).abs() <= rtol * scale,
        "{what}: {actual} vs Nengo's {expected}"
    );
}

#[test]
fn lif_rate_curve_matches_nengo() {
    let r = reference();
    let j = numbers(&r["lif"]["J"]);
    // Nengo recorded rates(J) broadcast against itself: row i holds r(J_i).
    let rows = r["lif"]["rates"].as_array().unwrap();
    let mut ours = vec![0.0; j.len()];
    LIF::default().rates(&j, &mut ours);
    for (i, row) in rows.iter().enumerate() {
        let expected = numbers(row)[0];
        assert_rel(ours[i], expected, 1e-6, &format!("rate at J = {}", j[i]));
    }
}

#[test]
fn lif_spike_counts_from_rest_match_nengo_exactly() {
    let r = reference();
    let dt = r["dt"].as_f64().unwrap() as f32;
    let counts = r["lif"]["spiking_1s_from_zero_counts"].as_object().unwrap();
    assert_eq!(counts.len(), 4);
    for (j, count) in counts {
        let j: f32 = j.parse().unwrap();
        let lif = LIF::default();
        let mut state = NeuronState::from_vars(vec![vec![0.0], vec![0.0]]);
        let mut out = [0.0f32];
        let mut spikes = 0;
        for _ in 0..1000 {
            lif.step(dt, &[j], &mut state, &mut out);
            if out[0] > 0.0 {
                assert_eq!(out[0], 1.0 / dt, "a spike is amplitude / dt high");
                spikes += 1;
            }
        }
        assert_eq!(spikes, count.as_u64().unwrap(), "spikes in 1 s at J = {j}");
    }
}

#[test]
fn lif_spike_counts_from_rest_follow_the_rate_formula() {
    let r = reference();
    let spiking = r["lif"]["spiking_1s"].as_object().unwrap();
    for (j, rec) in spiking {
        let formula = rec["rate_formula"].as_f64().unwrap();
        let mut ours = [0.0];
        LIF::default().rates(&[j.parse().unwrap()], &mut ours);
        assert_rel(ours[0], formula, 1e-9, &format!("rate formula at J = {j}"));
    }
}

#[test]
fn lif_gain_and_bias_match_nengo() {
    let r = reference();
    let gb = &r["gain_bias"];
    let (gain, bias) = LIF::default()
        .gain_bias(&numbers(&gb["max_rates"]), &numbers(&gb["intercepts"]))
        .unwrap();
    for (i, (g, b)) in numbers(&gb["gain"])
        .iter()
        .zip(numbers(&gb["bias"]))
        .enumerate()
    {
        assert_rel(gain[i], *g, 1e-6, &format!("gain {i}"));
        assert_rel(bias[i], b, 1e-6, &format!("bias {i}"));
    }
}
