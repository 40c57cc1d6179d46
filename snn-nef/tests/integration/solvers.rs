//! Properties of the decoder solvers against independent computations.

use nalgebra::{DMatrix, SVD};
use snn_nef::solvers::{LstsqL2, LstsqL2nz, Nnls, Solver};

/// Rectified-linear tuning curves of `n` neurons at `m` points of [-1, 1]:
/// alternating encoders ±1, intercepts spread over (-0.9, 0.9) in a
/// scrambled order, max rates 100–200 Hz at the preferred end. Returns the
/// activities and the points.
fn tuning_curves(m: usize, n: usize) -> (DMatrix<f64>, Vec<f64>) {
    let x: Vec<f64> = (0..m)
        .map(|i| -1.0 + 2.0 * i as f64 / (m - 1) as f64)
        .collect();
    let a = DMatrix::from_fn(m, n, |i, j| {
        let encoder = if j % 2 == 0 { 1.0 } else { -1.0 };
        let intercept = -0.9 + 1.8 * ((j * 37) % n) as f64 / n as f64;
        let max_rate = 100.0 + 100.0 * ((j * 53) % n) as f64 / n as f64;
        (max_rate * (encoder * x[i] - intercept) / (1.0 - intercept)).max(0.0)
    });
    (a, x)
}

/// Targets x, x² and sin(3x).
fn targets(x: &[f64]) -> DMatrix<f64> {
    DMatrix::from_fn(x.len(), 3, |i, k| {
        [x[i], x[i] * x[i], (3.0 * x[i]).sin()][k]
    })
}

/// Regularized least squares the slow, independent way: an SVD solve of
/// the augmented system `[A; sqrt(m) σ I] X = [Y; 0]`.
fn ridge_by_svd(a: &DMatrix<f64>, y: &DMatrix<f64>, sigma: f64) -> DMatrix<f64> {
    let (m, n) = a.shape();
    let mut aug = DMatrix::zeros(m + n, n);
    aug.rows_mut(0, m).copy_from(a);
    aug.rows_mut(m, n).fill_diagonal((m as f64).sqrt() * sigma);
    let mut rhs = DMatrix::zeros(m + n, y.ncols());
    rhs.rows_mut(0, m).copy_from(y);
    SVD::new(aug, true, true).solve(&rhs, 1e-300).unwrap()
}

fn relative_error(got: &DMatrix<f64>, want: &DMatrix<f64>) -> f64 {
    (got - want).norm() / want.norm()
}

#[test]
fn lstsq_l2_matches_svd_solve_of_augmented_system() {
    let (a, x) = tuning_curves(200, 50);
    let y = targets(&x);
    for reg in [0.1, 0.01] {
        let sol = LstsqL2::new(reg).solve(&a, &y).unwrap();
        let want = ridge_by_svd(&a, &y, reg * a.max());
        assert!(relative_error(&sol.decoders, &want) < 1e-8, "reg {reg}");
        let rms = (&a * &want - &y)
            .column_iter()
            .map(|c| c.norm() / 200f64.sqrt())
            .collect::<Vec<_>>();
        sol.rmses
            .iter()
            .zip(&rms)
            .for_each(|(g, w)| assert!((g - w).abs() < 1e-8 * w));
    }
}

#[test]
fn lstsq_l2_with_tiny_reg_matches_plain_lstsq() {
    let (a, x) = tuning_curves(100, 10);
    let y = targets(&x);
    let sol = LstsqL2::new(1e-9).solve(&a, &y).unwrap();
    let plain = SVD::new(a.clone(), true, true).solve(&y, 1e-300).unwrap();
    assert!(relative_error(&sol.decoders, &plain) < 1e-8);
}

#[test]
fn lstsq_l2_primal_and_dual_forms_agree() {
    // 30 points, 80 neurons: LstsqL2 takes the dual form.
    let (a, x) = tuning_curves(30, 80);
    let y = targets(&x);
    let sol = LstsqL2::default().solve(&a, &y).unwrap();
    let sigma = 0.1 * a.max();
    let mut g = a.transpose() * &a;
    g.set_diagonal(&g.diagonal().add_scalar(30.0 * sigma * sigma));
    let primal = g.cholesky().unwrap().solve(&(a.transpose() * &y));
    assert!(relative_error(&sol.decoders, &primal) < 1e-10);
    assert!(relative_error(&sol.decoders, &ridge_by_svd(&a, &y, sigma)) < 1e-8);
}

#[test]
fn lstsq_l2nz_matches_svd_solve_with_per_neuron_noise() {
    let (mut a, x) = tuning_curves(200, 50);
    a.column_mut(7).fill(0.0); // a silent neuron gets the largest σ
    let y = targets(&x);
    let sol = LstsqL2nz::default().solve(&a, &y).unwrap();
    let active = |j: usize| a.column(j).iter().filter(|v| **v > 0.0).count() as f64 / 200.0;
    let mut sigma: Vec<f64> = (0..50).map(|j| 0.1 * a.max() * active(j).sqrt()).collect();
    sigma[7] = sigma.iter().cloned().fold(0.0, f64::max);
    // Scale column j by 1/σ_j: the problem becomes a single-σ ridge of σ = 1.
    let scaled = DMatrix::from_fn(200, 50, |i, j| a[(i, j)] / sigma[j]);
    let mut want = ridge_by_svd(&scaled, &y, 1.0);
    want.row_iter_mut()
        .zip(&sigma)
        .for_each(|(mut row, s)| row /= *s);
    assert!(relative_error(&sol.decoders, &want) < 1e-8);
    assert_eq!(sol.decoders.row(7).amax(), 0.0);
}

/// Largest violation of the KKT conditions of `min_{x ≥ 0} ‖M x − v‖`
/// with gradient `w = Mᵀ(v − M x)`: `w ≤ 0` where `x = 0`, `w = 0` where
/// `x > 0`, relative to `‖Mᵀ v‖∞`.
fn kkt_violation(m: &DMatrix<f64>, v: &DMatrix<f64>, x: &DMatrix<f64>) -> f64 {
    let w = m.transpose() * (v - m * x);
    let scale = (m.transpose() * v).amax();
    x.iter()
        .zip(w.iter())
        .map(|(&xj, &wj)| if xj > 0.0 { wj.abs() } else { wj.max(0.0) })
        .fold(0.0, f64::max)
        / scale
}

#[test]
fn nnls_decoders_are_non_negative_and_satisfy_kkt() {
    let (a, x) = tuning_curves(200, 50);
    let y = targets(&x);
    let sol = Nnls::default().solve(&a, &y).unwrap();
    assert!(sol.decoders.iter().all(|&v| v >= 0.0));
    assert!(sol.decoders.iter().any(|&v| v == 0.0) && sol.decoders.iter().any(|&v| v > 0.0));
    assert!(kkt_violation(&a, &y, &sol.decoders) < 1e-9);
}

#[test]
fn nnls_l2_satisfies_kkt_of_nengos_design_matrix_problem() {
    // NnlsL2: min_{x ≥ 0} ‖G x − b‖ with G = AᵀA + mσ²I, b = Aᵀ max(Y, 0).
    let (a, x) = tuning_curves(200, 50);
    let y = targets(&x);
    let sol = Nnls::new(0.1).solve(&a, &y).unwrap();
    assert!(sol.decoders.iter().all(|&v| v >= 0.0));
    let sigma = 0.1 * a.max();
    let mut g = a.transpose() * &a;
    g.set_diagonal(&g.diagonal().add_scalar(200.0 * sigma * sigma));
    let b = a.transpose() * y.map(|v| v.max(0.0));
    assert!(kkt_violation(&g, &b, &sol.decoders) < 1e-9);
}

#[test]
fn nnls_equals_lstsq_when_the_unconstrained_solution_is_non_negative() {
    let (a, _) = tuning_curves(100, 10);
    let x0 = DMatrix::from_fn(10, 2, |j, k| 0.01 + 0.001 * (j + 3 * k) as f64);
    let y = &a * &x0;
    let nnls = Nnls::default().solve(&a, &y).unwrap();
    let lstsq = LstsqL2::new(0.0).solve(&a, &y).unwrap();
    assert!(relative_error(&nnls.decoders, &x0) < 1e-8);
    assert!(relative_error(&nnls.decoders, &lstsq.decoders) < 1e-8);
    // With regularization: NnlsL2 is LstsqL2 whenever the latter is ≥ 0.
    let ridge = LstsqL2::new(0.1).solve(&a, &y).unwrap();
    assert!(ridge.decoders.iter().all(|&v| v > 0.0), "test premise");
    let nnls_l2 = Nnls::new(0.1).solve(&a, &y).unwrap();
    assert!(relative_error(&nnls_l2.decoders, &ridge.decoders) < 1e-8);
}

#[test]
fn lstsq_l2_solves_1000_neurons_on_2000_points_accurately() {
    let (a, x) = tuning_curves(2000, 1000);
    let y = targets(&x);
    let sol = LstsqL2::default().solve(&a, &y).unwrap();
    assert!(sol.rmses.iter().all(|&r| r < 5e-3), "{:?}", sol.rmses);
}
