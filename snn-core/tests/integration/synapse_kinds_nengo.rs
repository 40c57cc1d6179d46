//! DoubleExp, TripleExp and Triangle against values computed by Nengo 4.1
//! (`~/.venvs/nengo/bin/python`, dt = 1 ms, signals shaped `(n, 1)`).
//!
//! Nengo 4.1 has no `DoubleExp` class; its double exponential is the
//! `LinearFilter` below (equal, to the bit, to
//! `Lowpass(0.002).combine(Lowpass(0.01))`). It has no triple exponential
//! either, so that one is checked as the `LinearFilter` of the same
//! numerator and denominator: the test is of Nengo's discretization and
//! stepping of a fourth-order filter, the derivation being tested against
//! the analytic step response in `triple_exp.rs`.

use snn_core::synapses::{DoubleExp, Synapse, Triangle, TripleExp};

const DT: f64 = 0.001;

/// Relative tolerance; `ABS_FLOOR` covers Nengo's Triangle, whose running
/// sum leaves residues like -1.4e-17 where the exact output is 0.
const RTOL: f64 = 1e-9;
const ABS_FLOOR: f64 = 1e-15;

/// Checks `actual[k] == value` for each `(k, value)` of `expected`.
fn assert_matches(what: &str, actual: &[f64], expected: &[(usize, f64)]) {
    for &(k, r) in expected {
        let y = actual[k];
        assert!(
            (y - r).abs() <= RTOL * r.abs() + ABS_FLOOR,
            "{what} k={k}: ours {y}, Nengo {r}"
        );
    }
}

fn filt(synapse: &dyn Synapse, signal: &[f64]) -> Vec<f64> {
    synapse.discretize(DT).unwrap().filt(signal)
}

fn unit_sample(n: usize, height: f64) -> Vec<f64> {
    let mut u = vec![0.0; n];
    u[0] = height;
    u
}

#[test]
fn double_exp_step_response_matches_nengo() {
    // LinearFilter([1], [0.002 * 0.01, 0.002 + 0.01, 1]).filt(np.ones((60, 1)), dt=0.001)
    let nengo = [
        (0, 0.020585892383208886),
        (1, 0.06855641894538324),
        (4, 0.2623579250151828),
        (19, 0.8308422459366739),
        (59, 0.9969015597791894),
    ];
    assert_matches(
        "DoubleExp step",
        &filt(&DoubleExp(0.002, 0.01), &[1.0; 60]),
        &nengo,
    );
}

#[test]
fn double_exp_spike_response_matches_nengo() {
    // Same filter, .filt(u, dt=0.001) with u = zeros((30, 1)), u[0] = 1 / dt
    let nengo = [
        (0, 20.585892383208886),
        (1, 47.97052656217435),
        (4, 66.42416175057882),
        (19, 17.784307007496622),
        (29, 6.5451399993435775),
    ];
    let y = filt(&DoubleExp(0.002, 0.01), &unit_sample(30, 1.0 / DT));
    assert_matches("DoubleExp spike", &y, &nengo);
}

#[test]
fn triple_exp_step_response_matches_nengo_linear_filter() {
    // r, f, s = 1/0.0005, 1/0.004, 1/0.05; a = 0.7
    // N = a * polymul([1, s], [1, s + r]) + (1 - a) * polymul([1, f], [1, f + r])
    // D = polymul(polymul([1, f], [1, f + r]), polymul([1, s], [1, s + r]))
    // LinearFilter(N * D[-1] / N[-1], D).filt(np.ones((100, 1)), dt=0.001)
    let nengo = [
        (0, 0.029367528097305178),
        (1, 0.07129697540061167),
        (4, 0.1710233860525595),
        (19, 0.41906288062744357),
        (99, 0.882930480956831),
    ];
    let p = TripleExp {
        tau_rise: 0.0005,
        tau_fast: 0.004,
        tau_slow: 0.05,
        a: 0.7,
    };
    assert_matches("TripleExp step", &filt(&p, &[1.0; 100]), &nengo);
}

#[test]
fn triangle_step_response_matches_nengo() {
    // Triangle(0.01).filt(np.ones((20, 1)), dt=0.001)
    let nengo = [
        (0, 0.16666666666666666),
        (1, 0.3181818181818182),
        (4, 0.6818181818181819),
        (9, 0.9848484848484848),
        (10, 0.9999999999999999),
        (19, 0.9999999999999999),
    ];
    assert_matches("Triangle step", &filt(&Triangle(0.01), &[1.0; 20]), &nengo);
}

#[test]
fn triangle_unit_sample_response_matches_nengo() {
    // Triangle(0.01).filt(u, dt=0.001) with u = zeros((20, 1)), u[0] = 1
    let nengo = [
        (0, 0.16666666666666666),
        (1, 0.1515151515151515),
        (5, 0.0909090909090909),
        (10, 0.015151515151515138),
        (11, -1.3877787807814457e-17),
        (19, -1.3877787807814457e-17),
    ];
    let y = filt(&Triangle(0.01), &unit_sample(20, 1.0));
    assert_matches("Triangle unit sample", &y, &nengo);
}

#[test]
fn triangle_tap_count_ties_round_to_even_like_nengo() {
    // Triangle(0.0025) and Triangle(0.0035), .filt(u, dt=0.001), u[0] = 1:
    // t / dt = 2.5 gives 3 taps and 3.5 gives 5.
    let three_taps = [
        (0, 0.5),
        (1, 0.33333333333333337),
        (2, 0.1666666666666667),
        (3, 5.551115123125783e-17),
    ];
    let y = filt(&Triangle(0.0025), &unit_sample(8, 1.0));
    assert_matches("Triangle(0.0025)", &y, &three_taps);
    let five_taps = [
        (0, 0.3333333333333333),
        (1, 0.26666666666666666),
        (3, 0.13333333333333336),
        (4, 0.0666666666666667),
        (5, 2.7755575615628914e-17),
    ];
    let y = filt(&Triangle(0.0035), &unit_sample(8, 1.0));
    assert_matches("Triangle(0.0035)", &y, &five_taps);
}

#[test]
fn triangle_filters_each_dimension_independently() {
    let f = Triangle(0.004).discretize(DT).unwrap();
    let signals: [Vec<f64>; 2] = [
        (0..30).map(|k| (k as f64 * 0.3).sin()).collect(),
        (0..30)
            .map(|k| if k % 4 == 0 { 1000.0 } else { 0.0 })
            .collect(),
    ];
    let expected: Vec<Vec<f64>> = signals.iter().map(|s| f.filt(s)).collect();
    let mut state = f.state(2);
    for k in 0..30 {
        f.update(&mut state, &[signals[0][k], signals[1][k]]);
        assert_eq!(state.output(), &[expected[0][k], expected[1][k]], "k={k}");
    }
}
