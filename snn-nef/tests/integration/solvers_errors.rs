//! Input checks and configuration of the decoder solvers: every malformed
//! input is a typed error naming the problem, never a panic or garbage.

use nalgebra::DMatrix;
use snn_nef::solvers::{LstsqL2, LstsqL2nz, Nnls, NnlsL2nz, Solver};
use snn_nef::SolverError;

/// Rectified-linear activities of `n` neurons at `m` points, and targets
/// x, x², sin(3x).
fn system(m: usize, n: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let x = |i: usize| -1.0 + 2.0 * i as f64 / (m - 1) as f64;
    let a = DMatrix::from_fn(m, n, |i, j| {
        let encoder = if j % 2 == 0 { 1.0 } else { -1.0 };
        (100.0 * (encoder * x(i) + 0.5 - 0.3 * j as f64 / n as f64)).max(0.0)
    });
    let y = DMatrix::from_fn(m, 3, |i, k| [x(i), x(i) * x(i), (3.0 * x(i)).sin()][k]);
    (a, y)
}

fn all_solvers() -> Vec<Box<dyn Solver>> {
    vec![
        Box::new(LstsqL2::default()),
        Box::new(LstsqL2nz::default()),
        Box::new(Nnls::default()),
        Box::new(Nnls::new(0.1)),
        Box::new(NnlsL2nz::default()),
    ]
}

#[test]
fn mismatched_or_empty_shapes_are_shape_errors() {
    for s in all_solvers() {
        for (a, y) in [
            (DMatrix::from_element(5, 3, 1.0), DMatrix::zeros(4, 1)),
            (DMatrix::zeros(0, 3), DMatrix::zeros(0, 1)),
            (DMatrix::zeros(5, 0), DMatrix::zeros(5, 1)),
        ] {
            let err = s.solve(&a, &y).unwrap_err();
            assert!(
                matches!(err, SolverError::Shape { a_rows, y_rows, .. } if a_rows == a.nrows() && y_rows == y.nrows())
            );
        }
    }
}

#[test]
fn non_finite_input_is_reported_with_its_position() {
    let (a, y) = system(20, 4);
    for s in all_solvers() {
        let mut bad = a.clone();
        bad[(3, 2)] = f64::NAN;
        let want = SolverError::NonFinite {
            solver: s.name(),
            what: "activities",
            row: 3,
            col: 2,
        };
        assert_eq!(s.solve(&bad, &y).unwrap_err(), want);
        let mut bad = y.clone();
        bad[(5, 1)] = f64::NEG_INFINITY;
        let want = SolverError::NonFinite {
            solver: s.name(),
            what: "targets",
            row: 5,
            col: 1,
        };
        assert_eq!(s.solve(&a, &bad).unwrap_err(), want);
    }
}

#[test]
fn negative_or_non_finite_reg_is_invalid() {
    let (a, y) = system(20, 4);
    for reg in [-0.1, f64::NAN, f64::INFINITY] {
        let solvers: [Box<dyn Solver>; 4] = [
            Box::new(LstsqL2::new(reg)),
            Box::new(LstsqL2nz::new(reg)),
            Box::new(Nnls::new(reg)),
            Box::new(NnlsL2nz::new(reg)),
        ];
        for s in solvers {
            let err = s.solve(&a, &y).unwrap_err();
            assert!(
                matches!(err, SolverError::InvalidParameter { param: "reg", .. }),
                "{err}"
            );
        }
    }
}

#[test]
fn unregularized_silent_neurons_are_singular_but_nnls_gives_them_zero() {
    let (mut a, y) = system(20, 4);
    a.column_mut(1).fill(0.0);
    let err = LstsqL2::new(0.0).solve(&a, &y).unwrap_err();
    assert_eq!(err, SolverError::Singular { solver: "LstsqL2" });
    let zeros = DMatrix::zeros(20, 4);
    assert_eq!(
        LstsqL2nz::default().solve(&zeros, &y).unwrap_err(),
        SolverError::Singular {
            solver: "LstsqL2nz"
        }
    );
    let sol = Nnls::default().solve(&a, &y).unwrap();
    assert_eq!(sol.decoders.row(1).amax(), 0.0);
    assert_eq!(
        Nnls::default().solve(&zeros, &y).unwrap().decoders,
        DMatrix::zeros(4, 3)
    );
}

#[test]
fn zero_target_dimensions_give_an_empty_solution() {
    let (a, _) = system(20, 4);
    for s in all_solvers() {
        let sol = s.solve(&a, &DMatrix::zeros(20, 0)).unwrap();
        assert_eq!(sol.decoders.shape(), (4, 0));
        assert!(sol.rmses.is_empty());
    }
}

#[test]
fn defaults_names_and_weights_follow_nengo() {
    assert_eq!(
        LstsqL2::default(),
        LstsqL2 {
            reg: 0.1,
            weights: false
        }
    );
    assert_eq!(
        LstsqL2nz::default(),
        LstsqL2nz {
            reg: 0.1,
            weights: false
        }
    );
    assert_eq!(
        Nnls::default(),
        Nnls {
            reg: 0.0,
            weights: false
        }
    );
    let names: Vec<_> = all_solvers().iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        ["LstsqL2", "LstsqL2nz", "Nnls", "NnlsL2", "NnlsL2nz"]
    );
    assert_eq!(
        NnlsL2nz::default(),
        NnlsL2nz {
            reg: 0.1,
            weights: false
        }
    );
    let weighted: [Box<dyn Solver>; 4] = [
        Box::new(LstsqL2::default().weights(true)),
        Box::new(LstsqL2nz::new(0.2).weights(true)),
        Box::new(Nnls::new(0.0).weights(true)),
        Box::new(NnlsL2nz::new(0.1).weights(true)),
    ];
    assert!(weighted.iter().all(|s| s.weights()) && all_solvers().iter().all(|s| !s.weights()));
}

#[test]
fn overflowing_normal_equations_are_reported_not_solved() {
    let a = DMatrix::from_fn(4, 2, |i, j| 1e200 * (1 + i + j) as f64);
    let y = DMatrix::from_element(4, 1, 1.0);
    for s in all_solvers() {
        let err = s.solve(&a, &y).unwrap_err();
        assert!(
            matches!(
                err,
                SolverError::NonFinite {
                    what: "Gram matrix",
                    ..
                }
            ),
            "{err}"
        );
    }
}
