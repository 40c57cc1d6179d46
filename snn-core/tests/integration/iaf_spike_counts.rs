//! The constant-leak integrate-and-fire neuron (`IAF`): exact spike counts,
//! its closed-form rate curve and tuning, and parameter checks.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use snn_core::neurons::{IafReset, NeuronState, NeuronType, IAF};
use snn_core::NeuronError;

/// A power-of-two step, so every voltage below is a dyadic fraction and f32
/// arithmetic is exact: the counts are exact, not approximately right.
const DT: f32 = 1.0 / 1024.0;

/// Spikes (impulse areas summed) in `steps` steps at constant `j` from `v0`.
fn spike_count(neuron: &IAF, j: f32, v0: f32, steps: usize) -> (f64, f32) {
    let mut state = NeuronState::from_vars(vec![vec![v0]]);
    let mut out = [0.0f32];
    let count = (0..steps)
        .map(|_| {
            neuron.step(DT, &[j], &mut state, &mut out);
            f64::from(out[0]) * f64::from(DT) / neuron.amplitude
        })
        .sum();
    (count, state.var(0)[0])
}

#[test]
fn subtractive_reset_counts_every_threshold_of_charge_exactly() {
    // tau_mem dv/dt = R J - v_leak with tau_mem = 0.5, R = 2, v_leak = 1:
    // dv/dt = 4 J - 2, and one spike per h = v_threshold - v_reset = 1.5.
    let neuron = IAF {
        tau_mem: 0.5,
        resistance: 2.0,
        v_leak: 1.0,
        v_threshold: 1.0,
        v_reset: -0.5,
        ..IAF::default()
    };
    for (j, v0) in [(3.0f32, 0.0f32), (10.5, 0.25), (0.75, -0.5), (200.0, 0.5)] {
        // Over 2 s (2048 steps) the charge gained is 2 (4 J - 2); the voltage
        // climbs from v0, and every 1.5 of it above v_reset is one spike.
        let charge = 2.0 * (4.0 * f64::from(j) - 2.0);
        let expected = ((f64::from(v0) + 0.5 + charge) / 1.5).floor();
        let (count, v) = spike_count(&neuron, j, v0, 2048);
        assert_eq!(count, expected, "J = {j}, v0 = {v0}");
        let left = f64::from(v0) + charge - 1.5 * expected;
        assert_eq!(f64::from(v), left, "the surplus charge is kept");
    }
}

#[test]
fn reset_to_v_reset_fires_every_ceil_t_over_dt_steps() {
    let neuron = IAF {
        reset: IafReset::ToReset,
        ..IAF::new(1.0, 0.0)
    };
    // J = 100: T = 10 ms = 10.24 steps, so a spike every 11 steps: 93 spikes
    // in 1024 steps, below the 100 Hz rate curve as documented.
    let (count, _) = spike_count(&neuron, 100.0, 0.0, 1024);
    assert_eq!(count, (1024 / 11) as f64);
    // J = 128 Hz: T = 8 steps exactly; the crossing lands on the threshold.
    let (count, v) = spike_count(&neuron, 128.0, 0.0, 1024);
    assert_eq!((count, v), (128.0, 0.0));
}

#[test]
fn leak_makes_a_threshold_current_below_which_the_voltage_falls() {
    let neuron = IAF {
        min_voltage: -0.25,
        ..IAF::new(0.125, 0.5)
    };
    // R J < v_leak: no spikes; v falls at (0.4 - 0.5) / 0.125 per s, to the floor.
    let (count, v) = spike_count(&neuron, 0.4, 0.5, 2048);
    assert_eq!((count, v), (0.0, -0.25));
    let mut r = [0.0; 3];
    neuron.rates(&[0.4, 0.5, 1.5], &mut r);
    assert_eq!(r, [0.0, 0.0, 8.0]);
}

#[test]
fn simulated_rates_match_the_closed_form_rate_curve() {
    let neuron = IAF {
        tau_mem: 0.02,
        v_leak: 0.3,
        amplitude: 0.5,
        ..IAF::default()
    };
    for j in [0.2, 0.31, 1.0, 4.0, 25.0] {
        let mut r = [0.0];
        neuron.rates(&[j], &mut r);
        let closed = 0.5 * (j - 0.3f64).max(0.0) / 0.02;
        assert!((r[0] - closed).abs() < 1e-9 * closed.max(1.0));
        // Over 8 s the count is floor(charge): within one spike of rate * 8.
        let (count, _) = spike_count(&neuron, j as f32, 0.0, 8192);
        let hz = count * neuron.amplitude / 8.0;
        assert!(
            (hz - r[0]).abs() <= 0.5 / 8.0 + 1e-4 * r[0],
            "J = {j}: {hz} vs {}",
            r[0]
        );
    }
}

#[test]
fn gain_bias_places_threshold_at_intercept_and_max_rate_at_one() {
    let neuron = IAF {
        tau_mem: 0.05,
        resistance: 4.0,
        v_leak: 2.0,
        v_threshold: 2.0,
        v_reset: 0.5,
        ..IAF::default()
    };
    let (max_rates, intercepts) = ([80.0, 300.0], [-0.6, 0.4]);
    let (gain, bias) = neuron.gain_bias(&max_rates, &intercepts).unwrap();
    for i in 0..2 {
        let mut r = [0.0; 2];
        let c = intercepts[i];
        neuron.rates(&[gain[i] + bias[i], gain[i] * c + bias[i]], &mut r);
        assert!((r[0] - max_rates[i]).abs() < 1e-9 * max_rates[i]);
        assert!(
            (gain[i] * c + bias[i] - 0.5).abs() < 1e-12,
            "J(c) = v_leak / R"
        );
    }
    let (rates, back) = neuron.max_rates_intercepts(&gain, &bias);
    for i in 0..2 {
        assert!((rates[i] - max_rates[i]).abs() < 1e-9 * max_rates[i]);
        assert!((back[i] - intercepts[i]).abs() < 1e-12);
    }
}

#[test]
fn initial_voltage_is_uniform_between_reset_and_threshold() {
    let neuron = IAF {
        v_reset: -1.0,
        v_threshold: 3.0,
        ..IAF::default()
    };
    let state = neuron.initial_state(4000, &mut ChaCha8Rng::seed_from_u64(9));
    let v = state.var(0);
    assert!(v.iter().all(|&x| (-1.0..3.0).contains(&x)));
    let mean = v.iter().map(|&x| f64::from(x)).sum::<f64>() / 4000.0;
    assert!((mean - 1.0).abs() < 0.06, "{mean}");
}

#[test]
fn invalid_parameters_are_named() {
    let param_of = |n: IAF| match n.validate() {
        Err(NeuronError::InvalidParameter { param, .. }) => param,
        other => panic!("expected InvalidParameter, got {other:?}"),
    };
    let d = IAF::default();
    assert!(d.validate().is_ok());
    assert_eq!(param_of(IAF { tau_mem: 0.0, ..d }), "tau_mem");
    assert_eq!(
        param_of(IAF {
            resistance: -1.0,
            ..d
        }),
        "resistance"
    );
    assert_eq!(
        param_of(IAF {
            amplitude: f64::NAN,
            ..d
        }),
        "amplitude"
    );
    assert_eq!(
        param_of(IAF {
            v_leak: f64::INFINITY,
            ..d
        }),
        "v_leak"
    );
    assert_eq!(
        param_of(IAF {
            v_threshold: f64::NAN,
            ..d
        }),
        "v_threshold"
    );
    assert_eq!(param_of(IAF { v_reset: 1.0, ..d }), "v_reset");
    assert_eq!(
        param_of(IAF {
            min_voltage: 0.1,
            ..d
        }),
        "min_voltage"
    );
    assert_eq!(
        param_of(IAF {
            min_voltage: f64::NAN,
            ..d
        }),
        "min_voltage"
    );
}
