//! Every mistake a user can make in the builder is a typed error naming the
//! object and the value, never a panic.

use snn::nef::BuildError;
use snn::prelude::*;
use snn_core::NeuronError;

fn built(net: &Network) -> BuildError {
    match Simulator::new(net) {
        Ok(_) => panic!("the network should not build"),
        Err(e) => e,
    }
}

#[test]
fn zero_neurons_or_dimensions_are_rejected_with_the_ensemble_name() {
    let mut net = Network::new();
    let err = net.ensemble("empty", Ensemble::new(0, 1)).unwrap_err();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "n_neurons", .. } if object == "empty")
    );
    let err = net.ensemble("flat", Ensemble::new(10, 0)).unwrap_err();
    assert!(matches!(
        &err,
        BuildError::InvalidParameter {
            param: "dimensions",
            ..
        }
    ));
    assert!(err.to_string().contains("flat"));
}

#[test]
fn intercepts_outside_the_open_unit_interval_are_rejected() {
    let mut net = Network::with_seed(0);
    net.ensemble(
        "a",
        Ensemble::new(10, 1).intercepts(Uniform::new(-1.5, 0.0)),
    )
    .unwrap();
    let err = built(&net);
    assert!(
        matches!(&err, BuildError::Neuron { ensemble, source: NeuronError::InvalidIntercept { .. } } if ensemble == "a"),
        "{err}"
    );
    let mut net = Network::with_seed(0);
    let mut given = vec![0.0; 5];
    given[3] = 1.0;
    net.ensemble("b", Ensemble::new(5, 1).intercepts(given))
        .unwrap();
    let err = built(&net);
    assert!(
        matches!(
            &err,
            BuildError::Neuron {
                source: NeuronError::InvalidIntercept { index: 3, .. },
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("b") && err.to_string().contains('1'));
}

#[test]
fn max_rates_above_the_refractory_limit_are_rejected() {
    let mut net = Network::with_seed(0);
    net.ensemble(
        "fast",
        Ensemble::new(10, 1).max_rates(Uniform::new(600.0, 700.0)),
    )
    .unwrap();
    let err = built(&net);
    assert!(
        matches!(&err, BuildError::Neuron { source: NeuronError::UnreachableRate { limit, .. }, .. } if (*limit - 500.0).abs() < 1e-9),
        "{err}"
    );
}

#[test]
fn bad_time_constants_are_rejected() {
    let mut net = Network::new();
    let err = net
        .ensemble(
            "a",
            Ensemble::new(10, 1).neuron_type(LIF::new(-0.02, 0.002)),
        )
        .unwrap_err();
    assert!(
        matches!(
            &err,
            BuildError::Neuron {
                source: NeuronError::InvalidParameter {
                    param: "tau_rc",
                    ..
                },
                ..
            }
        ),
        "{err}"
    );

    let a = net.ensemble("ok", Ensemble::new(10, 1)).unwrap();
    let b = net.ensemble("ok2", Ensemble::new(10, 1)).unwrap();
    let err = net
        .connect(Connection::new(a, b).synapse(Lowpass(-0.01)))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Synapse { object, .. } if object == "ok -> ok2"),
        "{err}"
    );
    let err = net.probe(Probe::new(a).synapse(f64::NAN)).unwrap_err();
    assert!(matches!(&err, BuildError::Synapse { .. }), "{err}");
    let err = net
        .connect(Connection::new(a, b).synapse(Alpha(f64::INFINITY)))
        .unwrap_err();
    assert!(err.to_string().contains("inf"), "{err}");
}

#[test]
fn mismatched_dimensions_and_transforms_are_rejected_with_both_shapes() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(20, 2)).unwrap();
    let b = net.ensemble("b", Ensemble::new(20, 1)).unwrap();
    let err = net.connect(Connection::new(a, b)).unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { expected, .. } if expected == "1×2"),
        "{err}"
    );
    let err = net
        .connect(Connection::new(a, b).transform([[1.0, 0.0], [0.0, 1.0]]))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { expected, got, .. } if expected == "1×2" && got == "2×2"),
        "{err}"
    );
    net.connect(Connection::new(a, b).transform([[0.5, 0.5]]))
        .unwrap();
    let err = net
        .connect(Connection::new(a, b).function(|x| [x[0], x[1], 0.0]))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { expected, .. } if expected == "1×3"),
        "{err}"
    );
    let err = net
        .connect(Connection::new(a, b).transform(vec![vec![1.0], vec![1.0, 2.0]]))
        .unwrap_err();
    assert!(matches!(&err, BuildError::Shape { .. }), "{err}");
    let err = net
        .connect(Connection::new(b, b).transform(f64::NAN))
        .unwrap_err();
    assert!(
        matches!(
            &err,
            BuildError::NonFinite { object, parameter, index: (0, 0), value }
                if object == "b -> b" && parameter == "transform" && value.is_nan()
        ),
        "{err}"
    );
}

#[test]
fn slices_out_of_range_are_rejected() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(20, 2)).unwrap();
    let b = net.ensemble("b", Ensemble::new(20, 1)).unwrap();
    let err = net.connect(Connection::new(a.at(2), b)).unwrap_err();
    assert!(
        matches!(&err, BuildError::SliceOutOfRange { object, index: 2, size: 2 } if object == "a"),
        "{err}"
    );
    let err = net
        .connect(Connection::new(a.slice(0..1), b.at(1)))
        .unwrap_err();
    assert!(
        matches!(
            &err,
            BuildError::SliceOutOfRange {
                index: 1,
                size: 1,
                ..
            }
        ),
        "{err}"
    );
    let err = net
        .connect(Connection::new(a.neurons().at(20), b.neurons().at(0)))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::SliceOutOfRange { size: 20, .. }),
        "{err}"
    );
    let err = net
        .connect(Connection::new(a.slice(0..2).at(2), b))
        .unwrap_err();
    assert!(
        matches!(
            &err,
            BuildError::SliceOutOfRange {
                index: 2,
                size: 2,
                ..
            }
        ),
        "{err}"
    );
    net.connect(Connection::new(a.at(1), b)).unwrap();
    net.connect(Connection::new(a.slice(0..2).at(1), b))
        .unwrap();
}

#[test]
fn probes_of_missing_attributes_are_rejected_with_what_exists() {
    let mut net = Network::new();
    let rate = net
        .ensemble(
            "rate",
            Ensemble::new(10, 1).neuron_type(RectifiedLinear::default()),
        )
        .unwrap();
    let err = net.probe(Probe::voltage(rate)).unwrap_err();
    assert!(
        matches!(&err, BuildError::MissingAttribute { attr, .. } if attr == "voltage"),
        "{err}"
    );
    let err = net.probe(Probe::spikes(rate)).unwrap_err();
    assert!(err.to_string().contains("output"), "{err}");
    let lif = net.ensemble("lif", Ensemble::new(10, 1)).unwrap();
    let err = net.probe(Probe::attr(lif, "recovery")).unwrap_err();
    assert!(err.to_string().contains("refractory_time"), "{err}");
    net.probe(Probe::attr(lif, "refractory_time")).unwrap();
    let err = net.probe(Probe::new(lif).sample_every(-1.0)).unwrap_err();
    assert!(
        matches!(
            &err,
            BuildError::InvalidParameter {
                param: "sample_every",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn non_positive_dt_is_rejected() {
    let net = Network::with_seed(0);
    for dt in [0.0, -0.001, f64::NAN] {
        let err = Simulator::with_dt(&net, dt).unwrap_err();
        assert!(
            matches!(err, BuildError::Sim(SimError::InvalidDt(_))),
            "{err}"
        );
    }
}

#[test]
fn node_returning_the_wrong_length_stops_at_the_first_step_with_its_name() {
    let mut net = Network::with_seed(0);
    // One value when probed at t = 0, two afterwards.
    let stim = net
        .node(
            "stim",
            Node::time(|t| if t > 0.0 { vec![1.0, 2.0] } else { vec![1.0] }),
        )
        .unwrap();
    let a = net.ensemble("a", Ensemble::new(10, 1)).unwrap();
    net.connect(Connection::new(stim, a)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    let err = sim.step().unwrap_err();
    assert_eq!(
        err,
        SimError::NodeOutputLength {
            node: "stim".into(),
            expected: 1,
            got: 2,
            t: 0.001
        }
    );
    assert!(err.to_string().contains("stim"));
}

#[test]
fn node_output_nan_stops_the_simulation_naming_node_and_time() {
    let mut net = Network::with_seed(0);
    net.node(
        "bad",
        Node::time(|t| if t > 0.0025 { f64::NAN } else { 0.0 }),
    )
    .unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    let err = sim.run(0.01).unwrap_err();
    match err {
        SimError::NodeNonFinite { node, t, .. } => {
            assert_eq!(node, "bad");
            assert!((t - 0.003).abs() < 1e-12);
        }
        other => panic!("unexpected error {other}"),
    }
    assert_eq!(sim.n_steps(), 2, "the failed step is not counted");
}

#[test]
fn connection_function_of_wrong_length_at_run_time_is_an_error() {
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::time(|t| t)).unwrap();
    let v = net.node("v", Node::passthrough(1)).unwrap();
    net.connect(
        Connection::new(u, v)
            .function(|x| {
                if x[0] > 0.0 {
                    vec![1.0, 1.0]
                } else {
                    vec![0.0]
                }
            })
            .synapse(None),
    )
    .unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    let err = sim.step().unwrap_err();
    assert!(
        matches!(&err, SimError::LinkFunctionLength { link, got: 2, .. } if link == "u -> v"),
        "{err}"
    );
}

#[test]
fn connection_function_returning_nan_into_an_ensemble_stops_naming_the_connection() {
    // Before: the NaN current clamped the LIF voltages at 0, the decoded
    // value read about 0 and the run went on with no error.
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::time(|t| t)).unwrap();
    let a = net.ensemble("a", Ensemble::new(20, 1)).unwrap();
    net.connect(Connection::new(u, a).function(|x| if x[0] > 0.0025 { f64::NAN } else { 0.5 }))
        .unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    let err = sim.run(0.01).unwrap_err();
    assert!(
        matches!(&err, SimError::LinkNonFinite { link, t, .. } if link == "u -> a" && (t - 0.003).abs() < 1e-12),
        "{err}"
    );
    assert!(err.to_string().contains("u -> a"), "{err}");
}

#[test]
fn dt_below_f32_resolution_is_refused() {
    let net = Network::with_seed(0);
    let err = Simulator::with_dt(&net, 1e-12).unwrap_err();
    assert!(
        matches!(err, BuildError::Sim(SimError::DtBelowResolution { dt, .. }) if dt == 1e-12),
        "{err}"
    );
}

#[test]
fn build_refuses_a_dt_below_f32_resolution_and_a_non_positive_one() {
    let mut net = Network::with_seed(0);
    net.ensemble("a", Ensemble::new(20, 1)).unwrap();
    for dt in [1e-12, 1.0 / 16_777_216.0] {
        let err = net.build(BuildOptions::default().dt(dt)).unwrap_err();
        assert!(
            matches!(err, BuildError::Sim(SimError::DtBelowResolution { dt: got, .. }) if got == dt),
            "{err}"
        );
    }
    for dt in [0.0, -1e-3, f64::NAN, f64::INFINITY] {
        let err = net.build(BuildOptions::default().dt(dt)).unwrap_err();
        assert!(
            matches!(err, BuildError::Sim(SimError::InvalidDt(_))),
            "{err}"
        );
    }
}

#[test]
fn names_must_be_unique_and_handles_must_belong_to_the_network() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(10, 1)).unwrap();
    assert_eq!(
        net.node("a", Node::constant(1.0)).unwrap_err(),
        BuildError::DuplicateName("a".into())
    );
    let mut other = Network::new();
    let b = other.ensemble("b", Ensemble::new(10, 1)).unwrap();
    let err = net.connect(Connection::new(a, b)).unwrap_err();
    assert!(matches!(
        err,
        BuildError::UnknownObject {
            kind: "ensemble",
            ..
        }
    ));
    let pb = other.probe(Probe::new(b)).unwrap();
    net.probe(Probe::new(a)).unwrap();
    let sim = Simulator::new(&net).unwrap();
    assert!(matches!(sim.data(pb), Err(SimError::UnknownProbe { .. })));
}

#[test]
fn unfiltered_loops_are_rejected_and_filtered_ones_accepted() {
    let mut net = Network::new();
    let x = net.node("x", Node::passthrough(1)).unwrap();
    let y = net.node("y", Node::passthrough(1)).unwrap();
    net.connect(Connection::new(x, y).synapse(None)).unwrap();
    net.connect(Connection::new(y, x).synapse(None)).unwrap();
    let err = built(&net);
    assert!(
        matches!(&err, BuildError::Sim(SimError::AlgebraicLoop { cycle }) if cycle.len() == 2),
        "{err}"
    );

    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(10, 1)).unwrap();
    net.connect(Connection::new(a, a).synapse(0.1)).unwrap();
    assert!(Simulator::new(&net).is_ok());
}

#[test]
fn functions_from_neurons_and_bad_solvers_are_rejected() {
    let mut net = Network::with_seed(0);
    let a = net.ensemble("a", Ensemble::new(10, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(10, 1)).unwrap();
    let err = net
        .connect(
            Connection::new(a.neurons(), b)
                .function(|x| x[0])
                .transform(nalgebra::DMatrix::from_element(1, 10, 1.0)),
        )
        .unwrap_err();
    assert!(matches!(
        err,
        BuildError::InvalidParameter {
            param: "function",
            ..
        }
    ));
    let err = net
        .connect(Connection::new(a, b).solver(LstsqL2::new(-1.0)))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Solver { object, .. } if object == "a -> b"),
        "{err}"
    );
    // A probe's solver is checked when the probe is added, too.
    let err = net
        .probe(Probe::new(a).solver(Nnls::new(f64::NAN)))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Solver { object, source: snn::nef::SolverError::InvalidParameter { param: "reg", value, .. } }
            if object == "probe(a)" && value.is_nan()),
        "{err}"
    );
}

#[test]
fn a_diverging_izhikevich_population_stops_naming_the_neuron_and_time() {
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::constant(-1.0)).unwrap();
    let a = net
        .ensemble(
            "izh",
            Ensemble::new(20, 1)
                .neuron_type(Izhikevich::new(0.5, 0.2, -65.0, 8.0))
                .gain_bias(vec![1.0; 20], vec![5.0; 20]),
        )
        .unwrap();
    net.connect(Connection::new(u, a).synapse(None)).unwrap();
    // A fast recovery variable (a = 0.5) stepped by forward Euler at 20 ms
    // grows tenfold per step until the state overflows.
    let mut sim = Simulator::with_dt(&net, 0.02).unwrap();
    let err = sim.run(2.0).unwrap_err();
    match err {
        SimError::NonFiniteNeuronState {
            population,
            neuron,
            t,
        } => {
            assert_eq!(population, "izh");
            assert!(neuron < 20 && t > 0.0 && t <= 2.0);
        }
        other => panic!("unexpected error {other}"),
    }
}

#[test]
fn ragged_rows_are_shape_errors_naming_the_row() {
    let mut net = Network::new();
    let err = net
        .ensemble(
            "a",
            Ensemble::new(2, 2).encoders(vec![vec![1.0, 0.0], vec![1.0]]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { what, got, .. } if what == "row 1 of encoders" && got == "1 values"),
        "{err}"
    );
    let a = net.ensemble("b", Ensemble::new(10, 2)).unwrap();
    let err = net
        .connect(Connection::new(a, a).transform(vec![vec![1.0, 0.0], vec![0.0]]))
        .unwrap_err();
    assert!(err.to_string().contains("row 1 of transform"), "{err}");
}

/// `Err(NonFinite)` with exactly this object, parameter, index and value
/// (NaN compared as NaN).
fn is_non_finite(
    err: &BuildError,
    object: &str,
    parameter: &str,
    index: (usize, usize),
    value: f64,
) -> bool {
    matches!(err, BuildError::NonFinite { object: o, parameter: p, index: i, value: v }
        if o == object && p == parameter && *i == index
            && (v == &value || (v.is_nan() && value.is_nan())))
}

#[test]
fn non_finite_given_tuning_values_name_ensemble_parameter_index_and_value() {
    let mut net = Network::new();
    let err = net
        .ensemble(
            "i",
            Ensemble::new(3, 1).intercepts(vec![0.0, 0.1, f64::NAN]),
        )
        .unwrap_err();
    assert!(
        is_non_finite(&err, "i", "intercepts", (2, 0), f64::NAN),
        "{err}"
    );
    let encoders = vec![vec![1.0, 0.0], vec![0.0, f64::NEG_INFINITY]];
    let err = net
        .ensemble("e", Ensemble::new(2, 2).encoders(encoders))
        .unwrap_err();
    assert!(
        is_non_finite(&err, "e", "encoders", (1, 1), f64::NEG_INFINITY),
        "{err}"
    );
    let err = net
        .ensemble(
            "g",
            Ensemble::new(2, 1).gain_bias(vec![1.0, f64::INFINITY], vec![0.0, 0.0]),
        )
        .unwrap_err();
    assert!(
        is_non_finite(&err, "g", "gain", (1, 0), f64::INFINITY),
        "{err}"
    );
    let err = net
        .ensemble(
            "b",
            Ensemble::new(2, 1).gain_bias(vec![1.0, 1.0], vec![f64::NAN, 0.0]),
        )
        .unwrap_err();
    assert!(is_non_finite(&err, "b", "bias", (0, 0), f64::NAN), "{err}");
    // A wrong shape is still a shape error, and says nothing of finiteness.
    let err = net
        .ensemble("s", Ensemble::new(3, 1).max_rates(vec![200.0, 200.0]))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { what, expected, got, .. }
            if what == "max_rates" && expected == "3×1" && got == "2×1"),
        "{err}"
    );
}

#[test]
fn a_non_finite_initial_state_names_the_variable_neuron_and_value() {
    let mut net = Network::new();
    let err = net
        .ensemble(
            "v",
            Ensemble::new(3, 1).initial_state("voltage", vec![0.0, f64::NAN, 0.5]),
        )
        .unwrap_err();
    assert!(
        is_non_finite(&err, "v", "initial_state.voltage", (1, 0), f64::NAN),
        "{err}"
    );
    // Finite, but past f32::MAX: a range error, not a non-finite one.
    let err = net
        .ensemble(
            "w",
            Ensemble::new(2, 1).initial_state("voltage", vec![0.0, 1e39]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "initial_state", value, .. }
            if object == "w" && value == "1000000000000000000000000000000000000000"),
        "{err}"
    );
}

#[test]
fn a_nan_in_a_transform_matrix_names_the_connection_row_column_and_value() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(20, 2)).unwrap();
    let b = net.ensemble("b", Ensemble::new(20, 3)).unwrap();
    let t = [[1.0, 0.0], [0.0, 1.0], [0.5, f64::NAN]];
    let err = net.connect(Connection::new(a, b).transform(t)).unwrap_err();
    assert!(
        is_non_finite(&err, "a -> b", "transform", (2, 1), f64::NAN),
        "{err}"
    );
    let text = err.to_string();
    assert!(
        text.contains("row 2, column 1") && text.contains("NaN"),
        "{text}"
    );
    let err = net
        .connect(Connection::new(b, b).transform(f64::NEG_INFINITY))
        .unwrap_err();
    assert!(
        is_non_finite(&err, "b -> b", "transform", (0, 0), f64::NEG_INFINITY),
        "{err}"
    );
}

#[test]
fn a_non_finite_constant_node_is_refused_naming_the_node_index_and_value() {
    let mut net = Network::new();
    let err = net
        .node("stim", Node::constant(vec![0.5, 0.25, f64::INFINITY]))
        .unwrap_err();
    assert!(
        is_non_finite(&err, "stim", "output", (2, 0), f64::INFINITY),
        "{err}"
    );
    let err = net.node("nan", Node::constant(f64::NAN)).unwrap_err();
    assert!(
        is_non_finite(&err, "nan", "output", (0, 0), f64::NAN),
        "{err}"
    );
    // The refused names stay free; huge finite constants are accepted.
    assert!(net.node("stim", Node::constant(vec![1e300])).is_ok());
}

#[test]
fn connection_eval_points_of_the_wrong_width_or_none_are_refused_at_connect() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(20, 2)).unwrap();
    let b = net.ensemble("b", Ensemble::new(20, 1)).unwrap();
    // One value per point for a 2-d ensemble: the width, named at once.
    let err = net
        .connect(Connection::new(a.at(0), b).eval_points(vec![0.1, 0.2, 0.3]))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { object, what, expected, got }
            if object.starts_with('a') && object.ends_with("-> b")
                && what == "eval_points"
                && expected == "at least one row of 2 values"
                && got == "3×1"),
        "{err}"
    );
    let err = net
        .connect(Connection::new(b, a.at(0)).eval_points(Vec::<f64>::new()))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { what, got, .. } if what == "eval_points" && got.starts_with("0×")),
        "{err}"
    );
    // Ragged rows name the row, as for an ensemble's points.
    let err = net
        .connect(
            Connection::new(a, b)
                .transform([[1.0, 1.0]])
                .eval_points(vec![vec![0.1, 0.2], vec![0.3]]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { what, .. } if what.contains("eval_points")),
        "{err}"
    );
    assert!(net
        .connect(
            Connection::new(a, b)
                .transform([[1.0, 1.0]])
                .eval_points(vec![vec![0.1, 0.2], vec![0.3, -0.4]])
        )
        .is_ok());
}

#[test]
fn zero_eval_points_are_refused_naming_the_ensemble() {
    let mut net = Network::new();
    let err = net
        .ensemble("few", Ensemble::new(10, 1).n_eval_points(0))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "n_eval_points", value, .. }
            if object == "few" && value == "0"),
        "{err}"
    );
}

#[test]
fn a_gain_or_bias_past_the_f32_range_is_refused_not_run_as_infinity() {
    // 1e39 > f32::MAX ≈ 3.4e38: the simulator's f32 state would hold inf.
    assert!((1e39f64 as f32).is_infinite());
    let mut net = Network::new();
    net.ensemble(
        "b",
        Ensemble::new(2, 1).gain_bias(vec![1.0, 1.0], vec![0.0, 1e39]),
    )
    .unwrap();
    let err = built(&net);
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "bias", reason, .. }
            if object == "b" && reason.contains("value 1 ")),
        "{err}"
    );
    // A finite gain over a tiny radius overflows the scaled encoders.
    let mut net = Network::new();
    net.ensemble(
        "g",
        Ensemble::new(1, 1)
            .radius(1e-10)
            .encoders(vec![1.0])
            .gain_bias(vec![1e30], vec![0.0]),
    )
    .unwrap();
    let err = built(&net);
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "scaled_encoders", .. }
            if object == "g"),
        "{err}"
    );
}
