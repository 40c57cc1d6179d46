//! Semantic pointers, vocabularies and the SPA modules against their
//! definitions and Nengo SPA's own tests (`nengo_spa/modules/tests`).

use snn::nef::dists::{CosineSimilarity, Distribution};
use snn::nef::networks::circconv;
use snn::nef::rng::rng_from_seed;
use snn::nef::spa::{Bind, SemanticPointer, SpaError, State, Vocabulary};
use snn::prelude::*;

fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn binding_is_circular_convolution_and_the_involution_inverts_unitary_pointers() {
    let mut vocab = Vocabulary::new(32, 7).unwrap();
    vocab.populate("A; B; U.unitary()").unwrap();
    let (a, b, u) = (
        vocab.get("A").unwrap(),
        vocab.get("B").unwrap(),
        vocab.get("U").unwrap(),
    );
    let bound = (&a * &b).unwrap();
    assert!(close(
        bound.v(),
        &circconv(a.v(), b.v(), false, false),
        1e-12
    ));
    assert!(close(
        a.inv().v(),
        &circconv(SemanticPointer::identity(32).v(), a.v(), false, true),
        1e-12
    ));
    // Identity, zero and the absorbing element.
    assert!(close(
        (&a * &SemanticPointer::identity(32)).unwrap().v(),
        a.v(),
        1e-12
    ));
    assert!(close(
        (&a * &SemanticPointer::zero(32)).unwrap().v(),
        &[0.0; 32],
        1e-15
    ));
    let z = SemanticPointer::absorbing_element(32);
    let az = (&a * &z).unwrap();
    assert!(
        az.compare(&z).unwrap().abs() > 1.0 - 1e-12,
        "a * Z is a multiple of Z"
    );
    // A unitary pointer keeps lengths and its involution undoes it exactly.
    assert!((u.length() - 1.0).abs() < 1e-12);
    assert!(((&a * &u).unwrap().length() - a.length()).abs() < 1e-12);
    let back = (&(&a * &u).unwrap() * &!&u).unwrap();
    assert!(close(back.v(), a.v(), 1e-12));
    // A random pointer's involution undoes it approximately: `a` plus noise
    // of about its own length, cosine about 1/√2 (0.56 for this draw).
    let approx = (&(&a * &b).unwrap() * &b.inv()).unwrap();
    assert!(
        approx.compare(&a).unwrap() > 0.4,
        "{}",
        approx.compare(&a).unwrap()
    );
    assert!(((&a + &b).unwrap().sub(&b).unwrap().v().iter().zip(a.v()))
        .all(|(x, y)| (x - y).abs() < 1e-12));
    assert!((0.5 * &a).length() - 0.5 * a.length() < 1e-12);
    assert!((a.normalized().length() - 1.0).abs() < 1e-12);
}

#[test]
fn pointers_of_different_dimensions_do_not_combine() {
    let (a, b) = (SemanticPointer::identity(16), SemanticPointer::identity(32));
    for err in [
        (&a * &b).unwrap_err(),
        (&a + &b).unwrap_err(),
        a.dot(&b).unwrap_err(),
    ] {
        assert!(
            matches!(
                err,
                SpaError::DimensionMismatch {
                    left: 16,
                    right: 32,
                    ..
                }
            ),
            "{err}"
        );
    }
    let mut vocab = Vocabulary::new(16, 0).unwrap();
    let err = vocab.add("X", b).unwrap_err();
    assert!(
        err.to_string().contains("16") && err.to_string().contains("32"),
        "{err}"
    );
}

#[test]
fn a_vocabulary_draws_nearly_orthogonal_pointers_reproducibly() {
    let mut vocab = Vocabulary::new(64, 3).unwrap();
    vocab.populate("A; B; C; D; E; F; G; H").unwrap();
    let v = vocab.vectors();
    for i in 0..8 {
        assert!((v.row(i).norm() - 1.0).abs() < 1e-12);
        for j in 0..i {
            assert!(
                v.row(i).dot(&v.row(j)) < 0.1,
                "{} . {}",
                vocab.keys()[i],
                vocab.keys()[j]
            );
        }
    }
    let mut again = Vocabulary::new(64, 3).unwrap();
    again.populate("A; B; C; D; E; F; G; H").unwrap();
    assert_eq!(again.vectors(), v);
    let mut other = Vocabulary::new(64, 4).unwrap();
    other.populate("A").unwrap();
    assert_ne!(other.get("A").unwrap().v(), vocab.get("A").unwrap().v());
}

#[test]
fn parse_and_populate_evaluate_expressions_of_the_vocabulary() {
    let mut vocab = Vocabulary::new(32, 5).unwrap();
    vocab
        .populate("A; B; C = A * B + 0.5 * A; D = (A - B).normalized(); E = ~A * C")
        .unwrap();
    let (a, b) = (vocab.get("A").unwrap(), vocab.get("B").unwrap());
    let c = (&(&a * &b).unwrap() + &(0.5 * &a)).unwrap();
    assert!(close(vocab.get("C").unwrap().v(), c.v(), 1e-12));
    assert!(close(
        vocab.get("D").unwrap().v(),
        (&a - &b).unwrap().normalized().v(),
        1e-12
    ));
    assert!(close(
        vocab.get("E").unwrap().v(),
        (&a.inv() * &c).unwrap().v(),
        1e-12
    ));
    // Precedence: * before +, unary minus, methods, parentheses, numbers.
    let p = vocab.parse("-2 * A + B * A.inv() * 1e-1").unwrap();
    let q = (&(-2.0 * &a) + &(0.1 * (&b * &a.inv()).unwrap())).unwrap();
    assert!(close(p.v(), q.v(), 1e-12));
    assert!(close(vocab.parse("!A").unwrap().v(), a.inv().v(), 0.0));
    // A number alone is that multiple of the identity, as in Nengo SPA.
    assert!(close(
        vocab.parse("2").unwrap().v(),
        (2.0 * SemanticPointer::identity(32)).v(),
        0.0
    ));
    assert!(close(
        vocab.parse("Identity * A").unwrap().v(),
        a.v(),
        1e-12
    ));
}

#[test]
fn bad_names_and_expressions_are_errors_naming_them() {
    let mut vocab = Vocabulary::new(16, 1).unwrap();
    vocab.populate("A; B").unwrap();
    let err = vocab.parse("A * Q").unwrap_err();
    assert!(
        matches!(&err, SpaError::UnknownPointer { name, known, .. } if name == "Q" && known == "A, B"),
        "{err}"
    );
    for (text, position) in [
        ("A +", 3),
        ("A * (B", 6),
        ("A B", 2),
        ("A.frob()", 2),
        ("2 + A", 2),
        ("A.normalized", 12),
        ("~3", 0),
    ] {
        match vocab.parse(text) {
            Err(SpaError::Parse { position: p, .. }) => assert_eq!(p, position, "{text}"),
            other => panic!("{text}: expected a parse error, got {other:?}"),
        }
    }
    for name in ["lower", "Identity", "A-B", "1A"] {
        let err = vocab.populate(name).unwrap_err();
        assert!(matches!(err, SpaError::InvalidName { .. }), "{name}: {err}");
    }
    let err = vocab.populate("A").unwrap_err();
    assert!(matches!(err, SpaError::Duplicate { .. }), "{err}");
    assert!(Vocabulary::new(0, 0).is_err());
}

#[test]
fn a_vocabulary_too_small_for_its_pointers_says_the_best_similarity_reached() {
    let mut vocab = Vocabulary::new(4, 2).unwrap();
    let names: Vec<String> = (0..12).map(|i| format!("P{i}")).collect();
    let err = vocab.populate(&names.join("; ")).unwrap_err();
    match &err {
        SpaError::TooSimilar {
            best,
            max_similarity,
            attempts,
            ..
        } => {
            assert!(*best >= *max_similarity && *attempts == 100, "{err}");
        }
        other => panic!("expected TooSimilar, got {other:?}"),
    }
    assert!(err.to_string().contains("best has similarity"), "{err}");
    // A larger bound accepts them.
    let mut loose = Vocabulary::new(4, 2).unwrap().max_similarity(1.0).unwrap();
    loose.populate(&names.join("; ")).unwrap();
    assert_eq!(loose.len(), 12);
}

#[test]
fn cosine_similarity_is_one_coordinate_of_a_random_unit_vector() {
    // Mean 0, variance 1/D, and mass beyond 2/√D as for a Gaussian of
    // that variance at large D (4.6% at D = 400).
    for d in [3usize, 34, 400] {
        let s = CosineSimilarity::new(d)
            .sample(40_000, 1, &mut rng_from_seed(d as u64))
            .unwrap();
        let n = s.len() as f64;
        let mean = s.iter().sum::<f64>() / n;
        let var = s.iter().map(|x| x * x).sum::<f64>() / n;
        assert!(s.iter().all(|x| x.abs() <= 1.0));
        assert!(mean.abs() < 0.01, "D = {d}: mean {mean}");
        assert!(
            (var * d as f64 - 1.0).abs() < 0.03,
            "D = {d}: variance {var}"
        );
    }
    // D = 3: uniform on [-1, 1] (Archimedes' hat-box theorem).
    let s = CosineSimilarity::new(3)
        .sample(40_000, 1, &mut rng_from_seed(9))
        .unwrap();
    let below_half = s.iter().filter(|&&x| x < 0.5).count() as f64 / 40_000.0;
    assert!((below_half - 0.75).abs() < 0.01, "{below_half}");
    assert!(CosineSimilarity::new(1)
        .sample(1, 1, &mut rng_from_seed(0))
        .is_err());
}

/// RMS over the elements of `a - b`.
fn rms_diff(a: &[f64], b: &[f64]) -> f64 {
    (a.iter().zip(b).map(|(x, y)| (x - y).powi(2)).sum::<f64>() / a.len() as f64).sqrt()
}

#[test]
fn bind_in_neurons_is_within_0_15_of_the_normalized_binding() {
    // Nengo SPA's `test_run` of `Bind`: A then B on the left, A on the right.
    let mut vocab = Vocabulary::new(16, 11).unwrap();
    vocab.populate("A; B").unwrap();
    let (a, b) = (vocab.get("A").unwrap(), vocab.get("B").unwrap());
    let mut net = Network::with_seed(2);
    let bind = net.add("bind", Bind::new(&vocab)).unwrap();
    let (av, bv) = (a.v().to_vec(), b.v().to_vec());
    let left = net
        .node(
            "left",
            Node::time(move |t| if t < 0.1 { av.clone() } else { bv.clone() }),
        )
        .unwrap();
    let right = net.node("right", Node::constant(a.v().to_vec())).unwrap();
    net.connect(Connection::new(left, bind.input_left)).unwrap();
    net.connect(Connection::new(right, bind.input_right))
        .unwrap();
    let p = net.probe(Probe::new(bind.output).synapse(0.03)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.2).unwrap();
    let out = sim.data(p).unwrap();
    let at = |r: usize| out.row(r).iter().copied().collect::<Vec<f64>>();
    let ba = vocab.parse("(B * A).normalized()").unwrap();
    let aa = vocab.parse("(A * A).normalized()").unwrap();
    let late = rms_diff(ba.v(), &at(out.nrows() - 1));
    let early = rms_diff(aa.v(), &at(100));
    assert!(late < 0.15, "B * A: rms {late}");
    assert!(early < 0.15, "A * A: rms {early}");
}

#[test]
fn unbind_on_either_side_recovers_the_other_pointer() {
    // Nengo SPA's `test_unbind`: every sample after 0.15 s within rms 0.3
    // of A * B * ~B.
    let mut vocab = Vocabulary::new(64, 12).unwrap();
    vocab.populate("A; B").unwrap();
    let expected = vocab.parse("A * B * ~B").unwrap();
    for left in [true, false] {
        let mut net = Network::with_seed(3);
        let bind = net
            .add(
                "bind",
                Bind::new(&vocab).unbind_left(left).unbind_right(!left),
            )
            .unwrap();
        let (ab, b) = (vocab.parse("A * B").unwrap(), vocab.get("B").unwrap());
        let (l, r) = if left { (b, ab) } else { (ab, b) };
        let l = net.node("l", Node::constant(l.v().to_vec())).unwrap();
        let r = net.node("r", Node::constant(r.v().to_vec())).unwrap();
        net.connect(Connection::new(l, bind.input_left)).unwrap();
        net.connect(Connection::new(r, bind.input_right)).unwrap();
        let p = net.probe(Probe::new(bind.output).synapse(0.03)).unwrap();
        let mut sim = Simulator::new(&net).unwrap();
        sim.run(0.2).unwrap();
        let out = sim.data(p).unwrap();
        for row in 150..out.nrows() {
            let sample: Vec<f64> = out.row(row).iter().copied().collect();
            let e = rms_diff(expected.v(), &sample);
            assert!(
                e < 0.3,
                "unbind {}: t = {}: rms {e}",
                if left { "left" } else { "right" },
                (row + 1) as f64 * 1e-3
            );
        }
    }
}

/// Nengo SPA's state tests: `input` (a function of time giving a pointer
/// name, or none) into a 32-D `State`; returns each sample's similarity to
/// every pointer (rows: samples).
fn run_state(
    state: State,
    vocab: &Vocabulary,
    input: fn(f64) -> Option<&'static str>,
    seconds: f64,
    synapse: f64,
) -> nalgebra::DMatrix<f64> {
    let mut net = Network::with_seed(4);
    let state = net.add("state", state).unwrap();
    let table: Vec<(String, Vec<f64>)> = vocab
        .keys()
        .iter()
        .map(|k| (k.clone(), vocab.get(k).unwrap().v().to_vec()))
        .collect();
    let d = vocab.dimensions();
    let stim = net
        .node(
            "stim",
            Node::time(move |t| match input(t) {
                Some(name) => table.iter().find(|(k, _)| k == name).unwrap().1.clone(),
                None => vec![0.0; d],
            }),
        )
        .unwrap();
    net.connect(Connection::new(stim, state.input)).unwrap();
    let p = net
        .probe(Probe::new(state.output).synapse(synapse))
        .unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(seconds).unwrap();
    vocab.similarity(&sim.data(p).unwrap()).unwrap()
}

fn mean_over(s: &nalgebra::DMatrix<f64>, col: usize, lo: f64, hi: f64) -> f64 {
    let rows: Vec<usize> = (0..s.nrows())
        .filter(|&r| {
            let t = (r + 1) as f64 * 1e-3;
            t > lo && t < hi
        })
        .collect();
    rows.iter().map(|&r| s[(r, col)]).sum::<f64>() / rows.len() as f64
}

#[test]
fn a_state_with_feedback_remembers_its_pointer() {
    // Nengo SPA's `test_memory_run`: A for 50 ms into a 32-D memory.
    let mut vocab = Vocabulary::new(32, 13).unwrap();
    vocab.populate("A; B").unwrap();
    let state = State::new(&vocab)
        .feedback(1.0)
        .feedback_synapse(Lowpass(0.01));
    let s = run_state(state, &vocab, |t| (t < 0.05).then_some("A"), 0.5, 0.03);
    let peak = mean_over(&s, 0, 0.05, 0.1);
    let held = mean_over(&s, 0, 0.2, 0.3);
    let end = mean_over(&s, 0, 0.49, 1.0);
    assert!(peak > 1.0, "peak {peak}");
    assert!(held > 0.7, "0.2-0.3 s: {held}");
    assert!(end > 0.5, "after 0.49 s: {end}");
}

#[test]
fn a_state_without_feedback_follows_its_input() {
    // Nengo SPA's `test_no_feedback_run`.
    let mut vocab = Vocabulary::new(32, 14).unwrap();
    vocab.populate("A; B").unwrap();
    let s = run_state(
        State::new(&vocab),
        &vocab,
        |t| {
            if t < 0.3 {
                Some("A")
            } else if t < 0.6 {
                Some("B")
            } else {
                None
            }
        },
        0.8,
        0.05,
    );
    assert!(
        s[(299, 0)] > 0.9 && s[(299, 1)] < 0.2,
        "{} {}",
        s[(299, 0)],
        s[(299, 1)]
    );
    assert!(s[(599, 0)] < 0.2 && s[(599, 1)] > 0.9);
    assert!(s[(799, 0)] < 0.2 && s[(799, 1)] < 0.2);
}

#[test]
fn state_sizes_are_checked_and_its_ensembles_are_as_nengo_builds_them() {
    // Nengo SPA's `test_neurons`.
    let mut net = Network::with_seed(0);
    let plain = |d: usize| State::with_dimensions(d).represent_cc_identity(false);
    let one = net.add("one", plain(16).neurons_per_dimension(2)).unwrap();
    assert_eq!(one.ensembles.len(), 1);
    assert_eq!(net.get_ensemble(one.ensembles[0]).unwrap().n_neurons, 32);
    let many = net
        .add("many", plain(16).subdimensions(1).neurons_per_dimension(2))
        .unwrap();
    assert_eq!(many.ensembles.len(), 16);
    assert_eq!(net.get_ensemble(many.ensembles[0]).unwrap().n_neurons, 2);
    // With represent_cc_identity: the first dimension alone, the rest of
    // the first block, then the other blocks.
    let cc = net.add("cc", State::with_dimensions(32)).unwrap();
    let sizes: Vec<(usize, usize)> = cc
        .ensembles
        .iter()
        .map(|&e| {
            let e = net.get_ensemble(e).unwrap();
            (e.n_neurons, e.dimensions)
        })
        .collect();
    assert_eq!(sizes, [(50, 1), (750, 15), (800, 16)]);
    let err = net.add("odd", State::with_dimensions(20)).unwrap_err();
    assert!(
        err.to_string().contains("odd") && err.to_string().contains("subdimensions"),
        "{err}"
    );
}

#[test]
fn a_state_represents_the_identity_when_asked_to() {
    // Nengo SPA's `test_represent_cc_identity`: Identity into a 32-D state;
    // after 0.2 s its first component above 0.9, every other within 0.1.
    let d = 32;
    let mut net = Network::with_seed(6);
    let state = net.add("state", State::with_dimensions(d)).unwrap();
    let identity = net
        .node(
            "identity",
            Node::constant(SemanticPointer::identity(d).v().to_vec()),
        )
        .unwrap();
    net.connect(Connection::new(identity, state.input)).unwrap();
    let p = net.probe(Probe::new(state.output).synapse(0.03)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.3).unwrap();
    let out = sim.data(p).unwrap();
    for r in 200..out.nrows() {
        assert!(
            out[(r, 0)] > 0.9,
            "t = {}: {}",
            (r + 1) as f64 * 1e-3,
            out[(r, 0)]
        );
        for c in 1..d {
            assert!(
                out[(r, c)].abs() < 0.1,
                "t = {}: [{c}] {}",
                (r + 1) as f64 * 1e-3,
                out[(r, c)]
            );
        }
    }
}
