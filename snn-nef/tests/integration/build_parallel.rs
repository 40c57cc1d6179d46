//! The parallel build: the same decoders at any thread count, one shared
//! solve for every connection and probe out of an ensemble, and the large
//! ensembles' iterative (Nyström-preconditioned CG) solve within 2% of the
//! direct solve's RMSE.

use nalgebra::DMatrix;
use snn_nef::solvers::{LstsqL2, Solver};
use snn_nef::{
    tuning_curves, BuildOptions, BuiltModel, Connection, Ensemble, EnsembleId, Network, Node,
    Probe, Slice,
};

/// Small ensembles, a 2-D one with a function, a recurrent connection, a
/// connection with its own evaluation points and one large ensemble
/// (n ≥ `ITERATIVE_MIN_SIZE`, so solved iteratively), with decoded probes.
fn model() -> (Network, EnsembleId) {
    let mut net = Network::with_seed(11);
    let stim = net.node("stim", Node::constant(0.3)).unwrap();
    let a = net.ensemble("a", Ensemble::new(80, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(120, 2)).unwrap();
    let big = net
        .ensemble("big", Ensemble::new(LstsqL2::ITERATIVE_MIN_SIZE + 100, 1))
        .unwrap();
    net.connect(Connection::new(stim, a)).unwrap();
    net.connect(Connection::new(a, b.at(0))).unwrap();
    net.connect(Connection::new(b, a).function(|x: &[f64]| x[0] * x[1]))
        .unwrap();
    net.connect(Connection::new(b, b).synapse(0.1)).unwrap();
    net.connect(
        Connection::new(a, big)
            .eval_points(DMatrix::from_fn(300, 1, |i, _| i as f64 / 150.0 - 1.0)),
    )
    .unwrap();
    net.connect(Connection::new(big, big).synapse(0.1)).unwrap();
    net.connect(Connection::new(big, a).function(|x: &[f64]| x[0] * x[0]))
        .unwrap();
    for e in [a, b, big] {
        net.probe(Probe::new(e).synapse(0.01)).unwrap();
    }
    (net, b)
}

fn build_on(threads: usize, net: &Network) -> BuiltModel {
    net.build(BuildOptions::default().threads(threads)).unwrap()
}

fn bits(m: &Option<DMatrix<f64>>) -> Vec<u64> {
    m.iter()
        .flat_map(|m| m.iter().map(|v| v.to_bits()))
        .collect()
}

#[test]
fn decoders_are_bit_identical_on_one_and_two_threads() {
    let (net, _) = model();
    let (one, two) = (build_on(1, &net), build_on(2, &net));
    let reports = |m: &BuiltModel| {
        m.connections
            .iter()
            .chain(m.probes.iter())
            .map(|c| (bits(&c.decoders), c.solver_rmses.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(reports(&one), reports(&two));
    assert!(
        one.connections
            .iter()
            .filter(|c| c.decoders.is_some())
            .count()
            >= 6
    );
}

#[test]
fn connections_and_probes_with_the_same_targets_share_one_solve() {
    let (net, b) = model();
    let built = build_on(2, &net);
    // `b → b` decodes x, as does the probe of `b`: the same column, solved once.
    let recurrent = &built.connections[3];
    let probe = &built.probes[1];
    assert_eq!(bits(&recurrent.decoders), bits(&probe.decoders));
    // And that solve is the one `LstsqL2` gives alone.
    let ens = &built.ensembles[1];
    let a = tuning_curves(&built, b, Some(ens.eval_points.clone()))
        .unwrap()
        .activities;
    let alone = LstsqL2::default().solve(&a, &ens.eval_points).unwrap();
    let got = probe.decoders.as_ref().unwrap();
    assert!((got - &alone.decoders).norm() <= 1e-9 * alone.decoders.norm());
}

/// LIF activities of a `dims`-D ensemble of `n` neurons at its own
/// default evaluation points, and targets there: each coordinate and the
/// product or square.
fn lif_problem(n: usize, dims: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut net = Network::with_seed(5);
    let ens = net.ensemble("ens", Ensemble::new(n, dims)).unwrap();
    let built = net.build_ensemble(ens).unwrap();
    let x = built.eval_points;
    let a = tuning_curves(
        &net.build(BuildOptions::default()).unwrap(),
        ens,
        Some(x.clone()),
    )
    .unwrap()
    .activities;
    let y = DMatrix::from_fn(x.nrows(), dims + 1, |i, k| {
        if k < dims {
            x[(i, k)]
        } else {
            x.row(i).iter().product()
        }
    });
    (a, y)
}

fn assert_rmse_within_2_percent(n: usize, dims: usize) {
    let (a, y) = lif_problem(n, dims);
    let solver = LstsqL2::default();
    let direct = solver.solve_direct(&a, &y).unwrap();
    let iterative = solver.solve_iterative(&a, &y).unwrap();
    for (k, (it, di)) in iterative.rmses.iter().zip(&direct.rmses).enumerate() {
        assert!((it / di - 1.0).abs() < 0.02, "dim {k}: {it} vs {di}");
    }
    let (ai, ad) = (&a * &iterative.decoders, &a * &direct.decoders);
    assert!((&ai - &ad).norm() / ad.norm() < 1e-2);
}

#[test]
fn iterative_rmse_is_within_2_percent_of_direct_in_1d() {
    assert_rmse_within_2_percent(2000, 1);
}

#[test]
fn iterative_rmse_is_within_2_percent_of_direct_in_2d() {
    assert_rmse_within_2_percent(2000, 2);
}
