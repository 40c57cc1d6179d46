//! Numeric tuning (`numeric_gain_bias`, `numeric_max_rates_intercepts`) and
//! simulated rates (`settled_rates`) against rate curves with known answers.

use rand::RngCore;
use snn_core::neurons::{
    numeric_gain_bias, numeric_max_rates_intercepts, settled_rates, NeuronState, NeuronType,
    RectifiedLinear,
};
use snn_core::NeuronError;

/// A test type with a chosen closed-form rate curve, whose step integrates
/// that rate and fires once per unit of accumulated `rate * dt`.
#[derive(Debug)]
struct Curve(fn(f64) -> f64);

impl NeuronType for Curve {
    fn name(&self) -> &'static str {
        "Curve"
    }
    fn spiking(&self) -> bool {
        true
    }
    fn state_names(&self) -> &'static [&'static str] {
        &["charge"]
    }
    fn validate(&self) -> Result<(), NeuronError> {
        Ok(())
    }
    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 1)
    }
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        for (o, &j) in out.iter_mut().zip(j) {
            *o = (self.0)(j);
        }
    }
    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        for ((o, q), &j) in output.iter_mut().zip(state.var_mut(0)).zip(j) {
            *q += (self.0)(f64::from(j)) as f32 * dt;
            let n = q.floor();
            *q -= n;
            *o = n / dt;
        }
    }
}

/// A test type whose output is the number of steps it has taken.
#[derive(Debug)]
struct StepCounter;

impl NeuronType for StepCounter {
    fn name(&self) -> &'static str {
        "StepCounter"
    }
    fn spiking(&self) -> bool {
        false
    }
    fn state_names(&self) -> &'static [&'static str] {
        &["steps"]
    }
    fn validate(&self) -> Result<(), NeuronError> {
        Ok(())
    }
    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 1)
    }
    fn rates(&self, _j: &[f64], out: &mut [f64]) {
        out.fill(0.0);
    }
    fn step(&self, _dt: f32, _j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        for (o, s) in output.iter_mut().zip(state.var_mut(0)) {
            *s += 1.0;
            *o = *s;
        }
    }
}

#[test]
fn numeric_gain_bias_inverts_a_curved_rate_function() {
    // r(J) = 40 (J - 3)^1.5 above J = 3: threshold 3, J_max = 3 + (r / 40)^(2/3).
    let n = Curve(|j| {
        if j > 3.0 {
            40.0 * (j - 3.0).powf(1.5)
        } else {
            0.0
        }
    });
    let requests = [(100.0f64, -0.4f64), (350.0, 0.6)];
    let (rates, intercepts): (Vec<f64>, Vec<f64>) = requests.iter().copied().unzip();
    let (gain, bias) = numeric_gain_bias(&n, &rates, &intercepts).unwrap();
    for (i, (r, c)) in requests.into_iter().enumerate() {
        let g = (r / 40.0).powf(2.0 / 3.0) / (1.0 - c);
        assert!(
            (gain[i] - g).abs() < 1e-6 * g,
            "gain {i}: {} vs {g}",
            gain[i]
        );
        assert!((bias[i] - (3.0 - g * c)).abs() < 1e-6 * g, "bias {i}");
    }
    let (r, c) = numeric_max_rates_intercepts(&n, &gain, &bias);
    for i in 0..2 {
        assert!((r[i] / rates[i] - 1.0).abs() < 1e-6 && (c[i] - intercepts[i]).abs() < 1e-9);
    }
}

#[test]
fn unreachable_max_rate_is_tuning_failed() {
    // Saturates at 100 Hz, so 200 Hz is never reached.
    let n = Curve(|j| if j > 0.0 { 100.0 * j.min(1.0) } else { 0.0 });
    match numeric_gain_bias(&n, &[50.0, 200.0], &[0.0, 0.0]) {
        Err(NeuronError::TuningFailed { what, searched, .. }) => {
            assert!(what.contains("200"), "{what}");
            assert!(searched > 1e6, "searched only up to {searched}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn always_firing_type_has_no_threshold() {
    let n = Curve(|j| 5.0 + j.max(0.0));
    match numeric_gain_bias(&n, &[50.0], &[0.0]) {
        Err(NeuronError::TuningFailed { what, .. }) => assert!(what.contains("threshold")),
        other => panic!("{other:?}"),
    }
    let (_, c) = numeric_max_rates_intercepts(&n, &[1.0], &[0.0]);
    assert!(c[0].is_nan());
}

#[test]
fn bad_requests_are_rejected_before_searching() {
    let relu = RectifiedLinear::default();
    let err = numeric_gain_bias(&relu, &[100.0], &[0.0, 0.1]).unwrap_err();
    assert!(matches!(err, NeuronError::InvalidParameter { .. }));
    let err = numeric_gain_bias(&relu, &[100.0, 100.0], &[0.0, 1.0]).unwrap_err();
    assert!(matches!(
        err,
        NeuronError::InvalidIntercept { index: 1, .. }
    ));
    let err = numeric_gain_bias(&relu, &[f64::INFINITY], &[0.0]).unwrap_err();
    assert!(matches!(err, NeuronError::InvalidMaxRate { index: 0, .. }));
    let (g, b) = numeric_gain_bias(&relu, &[], &[]).unwrap();
    assert!(g.is_empty() && b.is_empty());
}

#[test]
fn settled_rates_count_spikes_over_sim_time() {
    let n = Curve(|j| j.max(0.0));
    // More currents than one chunk (1024), all from a one-neuron initial state.
    let j: Vec<f64> = (0..2500).map(|i| f64::from(i % 50) * 7.0).collect();
    let mut r = vec![0.0; 2500];
    settled_rates(&n, &j, &mut r, &NeuronState::zeros(1, 1), 0.001, 0.1, 1.0);
    for (&ji, &ri) in j.iter().zip(&r) {
        // An integrator of rate J fires within one spike of J times in 1 s.
        assert!((ri - ji).abs() <= 1.0, "J {ji}: {ri}");
    }
    // A per-neuron initial state: the neuron starting at charge 0.99 fires once.
    let start = NeuronState::from_vars(vec![vec![0.0, 0.99]]);
    let mut r = [0.0; 2];
    settled_rates(&n, &[0.5, 0.5], &mut r, &start, 0.001, 0.0, 1.0);
    assert!(r[0] == 0.0 && (r[1] - 1.0).abs() < 1e-6, "{r:?}");
}

#[test]
fn settled_rates_take_nengos_step_counts() {
    // 1 settle step, then the mean output over steps 2..=1001 is 501.5.
    let mut r = [0.0; 3];
    settled_rates(
        &StepCounter,
        &[0.0; 3],
        &mut r,
        &NeuronState::zeros(0, 0),
        0.001,
        0.001,
        1.0,
    );
    assert_eq!(r, [501.5; 3]);
}

#[test]
fn settled_rates_with_bad_times_are_nan() {
    let n = Curve(|j| j);
    let start = NeuronState::zeros(1, 1);
    for (dt, settle, sim) in [
        (0.0, 0.1, 1.0),
        (0.001, 0.1, f64::INFINITY),
        (0.001, -1.0, 1.0),
    ] {
        let mut r = [0.0; 2];
        settled_rates(&n, &[1.0, 2.0], &mut r, &start, dt, settle, sim);
        assert!(
            r.iter().all(|x| x.is_nan()),
            "dt {dt}, settle {settle}, sim {sim}"
        );
    }
}
