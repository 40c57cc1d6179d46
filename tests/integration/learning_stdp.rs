//! STDP against its definition: one pre/post pair at ±10 ms changes the
//! weight by exactly `A₊ e^{-1/2}` or `-A₋ e^{-1/2}` (τ = 20 ms).

use nalgebra::DMatrix;
use snn::prelude::*;

/// One pre and one post LIF neuron made to spike once each, at `t_pre`
/// and `t_post`, by a one-step current pulse; the pre -> post weight starts
/// at 0.5 and learns by `rule`. The post neuron's gain is tiny so the pre
/// spike does not make it fire (its own pulse is scaled up to match).
/// Returns the weight at the end (0.3 s).
fn pair(t_pre: f64, t_post: f64, rule: STDP) -> f64 {
    let dt = 0.001;
    let pulse =
        move |at: f64| Node::time(move |t| if (t - at).abs() < dt / 2.0 { 1e4 } else { 0.0 });
    let one = |gain: f64| {
        Ensemble::new(1, 1)
            .neuron_type(LIF::default())
            .gain_bias(vec![gain], vec![0.0])
    };
    let mut net = Network::with_seed(1);
    let pre = net.ensemble("pre", one(1.0)).unwrap();
    let post = net.ensemble("post", one(1e-9)).unwrap();
    let kick_pre = net.node("kick_pre", pulse(t_pre)).unwrap();
    let kick_post = net.node("kick_post", pulse(t_post)).unwrap();
    net.connect(Connection::new(kick_pre, pre.neurons()).synapse(None))
        .unwrap();
    net.connect(
        Connection::new(kick_post, post.neurons())
            .transform(1e9)
            .synapse(None),
    )
    .unwrap();
    let conn = net
        .connect(
            Connection::new(pre.neurons(), post.neurons())
                .transform(DMatrix::from_element(1, 1, 0.5))
                .learning_rule(rule),
        )
        .unwrap();
    let spikes = [
        net.probe(Probe::spikes(pre)).unwrap(),
        net.probe(Probe::spikes(post)).unwrap(),
    ];
    let w = net.probe(Probe::weights(conn)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.3).unwrap();
    for (p, at) in spikes.iter().zip([t_pre, t_post]) {
        let s = sim.data(*p).unwrap();
        let times: Vec<usize> = (0..s.nrows()).filter(|&r| s[(r, 0)] > 0.0).collect();
        let step = (at / dt).round() as usize - 1;
        assert_eq!(times, vec![step], "one spike, at the pulse");
    }
    let w = sim.data(w).unwrap();
    w[(w.nrows() - 1, 0)]
}

#[test]
fn one_pair_at_plus_and_minus_10_ms_changes_the_weight_by_a_e_to_the_minus_half() {
    let a = 0.01;
    let potentiated = pair(0.1, 0.11, STDP::new(a));
    let expected = 0.5 + a * (-0.5f64).exp();
    assert!(
        (potentiated - expected).abs() < 1e-12,
        "{potentiated} vs {expected}"
    );
    let depressed = pair(0.11, 0.1, STDP::new(a));
    let expected = 0.5 - 1.05 * a * (-0.5f64).exp();
    assert!(
        (depressed - expected).abs() < 1e-12,
        "{depressed} vs {expected}"
    );
    // Multiplicative: scaled by the distance to the bound (here 0.5 both ways).
    let soft = pair(0.1, 0.11, STDP::new(a).multiplicative());
    let expected = 0.5 + a * (-0.5f64).exp() * 0.5;
    assert!((soft - expected).abs() < 1e-12, "{soft} vs {expected}");
    // Bounds clip.
    let clipped = pair(0.1, 0.11, STDP::new(0.9));
    assert_eq!(clipped, 1.0);
}

#[test]
fn stdp_parameters_are_checked() {
    let mut net = Network::with_seed(1);
    let a = net.ensemble("a", Ensemble::new(5, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(5, 1)).unwrap();
    for bad in [
        STDP::new(-1.0),
        STDP::new(0.01).a_minus(f64::NAN),
        STDP::new(0.01).taus(0.0, 0.02),
        STDP::new(0.01).bounds(1.0, 0.0),
    ] {
        let err = net
            .connect(Connection::new(a.neurons(), b.neurons()).learning_rule(bad))
            .unwrap_err();
        assert!(err.to_string().contains("STDP"), "{err}");
    }
}

#[allow(dead_code)]
#[path = "../../examples/shared/stdp_song.rs"]
mod stdp_song;

#[test]
fn stdp_makes_the_weights_of_song_miller_and_abbott_bimodal() {
    // 1000 Poisson inputs at 15 Hz, one conductance-based LIF neuron, the
    // paper's STDP parameters, 1000 s (about 12 s here).
    let run = stdp_song::run(0, 1000.0).expect("the experiment runs");
    let share = stdp_song::share_at_bounds(&run.last);
    assert!(stdp_song::share_at_bounds(&run.initial) < 0.25);
    assert!(share >= 0.8, "{share} of the weights near a bound");
    let high = run
        .last
        .iter()
        .filter(|&&w| w >= 0.9 * stdp_song::W_MAX)
        .count();
    let low = run
        .last
        .iter()
        .filter(|&&w| w <= 0.1 * stdp_song::W_MAX)
        .count();
    assert!(
        high >= 100 && low >= 100,
        "two modes: {low} near 0, {high} near w_max"
    );
    // Competition brings the neuron from driven to a moderate rate.
    assert!(
        run.rate_last < 0.5 * run.rate_first,
        "{} -> {} Hz",
        run.rate_first,
        run.rate_last
    );
}

/// Four 300 -> 300 neuron-to-neuron connections learning by STDP and one
/// by Hebbian (rate `hebbian`): 450k learned weights, enough that a step
/// spreads the rules' updates over threads when it has two. Returns the
/// final weights of every connection, and the run's error if it stopped.
fn many_learned_links(threads: usize, hebbian: f64) -> (Vec<Vec<f64>>, Option<SimError>) {
    let mut net = Network::with_seed(3);
    let stim = net
        .node(
            "stim",
            Node::time(|t| (2.0 * std::f64::consts::PI * t).sin()),
        )
        .unwrap();
    let start = DMatrix::from_fn(300, 300, |r, c| ((r * 300 + c) * 37 % 101) as f64 * 1e-5);
    let mut probes = Vec::new();
    for i in 0..5 {
        let pre = net
            .ensemble(&format!("pre{i}"), Ensemble::new(300, 1))
            .unwrap();
        let post = net
            .ensemble(&format!("post{i}"), Ensemble::new(300, 1))
            .unwrap();
        net.connect(Connection::new(stim, pre)).unwrap();
        let conn = Connection::new(pre.neurons(), post.neurons()).transform(start.clone());
        let conn = if i < 4 {
            conn.learning_rule(STDP::new(1e-4).bounds(0.0, 2e-3))
        } else {
            conn.learning_rule(Hebbian::new(hebbian))
        };
        let conn = net.connect(conn).unwrap();
        probes.push(net.probe(Probe::weights(conn).sample_every(0.05)).unwrap());
    }
    let mut sim = Simulator::new(&net).unwrap();
    sim.set_threads(threads).unwrap();
    let err = sim.run(0.1).err();
    let weights = probes
        .iter()
        .map(|&p| sim.data(p).unwrap().iter().copied().collect())
        .collect();
    (weights, err)
}

#[test]
fn rules_updated_on_two_threads_learn_the_weights_of_one_thread_bit_for_bit() {
    let (one, err) = many_learned_links(1, 1e-9);
    assert!(err.is_none(), "{err:?}");
    let (two, err) = many_learned_links(2, 1e-9);
    assert!(err.is_none(), "{err:?}");
    for (a, b) in one.iter().zip(&two) {
        assert!(!a.is_empty());
        assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()));
    }
    // STDP moved the weights (and kept them within its bounds).
    let first = &one[0];
    let half = first.len() / 2;
    assert!(first[..half] != first[half..]);
    assert!(first.iter().all(|&w| (0.0..=2e-3).contains(&w)));
}

#[test]
fn a_rule_diverging_on_a_worker_thread_stops_the_run_naming_its_connection() {
    let (_, err) = many_learned_links(2, 1e300);
    match err {
        Some(SimError::LearningDiverged { rule, t, .. }) => {
            assert!(rule.contains("pre4") && rule.contains("Hebbian"), "{rule}");
            assert!(t > 0.0 && t <= 0.1, "t = {t}");
        }
        other => panic!("expected LearningDiverged, got {other:?}"),
    }
}
