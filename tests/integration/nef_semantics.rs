//! Nengo's semantics in the builder and the build: direct mode, initial
//! neuron state, evaluation points, cloned networks, slices, probes and
//! sizes. Numbers come from Nengo 4.1.0 (`~/.venvs/nengo/bin/python`, the
//! script of each test in its doc comment) or from the closed form.

use snn::nef::dynamics::nonlinear_lowpass;
use snn::nef::limits::MAX_ELEMENTS;
use snn::nef::BuildError;
use snn::prelude::*;
use std::f64::consts::PI;

const DT: f64 = 0.001;

fn lif_step_fraction(delta: f64) -> f64 {
    1.0 - (-delta / 0.02).exp()
}

// ---------------------------------------------------------------- Direct

/// Nengo 4.1, direct mode (samples at steps 0, 1, 2, 9, 49, 99, 199, 299):
/// ```text
/// with nengo.Network(seed=0) as net:
///     u = nengo.Node(lambda t: np.sin(2*np.pi*t))
///     a = nengo.Ensemble(1, 1, neuron_type=nengo.Direct())
///     b = nengo.Ensemble(1, 1, neuron_type=nengo.Direct())
///     nengo.Connection(u, a)
///     nengo.Connection(a, b, function=lambda x: x**2, synapse=0.01)
///     pa = nengo.Probe(a); pb = nengo.Probe(b); pbs = nengo.Probe(b, synapse=0.02)
/// with nengo.Simulator(net) as sim: sim.run(0.3)
/// ```
#[test]
fn direct_channel_and_square_reproduce_nengos_exact_filtered_function() {
    let steps = [0, 1, 2, 9, 49, 99, 199, 299];
    let nengo_a = [
        0.0,
        0.0011389407749394936,
        0.0032103224248248036,
        0.03284880941130046,
        0.27574820661545857,
        0.55912914585977,
        0.9393178405761404,
        0.9607190465029538,
    ];
    let nengo_b = [
        0.0,
        0.0,
        1.2344357749992475e-07,
        0.00016264002388444106,
        0.04844341729370046,
        0.2554616400318343,
        0.8343453427338191,
        0.9504955919739491,
    ];
    let nengo_b_filtered = [
        0.0,
        0.0,
        0.0,
        9.493033966051308e-06,
        0.019595103378757327,
        0.1652415068306351,
        0.7253870435880332,
        0.9728314192076309,
    ];
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::time(|t| (2.0 * PI * t).sin())).unwrap();
    // n is ignored in direct mode; a solver on the connection out is unused.
    let a = net
        .ensemble("a", Ensemble::new(1, 1).neuron_type(Direct))
        .unwrap();
    let b = net
        .ensemble("b", Ensemble::new(7, 1).neuron_type(Direct))
        .unwrap();
    net.connect(Connection::new(u, a)).unwrap();
    net.connect(
        Connection::new(a, b)
            .function(|x| x[0] * x[0])
            .synapse(0.01)
            .solver(LstsqL2::new(0.5)),
    )
    .unwrap();
    let pa = net.probe(Probe::new(a)).unwrap();
    let pb = net.probe(Probe::new(b)).unwrap();
    let pbs = net.probe(Probe::new(b).synapse(0.02)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.3).unwrap();
    for (probe, nengo, what) in [
        (pa, nengo_a, "a"),
        (pb, nengo_b, "b = a^2"),
        (pbs, nengo_b_filtered, "filtered b"),
    ] {
        let data = sim.data(probe).unwrap();
        assert_eq!(data.nrows(), 300);
        for (&k, &expected) in steps.iter().zip(&nengo) {
            assert!(
                (data[(k, 0)] - expected).abs() < 1e-9,
                "{what} at step {k}: {} vs Nengo's {expected}",
                data[(k, 0)]
            );
        }
    }
}

/// A direct-mode integrator (`u -> a` with transform tau, `a -> a`, both
/// through `Lowpass(tau)`) is exactly `x[k] = k tau (1 - exp(-dt/tau)) u`:
/// the filter of the feedback plus input adds `(1 - a) tau u` per step to
/// the value it carries. Nengo gives the same (0.0009950166250831947 at
/// step 1, 0.29750997089987274 at step 299 for tau = 0.1, u = 1).
#[test]
fn direct_recurrent_integrator_integrates_exactly_per_the_synapse_math() {
    let tau = 0.1;
    let u_value = 0.7;
    let mut net = Network::with_seed(1);
    let u = net.node("u", Node::constant(u_value)).unwrap();
    let a = net
        .ensemble("a", Ensemble::new(50, 1).neuron_type(Direct))
        .unwrap();
    net.connect(Connection::new(u, a).transform(tau).synapse(tau))
        .unwrap();
    net.connect(Connection::new(a, a).synapse(tau)).unwrap();
    let p = net.probe(Probe::new(a)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.5).unwrap();
    let x = sim.data(p).unwrap();
    let per_step = tau * (1.0 - (-DT / tau).exp()) * u_value;
    for k in 0..500 {
        let expected = k as f64 * per_step;
        assert!(
            (x[(k, 0)] - expected).abs() < 1e-9,
            "step {k}: {} vs {expected}",
            x[(k, 0)]
        );
    }
    assert!((x[(299, 0)] / u_value - 0.29750997089987274).abs() < 1e-9);
}

/// Direct-mode ensembles mix with neurons: a spiking ensemble decodes into
/// one, and one drives a spiking ensemble's encoders and neurons.
#[test]
fn direct_ensembles_connect_to_and_from_neuron_ensembles() {
    let mut net = Network::with_seed(3);
    let u = net.node("u", Node::constant(0.5)).unwrap();
    let lif = net.ensemble("lif", Ensemble::new(60, 1)).unwrap();
    let ideal = net
        .ensemble("ideal", Ensemble::new(1, 1).neuron_type(Direct))
        .unwrap();
    let back = net.ensemble("back", Ensemble::new(60, 1)).unwrap();
    net.connect(Connection::new(u, lif)).unwrap();
    net.connect(Connection::new(lif, ideal)).unwrap();
    // A weight solver into or out of direct mode is ignored, as in Nengo.
    net.connect(Connection::new(ideal, back).solver(LstsqL2::new(0.1).weights(true)))
        .unwrap();
    let pi = net.probe(Probe::new(ideal).synapse(0.02)).unwrap();
    let pb = net.probe(Probe::new(back).synapse(0.02)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.5).unwrap();
    let (xi, xb) = (sim.data(pi).unwrap(), sim.data(pb).unwrap());
    assert!(
        (xi.rows(300, 200).mean() - 0.5).abs() < 0.05,
        "{}",
        xi.rows(300, 200).mean()
    );
    assert!(
        (xb.rows(300, 200).mean() - 0.5).abs() < 0.08,
        "{}",
        xb.rows(300, 200).mean()
    );
}

/// In the DSL, `neuron_type: Direct` needs no change: it is a value like
/// any other (the DSL asks for `neurons`, which direct mode ignores).
#[test]
fn the_dsl_declares_direct_ensembles_with_neuron_type_direct() -> Result<(), snn::Error> {
    let net = network! {
        seed = 0;
        node u = |t| (2.0 * PI * t).sin();
        ensemble a { neurons: 1, neuron_type: Direct };
        ensemble b { neurons: 5, neuron_type: Direct };
        u -> a { synapse: None };
        a -> b { function: |x| 2.0 * x[0], synapse: None };
        probe out = b;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.1)?;
    let out = sim.data(net.out)?;
    for k in 0..100 {
        // Unfiltered: the node's value at this step, doubled.
        let t = (k + 1) as f64 * DT;
        assert!(
            (out[(k, 0)] - 2.0 * (2.0 * PI * t).sin()).abs() < 1e-12,
            "step {k}"
        );
    }
    Ok(())
}

#[test]
fn a_direct_ensemble_checks_its_given_eval_points_when_declared() {
    let mut net = Network::new();
    let direct = || Ensemble::new(10, 2).neuron_type(Direct);
    let err = net
        .ensemble(
            "nan",
            direct().eval_points(vec![[0.1, 0.2], [f64::NAN, 0.0]]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::NonFinite { object, parameter, index: (1, 0), value }
            if object == "nan" && parameter == "eval_points" && value.is_nan()),
        "{err}"
    );
    let err = net
        .ensemble("narrow", direct().eval_points(vec![0.1, 0.2]))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { object, what, got, .. }
            if object == "narrow" && what == "eval_points" && got == "2×1"),
        "{err}"
    );
    let err = net.ensemble("none", direct().n_eval_points(0)).unwrap_err();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "n_eval_points", .. }
            if object == "none"),
        "{err}"
    );
    assert!(net
        .ensemble("ok", direct().eval_points(vec![[0.1, 0.2]]))
        .is_ok());
}

#[test]
fn neurons_of_a_direct_ensemble_are_a_typed_error() {
    let mut net = Network::new();
    let a = net
        .ensemble("a", Ensemble::new(10, 1).neuron_type(Direct))
        .unwrap();
    let b = net.ensemble("b", Ensemble::new(10, 1)).unwrap();
    let no_neurons =
        |e: BuildError| matches!(&e, BuildError::NoNeurons { ensemble } if ensemble == "a");
    assert!(no_neurons(net.probe(Probe::spikes(a)).unwrap_err()));
    assert!(no_neurons(net.probe(Probe::new(a.neurons())).unwrap_err()));
    assert!(no_neurons(net.probe(Probe::voltage(a)).unwrap_err()));
    assert!(no_neurons(
        net.connect(Connection::new(a.neurons(), b)).unwrap_err()
    ));
    assert!(no_neurons(
        net.connect(Connection::new(b, a.neurons())).unwrap_err()
    ));
    let err = net
        .ensemble(
            "c",
            Ensemble::new(10, 1)
                .neuron_type(Direct)
                .initial_state("voltage", vec![0.0; 10]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "initial_state", .. } if object == "c"),
        "{err}"
    );
}

// ---------------------------------------------------------- initial state

/// First spikes of LIF neurons with given voltage and refractory time, at
/// `J = 1.5` (gain 1, bias 1.5, no input), from Nengo 4.1:
/// ```text
/// v0 = [0, .5, .97, .99, .99, .99, .99]; r0 = [0, 0, 0, 0, .001, .0025, .004]
/// a = nengo.Ensemble(7, 1, gain=np.ones(7), bias=np.full(7, 1.5),
///     neuron_type=nengo.LIF(initial_state={"voltage": v0, "refractory_time": r0}))
/// p = nengo.Probe(a.neurons)   # first spike steps: -, -, 1, 0, 0, 1, 3
/// ```
/// By hand: each step `r -= dt`, `v += (J - v)(1 - exp(-clip(dt - r, 0, dt) / tau_rc))`,
/// a spike when `v > 1`: 0.97 needs two steps, 0.99 one, and refractory
/// times of 2.5 and 4 ms hold it back to steps 1 and 3.
#[test]
fn given_voltage_and_refractory_time_set_the_first_spikes_as_nengo() {
    let v0 = vec![0.0, 0.5, 0.97, 0.99, 0.99, 0.99, 0.99];
    let r0 = vec![0.0, 0.0, 0.0, 0.0, 0.001, 0.0025, 0.004];
    let mut net = Network::with_seed(0);
    let a = net
        .ensemble(
            "a",
            Ensemble::new(7, 1)
                .gain_bias(vec![1.0; 7], vec![1.5; 7])
                .initial_state("voltage", v0.clone())
                .initial_state("refractory_time", r0.clone()),
        )
        .unwrap();
    let p = net.probe(Probe::spikes(a)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.01).unwrap();
    let spikes = sim.data(p).unwrap();
    let first = |i: usize| (0..10).find(|&k| spikes[(k, i)] > 0.0);
    let nengo = [None, None, Some(1), Some(0), Some(0), Some(1), Some(3)];
    for (i, expected) in nengo.into_iter().enumerate() {
        assert_eq!(first(i), expected, "neuron {i}");
        // The same by hand.
        let (mut v, mut r) = (v0[i], r0[i]);
        let by_hand = (0..10).find(|_| {
            r -= DT;
            v += (1.5 - v) * lif_step_fraction((DT - r).clamp(0.0, DT));
            let spiked = v > 1.0;
            if spiked {
                v = 0.0;
                r = 0.002;
            }
            spiked
        });
        assert_eq!(by_hand, expected, "neuron {i} by hand");
    }
}

/// Voltages drawn from U(0, 1) with the ensemble's seed: the neurons that
/// spike at the first step are exactly those whose drawn voltage `v0`
/// reaches 1 in one step, `v0 + (J - v0)(1 - exp(-dt / tau_rc)) > 1`.
#[test]
fn drawn_initial_voltage_gives_the_first_step_spikes_computed_by_hand() {
    let n = 200;
    let mut net = Network::with_seed(5);
    let a = net
        .ensemble(
            "a",
            Ensemble::new(n, 1)
                .gain_bias(vec![1.0; n], vec![3.0; n])
                .initial_state("voltage", Uniform::new(0.0, 1.0)),
        )
        .unwrap();
    let p = net.probe(Probe::spikes(a)).unwrap();
    let built = net.build(BuildOptions::default().dt(DT)).unwrap();
    let v0: Vec<f64> = built.ensembles[0]
        .initial_state
        .var(0)
        .iter()
        .map(|&v| f64::from(v))
        .collect();
    assert!(v0.iter().all(|v| (0.0..1.0).contains(v)));
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(DT).unwrap();
    let spikes = sim.data(p).unwrap();
    let mut count = 0;
    for (i, &v) in v0.iter().enumerate() {
        let expected = v + (3.0 - v) * lif_step_fraction(DT) > 1.0;
        assert_eq!(spikes[(0, i)] > 0.0, expected, "neuron {i} from {v}");
        count += usize::from(expected);
    }
    // About 10% of U(0, 1) lies above 1 - 2 (1 - e^-0.05) / e^-0.05 = 0.897.
    assert!((5..=40).contains(&count), "{count} first-step spikes");
    // The same seed draws the same state; another seed another.
    let again = net.build(BuildOptions::default().dt(DT)).unwrap();
    assert_eq!(
        again.ensembles[0].initial_state,
        built.ensembles[0].initial_state
    );
}

#[test]
fn bad_initial_states_are_typed_errors_naming_ensemble_variable_and_value() {
    let mut net = Network::with_seed(0);
    let err = net
        .ensemble(
            "a",
            Ensemble::new(4, 1).initial_state("volts", Uniform::new(0.0, 1.0)),
        )
        .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "initial_state", .. } if object == "a")
            && text.contains("volts")
            && text.contains("voltage, refractory_time"),
        "{text}"
    );
    let err = net
        .ensemble(
            "b",
            Ensemble::new(4, 1).initial_state("voltage", vec![0.0; 3]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Shape { object, what, got, .. } if object == "b" && what.contains("voltage") && got == "3×1"),
        "{err}"
    );
    let err = net
        .ensemble(
            "c",
            Ensemble::new(3, 1).initial_state("refractory_time", vec![0.0, f64::NAN, 0.0]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::NonFinite { object, parameter, index: (1, 0), value }
            if object == "c" && parameter == "initial_state.refractory_time" && value.is_nan()),
        "{err}"
    );
    // Drawn values are checked at the build.
    net.ensemble(
        "d",
        Ensemble::new(3, 1).initial_state("voltage", Gaussian::new(0.0, 1e300)),
    )
    .unwrap();
    let err = net.build(BuildOptions::default().dt(DT)).unwrap_err();
    assert!(
        err.to_string().contains("d") && err.to_string().contains("voltage"),
        "{err}"
    );
}

// ---------------------------------------------------- evaluation points

#[test]
fn explicit_eval_points_are_scaled_by_the_radius_as_documented() {
    let mut net = Network::with_seed(0);
    net.ensemble(
        "a",
        Ensemble::new(20, 2)
            .radius(2.5)
            .eval_points(vec![[0.2, -0.4], [1.0, 0.0], [0.0, 0.5]]),
    )
    .unwrap();
    let built = net.build(BuildOptions::default().dt(DT)).unwrap();
    let expected = [[0.5, -1.0], [2.5, 0.0], [0.0, 1.25]];
    for (i, row) in expected.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            assert_eq!(built.ensembles[0].eval_points[(i, j)], v);
        }
    }
}

#[test]
fn non_finite_eval_points_are_blamed_on_the_eval_points_not_the_function() {
    let mut net = Network::with_seed(0);
    let err = net
        .ensemble(
            "a",
            Ensemble::new(10, 1).eval_points(vec![0.0, 0.5, f64::INFINITY]),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::NonFinite { object, parameter, index: (2, 0), value }
            if object == "a" && parameter == "eval_points" && *value == f64::INFINITY),
        "{err}"
    );
    // Drawn points scaled past f64::MAX by the radius: found at the build.
    let mut net = Network::with_seed(0);
    let a = net
        .ensemble(
            "wide",
            Ensemble::new(10, 1)
                .radius(1e300)
                .eval_points(Gaussian::new(0.0, 1e300)),
        )
        .unwrap();
    let b = net.ensemble("b", Ensemble::new(10, 1)).unwrap();
    net.connect(Connection::new(a, b).function(|x| x[0]))
        .unwrap();
    let err = net.build(BuildOptions::default().dt(DT)).unwrap_err();
    assert!(
        matches!(&err, BuildError::NonFinite { object, parameter, value, .. }
            if object == "wide" && parameter == "eval_points" && value.is_infinite()),
        "{err}"
    );
    // A connection's own points too.
    let err = net
        .connect(Connection::new(b, a).eval_points(vec![f64::NAN]))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::NonFinite { object, parameter, index: (0, 0), value }
            if object == "b -> wide" && parameter == "eval_points" && value.is_nan()),
        "{err}"
    );
}

// ---------------------------------------------------------------- probes

#[test]
fn a_probe_with_a_weight_solver_is_refused_as_nengo_refuses_it() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(10, 1)).unwrap();
    let err = net
        .probe(Probe::new(a).solver(LstsqL2::new(0.1).weights(true)))
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::InvalidParameter { object, param: "solver", .. } if object == "probe(a)"),
        "{err}"
    );
    net.probe(Probe::new(a).solver(LstsqL2::new(0.05))).unwrap();
}

// -------------------------------------------------------- cloned networks

#[test]
fn a_cloned_network_refuses_the_handles_of_the_original() {
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::constant(0.5)).unwrap();
    let a = net.ensemble("a", Ensemble::new(20, 1)).unwrap();
    let spikes = net.probe(Probe::spikes(a)).unwrap();
    let mut copy = net.clone();
    let b = copy.ensemble("b", Ensemble::new(20, 1)).unwrap();
    let unknown = |e: BuildError| matches!(e, BuildError::UnknownObject { .. });
    assert!(unknown(copy.connect(Connection::new(u, b)).unwrap_err()));
    assert!(unknown(copy.connect(Connection::new(b, a)).unwrap_err()));
    assert!(unknown(copy.probe(Probe::new(a)).unwrap_err()));
    assert!(unknown(copy.get_ensemble(a).unwrap_err()));
    assert!(unknown(net.probe(Probe::new(b)).unwrap_err()));
    // Its simulator does not answer the original's probe with its own data.
    let sim = Simulator::new(&copy).unwrap();
    assert!(matches!(
        sim.data(spikes),
        Err(SimError::UnknownProbe { .. })
    ));
    let sim = Simulator::new(&net).unwrap();
    assert!(sim.data(spikes).is_ok());
    // The clone builds the original's connections and probes as its own,
    // and `rebind` gives their handles there.
    let copy = net.clone();
    let c = net.ensemble("c", Ensemble::new(20, 1)).unwrap();
    assert!(
        unknown(copy.rebind(c).unwrap_err()),
        "added after the clone"
    );
    assert!(unknown(copy.rebind(b).unwrap_err()), "from a sibling clone");
    let (cu, ca, cspikes) = (
        copy.rebind(u).unwrap(),
        copy.rebind(a).unwrap(),
        copy.rebind(spikes).unwrap(),
    );
    let mut copy = copy;
    copy.connect(Connection::new(cu, ca)).unwrap();
    let mut sim = Simulator::new(&copy).unwrap();
    sim.run(0.01).unwrap();
    assert_eq!(sim.data(cspikes).unwrap().shape(), (10, 20));
    assert!(sim.data(spikes).is_err());
    assert_eq!(net.rebind(spikes).unwrap(), spikes);
}

// ------------------------------------------------------------------ names

#[test]
fn duplicate_names_are_refused_and_a_refused_object_keeps_its_name_free() {
    let mut net = Network::new();
    net.node("x", Node::constant(1.0)).unwrap();
    assert_eq!(
        net.ensemble("x", Ensemble::new(5, 1)).unwrap_err(),
        BuildError::DuplicateName("x".into())
    );
    // A rejected ensemble does not take its name.
    assert!(net.ensemble("y", Ensemble::new(0, 1)).is_err());
    net.ensemble("y", Ensemble::new(5, 1)).unwrap();
    net.subnetwork("sub", |n| {
        n.node("x", Node::constant(0.0))?;
        assert_eq!(
            n.node("x", Node::constant(0.0)).unwrap_err(),
            BuildError::DuplicateName("sub.x".into())
        );
        Ok(())
    })
    .unwrap();
    assert_eq!(
        net.node("sub", Node::constant(0.0)).unwrap_err(),
        BuildError::DuplicateName("sub".into())
    );
    assert_eq!(
        net.node("sub.x", Node::constant(0.0)).unwrap_err(),
        BuildError::DuplicateName("sub.x".into())
    );
}

// ----------------------------------------------------------------- slices

#[test]
fn empty_and_reversed_slices_are_refused_naming_object_and_range() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(10, 3)).unwrap();
    let b = net.ensemble("b", Ensemble::new(10, 3)).unwrap();
    #[allow(clippy::reversed_empty_ranges)]
    let cases = [
        (Connection::new(a.slice(2..1), b.at(0)), "a", "2..1"),
        (Connection::new(a.at(0), b.slice(1..1)), "b", "1..1"),
        (Connection::new(a.pick([]), b.at(0)), "a", "[] (no indices)"),
        (
            Connection::new(a.slice(0..2).slice(1..1), b.at(0)),
            "a",
            "1..1",
        ),
        (
            Connection::new(a.neurons().slice(5..5), b.at(0)),
            "a.neurons",
            "5..5",
        ),
    ];
    for (conn, object, selection) in cases {
        let err = net.connect(conn).unwrap_err();
        assert_eq!(
            err,
            BuildError::EmptySlice {
                object: object.into(),
                selection: selection.into()
            }
        );
        assert!(err.to_string().contains(selection));
    }
    net.connect(Connection::new(a.slice(1..3), b.slice(0..2)))
        .unwrap();
}

// ------------------------------------------------------- nonlinear_lowpass

#[test]
fn nonlinear_lowpass_of_a_function_of_the_wrong_size_is_a_shape_error() {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(20, 2)).unwrap();
    let refused = |err: BuildError, got: usize| {
        assert!(
            matches!(&err, BuildError::Shape { what, expected, .. }
                if what.contains(&format!("function returns {got} values")) && expected == &format!("2×{got}")),
            "{err}"
        );
    };
    let too_many = nonlinear_lowpass(0.1, |x: &[f64]| vec![x[0], x[1], 0.0]);
    refused(
        net.connect(Connection::new(a, a).function(too_many).synapse(0.1))
            .unwrap_err(),
        3,
    );
    let too_few = nonlinear_lowpass(0.1, |x: &[f64]| vec![x[0]]);
    refused(
        net.connect(Connection::new(a, a).function(too_few).synapse(0.1))
            .unwrap_err(),
        1,
    );
    let good = nonlinear_lowpass(0.1, |x| vec![-x[0], x[1]]);
    assert_eq!(good(&[1.0, 2.0]), vec![0.9, 2.2]);
    net.connect(Connection::new(a, a).function(good).synapse(0.1))
        .unwrap();
}

// ------------------------------------------------------------ tuning, sizes

#[test]
fn an_intercept_of_minus_one_builds_with_nengos_gain_and_bias() {
    let mut net = Network::with_seed(0);
    net.ensemble(
        "a",
        Ensemble::new(1, 1)
            .max_rates(vec![200.0])
            .intercepts(vec![-1.0]),
    )
    .unwrap();
    let built = net.build(BuildOptions::default().dt(DT)).unwrap();
    assert!((built.ensembles[0].gain[0] - 3.0895809908382077).abs() < 1e-12);
    assert!((built.ensembles[0].bias[0] - 4.089580990838208).abs() < 1e-12);
}

#[test]
fn absurd_sizes_are_typed_errors_not_aborts() {
    let mut net = Network::new();
    let too_large = |e: BuildError, name: &str| matches!(&e, BuildError::TooLarge { object, limit, .. } if object == name && *limit == MAX_ELEMENTS);
    assert!(too_large(
        net.ensemble("n", Ensemble::new(usize::MAX, 1)).unwrap_err(),
        "n"
    ));
    assert!(too_large(
        net.ensemble("d", Ensemble::new(10, usize::MAX))
            .unwrap_err(),
        "d"
    ));
    assert!(too_large(
        net.ensemble("nd", Ensemble::new(1 << 20, 1 << 20))
            .unwrap_err(),
        "nd"
    ));
    assert!(too_large(
        net.ensemble("m", Ensemble::new(10, 4).n_eval_points(usize::MAX))
            .unwrap_err(),
        "m"
    ));
    assert!(too_large(
        net.node("p", Node::passthrough(usize::MAX)).unwrap_err(),
        "p"
    ));
    assert!(too_large(
        net.node("f", Node::time_input(usize::MAX - 1, |_, x| x[0]))
            .unwrap_err(),
        "f"
    ));
    // Each ensemble alone is fine, but its decoder solve would need an
    // activity matrix of 40 000 × 30 000 values: refused at the build.
    let big = net
        .ensemble("big", Ensemble::new(40_000, 1).n_eval_points(30_000))
        .unwrap();
    net.probe(Probe::new(big)).unwrap();
    let err = net.build(BuildOptions::default().dt(DT)).unwrap_err();
    assert!(too_large(err.clone(), "big"), "{err}");
}
