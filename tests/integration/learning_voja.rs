//! Voja against the figures of Nengo 4.1's own tests
//! (`nengo/tests/test_learning_rules.py`, `test_voja_encoders` and
//! `test_voja_modulate`): active neurons' encoders turn to the learned key,
//! silent ones keep theirs, and a learning signal of -1 freezes them.

use nalgebra::DMatrix;
use snn::prelude::*;
use std::sync::Arc;

/// Unit vectors on the sphere in 3-D, spread by a fixed rule (Nengo draws
/// them at random; any spread will do, as long as they differ from the key).
fn spread_unit_vectors(n: usize) -> Vec<[f64; 3]> {
    (0..n)
        .map(|i| {
            let z = 1.0 - 2.0 * (i as f64 + 0.5) / n as f64;
            let phi = i as f64 * 2.399_963;
            let r = (1.0 - z * z).sqrt();
            [r * phi.cos(), r * phi.sin(), z]
        })
        .collect()
}

/// `test_voja_encoders` for one neuron type: 200 neurons, radius 2, the
/// first half always active (intercept -1, random encoders), the second
/// half never (intercept 0.99, encoder -key); Voja(0.1) from a constant
/// node of the unit key, 1 s.
fn voja_encoders(neuron_type: Arc<dyn NeuronType>) -> Result<(), snn::Error> {
    let n = 200;
    let half = n / 2;
    let norm = (0.3f64 * 0.3 + 0.4 * 0.4 + 0.6 * 0.6).sqrt();
    let key = [0.3 / norm, -0.4 / norm, 0.6 / norm];
    let mut encoders = spread_unit_vectors(half);
    encoders.extend(std::iter::repeat_n([-key[0], -key[1], -key[2]], n - half));
    let intercepts: Vec<f64> = (0..n).map(|i| if i < half { -1.0 } else { 0.99 }).collect();
    let mut net = Network::with_seed(3);
    let u = net.node("u", Node::constant(key))?;
    let x = net.ensemble(
        "x",
        Ensemble::new(n, 3)
            .neuron_type_arc(neuron_type.clone())
            .intercepts(intercepts)
            .encoders(encoders)
            .max_rates(Uniform::new(300.0, 400.0))
            .radius(2.0),
    )?;
    let conn = net.connect(
        Connection::new(u, x)
            .synapse(None)
            .learning_rule(Voja::new(0.1)),
    )?;
    let p_rule = net.probe(Probe::learning_rule(
        conn.learning_rule(),
        "scaled_encoders",
    ))?;
    let p_ens = net.probe(Probe::scaled_encoders(x))?;
    let model = net.build(BuildOptions::default())?;
    let ens = &model.ensembles[0];
    let scale: Vec<f64> = ens.gain.iter().map(|g| g / 2.0).collect();
    // Voja's step assumes the build scaled the encoders by gain / radius.
    for (i, &s) in scale.iter().enumerate() {
        for d in 0..3 {
            let want = ens.encoders[(i, d)] * s;
            assert!((ens.scaled_encoders[(i, d)] - want).abs() <= 1e-9 * want.abs().max(1.0));
        }
    }
    let mut sim = Simulator::new(&model)?;
    sim.run(1.0)?;
    let enc = sim.data(p_rule)?;
    assert_eq!(enc.ncols(), n * 3);
    assert_eq!(
        enc,
        sim.data(p_ens)?,
        "the rule's and the ensemble's probes agree"
    );
    let t = sim.trange();
    let name = neuron_type.name();
    for (row, &time) in t.iter().enumerate() {
        for i in 0..n {
            for d in 0..3 {
                let e = enc[(row, i * 3 + d)];
                if i >= half {
                    // Silent neurons keep their encoders, exactly.
                    assert_eq!(e, enc[(0, i * 3 + d)], "{name}: neuron {i} moved");
                    let unit = e / scale[i];
                    assert!((unit + key[d]).abs() < 1e-6, "{name}: neuron {i}: {unit}");
                } else if time > 0.5 {
                    let unit = e / scale[i];
                    assert!(
                        (unit - key[d]).abs() <= 0.01,
                        "{name}: neuron {i} dim {d} at {time}: {unit} vs {}",
                        key[d]
                    );
                }
            }
        }
    }
    Ok(())
}

#[test]
fn voja_turns_active_encoders_to_the_key_and_leaves_silent_ones_lif() -> Result<(), snn::Error> {
    voja_encoders(Arc::new(LIF::default()))
}

#[test]
fn voja_turns_active_encoders_to_the_key_and_leaves_silent_ones_rate_types(
) -> Result<(), snn::Error> {
    voja_encoders(Arc::new(LIFRate::default()))?;
    voja_encoders(Arc::new(RectifiedLinear::default()))?;
    voja_encoders(Arc::new(SpikingRectifiedLinear::default()))
}

/// `test_voja_modulate`: a control of 0 then -1 (from 0.5 s) into the
/// rule; the encoders change before and stop after.
#[test]
fn voja_learning_signal_of_minus_one_freezes_the_encoders() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(7);
    let control = net.node(
        "control",
        Node::time(|t: f64| if t < 0.5 { 0.0 } else { -1.0 }),
    )?;
    let u = net.node("u", Node::constant([0.5]))?;
    let x = net.ensemble("x", Ensemble::new(200, 1))?;
    let conn = net.connect(
        Connection::new(u, x)
            .synapse(None)
            .learning_rule(Voja::default().post_synapse(None)),
    )?;
    net.connect(Connection::new(control, conn.learning_rule()).synapse(None))?;
    let p = net.probe(Probe::learning_rule(
        conn.learning_rule(),
        "scaled_encoders",
    ))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(1.0)?;
    let enc = sim.data(p)?;
    let t = sim.trange();
    let first_after = t.iter().position(|&t| t > 0.5).unwrap();
    let last = enc.row(enc.nrows() - 1).clone_owned();
    for (row, time) in t.iter().enumerate().skip(first_after) {
        assert_eq!(enc.row(row), last, "changed at {time}");
    }
    let moved = (enc.row(0) - enc.row(first_after)).amax();
    assert!(
        moved > 1e-3,
        "encoders did not change before 0.5 s: {moved}"
    );
    Ok(())
}

/// Learned encoders drive the neurons: after learning, every connection
/// into the ensemble is encoded with them, and a reset restores the built
/// ones (run 0.1 + 0.2 s, reset, run 0.3 s: the same encoders and spikes).
#[test]
fn voja_learned_encoders_reset_to_the_built_ones() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(11);
    let u = net.node("u", Node::time(|t: f64| [(6.0 * t).sin(), 0.5]))?;
    let x = net.ensemble("x", Ensemble::new(50, 2))?;
    let conn = net.connect(Connection::new(u, x).learning_rule(Voja::new(0.05)))?;
    let other = net.node("other", Node::constant([0.2, -0.1]))?;
    net.connect(Connection::new(other, x))?;
    let p_enc = net.probe(Probe::scaled_encoders(x))?;
    let p_spikes = net.probe(Probe::spikes(x))?;
    let p_delta = net.probe(Probe::learning_rule(conn.learning_rule(), "delta"))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.1)?;
    sim.run(0.2)?;
    let (enc, spikes, delta) = (sim.data(p_enc)?, sim.data(p_spikes)?, sim.data(p_delta)?);
    // Each step's delta is applied before the next step encodes (Nengo's
    // timing: its probes give E[k] = E[k-1] + delta[k-1]).
    for row in 1..enc.nrows() {
        let step = enc.row(row) - enc.row(row - 1);
        assert!((step - delta.row(row - 1)).amax() < 1e-12);
    }
    assert!(delta.amax() > 0.0, "nothing learned");
    sim.reset()?;
    sim.run(0.3)?;
    assert_eq!(sim.data(p_enc)?, enc);
    assert_eq!(sim.data(p_spikes)?, spikes);
    Ok(())
}

fn voja_refused(make: impl FnOnce(&mut Network) -> Result<(), snn::Error>, needle: &str) {
    let mut net = Network::with_seed(1);
    let err = make(&mut net).expect_err("accepted").to_string();
    assert!(err.contains(needle), "{err}");
}

#[test]
fn voja_on_neurons_a_node_a_weight_solver_or_a_direct_ensemble_is_an_error_naming_the_connection() {
    voja_refused(
        |net| {
            let a = net.ensemble("a", Ensemble::new(10, 1))?;
            let b = net.ensemble("b", Ensemble::new(10, 1))?;
            net.connect(
                Connection::new(a, b.neurons())
                    .transform(DMatrix::from_element(10, 1, 1.0))
                    .learning_rule(Voja::default()),
            )?;
            Ok(())
        },
        "connection `a -> b.neurons`",
    );
    voja_refused(
        |net| {
            let a = net.ensemble("a", Ensemble::new(10, 2))?;
            let n = net.node("n", Node::passthrough(2))?;
            net.connect(Connection::new(a, n).learning_rule(Voja::default()))?;
            Ok(())
        },
        "post must be an ensemble",
    );
    voja_refused(
        |net| {
            let a = net.ensemble("a", Ensemble::new(10, 2))?;
            net.connect(
                Connection::new(a, a)
                    .solver(LstsqL2::default().weights(true))
                    .learning_rule(Voja::default()),
            )?;
            Ok(())
        },
        "encoders are not used",
    );
    voja_refused(
        |net| {
            let a = net.ensemble("a", Ensemble::new(10, 1))?;
            net.connect(Connection::new(a, a).learning_rule(Voja::new(f64::NAN)))?;
            Ok(())
        },
        "learning_rate",
    );
    voja_refused(
        |net| {
            let u = net.node("u", Node::constant([1.0]))?;
            let a = net.ensemble("a", Ensemble::new(10, 1).neuron_type(Direct))?;
            net.connect(Connection::new(u, a).learning_rule(Voja::default()))?;
            net.build(BuildOptions::default())?;
            Ok(())
        },
        "no encoders are used",
    );
}

#[test]
fn voja_learning_signal_of_the_wrong_size_is_an_error() {
    voja_refused(
        |net| {
            let u = net.node("u", Node::constant([1.0, 2.0]))?;
            let a = net.ensemble("a", Ensemble::new(10, 1))?;
            let c = net.connect(Connection::new(a, a).learning_rule(Voja::default()))?;
            net.connect(Connection::new(u, c.learning_rule()))?;
            net.build(BuildOptions::default())?;
            Ok(())
        },
        "learning_rule",
    );
}

/// Nengo 4.1's scaled encoders at 0.05, 0.1, 0.15 and 0.2 s for the model
/// of `voja_matches_nengo_step_for_step`, printed by
/// `scripts/nengo_learning_steps.py`.
const NENGO_VOJA: [[f64; 16]; 4] = [
    [
        1.6072179325,
        -0.2193364323,
        2.3757270634,
        -0.2008925862,
        -5.0260536974,
        -0.0276695282,
        5.480289737,
        -1.7652831864,
        8.826667658,
        -0.4790112416,
        -17.399546402,
        13.0496598015,
        9.0832586456,
        -1.3004931207,
        -31.6016666493,
        -42.1355555324,
    ],
    [
        1.6021035769,
        -0.2286753082,
        2.496022016,
        -0.3546788794,
        -5.0259975665,
        -0.0276729206,
        6.2028853431,
        -0.9009066753,
        8.9594199734,
        -1.269155042,
        -17.399546402,
        13.0496598015,
        9.0910438179,
        -1.2987209446,
        -31.6016666493,
        -42.1355555324,
    ],
    [
        1.6020068483,
        -0.2288543525,
        2.497670667,
        -0.3567847756,
        -5.0259975639,
        -0.0276729208,
        6.213777324,
        -0.8878827719,
        8.9612536477,
        -1.2800371025,
        -17.399546402,
        13.0496598015,
        9.0910453087,
        -1.2987207584,
        -31.6016666493,
        -42.1355555324,
    ],
    [
        1.6020049944,
        -0.2288577841,
        2.4976926872,
        -0.356812903,
        -5.0259975639,
        -0.0276729208,
        6.2139249324,
        -0.8877062719,
        8.9612778407,
        -1.2801806764,
        -17.399546402,
        13.0496598015,
        9.0910453089,
        -1.2987207584,
        -31.6016666493,
        -42.1355555324,
    ],
];

/// Eight LIFRate neurons with given tuning (nothing random), one learned
/// and one fixed connection into them: the learned encoders follow Nengo's
/// step for step, which checks the timing (the ensemble's input of this
/// step, the post activities through their filter), what Voja reads (the
/// sum of both connections, as Nengo's does: the encoders settle at
/// `s (u + other)`), the scaling by gain / radius and that the learned
/// encoders drive the neurons.
#[test]
fn voja_matches_nengo_step_for_step() -> Result<(), snn::Error> {
    let encoders = vec![
        [1.0, 0.0],
        [0.0, 1.0],
        [-1.0, 0.0],
        [0.0, -1.0],
        [0.6, 0.8],
        [-0.8, 0.6],
        [0.8, -0.6],
        [-0.6, -0.8],
    ];
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::constant([0.6, -0.3]))?;
    let other = net.node("other", Node::constant([0.1, 0.2]))?;
    let x = net.ensemble(
        "x",
        Ensemble::new(8, 2)
            .neuron_type(LIFRate::default())
            .encoders(encoders)
            .max_rates(vec![200.0, 230.0, 260.0, 290.0, 320.0, 350.0, 380.0, 400.0])
            .intercepts(vec![-0.8, -0.5, -0.2, 0.0, 0.1, 0.3, -0.6, 0.5])
            .radius(1.5),
    )?;
    net.connect(Connection::new(u, x).learning_rule(Voja::new(0.5)))?;
    net.connect(Connection::new(other, x))?;
    let p = net.probe(Probe::scaled_encoders(x).sample_every(0.05))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.2)?;
    let ours = sim.data(p)?;
    assert_eq!(ours.nrows(), 4);
    for (row, nengo) in NENGO_VOJA.iter().enumerate() {
        for (k, &want) in nengo.iter().enumerate() {
            let got = ours[(row, k)];
            assert!(
                (got - want).abs() <= 2e-5 * want.abs().max(1.0),
                "sample {row}, value {k}: {got} vs Nengo's {want}"
            );
        }
    }
    Ok(())
}

/// A checkpoint carries learned encoders: a run saved at 0.1 s and resumed
/// ends where the whole run ends, bit for bit.
#[test]
fn voja_learned_encoders_survive_a_checkpoint() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(13);
    let u = net.node("u", Node::time(|t: f64| [(5.0 * t).cos(), 0.4]))?;
    let x = net.ensemble("x", Ensemble::new(60, 2))?;
    net.connect(Connection::new(u, x).learning_rule(Voja::new(0.05)))?;
    let p = net.probe(Probe::scaled_encoders(x))?;
    let mut whole = Simulator::new(&net)?;
    whole.run(0.2)?;
    let path = std::env::temp_dir().join(format!("snn-voja-{}.ckpt", std::process::id()));
    let mut first = Simulator::new(&net)?;
    first.run(0.1)?;
    first.save_checkpoint(&path)?;
    let mut resumed = Simulator::resume(&net, &path)?;
    std::fs::remove_file(&path).ok();
    resumed.run(0.1)?;
    assert_eq!(resumed.data(p)?, whole.data(p)?);
    Ok(())
}
