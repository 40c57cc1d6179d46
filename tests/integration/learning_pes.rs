//! PES against the figures of Nengo 4.1's own tests
//! (`nengo/tests/test_learning_rules.py`, `_test_pes`): 200-neuron 2-D
//! pre, post and error ensembles, PES(1e-3), a constant input; after 0.4 s
//! the output is within 0.05 of the target and the error within 0.05 of 0,
//! for every neuron type and every form of connection.

use nalgebra::DMatrix;
use snn::prelude::*;
use std::sync::Arc;

/// How the learning connection is made.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// Ensemble to ensemble, computing the swapped input (learned back to
    /// the input itself).
    EnsEns,
    /// The same with a weight solver (neuron-to-neuron weights learned).
    WeightSolver,
    /// `pre.neurons -> post.neurons`, weights uniform in [0, 4e-4), PES(7e-4).
    NeuronNeuron,
    /// `pre.neurons -> post`, weights uniform in [0, 1e-4).
    NeuronEns,
    /// `pre -> post.neurons` through ones, PES(1e-4).
    EnsNeuron,
    /// `pre -> post[0]` computing `x0 - x1`, learning `x0² + x1²`.
    Sliced,
}

/// What one run of `_test_pes` gives.
struct Outcome {
    /// Post's value and the error (filtered by 0.03) after 0.4 s.
    post: DMatrix<f64>,
    error: DMatrix<f64>,
    target: Vec<f64>,
    /// The learned weights every 10 ms.
    weights: DMatrix<f64>,
}

/// Runs Nengo's `_test_pes` for `neuron_type` and `form`.
fn pes(neuron_type: Arc<dyn NeuronType>, form: Form, seed: u64) -> Result<Outcome, snn::Error> {
    let n = 200;
    let vin = [0.5, -0.5];
    let vout: Vec<f64> = if form == Form::Sliced {
        vec![vin[0] * vin[0] + vin[1] * vin[1]]
    } else {
        vin.to_vec()
    };
    let mut net = Network::with_seed(seed);
    let ens = |dims| Ensemble::new(n, dims).neuron_type_arc(neuron_type.clone());
    let stim = net.node("stim", Node::constant(vin))?;
    let target = net.node("target", Node::constant(vout.clone()))?;
    let pre = net.ensemble("pre", ens(2))?;
    let post = net.ensemble("post", ens(2))?;
    let error = net.ensemble("error", ens(vout.len()))?;
    net.connect(Connection::new(stim, pre))?;
    // A fixed spread of values in [0, high) (Nengo draws them uniformly).
    let spread = |rows, cols, high: f64| {
        DMatrix::from_fn(rows, cols, |r, c| {
            let k = (r * cols + c) as u64;
            (k.wrapping_mul(2_654_435_761) % 10_007) as f64 / 10_007.0 * high
        })
    };
    let rule = PES::new(match form {
        Form::NeuronNeuron => 7e-4,
        Form::EnsNeuron => 1e-4,
        _ => 1e-3,
    });
    let learn = match form {
        Form::EnsEns => Connection::new(pre, post).function(|x: &[f64]| vec![x[1], x[0]]),
        Form::WeightSolver => Connection::new(pre, post)
            .function(|x: &[f64]| vec![x[1], x[0]])
            .solver(LstsqL2::default().weights(true)),
        Form::NeuronNeuron => {
            Connection::new(pre.neurons(), post.neurons()).transform(spread(n, n, 4e-4))
        }
        Form::NeuronEns => Connection::new(pre.neurons(), post).transform(spread(2, n, 1e-4)),
        Form::EnsNeuron => {
            Connection::new(pre, post.neurons()).transform(DMatrix::from_element(n, 2, 1.0))
        }
        Form::Sliced => Connection::new(pre, post.at(0)).function(|x: &[f64]| vec![x[0] - x[1]]),
    };
    let conn = net.connect(learn.learning_rule(rule))?;
    let post_part: snn::nef::Endpoint = if form == Form::Sliced {
        post.at(0)
    } else {
        post.into()
    };
    net.connect(Connection::new(target, error).transform(-1.0))?;
    net.connect(Connection::new(post_part.clone(), error))?;
    net.connect(Connection::new(error, conn.learning_rule()))?;
    let post_p = if form == Form::Sliced {
        // Post's first dimension, through a node that picks it.
        let pick = net.node("pick", Node::passthrough(1))?;
        net.connect(Connection::new(post.at(0), pick).synapse(None))?;
        net.probe(Probe::new(pick).synapse(0.03))?
    } else {
        net.probe(Probe::new(post).synapse(0.03))?
    };
    let error_p = net.probe(Probe::new(error).synapse(0.03))?;
    let weights_p = net.probe(Probe::weights(conn).sample_every(0.01))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.5)?;
    let late = |d: DMatrix<f64>| d.rows(401, 99).into_owned();
    Ok(Outcome {
        post: late(sim.data(post_p)?),
        error: late(sim.data(error_p)?),
        target: vout,
        weights: sim.data(weights_p)?,
    })
}

fn check(neuron_type: Arc<dyn NeuronType>, form: Form) {
    let name = format!("{neuron_type:?} {form:?}");
    let Outcome {
        post,
        error,
        target,
        weights,
    } = pes(neuron_type, form, 1).expect("the model builds and runs");
    for (r, row) in post.row_iter().enumerate() {
        for (d, &v) in row.iter().enumerate() {
            assert!(
                (v - target[d]).abs() <= 0.05,
                "{name}: post[{d}] = {v} at row {r}"
            );
        }
    }
    let worst = error.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    assert!(worst <= 0.05, "{name}: error reaches {worst}");
    let first = weights.row(0);
    let last = weights.row(weights.nrows() - 1);
    assert!(
        first
            .iter()
            .zip(last.iter())
            .any(|(a, b)| (a - b).abs() > 1e-5),
        "{name}: the weights did not change"
    );
}

#[test]
fn pes_learns_the_input_back_for_every_neuron_type() {
    let types: Vec<Arc<dyn NeuronType>> = vec![
        Arc::new(LIF::default()),
        Arc::new(LIFRate::default()),
        Arc::new(RectifiedLinear::default()),
        Arc::new(SpikingRectifiedLinear::default()),
        Arc::new(Sigmoid::default()),
        Arc::new(Tanh::default()),
        Arc::new(RegularSpiking::new(Tanh::default())),
    ];
    for t in types {
        check(t, Form::EnsEns);
    }
}

#[test]
fn pes_learns_on_every_form_of_connection() {
    for form in [
        Form::WeightSolver,
        Form::NeuronNeuron,
        Form::NeuronEns,
        Form::EnsNeuron,
        Form::Sliced,
    ] {
        check(Arc::new(LIF::default()), form);
    }
}

#[test]
fn pes_learns_through_a_transform_into_a_node() {
    // Nengo's test_pes_transform: the error is in the transformed space
    // (the connection's output), and reaches the rule through T as well.
    let t = DMatrix::from_column_slice(2, 1, &[0.5, -0.5]);
    let mut net = Network::with_seed(2);
    let u = net.node("u", Node::constant(1.0)).unwrap();
    let a = net.ensemble("a", Ensemble::new(200, 1)).unwrap();
    let b = net.node("b", Node::passthrough(2)).unwrap();
    let e = net.node("e", Node::passthrough(1)).unwrap();
    let minus_one = net.node("minus_one", Node::constant(-1.0)).unwrap();
    net.connect(Connection::new(u, a)).unwrap();
    let learned = net
        .connect(
            Connection::new(a, b)
                .function(|_: &[f64]| vec![0.0])
                .transform(t.clone())
                .learning_rule(PES::new(1e-3)),
        )
        .unwrap();
    net.connect(Connection::new(b.at(0), e).synapse(None))
        .unwrap();
    net.connect(Connection::new(minus_one, e)).unwrap();
    net.connect(
        Connection::new(e, learned.learning_rule())
            .transform(t)
            .synapse(None),
    )
    .unwrap();
    let p = net.probe(Probe::new(b).synapse(0.05)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(1.0).unwrap();
    let d = sim.data(p).unwrap();
    for r in 701..1000 {
        assert!(
            (d[(r, 0)] - 1.0).abs() <= 0.01 && (d[(r, 1)] + 1.0).abs() <= 0.01,
            "row {r}: {:?}",
            [d[(r, 0)], d[(r, 1)]]
        );
    }
}

#[test]
fn pes_on_a_recurrent_sliced_connection_drives_one_dimension_only() {
    // Nengo's test_pes_recurrent_slice, decoded and with a weight solver.
    for weights in [false, true] {
        let mut net = Network::with_seed(3);
        let err = net.node("err", Node::constant(-1.0)).unwrap();
        let stim = net.node("stim", Node::constant([0.0, 0.0])).unwrap();
        let post = net
            .ensemble("post", Ensemble::new(50, 2).radius(2.0))
            .unwrap();
        net.connect(Connection::new(stim, post)).unwrap();
        let conn = net
            .connect(
                Connection::new(post, post.at(1))
                    .function(|_: &[f64]| vec![0.0])
                    .solver(LstsqL2::default().weights(weights))
                    .learning_rule(PES::new(5e-4)),
            )
            .unwrap();
        net.connect(Connection::new(err, conn.learning_rule()))
            .unwrap();
        let p = net.probe(Probe::new(post).synapse(0.025)).unwrap();
        let mut sim = Simulator::new(&net).unwrap();
        sim.run(0.2).unwrap();
        let d = sim.data(p).unwrap();
        for r in 190..200 {
            assert!(
                d[(r, 0)].abs() <= 0.2,
                "weights {weights}: x0 = {}",
                d[(r, 0)]
            );
            assert!(d[(r, 1)] > 0.8, "weights {weights}: x1 = {}", d[(r, 1)]);
        }
    }
}

/// Nengo's `learning_net` for PES: 10-neuron pre and post joined
/// neuron-to-neuron through weights in [0, 1e-3), PES(1e-5), error 1.
fn learning_net() -> (Network, ProbeId, ProbeId) {
    let mut net = Network::with_seed(4);
    let u = net.node("u", Node::constant(1.0)).unwrap();
    let pre = net.ensemble("pre", Ensemble::new(10, 1)).unwrap();
    let post = net.ensemble("post", Ensemble::new(10, 1)).unwrap();
    let w = DMatrix::from_fn(10, 10, |r, c| {
        ((r * 10 + c) * 37 % 101) as f64 / 101.0 * 1e-3
    });
    let conn = net
        .connect(
            Connection::new(pre.neurons(), post.neurons())
                .transform(w)
                .learning_rule(PES::new(1e-5)),
        )
        .unwrap();
    let err = net.ensemble("err", Ensemble::new(10, 1)).unwrap();
    net.connect(Connection::new(u, err)).unwrap();
    net.connect(Connection::new(err, conn.learning_rule()))
        .unwrap();
    let activity = net.probe(Probe::spikes(pre).synapse(0.01)).unwrap();
    let weights = net.probe(Probe::weights(conn).sample_every(0.01)).unwrap();
    (net, activity, weights)
}

#[test]
fn pes_weights_do_not_depend_on_dt() {
    let (net, _, weights) = learning_net();
    let run = |dt| {
        let mut sim = Simulator::with_dt(&net, dt).unwrap();
        sim.run(0.1).unwrap();
        sim.data(weights).unwrap()
    };
    let (fine, coarse) = (run(1e-4), run(1e-3));
    assert_eq!(fine.shape(), coarse.shape());
    let worst = (&fine - &coarse).abs().max();
    assert!(
        worst <= 3e-3,
        "weights differ by {worst} between dt 1e-4 and 1e-3"
    );
    let change = (fine.row(0) - fine.row(fine.nrows() - 1)).abs().max();
    assert!(change > 1e-6, "the weights did not change: {change}");
}

#[test]
fn reset_restores_the_learned_weights_and_the_rules_state() {
    let (net, activity, weights) = learning_net();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.1).unwrap();
    sim.run(0.2).unwrap();
    let (a, w) = (sim.data(activity).unwrap(), sim.data(weights).unwrap());
    sim.reset().unwrap();
    sim.run(0.3).unwrap();
    assert!(
        sim.data(activity).unwrap() == a,
        "activities differ after reset"
    );
    assert!(
        sim.data(weights).unwrap() == w,
        "weights differ after reset"
    );
}

/// Pre, post and an error node, for the bad-input cases.
fn small_net() -> (Network, EnsembleId, EnsembleId, NodeId) {
    let mut net = Network::with_seed(5);
    let stim = net.node("stim", Node::constant([0.3, 0.2])).unwrap();
    let pre = net.ensemble("pre", Ensemble::new(40, 2)).unwrap();
    let post = net.ensemble("post", Ensemble::new(40, 2)).unwrap();
    net.connect(Connection::new(stim, pre)).unwrap();
    (net, pre, post, stim)
}

#[test]
fn bad_learning_connections_are_typed_errors_naming_the_connection() {
    let (mut net, pre, post, stim) = small_net();
    let from_node = net.connect(Connection::new(stim, post).learning_rule(PES::default()));
    let text = from_node.unwrap_err().to_string();
    assert!(
        text.contains("stim -> post") && text.contains("node"),
        "{text}"
    );

    for rate in [f64::NAN, -1e-4, f64::INFINITY] {
        let err = net
            .connect(Connection::new(pre, post).learning_rule(PES::new(rate)))
            .unwrap_err();
        assert!(
            matches!(
                &err,
                BuildError::InvalidParameter {
                    param: "learning_rule" | "learning_rate",
                    ..
                }
            ),
            "rate {rate}: {err:?}"
        );
        assert!(err.to_string().contains("pre -> post"), "{err}");
    }

    let conn = net
        .connect(Connection::new(pre, post).learning_rule(PES::default()))
        .unwrap();
    let one = net.node("one", Node::constant(1.0)).unwrap();
    let wrong = net.connect(Connection::new(one, conn.learning_rule()));
    let text = wrong.unwrap_err().to_string();
    assert!(
        text.contains("learning_rule"),
        "an error of 1 value into a 2-D rule: {text}"
    );
    let as_pre = net.connect(Connection::new(conn.learning_rule(), post));
    assert!(as_pre.is_err(), "a learning rule is no signal source");
    let plain = net.connect(Connection::new(pre, post)).unwrap();
    let text = net.probe(Probe::weights(plain)).unwrap_err().to_string();
    assert!(text.contains("no learning rule"), "{text}");
}

#[test]
fn a_learning_rule_from_a_direct_ensemble_is_refused_at_build() {
    let (mut net, _, post, stim) = small_net();
    let direct = net
        .ensemble("direct", Ensemble::new(1, 2).neuron_type(Direct))
        .unwrap();
    net.connect(Connection::new(stim, direct)).unwrap();
    net.connect(Connection::new(direct, post).learning_rule(PES::default()))
        .unwrap();
    let Err(err) = Simulator::new(&net) else {
        panic!("a Direct ensemble has no neurons to learn from");
    };
    assert!(err.to_string().contains("direct -> post"), "{err}");
}

#[test]
fn diverging_weights_stop_the_run_with_an_error_naming_the_connection() {
    let (mut net, pre, post, _) = small_net();
    let conn = net
        .connect(Connection::new(pre, post).learning_rule(PES::new(1e300)))
        .unwrap();
    let err_node = net.node("err", Node::constant([1.0, 1.0])).unwrap();
    net.connect(Connection::new(err_node, conn.learning_rule()))
        .unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    let err = sim.run(0.2).unwrap_err();
    match &err {
        SimError::LearningDiverged { rule, t, .. } => {
            assert!(
                rule.contains("pre -> post") && rule.contains("PES"),
                "{rule}"
            );
            assert!(*t > 0.0 && *t <= 0.2, "t = {t}");
        }
        other => panic!("expected LearningDiverged, got {other:?}"),
    }
}

/// Nengo 4.1's weights and delta at 0.05, 0.1, 0.15 and 0.2 s for the model
/// of `pes_weights_and_delta_match_nengo_step_for_step`, printed by
/// `scripts/nengo_learning_steps.py`.
const NENGO_PES_WEIGHTS: [[f64; 8]; 4] = [
    [
        3.343381e-4,
        4.02491e-5,
        4.012864e-4,
        0.0,
        4.499591e-4,
        0.0,
        6.833318e-4,
        0.0,
    ],
    [
        5.92988e-4,
        4.03864e-5,
        7.360242e-4,
        0.0,
        8.61395e-4,
        0.0,
        1.1789245e-3,
        0.0,
    ],
    [
        2.035783e-4,
        -1.915279e-4,
        3.82264e-4,
        -1.086696e-4,
        5.515818e-4,
        -2.2754e-5,
        3.483807e-4,
        0.0,
    ],
    [
        1.136776e-4,
        -8.841994e-4,
        3.7995e-4,
        -9.428861e-4,
        5.512484e-4,
        -9.617709e-4,
        2.506777e-4,
        -9.371075e-4,
    ],
];
const NENGO_PES_DELTA: [[f64; 8]; 4] = [
    [
        1.4495747e-5,
        2.6658029e-8,
        1.8524574e-5,
        0.0,
        2.2636973e-5,
        0.0,
        2.832447e-5,
        0.0,
    ],
    [
        -6.5239302e-6,
        -5.5923791e-13,
        -8.2555301e-6,
        0.0,
        -1.0032637e-5,
        0.0,
        -1.2912807e-5,
        0.0,
    ],
    [
        -5.8053735e-6,
        -1.2005588e-5,
        -3.9906524e-7,
        -1.2141611e-5,
        -5.749245e-8,
        -7.967781e-6,
        -1.1601195e-5,
        0.0,
    ],
    [
        -6.7292063e-10,
        -3.6873558e-6,
        -4.0950959e-12,
        -4.6435283e-6,
        -5.8997145e-13,
        -5.6020488e-6,
        -2.148264e-10,
        -6.4036975e-6,
    ],
];

/// Eight LIFRate neurons of given tuning learn a neuron-to-node connection
/// from zero weights: the weights and deltas follow Nengo's step for step
/// (the error's path through two nodes, the pre filter, the timing of the
/// change and of the probes).
#[test]
fn pes_weights_and_delta_match_nengo_step_for_step() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(0);
    let u = net.node(
        "u",
        Node::time(|t: f64| (2.0 * std::f64::consts::PI * 4.0 * t).sin()),
    )?;
    let a = net.ensemble(
        "a",
        Ensemble::new(8, 1)
            .neuron_type(LIFRate::default())
            .encoders(vec![
                [1.0],
                [-1.0],
                [1.0],
                [-1.0],
                [1.0],
                [-1.0],
                [1.0],
                [-1.0],
            ])
            .max_rates(vec![200.0, 230.0, 260.0, 290.0, 320.0, 350.0, 380.0, 400.0])
            .intercepts(vec![-0.8, -0.5, -0.2, 0.0, 0.1, 0.3, -0.6, 0.5]),
    )?;
    let y = net.node("y", Node::passthrough(1))?;
    let err = net.node("err", Node::passthrough(1))?;
    net.connect(Connection::new(u, a))?;
    let c = net.connect(
        Connection::new(a.neurons(), y)
            .transform(DMatrix::zeros(1, 8))
            .learning_rule(PES::new(1e-3)),
    )?;
    net.connect(Connection::new(y, err))?;
    net.connect(Connection::new(u, err).transform(-1.0))?;
    net.connect(Connection::new(err, c.learning_rule()))?;
    let pw = net.probe(Probe::weights(c).sample_every(0.05))?;
    let pd = net.probe(Probe::learning_rule(c.learning_rule(), "delta").sample_every(0.05))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.2)?;
    for (name, ours, nengo) in [
        ("weights", sim.data(pw)?, &NENGO_PES_WEIGHTS),
        ("delta", sim.data(pd)?, &NENGO_PES_DELTA),
    ] {
        assert_eq!(ours.shape(), (4, 8));
        let scale = nengo.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
        for (row, want) in nengo.iter().enumerate() {
            for (k, &want) in want.iter().enumerate() {
                let got = ours[(row, k)];
                assert!(
                    (got - want).abs() <= 1e-5 * scale,
                    "{name} sample {row}, pre neuron {k}: {got:e} vs Nengo's {want:e}"
                );
            }
        }
    }
    Ok(())
}
