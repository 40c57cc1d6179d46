//! The iterative (conjugate gradient) path of `LstsqL2` against its direct
//! Cholesky solve, on LIF tuning curves of a realistic size.

use nalgebra::DMatrix;
use snn_nef::solvers::{LstsqL2, Solver};
use snn_nef::{tuning_curves, BuildOptions, Ensemble, Network};

/// LIF activities of a 1-D ensemble of `n` neurons at `m` evenly spaced
/// points of [-1, 1], and targets x, x² and sin(3x) there.
fn lif_problem(m: usize, n: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let mut net = Network::with_seed(3);
    let ens = net.ensemble("ens", Ensemble::new(n, 1)).unwrap();
    let x = DMatrix::from_fn(m, 1, |i, _| -1.0 + 2.0 * i as f64 / (m - 1) as f64);
    let a = tuning_curves(
        &net.build(BuildOptions::default()).unwrap(),
        ens,
        Some(x.clone()),
    )
    .unwrap()
    .activities;
    let y = DMatrix::from_fn(m, 3, |i, k| {
        let v = x[i];
        [v, v * v, (3.0 * v).sin()][k]
    });
    (a, y)
}

#[test]
fn iterative_matches_direct_on_2000_lif_neurons() {
    let (a, y) = lif_problem(3000, 2000);
    let solver = LstsqL2::default();
    let direct = solver.solve_direct(&a, &y).unwrap();
    // `solve` takes the iterative path at this size (min(m, n) ≥ 500).
    let iterative = solver.solve(&a, &y).unwrap();
    assert_ne!(iterative.decoders, direct.decoders);
    for (k, (it, di)) in iterative.rmses.iter().zip(&direct.rmses).enumerate() {
        assert!((it / di - 1.0).abs() < 5e-3, "dim {k}: {it} vs {di}");
    }
    let rel = (&iterative.decoders - &direct.decoders).norm() / direct.decoders.norm();
    assert!(rel < 0.1, "decoders differ by {rel}");
    // What the network computes with them: A X at the eval points.
    let (ai, ad) = (&a * &iterative.decoders, &a * &direct.decoders);
    assert!((&ai - &ad).norm() / ad.norm() < 1e-3);
}

#[test]
fn iterative_is_deterministic() {
    let (a, y) = lif_problem(1000, 600);
    let solver = LstsqL2::new(0.05);
    let first = solver.solve_iterative(&a, &y).unwrap();
    let second = solver.solve_iterative(&a, &y).unwrap();
    let same = first
        .decoders
        .iter()
        .zip(second.decoders.iter())
        .all(|(u, v)| u.to_bits() == v.to_bits());
    assert!(same && first.rmses == second.rmses);
}

#[test]
fn iterative_terminates_on_pathological_input() {
    // Duplicate and silent columns, huge dynamic range and a tiny reg: CG
    // hits its iteration cap and the solve falls back to Cholesky.
    let (m, n) = (300, 200);
    let a = DMatrix::from_fn(m, n, |i, j| match j % 4 {
        0 => 0.0,
        1 => ((i * 7 + j) % 13) as f64 * 1e6,
        _ => ((i * 3) % 11) as f64 * 1e-6 + (j / 4) as f64 * 1e-12,
    });
    let y = DMatrix::from_fn(m, 2, |i, k| ((i + k) as f64).sin());
    let solver = LstsqL2::new(1e-12);
    // The direct solve finds the Gram matrix not positive definite in
    // floating point; CG either meets its bound or errs the same way.
    match (solver.solve_iterative(&a, &y), solver.solve_direct(&a, &y)) {
        (Ok(sol), Ok(direct)) => {
            assert!(sol.decoders.iter().all(|v| v.is_finite()));
            for (it, di) in sol.rmses.iter().zip(&direct.rmses) {
                assert!((it - di).abs() <= 5e-3 * di.abs() + 1e-12, "{it} vs {di}");
            }
        }
        (Ok(sol), Err(_)) => assert!(sol.decoders.iter().all(|v| v.is_finite())),
        (iterative, direct) => assert_eq!(iterative.err(), direct.err()),
    }
    // reg = 0 (no stopping bound) also ends, in the direct solve.
    let zero = LstsqL2::new(0.0).solve_iterative(&a, &y);
    assert_eq!(zero, LstsqL2::new(0.0).solve_direct(&a, &y));
}
