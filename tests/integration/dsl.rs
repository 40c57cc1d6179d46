//! The `network!` DSL against the builder API it expands to.

use snn::prelude::*;
use std::f64::consts::PI;

#[test]
fn dsl_and_builder_networks_give_bit_identical_probe_data() -> Result<(), snn::Error> {
    let n = 60;
    let net = network! {
        seed = 3;
        node stim = |t| [(2.0 * PI * t).sin(), (PI * t).cos()];
        ensemble a { neurons: 2 * n, dimensions: 2, radius: 1.5 };
        ensemble b { neurons: n, max_rates: Uniform::new(100.0, 200.0), intercepts: Uniform::new(-0.5, 0.5) };
        stim -> a;
        a -> b { function: |x| x[0] * x[1], synapse: 0.01 };
        b -> b { synapse: Lowpass(0.1), transform: 0.5 };
        probe out = b { synapse: 0.01 };
        probe spikes = a.neurons;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.3)?;

    let mut builder = Network::with_seed(3);
    let stim = builder.node(
        "stim",
        Node::time(|t| [(2.0 * PI * t).sin(), (PI * t).cos()]),
    )?;
    let a = builder.ensemble("a", Ensemble::new(2 * n, 2).radius(1.5))?;
    let b = builder.ensemble(
        "b",
        Ensemble::new(n, 1)
            .max_rates(Uniform::new(100.0, 200.0))
            .intercepts(Uniform::new(-0.5, 0.5)),
    )?;
    builder.connect(Connection::new(stim, a))?;
    builder.connect(
        Connection::new(a, b)
            .function(|x| x[0] * x[1])
            .synapse(0.01),
    )?;
    builder.connect(Connection::new(b, b).synapse(Lowpass(0.1)).transform(0.5))?;
    let out = builder.probe(Probe::new(b).synapse(0.01))?;
    let spikes = builder.probe(Probe::new(a.neurons()))?;
    let mut twin = Simulator::new(&builder)?;
    twin.run(0.3)?;

    let (x, y) = (sim.data(net.out)?, twin.data(out)?);
    assert!(x
        .iter()
        .zip(y.iter())
        .all(|(p, q)| p.to_bits() == q.to_bits()));
    assert_eq!(sim.data(net.spikes)?, twin.data(spikes)?);
    Ok(())
}

/// A reusable part: an integrator with an input node, built by a function.
struct Integrator {
    input: NodeId,
    x: EnsembleId,
}

fn integrator(net: &mut Network, tau: f64) -> Result<Integrator, BuildError> {
    let input = net.node("input", Node::passthrough(1))?;
    let x = net.ensemble("x", Ensemble::new(100, 1))?;
    net.connect(Connection::new(input, x).transform(tau).synapse(tau))?;
    net.connect(Connection::new(x, x).synapse(tau))?;
    Ok(Integrator { input, x })
}

#[test]
fn every_declaration_form_builds_and_runs() -> Result<(), snn::Error> {
    let gain = 2.0;
    let net = network! {
        seed = 0;
        node constant = 0.5;
        node pulse = |t| if t < 0.1 { 1.0 } else { 0.0 };
        node scaled { size_in: 1, output: move |_t, x: &[f64]| gain * x[0] };
        node junction { size_in: 2 };
        ensemble a { neurons: 80, dimensions: 2, neuron_type: LIF::default(), seed: 9,
                     encoders: UniformHypersphere::surface(), eval_points: ScatteredHypersphere::volume(),
                     n_eval_points: 500, normalize_encoders: true };
        ensemble rate { neurons: 20, neuron_type: RectifiedLinear::default() };
        subnet mem = integrator(0.1);
        constant -> a[0];
        pulse -> mem.input;
        mem.x -> a[1] { synapse: None };
        a[0..2] -> junction { synapse: Alpha(0.005) };
        a -> rate { transform: [[0.5, 0.5]], solver: LstsqL2::new(0.05) };
        junction[1] -> scaled;
        rate.neurons -> rate.neurons[0..5] { transform: nalgebra::DMatrix::from_element(5, 20, -0.001) };
        probe held = mem.x { synapse: 0.01 };
        probe volts = a.voltage { sample_every: 0.01 };
        probe sc = scaled;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.5)?;
    let held = sim.data(net.held)?;
    // The pulse of 1 for 0.1 s, integrated: about 0.1 held afterwards.
    assert!(
        (held[(499, 0)] - 0.1).abs() < 0.05,
        "held {}",
        held[(499, 0)]
    );
    assert_eq!(sim.data(net.volts)?.shape(), (50, 80));
    assert_eq!(sim.data(net.sc)?.ncols(), 1);
    let _ = (
        net.junction,
        net.rate,
        net.mem.input,
        net.constant,
        net.pulse,
    );
    Ok(())
}

/// Nested sub-networks: `outer` builds `inner` inside itself.
struct Inner {
    y: EnsembleId,
}

struct Outer {
    inner: Inner,
    input: NodeId,
}

fn outer(net: &mut Network) -> Result<Outer, BuildError> {
    let input = net.node("input", Node::passthrough(1))?;
    let inner = net.subnetwork("inner", |net| {
        Ok(Inner {
            y: net.ensemble("y", Ensemble::new(30, 1))?,
        })
    })?;
    net.connect(Connection::new(input, inner.y))?;
    Ok(Outer { inner, input })
}

#[test]
fn sub_network_parts_at_any_depth_are_probed_as_they_are_connected() -> Result<(), snn::Error> {
    let net = network! {
        seed = 1;
        node stim = |t| (8.0 * t).sin();
        node out { size_in: 1 };
        subnet s = outer();
        stim -> s.input;
        s.inner.y -> out;
        probe value = s.inner.y { synapse: 0.01 };
        probe volts = s.inner.y.voltage;
        probe spikes = s.inner.y.neurons;
        probe current = s.inner.y.neurons.input;
        // After a sub-network, `input` is a field (a part), not the attribute.
        probe passed = s.input;
        probe decoded = out;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.1)?;

    let mut b = Network::with_seed(1);
    let stim = b.node("stim", Node::time(|t| (8.0 * t).sin()))?;
    let out = b.node("out", Node::passthrough(1))?;
    let s = b.subnetwork("s", outer)?;
    b.connect(Connection::new(stim, s.input))?;
    b.connect(Connection::new(s.inner.y, out))?;
    let probes = [
        (net.value, b.probe(Probe::new(s.inner.y).synapse(0.01))?),
        (net.volts, b.probe(Probe::voltage(s.inner.y))?),
        (net.spikes, b.probe(Probe::new(s.inner.y.neurons()))?),
        (net.current, b.probe(Probe::input(s.inner.y))?),
        (net.passed, b.probe(Probe::new(s.input))?),
        (net.decoded, b.probe(Probe::new(out))?),
    ];
    let mut twin = Simulator::new(&b)?;
    twin.run(0.1)?;
    for (mine, theirs) in probes {
        let (x, y) = (sim.data(mine)?, twin.data(theirs)?);
        assert_eq!(x.shape(), y.shape());
        assert!(x
            .iter()
            .zip(y.iter())
            .all(|(p, q)| p.to_bits() == q.to_bits()));
    }
    assert_eq!(sim.data(net.volts)?.ncols(), 30);
    assert_eq!(net.network.ensemble_name(net.s.inner.y)?, "s.inner.y");
    Ok(())
}

/// Runs a network for 20 steps and returns what probe `p` recorded.
fn recorded(net: &Network, p: ProbeId) -> Result<nalgebra::DMatrix<f64>, snn::Error> {
    let mut sim = Simulator::new(net)?;
    sim.run(0.02)?;
    Ok(sim.data(p)?.clone())
}

#[test]
fn synapse_zero_is_passed_to_the_builder_like_any_other_time_constant() {
    let dsl = (|| -> Result<_, snn::Error> {
        let net = network! {
            seed = 2;
            node stim = |t| 10.0 * t;
            ensemble a { neurons: 20 };
            stim -> a { synapse: 0.0 };
            probe p = a { synapse: 0.0 };
        }?;
        recorded(&net.network, net.p)
    })();
    let builder = (|| -> Result<_, snn::Error> {
        let mut b = Network::with_seed(2);
        let stim = b.node("stim", Node::time(|t| 10.0 * t))?;
        let a = b.ensemble("a", Ensemble::new(20, 1))?;
        b.connect(Connection::new(stim, a).synapse(0.0))?;
        let p = b.probe(Probe::new(a).synapse(0.0))?;
        recorded(&b, p)
    })();
    // Whatever the builder makes of `synapse(0.0)` (a one-step delay, as
    // Lowpass(0) in Nengo), the DSL makes the same: the same data, or the
    // same error; the DSL itself refuses no time constant.
    match (dsl, builder) {
        (Ok(x), Ok(y)) => {
            assert_eq!(x.shape(), y.shape());
            assert!(x
                .iter()
                .zip(y.iter())
                .all(|(p, q)| p.to_bits() == q.to_bits()));
        }
        (Err(x), Err(y)) => assert_eq!(x.to_string(), y.to_string()),
        (x, y) => panic!("the DSL gave {x:?} but the builder {y:?}"),
    }
}

#[test]
fn doc_comments_and_lint_attributes_on_declarations_are_accepted() -> Result<(), snn::Error> {
    let net = network! {
        /// The network's seed.
        seed = 4;
        /// The input.
        node stim = |t| t;
        /// An ensemble, its neuron count in needless parentheses.
        #[allow(unused_parens)]
        ensemble a {
            /// A parameter's doc comment is dropped.
            neurons: (10),
        };
        /// Unnamed: the doc comment has no field to go on and is dropped.
        #[allow(unused_parens)]
        stim -> a { synapse: (0.01) };
        #[doc = "A probe."]
        #[warn(unused_parens)]
        probe p = a;
    }?;
    assert_eq!(recorded(&net.network, net.p)?.nrows(), 20);
    let _ = net.stim;
    Ok(())
}

/// `?` in a value leaves the enclosing function, as in any Rust code (the
/// expansion is a block, not a closure that would catch it as a
/// `BuildError`).
fn neurons_from(text: &str) -> Result<usize, String> {
    let net = network! {
        ensemble a { neurons: text.parse::<usize>().map_err(|e| format!("neurons {text:?}: {e}"))? };
    }
    .map_err(|e| e.to_string())?;
    Ok(net
        .network
        .get_ensemble(net.a)
        .map_err(|e| e.to_string())?
        .n_neurons)
}

#[test]
fn question_mark_in_a_value_returns_from_the_enclosing_function() {
    assert_eq!(neurons_from("12"), Ok(12));
    assert_eq!(
        neurons_from("twelve"),
        Err("neurons \"twelve\": invalid digit found in string".to_string())
    );
}

#[test]
fn closures_of_nodes_and_connections_capture_locals_with_move() -> Result<(), snn::Error> {
    let (level, gain) = (0.5, 3.0);
    let net = network! {
        seed = 5;
        node stim = move |_t| level;
        node out { size_in: 1 };
        stim -> out { function: move |x| gain * x[0], synapse: None };
        probe p = out;
    }?;
    let data = recorded(&net.network, net.p)?;
    // A node's output reaches a passthrough unfiltered in the same step.
    assert_eq!(data[(19, 0)], gain * level);
    // The captured locals were copied, not moved away.
    assert_eq!((level, gain), (0.5, 3.0));
    Ok(())
}

/// The first step (row) in which each neuron of a spike record spikes.
fn first_spike_rows(spikes: &nalgebra::DMatrix<f64>) -> Vec<Option<usize>> {
    (0..spikes.ncols())
        .map(|j| (0..spikes.nrows()).find(|&k| spikes[(k, j)] > 0.0))
        .collect()
}

/// Four LIF neurons (tau_rc 0.02, tau_ref 0.002, dt 0.001) driven by a
/// constant J = bias = 2 (gain 1, no input). The exact step gives
/// v_k = J + (v_0 - J) e^{-k dt / tau_rc} while not refractory, so:
/// - v_0 = 0: v passes 1 when k dt > tau_rc ln(J / (J - 1)) = 0.013863 s,
///   first spike in step 14 (row 13);
/// - v_0 = 0, refractory_time 0.005: the step integrates
///   clamp(dt - (r - dt), 0, dt), which is 0 for steps 1-4 (r = 0.005,
///   0.004, 0.003, 0.002 at their start) and dt from step 5, so the same
///   14 integrating steps end in step 18 (row 17);
/// - v_0 = 0.95: one step gives 2 - 1.05 e^{-0.05} = 1.0012 > 1, a spike in
///   step 1 (row 0) — the threshold is v_0 > 2 - e^{0.05} = 0.94873;
/// - v_0 = 0.94: step 1 gives 0.99170, step 2 gives 1.0409: row 1.
#[test]
fn dsl_initial_state_sets_voltage_and_refractory_time_of_each_neuron() -> Result<(), snn::Error> {
    let net = network! {
        ensemble a {
            neurons: 4,
            gain: vec![1.0; 4],
            bias: vec![2.0; 4],
            initial_state: {
                voltage: vec![0.0, 0.0, 0.95, 0.94],
                refractory_time: vec![0.0, 0.005, 0.0, 0.0],
            },
        };
        probe spikes = a.neurons;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.03)?;
    let first = first_spike_rows(&sim.data(net.spikes)?);
    assert_eq!(first, [Some(13), Some(17), Some(0), Some(1)]);
    Ok(())
}

/// The DSL's map is the builder's calls: same network, same seed, the same
/// spikes (a distribution drawn with the ensemble's seed, then a vector).
#[test]
fn dsl_initial_state_is_the_builder_initial_state() -> Result<(), snn::Error> {
    let net = network! {
        seed = 5;
        ensemble a {
            neurons: 20,
            initial_state: {
                voltage: Uniform::new(0.5, 1.0),
                r#refractory_time: vec![0.001; 20],
            },
        };
        probe spikes = a.neurons;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.05)?;

    let mut builder = Network::with_seed(5);
    let a = builder.ensemble(
        "a",
        Ensemble::new(20, 1)
            .initial_state("voltage", Uniform::new(0.5, 1.0))
            .initial_state("refractory_time", vec![0.001; 20]),
    )?;
    let spikes = builder.probe(Probe::new(a.neurons()))?;
    let mut twin = Simulator::new(&builder)?;
    twin.run(0.05)?;
    assert_eq!(sim.data(net.spikes)?, twin.data(spikes)?);
    Ok(())
}

/// A state variable the neuron type lacks, when the type is not evident
/// from the tokens, is the builder's typed error naming it.
#[test]
fn dsl_initial_state_of_an_opaque_neuron_type_is_checked_by_the_builder() {
    let neuron_type = LIFRate::default();
    let result = network! {
        ensemble a { neurons: 5, neuron_type: neuron_type, initial_state: { voltage: vec![0.5; 5] } };
    };
    let Err(e) = result else {
        panic!("a LIFRate ensemble has no voltage to start from");
    };
    // "a: `initial_state` = `voltage` is invalid: LIFRate has no state
    // variable `voltage`; its state variables: none"
    let message = e.to_string();
    assert!(message.starts_with("a: "), "{message}");
    assert!(
        message.contains("LIFRate has no state variable `voltage`"),
        "{message}"
    );
}

/// What `network!` returns is a model itself: `Simulator::new(&net)`,
/// `Simulator::with_dt(&net, dt)` and `net.build(options)` act on its
/// network (a struct with sub-network fields, generic, included).
#[test]
fn the_macros_network_is_simulated_and_built_as_its_network() -> Result<(), snn::Error> {
    let net = network! {
        seed = 4;
        node stim = |t| (3.0 * t).sin();
        subnet s = outer();
        stim -> s.input;
        probe out = s.inner.y { synapse: 0.01 };
    }?;
    let bits = |sim: &Simulator| -> Result<Vec<u64>, snn::Error> {
        Ok(sim.data(net.out)?.iter().map(|v| v.to_bits()).collect())
    };
    let mut direct = Simulator::new(&net)?;
    let mut inner = Simulator::new(&net.network)?;
    direct.run(0.05)?;
    inner.run(0.05)?;
    assert_eq!(bits(&direct)?, bits(&inner)?);
    let built = direct.built().expect("the build is kept");
    assert_eq!(built.seed, 4);

    let mut fine = Simulator::with_dt(&net, 0.0005)?;
    fine.run(0.05)?;
    assert_eq!(fine.data(net.out)?.nrows(), 100);

    let model = net.build(BuildOptions::default().progress(Progress::Never))?;
    let mut from_build = Simulator::new(&model)?;
    from_build.run(0.05)?;
    assert_eq!(bits(&from_build)?, bits(&direct)?);
    Ok(())
}

/// `a[1..]` runs to the end of `a`, as `a.slice(1..3)` in the builder.
#[test]
fn an_open_range_runs_to_the_end_of_the_object() -> Result<(), snn::Error> {
    let net = network! {
        node u = [0.1, 0.2, 0.3];
        node sink { size_in: 2 };
        u[1..] -> sink { synapse: None };
        probe p = sink;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.002)?;
    assert_eq!(
        sim.data(net.p)?.row(1).iter().copied().collect::<Vec<_>>(),
        [0.2, 0.3]
    );
    Ok(())
}

#[test]
fn dsl_nodes_and_ensembles_take_processes_as_the_builder_does() -> Result<(), snn::Error> {
    let net = network! {
        seed = 5;
        node u = WhiteSignal::new(1.0, 5.0).rms(0.3);
        node steps = Piecewise::values(&[(0.05, 1.0), (0.1, -1.0)]);
        ensemble a { neurons: 50, noise: WhiteNoise::new(Gaussian::new(0.0, 0.1)) };
        u -> a;
        probe pu = u;
        probe ps = steps;
        probe spikes = a.neurons;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.2)?;

    let mut builder = Network::with_seed(5);
    let u = builder.node("u", Node::process(WhiteSignal::new(1.0, 5.0).rms(0.3)))?;
    let steps = builder.node(
        "steps",
        Node::process(Piecewise::values(&[(0.05, 1.0), (0.1, -1.0)])),
    )?;
    let a = builder.ensemble(
        "a",
        Ensemble::new(50, 1).noise(WhiteNoise::new(Gaussian::new(0.0, 0.1))),
    )?;
    builder.connect(Connection::new(u, a))?;
    let pu = builder.probe(Probe::new(u))?;
    let ps = builder.probe(Probe::new(steps))?;
    let spikes = builder.probe(Probe::spikes(a))?;
    let mut by_hand = Simulator::new(&builder)?;
    by_hand.run(0.2)?;
    for (dsl, hand) in [(net.pu, pu), (net.ps, ps), (net.spikes, spikes)] {
        assert!(sim.data(dsl)? == by_hand.data(hand)?, "probe data differ");
    }
    assert_eq!(sim.data(net.ps)?[(99, 0)], -1.0);
    Ok(())
}

#[test]
fn dsl_size_out_sizes_a_process_node_as_nengos_size_out_does() -> Result<(), snn::Error> {
    let net = network! {
        seed = 2;
        node u { output: WhiteSignal::new(1.0, 5.0).seed(4), size_out: 3 };
        node c { output: [0.5, -0.5], size_out: 2 };
        ensemble a { neurons: 60, dimensions: 3 };
        u -> a;
        probe pu = u;
        probe pc = c;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.05)?;
    let signal = WhiteSignal::new(1.0, 5.0).seed(4).run_steps(50, 3, 0.001)?;
    assert!(
        sim.data(net.pu)? == signal,
        "the node gives the process's 3-D samples"
    );
    assert_eq!(sim.data(net.pc)?.ncols(), 2);

    // The builder's check, for sizes the macro cannot see.
    let two = 2;
    let err = network! {
        node c { output: [0.5, -0.5, 0.0], size_out: two };
    }
    .err()
    .expect("a 3-value constant declared as 2 values is refused");
    let text = err.to_string();
    assert!(text.contains("`c`") && text.contains("size_out"), "{text}");
    Ok(())
}

#[test]
fn dsl_learning_rules_build_as_the_builder_does() -> Result<(), snn::Error> {
    let net = network! {
        seed = 3;
        node stim = [0.5, -0.5];
        node target = [0.5, -0.5];
        ensemble pre { neurons: 100, dimensions: 2 };
        ensemble post { neurons: 100, dimensions: 2 };
        ensemble error { neurons: 100, dimensions: 2 };
        stim -> pre;
        connection c = pre -> post { function: |x| [x[1], x[0]], learning_rule: PES::new(1e-3) };
        target -> error { transform: -1.0 };
        post -> error;
        error -> c.learning_rule;
        probe out = post { synapse: 0.03 };
        probe w = c.weights { sample_every: 0.1 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.3)?;

    let mut builder = Network::with_seed(3);
    let stim = builder.node("stim", Node::constant([0.5, -0.5]))?;
    let target = builder.node("target", Node::constant([0.5, -0.5]))?;
    let pre = builder.ensemble("pre", Ensemble::new(100, 2))?;
    let post = builder.ensemble("post", Ensemble::new(100, 2))?;
    let error = builder.ensemble("error", Ensemble::new(100, 2))?;
    builder.connect(Connection::new(stim, pre))?;
    let c = builder.connect(
        Connection::new(pre, post)
            .function(|x: &[f64]| [x[1], x[0]])
            .learning_rule(PES::new(1e-3)),
    )?;
    builder.connect(Connection::new(target, error).transform(-1.0))?;
    builder.connect(Connection::new(post, error))?;
    builder.connect(Connection::new(error, c.learning_rule()))?;
    let out = builder.probe(Probe::new(post).synapse(0.03))?;
    let w = builder.probe(Probe::weights(c).sample_every(0.1))?;
    let mut by_hand = Simulator::new(&builder)?;
    by_hand.run(0.3)?;
    assert!(
        sim.data(net.out)? == by_hand.data(out)?,
        "decoded outputs differ"
    );
    assert!(sim.data(net.w)? == by_hand.data(w)?, "weights differ");
    assert_eq!(sim.data(net.w)?.shape(), (3, 200));
    Ok(())
}

#[test]
fn dsl_voja_and_rule_signal_probes_build_as_the_builder_does() -> Result<(), snn::Error> {
    let net = network! {
        seed = 5;
        node key = [0.6, -0.8];
        node stop = |t| if t < 0.2 { 0.0 } else { -1.0 };
        ensemble memory { neurons: 40, dimensions: 2 };
        connection learn = key -> memory { learning_rule: Voja::new(0.05) };
        stop -> learn.learning_rule { synapse: None };
        probe enc = memory.scaled_encoders { sample_every: 0.1 };
        probe delta = learn.learning_rule.delta { sample_every: 0.1 };
        probe post = learn.learning_rule.post_filtered;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.3)?;

    let mut builder = Network::with_seed(5);
    let key = builder.node("key", Node::constant([0.6, -0.8]))?;
    let stop = builder.node(
        "stop",
        Node::time(|t: f64| if t < 0.2 { 0.0 } else { -1.0 }),
    )?;
    let memory = builder.ensemble("memory", Ensemble::new(40, 2))?;
    let learn = builder.connect(Connection::new(key, memory).learning_rule(Voja::new(0.05)))?;
    builder.connect(Connection::new(stop, learn.learning_rule()).synapse(None))?;
    let enc = builder.probe(Probe::scaled_encoders(memory).sample_every(0.1))?;
    let delta =
        builder.probe(Probe::learning_rule(learn.learning_rule(), "delta").sample_every(0.1))?;
    let mut by_hand = Simulator::new(&builder)?;
    by_hand.run(0.3)?;
    assert!(sim.data(net.enc)? == by_hand.data(enc)?, "encoders differ");
    assert!(
        sim.data(net.delta)? == by_hand.data(delta)?,
        "deltas differ"
    );
    let e = sim.data(net.enc)?;
    assert_eq!(e.shape(), (3, 80));
    assert!((e.row(0) - e.row(1)).amax() > 0.0, "nothing learned");
    assert_eq!(e.row(1), e.row(2), "stopped at 0.2 s");
    assert_eq!(sim.data(net.post)?.ncols(), 40);
    Ok(())
}

#[test]
fn dsl_library_networks_are_subnets_with_addressable_parts() -> Result<(), snn::Error> {
    let net = network! {
        seed = 3;
        node stim = |t| [(6.0 * t).sin(), (6.0 * t).cos()];
        subnet ea = EnsembleArray::new(40, 2);
        subnet prod = Product::new(100, 2).input_magnitude(1.0);
        node out { size_in: 2 };
        stim -> ea.input;
        ea.output -> prod.input_a;
        stim -> prod.input_b;
        prod.output -> out;
        probe p = prod.output { synapse: 0.01 };
        probe sq = prod.sq1.output;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.2)?;

    let mut b = Network::with_seed(3);
    let stim = b.node("stim", Node::time(|t| [(6.0 * t).sin(), (6.0 * t).cos()]))?;
    let ea = b.add("ea", EnsembleArray::new(40, 2))?;
    let prod = b.add("prod", Product::new(100, 2).input_magnitude(1.0))?;
    let out = b.node("out", Node::passthrough(2))?;
    b.connect(Connection::new(stim, ea.input))?;
    b.connect(Connection::new(ea.output, prod.input_a))?;
    b.connect(Connection::new(stim, prod.input_b))?;
    b.connect(Connection::new(prod.output, out))?;
    let p = b.probe(Probe::new(prod.output).synapse(0.01))?;
    let sq = b.probe(Probe::new(prod.sq1.output))?;
    let mut twin = Simulator::new(&b)?;
    twin.run(0.2)?;
    assert_eq!(sim.data(net.p)?, twin.data(p)?);
    assert_eq!(sim.data(net.sq)?, twin.data(sq)?);
    Ok(())
}
