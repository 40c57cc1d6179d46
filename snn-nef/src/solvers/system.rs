//! The least-squares system `A X ≈ Y` shared by every solver: its checks,
//! its regularized Cholesky solve and the RMSEs of a solution.
//!
//! Conventions: `A` is m × n (m evaluation points, n neurons), `Y` is m × d
//! and `X` is n × d.

use super::dense;
use crate::error::SolverError;
use faer::linalg::solvers::Solve;
use faer::Side;
use nalgebra::DMatrix;

/// Checks a regularization parameter: finite and `≥ 0`.
pub(super) fn check_reg(solver: &'static str, reg: f64) -> Result<(), SolverError> {
    if reg.is_finite() && reg >= 0.0 {
        Ok(())
    } else {
        Err(SolverError::InvalidParameter {
            solver,
            param: "reg",
            value: reg,
            reason: "must be finite and non-negative",
        })
    }
}

/// Checks `A` and `Y` once, before any arithmetic: both have m ≥ 1 rows,
/// `A` has n ≥ 1 columns, and every entry is finite. `Y` may have d = 0
/// columns (the solvers then return an empty n × 0 solution).
///
/// Cost: one pass over both matrices, O(m (n + d)).
pub(super) fn check_system(
    solver: &'static str,
    a: &DMatrix<f64>,
    y: &DMatrix<f64>,
) -> Result<(), SolverError> {
    let (m, n) = a.shape();
    if m == 0 || n == 0 || y.nrows() != m {
        return Err(SolverError::Shape {
            solver,
            a_rows: m,
            a_cols: n,
            y_rows: y.nrows(),
            y_cols: y.ncols(),
        });
    }
    check_finite(solver, "activities", a)?;
    check_finite(solver, "targets", y)
}

/// The first non-finite entry of `mat` (in column-major order), as a
/// [`SolverError::NonFinite`] naming `what`. Cost: O(size of `mat`), one
/// vectorized pass when every entry is finite.
pub(super) fn check_finite(
    solver: &'static str,
    what: &'static str,
    mat: &DMatrix<f64>,
) -> Result<(), SolverError> {
    if all_finite(mat.as_slice()) {
        return Ok(());
    }
    match mat.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(k) => Err(SolverError::NonFinite {
            solver,
            what,
            row: k % mat.nrows(),
            col: k / mat.nrows(),
        }),
    }
}

/// Lanes of the vectorized passes over a matrix ([`all_finite`], [`max_entry`]).
const LANES: usize = 8;

/// True when every value is finite, in one vectorized pass: `0 v` is ±0
/// for a finite `v` and NaN for an infinity or a NaN, so lane sums of it
/// stay finite exactly when every value is. (An early-exit search cannot
/// vectorize, and cost a 2000 × 1000 activity matrix several milliseconds.)
fn all_finite(values: &[f64]) -> bool {
    let mut sums = [0.0; LANES];
    let chunks = values.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (s, &v) in sums.iter_mut().zip(chunk) {
            *s += v * 0.0;
        }
    }
    sums.iter().chain(tail).all(|v| v.is_finite())
}

/// The largest entry of a matrix of finite values (`-inf` when empty), in
/// one vectorized pass of `LANES` running maxima.
pub(super) fn max_entry(mat: &DMatrix<f64>) -> f64 {
    let mut maxima = [f64::NEG_INFINITY; LANES];
    let chunks = mat.as_slice().chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (m, &v) in maxima.iter_mut().zip(chunk) {
            *m = if v > *m { v } else { *m };
        }
    }
    maxima
        .iter()
        .chain(tail)
        .fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m })
}

/// The Gram matrix `Aᵀ A` (n × n), by faer's GEMM over the lower block
/// triangle (see [`dense::gram`]): O(m n²), in parallel, deterministic.
pub(super) fn gram(a: &DMatrix<f64>) -> DMatrix<f64> {
    dense::to_dmatrix(dense::gram(dense::view(a)).as_ref())
}

/// The dual Gram matrix `A Aᵀ` (m × m), as [`gram`]: O(m² n).
pub(super) fn gram_dual(a: &DMatrix<f64>) -> DMatrix<f64> {
    dense::to_dmatrix(dense::gram(dense::view(a).transpose()).as_ref())
}

/// `Aᵀ B` (n × d) by faer's GEMM (see [`dense::tr_mul`]): O(m n d).
pub(super) fn tr_mul(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    dense::to_dmatrix(dense::tr_mul(dense::view(a), dense::view(b)).as_ref())
}

/// `A B` by faer's GEMM (see [`dense::mul`]): O(m n d).
pub(super) fn mul(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<f64> {
    dense::to_dmatrix(dense::mul(dense::view(a), dense::view(b)).as_ref())
}

/// Solves `G X = B` for symmetric positive-definite `G` by Cholesky
/// (`G = L Lᵀ`, then two triangular solves), with faer's blocked kernels:
/// O(k³/3 + k² d) for G k × k and B k × d. Only the lower triangle of `G`
/// is read.
///
/// Fails with [`SolverError::NonFinite`] when `G` or `B` overflowed while
/// being formed (`what` is "Gram matrix" or "right-hand side"), and with
/// [`SolverError::Singular`] when `G` is not positive definite or the
/// solution overflows.
pub(super) fn cholesky_solve(
    solver: &'static str,
    g: DMatrix<f64>,
    b: &DMatrix<f64>,
) -> Result<DMatrix<f64>, SolverError> {
    check_finite(solver, "Gram matrix", &g)?;
    check_finite(solver, "right-hand side", b)?;
    let llt = dense::view(&g)
        .llt(Side::Lower)
        .map_err(|_| SolverError::Singular { solver })?;
    let x = dense::to_dmatrix(llt.solve(dense::view(b)).as_ref());
    if x.iter().all(|v| v.is_finite()) {
        Ok(x)
    } else {
        Err(SolverError::Singular { solver })
    }
}

/// The RMSE of each target dimension:
/// `rmse_k = sqrt( (1/m) Σ_i ((A X)_ik − Y_ik)² )`.
///
/// Cost: one GEMM, O(m n d), and O(m d) for the norms.
pub(super) fn rmses(a: &DMatrix<f64>, x: &DMatrix<f64>, y: &DMatrix<f64>) -> Vec<f64> {
    let residual = mul(a, x) - y;
    let m = a.nrows().max(1) as f64;
    residual
        .column_iter()
        .map(|r| r.norm() / m.sqrt())
        .collect()
}

/// The solution of a system with no target dimensions: n × 0 decoders.
pub(super) fn empty_solution(n: usize) -> super::Solution {
    super::Solution {
        decoders: DMatrix::zeros(n, 0),
        rmses: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_finite_finds_an_infinity_or_nan_in_any_lane_and_in_the_tail() {
        let n = 8 * 5 + 3;
        assert!(all_finite(&vec![1.5; n]));
        assert!(all_finite(&[]));
        for bad in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            for k in 0..n {
                let mut values = vec![-2.0; n];
                values[k] = bad;
                assert!(!all_finite(&values), "{bad} at {k}");
            }
        }
        // Huge but finite values stay finite (0 v does not overflow).
        assert!(all_finite(&[f64::MAX, -f64::MAX, f64::MIN_POSITIVE]));
    }

    #[test]
    fn max_entry_is_the_largest_value_wherever_it_is() {
        let (m, n) = (7, 5);
        for k in 0..m * n {
            let mut a = DMatrix::from_fn(m, n, |i, j| -((i * n + j) as f64));
            a[k] = 3.25;
            assert_eq!(max_entry(&a), 3.25, "at {k}");
        }
        assert_eq!(max_entry(&DMatrix::zeros(0, 3)), f64::NEG_INFINITY);
    }
}
