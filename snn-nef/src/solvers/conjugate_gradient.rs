//! Preconditioned conjugate gradient on the ridge normal equations
//! `(AᵀA + λI) x = Aᵀy`, never forming `AᵀA`: the iterative path of
//! [`LstsqL2`](super::LstsqL2) for large ensembles.
//!
//! # Algorithm
//!
//! An independent CG for each target column `y`, all sharing the passes
//! over `A`, each from `x₀ = 0`, with a [`Preconditioner`] `M ≈ AᵀA + λI`
//! (the randomized Nyström one in practice, see `nystrom`): textbook
//! PCG, where the only product with the matrix, `Q = AᵀA P + λ P` for the
//! running columns `P`, is computed by [`normal_matvec`] as `A P` then
//! `Aᵀ(A P)`, two GEMMs over fixed blocks (see `dense`). Every reduction
//! runs in a fixed order, so the result is bit-for-bit reproducible at
//! any thread count.
//!
//! # Cost
//!
//! O(m n d) per iteration for d running target columns (two multiply-adds
//! per entry of `A` and column; two passes over `A`'s memory, shared by
//! the columns), O(m n k) for k iterations, against O(m n²) for the Gram
//! matrix of the direct solve. Memory O((m + n) d) beyond `A`.
//!
//! # Stopping rule
//!
//! With `x*` the exact solution, `e = x − x*` and `r = Aᵀy − (AᵀA + λI)x`
//! the normal-equation residual, the optimality condition
//! `Aᵀ(Ax* − y) = −λx*` gives the data-fit change exactly:
//!
//! ```text
//! ‖Ax − y‖² − ‖Ax* − y‖² = ‖Ae‖² − 2λ eᵀx*,
//! ```
//!
//! and with `‖Ae‖² ≤ rᵀ(AᵀA + λI)⁻¹r ≤ ‖r‖²/λ`, `‖e‖ ≤ ‖r‖/λ`,
//! `‖x*‖ ≤ ‖x‖ + ‖r‖/λ` its size is at most
//! `Δ = 3‖r‖²/λ + 2‖r‖‖x‖`. Iteration stops once
//! `Δ ≤ (1 − 1/(1 + ρ)²) ‖Ax − y‖²`, which guarantees that the RMSE of `x`
//! is within a factor `1 ± ρ` of the exact solution's (to first order in
//! the rounding of the recurrences). `‖Ax − y‖` is tracked by recurrence
//! from the `A p` that the mat-vec produces anyway. When the bound is not
//! met within `max_iter` iterations (ill conditioning: tiny `λ`), the
//! column is reported as not converged and the caller falls back to the
//! direct solve.

use super::dense::{self, dot};
use super::preconditioner::Preconditioner;
use faer::{Mat, MatRef};
use nalgebra::DMatrix;

/// `Q = AᵀA P + λ P` and `AP = A P` for `P` n × d: two blocked GEMMs,
/// each one pass over `A`, shared by the d columns. Cost 4 m n d flops.
fn normal_matvec(a: MatRef<'_, f64>, lambda: f64, p: MatRef<'_, f64>) -> (Mat<f64>, Mat<f64>) {
    let ap = dense::mul(a, p);
    let mut q = dense::tr_mul(a, ap.as_ref());
    for k in 0..q.ncols() {
        for j in 0..q.nrows() {
            q[(j, k)] += lambda * p[(j, k)];
        }
    }
    (q, ap)
}

fn norm(u: &[f64]) -> f64 {
    dot(u, u).sqrt()
}

/// Column `k` of a faer matrix as a `Vec`.
fn column(m: MatRef<'_, f64>, k: usize) -> Vec<f64> {
    m.col(k).iter().copied().collect()
}

/// The columns `vecs` side by side, n × d.
fn stack<'a>(n: usize, vecs: impl ExactSizeIterator<Item = &'a [f64]>) -> Mat<f64> {
    let mut out = Mat::zeros(n, vecs.len());
    for (k, v) in vecs.enumerate() {
        for (i, &x) in v.iter().enumerate() {
            out[(i, k)] = x;
        }
    }
    out
}

/// The outcome of [`pcg_ridge`]: decoders, and the iterations each target
/// column took (`None` for a column that did not meet the stopping rule).
#[derive(Debug, Clone)]
pub(super) struct CgOutcome {
    pub decoders: DMatrix<f64>,
    pub iterations: Vec<Option<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    Running,
    Converged(usize),
    Stopped,
}

/// The CG state of one right-hand side.
struct State {
    x: Vec<f64>,
    r: Vec<f64>,
    p: Vec<f64>,
    /// `y − A x`, by recurrence.
    s: Vec<f64>,
    rz: f64,
    status: Status,
}

/// Solves `(AᵀA + λI) X = AᵀY` by preconditioned CG, one independent CG
/// per column of `Y` sharing the passes over `A` (see the module
/// documentation), stopping each column when its RMSE is provably within
/// a factor `1 ± rho` of the exact solution's, or after `max_iter`
/// iterations. Requires `λ > 0` for the stopping rule (with `λ = 0` no
/// column converges). Never panics on finite input.
pub(super) fn pcg_ridge(
    a: &DMatrix<f64>,
    y: &DMatrix<f64>,
    lambda: f64,
    precond: &dyn Preconditioner,
    rho: f64,
    max_iter: usize,
) -> CgOutcome {
    let n = a.ncols();
    let av = dense::view(a);
    let factor = 1.0 - 1.0 / ((1.0 + rho) * (1.0 + rho));
    let r0 = dense::tr_mul(av, dense::view(y));
    let z0 = precond.apply(r0.as_ref());
    let mut states: Vec<State> = (0..y.ncols())
        .map(|k| {
            let (r, z) = (column(r0.as_ref(), k), column(z0.as_ref(), k));
            State {
                x: vec![0.0; n],
                rz: dot(&r, &z),
                p: z,
                r,
                s: y.column(k).iter().copied().collect(),
                status: Status::Running,
            }
        })
        .collect();
    for it in 0..=max_iter {
        for st in states.iter_mut().filter(|st| st.status == Status::Running) {
            let (rn, xn, sse) = (norm(&st.r), norm(&st.x), dot(&st.s, &st.s));
            let bound = 3.0 * rn * rn / lambda + 2.0 * rn * xn;
            if bound <= factor * sse || rn == 0.0 {
                st.status = Status::Converged(it);
            } else if it == max_iter || st.rz.is_nan() || st.rz <= 0.0 {
                st.status = Status::Stopped;
            }
        }
        let mut running: Vec<&mut State> = states
            .iter_mut()
            .filter(|st| st.status == Status::Running)
            .collect();
        if running.is_empty() {
            break;
        }
        let p = stack(n, running.iter().map(|st| st.p.as_slice()));
        let (q, ap) = normal_matvec(av, lambda, p.as_ref());
        for (k, st) in running.iter_mut().enumerate() {
            let qk = column(q.as_ref(), k);
            let pq = dot(&st.p, &qk);
            if !(pq > 0.0 && pq.is_finite()) {
                st.status = Status::Stopped;
                continue;
            }
            let alpha = st.rz / pq;
            for ((xi, ri), (pi, qi)) in
                st.x.iter_mut()
                    .zip(st.r.iter_mut())
                    .zip(st.p.iter().zip(&qk))
            {
                *xi += alpha * pi;
                *ri -= alpha * qi;
            }
            for (si, api) in st.s.iter_mut().zip(ap.col(k).iter()) {
                *si -= alpha * api;
            }
        }
        running.retain(|st| st.status == Status::Running);
        if running.is_empty() {
            continue;
        }
        let r = stack(n, running.iter().map(|st| st.r.as_slice()));
        let z = precond.apply(r.as_ref());
        for (k, st) in running.iter_mut().enumerate() {
            let z = column(z.as_ref(), k);
            let rz_new = dot(&st.r, &z);
            let beta = rz_new / st.rz;
            st.rz = rz_new;
            for (pi, zi) in st.p.iter_mut().zip(&z) {
                *pi = zi + beta * *pi;
            }
        }
    }
    let mut decoders = DMatrix::zeros(n, y.ncols());
    for (k, st) in states.iter().enumerate() {
        decoders.column_mut(k).copy_from_slice(&st.x);
    }
    let iterations = states
        .iter()
        .map(|st| match st.status {
            Status::Converged(it) => Some(it),
            _ => None,
        })
        .collect();
    CgOutcome {
        decoders,
        iterations,
    }
}

#[cfg(test)]
mod tests {
    use super::super::preconditioner::Jacobi;
    use super::*;
    use nalgebra::DVector;

    fn problem() -> (DMatrix<f64>, DMatrix<f64>) {
        let a = DMatrix::from_fn(60, 40, |i, j| {
            ((i * 7 + j * 3) % 17) as f64 + 0.1 * j as f64
        });
        let y = DMatrix::from_fn(60, 2, |i, k| ((i + 5 * k) as f64 * 0.3).sin());
        (a, y)
    }

    #[test]
    fn normal_matvec_matches_dense_products() {
        let (a, _) = problem();
        let p: Vec<f64> = (0..40).map(|j| (j as f64 * 0.7).cos()).collect();
        let pm = stack(40, std::iter::once(p.as_slice()));
        let (q, ap) = normal_matvec(dense::view(&a), 2.5, pm.as_ref());
        let pv = DVector::from_column_slice(&p);
        let want_ap = &a * &pv;
        let want_q = a.transpose() * &want_ap + &pv * 2.5;
        let (ap, q) = (
            DVector::from_vec(column(ap.as_ref(), 0)),
            DVector::from_vec(column(q.as_ref(), 0)),
        );
        assert!((ap - &want_ap).norm() < 1e-12 * want_ap.norm());
        assert!((q - &want_q).norm() < 1e-12 * want_q.norm());
    }

    #[test]
    fn converges_to_the_cholesky_solution() {
        let (a, y) = problem();
        let lambda = 60.0 * (0.1 * a.max()).powi(2);
        let jacobi = Jacobi::new(dense::view(&a), lambda);
        let out = pcg_ridge(&a, &y, lambda, &jacobi, 1e-9, 1000);
        assert!(out.iterations.iter().all(Option::is_some));
        let mut g = a.transpose() * &a;
        g.set_diagonal(&g.diagonal().add_scalar(lambda));
        let want = g.cholesky().unwrap().solve(&(a.transpose() * &y));
        assert!((&out.decoders - &want).norm() < 1e-4 * want.norm());
    }

    #[test]
    fn stops_at_the_iteration_cap() {
        let (a, y) = problem();
        let jacobi = Jacobi::new(dense::view(&a), 1e-12);
        let out = pcg_ridge(&a, &y, 1e-12, &jacobi, 1e-9, 3);
        assert_eq!(out.iterations, vec![None, None]);
        assert!(out.decoders.iter().all(|v| v.is_finite()));
        // λ = 0: the stopping bound is infinite, so the cap always ends it.
        let jacobi = Jacobi::new(dense::view(&a), 0.0);
        let out = pcg_ridge(&a, &y, 0.0, &jacobi, 5e-3, 50);
        assert_eq!(out.iterations, vec![None, None]);
        assert!(out.decoders.iter().all(|v| v.is_finite()));
    }
}
