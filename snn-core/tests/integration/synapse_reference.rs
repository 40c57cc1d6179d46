//! Synapse step responses against values recorded from Nengo 4.1
//! (`Synapse.filt` of a unit step, dt = 1 ms).

use serde_json::Value;
use snn_core::synapses::{Alpha, IntoSynapse, LinearFilter, Lowpass, Synapse};

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/nengo_reference.json"
);

/// Largest tolerated relative error; f64 agreement is around 1e-12.
const RTOL: f64 = 1e-9;

fn reference() -> Value {
    let text = std::fs::read_to_string(REFERENCE)
        .unwrap_or_else(|e| panic!("cannot read {REFERENCE}: {e}"));
    serde_json::from_str(&text).expect("reference file is valid JSON")
}

fn nengo_dt(reference: &Value) -> f64 {
    reference["dt"].as_f64().expect("reference has a dt")
}

fn nengo_step_response(reference: &Value, key: &str) -> Vec<f64> {
    reference["synapses"][key]["step_response"]
        .as_array()
        .unwrap_or_else(|| panic!("reference has no synapses.{key}.step_response"))
        .iter()
        .map(|v| v.as_f64().expect("step response values are numbers"))
        .collect()
}

/// Filters a unit step with `synapse` and compares it sample by sample with
/// Nengo's recording under `key`.
fn assert_step_response_matches(synapse: &dyn Synapse, key: &str) {
    let reference = reference();
    let expected = nengo_step_response(&reference, key);
    assert_eq!(expected.len(), 200, "{key}: unexpected reference length");
    let filter = synapse.discretize(nengo_dt(&reference)).unwrap();
    let actual = filter.filt(&vec![1.0; expected.len()]);
    let mut worst = 0.0_f64;
    for (k, (&y, &r)) in actual.iter().zip(&expected).enumerate() {
        let rel = (y - r).abs() / r.abs().max(f64::MIN_POSITIVE);
        assert!(
            rel <= RTOL,
            "{key} k={k}: ours {y}, Nengo {r} (rel {rel:e})"
        );
        worst = worst.max(rel);
    }
    println!("{key}: max relative error {worst:e}");
}

#[test]
fn lowpass_5ms_step_response_matches_nengo() {
    assert_step_response_matches(&Lowpass(0.005), "lowpass_0.005");
}

#[test]
fn lowpass_100ms_step_response_matches_nengo() {
    assert_step_response_matches(&Lowpass(0.1), "lowpass_0.1");
}

#[test]
fn alpha_step_response_matches_nengo() {
    assert_step_response_matches(&Alpha(0.005), "alpha_0.005");
}

#[test]
fn double_exponential_linear_filter_step_response_matches_nengo() {
    let (tau1, tau2) = (0.002, 0.01);
    let filter = LinearFilter::new(vec![1.0], vec![tau1 * tau2, tau1 + tau2, 1.0]);
    assert_step_response_matches(&filter, "doubleexp_0.002_0.01");
}

#[test]
fn bare_tau_is_read_as_lowpass_like_nengo() {
    let dt = 0.001;
    let from_number = 0.005.into_synapse().expect("a number is a synapse");
    assert_eq!(from_number.name(), "Lowpass");
    assert_eq!(
        from_number.discretize(dt).unwrap(),
        Lowpass(0.005).discretize(dt).unwrap()
    );
    assert!(None::<Lowpass>.into_synapse().is_none());
}

#[test]
fn synapses_report_their_nengo_names() {
    assert_eq!(Lowpass(0.005).name(), "Lowpass");
    assert_eq!(Alpha(0.005).name(), "Alpha");
    assert_eq!(
        LinearFilter::new(vec![1.0], vec![1.0, 1.0]).name(),
        "LinearFilter"
    );
}
