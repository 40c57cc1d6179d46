//! User transfer functions through `LinearFilter::new(num, den)`, against
//! their analytic responses.
//!
//! For a strictly proper H(s) the zero-order hold is exact for a held input,
//! so the response to a unit step is the continuous step response S(t) at
//! t = (k + 1) dt (Nengo's timing advances the input one step). A spike,
//! one sample of height 1/dt at k = 0, is a unit-area pulse over [0, dt), so
//! its response is exactly (S((k + 1) dt) - S(k dt)) / dt, the mean of the
//! impulse response h over step k.

use snn_core::synapses::{LinearFilter, Synapse};

const DT: f64 = 0.001;

/// Checks the step and spike responses of `num / den` against `step(t)`,
/// and the spike response against `impulse` at mid-step within `h_tol`.
fn assert_matches_analytic(
    num: &[f64],
    den: &[f64],
    step: impl Fn(f64) -> f64,
    impulse: impl Fn(f64) -> f64,
    h_tol: f64,
) {
    let f = LinearFilter::new(num.to_vec(), den.to_vec())
        .discretize(DT)
        .unwrap();
    let n = 800;
    for (k, y) in f.filt(&vec![1.0; n]).into_iter().enumerate() {
        let expected = step((k + 1) as f64 * DT);
        assert!(
            (y - expected).abs() < 1e-12,
            "step k={k}: {y} vs {expected}"
        );
    }
    let mut spike = vec![0.0; n];
    spike[0] = 1.0 / DT;
    for (k, y) in f.filt(&spike).into_iter().enumerate() {
        let (t0, t1) = (k as f64 * DT, (k + 1) as f64 * DT);
        let expected = (step(t1) - step(t0)) / DT;
        assert!(
            (y - expected).abs() < 1e-8,
            "spike k={k}: {y} vs {expected}"
        );
        let h = impulse(t0 + 0.5 * DT);
        assert!((y - h).abs() < h_tol, "spike k={k}: {y} vs h={h}");
    }
}

#[test]
fn band_pass_matches_its_analytic_responses() {
    // H(s) = s / ((s + a)(s + b)): h(t) = (b e^{-bt} - a e^{-at}) / (b - a),
    // S(t) = (e^{-at} - e^{-bt}) / (b - a); zero DC gain.
    let (a, b) = (20.0_f64, 300.0_f64);
    let step = |t: f64| ((-a * t).exp() - (-b * t).exp()) / (b - a);
    let impulse = |t: f64| (b * (-b * t).exp() - a * (-a * t).exp()) / (b - a);
    // Midpoint rule: |y - h| <= dt^2 max|h''| / 24, max|h''| = (b^3 - a^3) / (b - a).
    let h_tol = DT * DT / 24.0 * (b.powi(3) - a.powi(3)) / (b - a);
    assert_matches_analytic(&[1.0, 0.0], &[1.0, a + b, a * b], step, impulse, h_tol);
}

#[test]
fn resonant_second_order_system_matches_its_analytic_responses() {
    // H(s) = w0^2 / (s^2 + 2 zeta w0 s + w0^2), underdamped: with
    // wd = w0 sqrt(1 - zeta^2), h(t) = (w0^2 / wd) e^{-zeta w0 t} sin(wd t),
    // S(t) = 1 - e^{-zeta w0 t} (cos(wd t) + (zeta w0 / wd) sin(wd t)).
    let (w0, zeta) = (2.0 * std::f64::consts::PI * 40.0, 0.1_f64);
    let sigma = zeta * w0;
    let wd = w0 * (1.0 - zeta * zeta).sqrt();
    let step = |t: f64| 1.0 - (-sigma * t).exp() * ((wd * t).cos() + sigma / wd * (wd * t).sin());
    let impulse = |t: f64| w0 * w0 / wd * (-sigma * t).exp() * (wd * t).sin();
    // |h''| <= (w0^2 / wd) (sigma^2 + 2 sigma wd + wd^2).
    let h_tol = DT * DT / 24.0 * w0 * w0 / wd * (sigma + wd).powi(2);
    let den = [1.0, 2.0 * sigma, w0 * w0];
    assert_matches_analytic(&[w0 * w0], &den, step, impulse, h_tol);
    // Unit DC gain: the ringing decays to 1.
    let f = LinearFilter::new(vec![w0 * w0], den.to_vec())
        .discretize(DT)
        .unwrap();
    let settled = *f.filt(&[1.0; 3000]).last().unwrap();
    assert!((settled - 1.0).abs() < 1e-9, "{settled}");
}

#[test]
fn resonator_with_a_zero_in_time_constant_form_matches_its_step_response() {
    // The same resonance with coefficients scaled by tau-like factors and a
    // zero: H(s) = (s + w0^2 c) / (s^2 + 2 sigma s + w0^2) given as
    // num = [k, k w0^2 c], den = [k, 2 k sigma, k w0^2] for k = 1e-4 (the
    // scale must not matter). S(t) = c (1 - ...) + e^{-sigma t} sin(wd t) / wd.
    let (w0, sigma, c, k) = (150.0_f64, 30.0_f64, 2.0_f64, 1e-4_f64);
    let wd = (w0 * w0 - sigma * sigma).sqrt();
    let step = |t: f64| {
        let decay = (-sigma * t).exp();
        c * (1.0 - decay * ((wd * t).cos() + sigma / wd * (wd * t).sin()))
            + decay * (wd * t).sin() / wd
    };
    let f = LinearFilter::new(
        vec![k, k * w0 * w0 * c],
        vec![k, 2.0 * k * sigma, k * w0 * w0],
    )
    .discretize(DT)
    .unwrap();
    for (i, y) in f.filt(&[1.0; 500]).into_iter().enumerate() {
        let expected = step((i + 1) as f64 * DT);
        assert!((y - expected).abs() < 1e-12, "k={i}: {y} vs {expected}");
    }
}
