//! The Hodgkin–Huxley neuron against the textbook behaviour of the 1952
//! model: a stable rest at −65 mV, all-or-none action potentials peaking
//! near +40 mV with an after-hyperpolarization, repetitive firing at
//! 68 Hz for 10 µA/cm², and a rate curve that an ensemble can be tuned on.
//!
//! Reference rates are from an independent classic RK4 integration (pure
//! Python, step 0.001 ms, spikes at linearly interpolated 0 mV crossings).

use rand::{Rng, SeedableRng};
use snn_core::network::{CompiledNetwork, Population};
use snn_core::neurons::{HodgkinHuxley, NeuronState, NeuronType};
use snn_core::{NeuronError, SimError, Simulator};
use std::sync::Arc;

/// RK4 reference: (current µA/cm², steady firing rate Hz).
const RK4_RATES: [(f64, f64); 4] = [
    (6.5, 55.0573),
    (10.0, 68.3237),
    (20.0, 86.4701),
    (40.0, 108.6079),
];

fn at_rest(n: &HodgkinHuxley, count: usize) -> NeuronState {
    n.initial_state(count, &mut rand_chacha::ChaCha8Rng::seed_from_u64(0))
}

/// Steps `state` for `steps` steps of `dt` under `current(k)`, returning the
/// voltage after each step and the spike count of every neuron.
fn run(
    n: &HodgkinHuxley,
    state: &mut NeuronState,
    dt: f32,
    steps: usize,
    current: impl Fn(usize) -> Vec<f32>,
) -> (Vec<f32>, Vec<usize>) {
    let mut out = vec![0.0; state.len()];
    let mut counts = vec![0; state.len()];
    let mut voltage = Vec::with_capacity(steps);
    for k in 0..steps {
        n.step(dt, &current(k), state, &mut out);
        for (c, &o) in counts.iter_mut().zip(&out) {
            *c += (o * dt).round() as usize;
        }
        voltage.push(state.var(0)[0]);
    }
    (voltage, counts)
}

#[test]
fn rest_is_stable_at_minus_65_mv_without_spikes() {
    let n = HodgkinHuxley::default();
    let mut state = at_rest(&n, 1);
    let v0 = state.var(0)[0];
    assert!((v0 + 65.0).abs() < 0.01, "rest at {v0} mV");
    let (v, spikes) = run(&n, &mut state, 0.001, 2000, |_| vec![0.0]);
    assert_eq!(spikes[0], 0);
    let drift = v.iter().map(|x| (x - v0).abs()).fold(0.0, f32::max);
    assert!(drift < 1e-3, "voltage drifted {drift} mV from rest");
}

#[test]
fn brief_pulse_gives_one_action_potential_with_textbook_shape() {
    let n = HodgkinHuxley::default();
    let dt = 1e-5; // 0.01 ms, to resolve the waveform
    let pulse = |amp: f32| move |k: usize| vec![if k < 100 { amp } else { 0.0 }];
    // 1 ms of 20 µA/cm², then 50 ms at zero input.
    let (v, spikes) = run(&n, &mut at_rest(&n, 1), dt, 5100, pulse(20.0));
    assert_eq!(spikes[0], 1);
    let (peak_at, peak) =
        v.iter()
            .enumerate()
            .fold((0, f32::MIN), |b, (k, &x)| if x > b.1 { (k, x) } else { b });
    assert!((35.0..45.0).contains(&peak), "peak {peak} mV");
    let ahp = v[peak_at..].iter().copied().fold(f32::MAX, f32::min);
    assert!(ahp < -70.0, "after-hyperpolarization only reaches {ahp} mV");
    assert!(
        (v[v.len() - 1] + 65.0).abs() < 2.0,
        "ends at {} mV",
        v[v.len() - 1]
    );
    // All or none: a tenth of the charge gives no spike.
    let (_, spikes) = run(&n, &mut at_rest(&n, 1), dt, 5100, pulse(2.0));
    assert_eq!(spikes[0], 0);
}

#[test]
fn fires_repetitively_at_10_but_not_at_2_microamps() {
    let n = HodgkinHuxley::default();
    let mut state = at_rest(&n, 2);
    let (_, settle) = run(&n, &mut state, 0.001, 200, |_| vec![10.0, 2.0]);
    let (_, counts) = run(&n, &mut state, 0.001, 1000, |_| vec![10.0, 2.0]);
    assert!(
        (60..=72).contains(&counts[0]),
        "{} Hz at 10 µA/cm²",
        counts[0]
    );
    assert_eq!(settle[1] + counts[1], 0);
}

#[test]
fn rate_curve_matches_rk4_and_converges_as_the_substep_shrinks() {
    let coarse = HodgkinHuxley::default();
    let fine = HodgkinHuxley {
        max_substep: 1e-5,
        ..coarse
    };
    let j: Vec<f64> = RK4_RATES.iter().map(|r| r.0).collect();
    let (mut rc, mut rf) = (vec![0.0; 4], vec![0.0; 4]);
    coarse.rates(&j, &mut rc);
    fine.rates(&j, &mut rf);
    for k in 0..4 {
        let reference = RK4_RATES[k].1;
        assert!(
            (rc[k] / reference - 1.0).abs() < 1e-3,
            "{}: {}",
            j[k],
            rc[k]
        );
        // The fine sub-step is closer to the reference than the coarse one.
        assert!((rf[k] - reference).abs() < (rc[k] - reference).abs());
    }
}

#[test]
fn rate_curve_has_a_discontinuous_onset_and_rises_monotonically() {
    let n = HodgkinHuxley::default();
    let j: Vec<f64> = (0..=120).map(|k| 0.5 * f64::from(k)).collect();
    let mut r = vec![0.0; j.len()];
    n.rates(&j, &mut r);
    let onset = r.iter().position(|&x| x > 0.0).unwrap();
    assert!((6.0..=7.0).contains(&j[onset]), "onset at {}", j[onset]);
    assert!((45.0..60.0).contains(&r[onset]), "onset rate {}", r[onset]);
    assert!(r[onset..].windows(2).all(|w| w[1] >= w[0]), "{r:?}");
    let limit = n.max_rate_limit().unwrap();
    assert!((r[120]..130.0).contains(&limit), "limit {limit}");
}

#[test]
fn spike_counts_match_rates_at_any_dt() {
    let n = HodgkinHuxley::default();
    let j = [6.5, 10.0, 20.0, 40.0, 60.0];
    let mut rates = [0.0; 5];
    n.rates(&j, &mut rates);
    let current: Vec<f32> = j.iter().map(|&x| x as f32).collect();
    // 40, 20 and 14 sub-steps per step (the last of 0.0236 ms).
    for dt in [0.001, 0.0005, 0.00033] {
        let steps = |s: f64| (s / f64::from(dt)).round() as usize;
        let mut state = at_rest(&n, 5);
        run(&n, &mut state, dt, steps(0.1), |_| current.clone());
        let (_, counts) = run(&n, &mut state, dt, steps(1.0), |_| current.clone());
        for k in 0..5 {
            let diff = counts[k] as f64 - rates[k];
            assert!(
                diff.abs() <= 1.0,
                "dt {dt}, J {}: {} vs {}",
                j[k],
                counts[k],
                rates[k]
            );
        }
    }
}

#[test]
fn check_dt_refuses_steps_it_cannot_take() {
    let n = HodgkinHuxley::default();
    for dt in [1e-6, 0.001, 0.1, 25.0] {
        assert!(n.check_dt(dt).is_ok(), "{dt}");
    }
    for dt in [0.0, -0.001, f64::NAN, f64::INFINITY, 26.0] {
        assert!(
            matches!(n.check_dt(dt), Err(NeuronError::InvalidDt { .. })),
            "{dt}"
        );
    }
    let bad = HodgkinHuxley {
        max_substep: 2e-4,
        ..n
    };
    assert!(matches!(
        bad.check_dt(0.001),
        Err(NeuronError::InvalidParameter {
            param: "max_substep",
            ..
        })
    ));
}

#[test]
fn invalid_parameters_are_named() {
    let d = HodgkinHuxley::default();
    let cases = [
        (
            HodgkinHuxley {
                capacitance: 0.0,
                ..d
            },
            "capacitance",
        ),
        (HodgkinHuxley { g_na: -1.0, ..d }, "g_na"),
        (HodgkinHuxley { g_k: f64::NAN, ..d }, "g_k"),
        (HodgkinHuxley { g_leak: 0.0, ..d }, "g_leak"),
        (
            HodgkinHuxley {
                e_na: f64::INFINITY,
                ..d
            },
            "e_na",
        ),
        (
            HodgkinHuxley {
                current_scale: -1.0,
                ..d
            },
            "current_scale",
        ),
        (
            HodgkinHuxley {
                spike_threshold: f64::NAN,
                ..d
            },
            "spike_threshold",
        ),
        (
            HodgkinHuxley {
                max_substep: 0.0,
                ..d
            },
            "max_substep",
        ),
    ];
    for (n, name) in cases {
        match n.validate() {
            Err(NeuronError::InvalidParameter { param, .. }) => assert_eq!(param, name),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn divergence_is_reported_not_silent() {
    let n = HodgkinHuxley::default();
    let mut state = at_rest(&n, 3);
    let mut out = [0.0; 3];
    n.step(0.001, &[0.0, f32::NAN, 5.0], &mut state, &mut out);
    assert_eq!(n.first_non_finite(&state), Some(1));
    // A refused dt poisons the state instead of stepping wrongly.
    let mut state = at_rest(&n, 2);
    n.step(30.0, &[0.0, 0.0], &mut state, &mut out[..2]);
    assert_eq!(n.first_non_finite(&state), Some(0));
    // The simulator refuses such a dt when it is built, before any step.
    let mut net = CompiledNetwork::new(30.0);
    net.populations.push(Population {
        noise: None,
        label: "hh".into(),
        neuron_type: Arc::new(n),
        n: 2,
        dims: 0,
        encoders: Vec::new(),
        bias: vec![0.0; 2],
        initial_state: at_rest(&n, 2),
    });
    let err = Simulator::from_compiled(net).unwrap_err();
    assert!(
        matches!(err, SimError::Neuron(NeuronError::InvalidDt { dt, .. }) if dt == 30.0),
        "{err}"
    );
}

#[test]
fn ensemble_tuned_by_numeric_gain_bias_fires_at_its_max_rates() {
    let n = HodgkinHuxley::default();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let count = 16;
    let max_rates: Vec<f64> = (0..count).map(|_| rng.random_range(60.0..110.0)).collect();
    let intercepts: Vec<f64> = (0..count).map(|_| rng.random_range(-0.5..0.5)).collect();
    let (gain, bias) = n.gain_bias(&max_rates, &intercepts).unwrap();
    let currents = |x: &dyn Fn(usize) -> f64| -> Vec<f64> {
        (0..count).map(|i| gain[i] * x(i) + bias[i]).collect()
    };
    let mut r = vec![0.0; count];
    n.rates(&currents(&|_| 1.0), &mut r);
    let (mut below, mut above) = (vec![0.0; count], vec![0.0; count]);
    n.rates(&currents(&|i| intercepts[i] - 0.01), &mut below);
    n.rates(&currents(&|i| intercepts[i] + 0.01), &mut above);
    for i in 0..count {
        assert!(
            (r[i] / max_rates[i] - 1.0).abs() < 1e-3,
            "{i}: {} vs {}",
            r[i],
            max_rates[i]
        );
        assert!(
            below[i] == 0.0 && above[i] > 0.0,
            "neuron {i} threshold misplaced"
        );
    }
    // Spiking at x = 1 for 1 s (after 0.1 s of settling) counts those rates.
    let j: Vec<f32> = currents(&|_| 1.0).iter().map(|&x| x as f32).collect();
    let mut state = at_rest(&n, count);
    run(&n, &mut state, 0.001, 100, |_| j.clone());
    let (_, spikes) = run(&n, &mut state, 0.001, 1000, |_| j.clone());
    for i in 0..count {
        let diff = spikes[i] as f64 - max_rates[i];
        assert!(
            diff.abs() <= 1.5,
            "{i}: {} spikes vs {} Hz",
            spikes[i],
            max_rates[i]
        );
    }
    // Max rates at or above the curve's peak (~126 Hz) are refused.
    let err = n.gain_bias(&[80.0, 130.0], &[0.0, 0.0]).unwrap_err();
    assert!(
        matches!(err, NeuronError::UnreachableRate { index: 1, .. }),
        "{err}"
    );
}
