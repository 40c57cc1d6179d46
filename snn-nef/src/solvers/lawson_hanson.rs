//! The Lawson–Hanson active-set algorithm for non-negative least squares,
//! run on the normal equations.
//!
//! Given a symmetric positive semi-definite `H` (n × n) and `c` (n), it
//! finds
//!
//! ```text
//! x* = argmin_{x ≥ 0}  ½ xᵀ H x − cᵀ x,
//! ```
//!
//! which for `H = MᵀM`, `c = Mᵀv` is `argmin_{x ≥ 0} ‖M x − v‖`. The
//! optimum satisfies the KKT conditions with gradient `w = c − H x`:
//! `w_j ≤ 0` where `x_j = 0` and `w_j = 0` where `x_j > 0`.
//!
//! Algorithm (Lawson & Hanson 1974, ch. 23, in the normal-equation form of
//! Bro & de Jong 1997): keep a passive set `P` of free variables, all others
//! held at 0. Repeatedly move the variable with the largest positive
//! gradient into `P` and solve the unconstrained problem on `P`,
//! `H_PP z = c_P`; if some `z_j ≤ 0`, step from `x` towards `z` until the
//! first variable reaches 0, drop the zeros from `P`, and solve again.
//!
//! `H_PP` is never refactored: its Cholesky factor grows by one row when a
//! variable enters (a triangular solve, O(|P|²)) and shrinks by a rank-one
//! update when one leaves (O(|P|²)). One step therefore costs
//! O(n |P| + |P|²): the gradient plus the factor update and solve. The
//! algorithm takes about as many steps as there are positive entries in
//! `x*` plus the removals, so a solve costs O(n k²) with k = |P| at the
//! end, O(n³) at worst. Every step is counted, and after
//! `3 · max(n, 10)` steps (SciPy's limit) the current feasible iterate is
//! returned with `converged = false`, so the loop always terminates.

use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

/// A variable whose new factor pivot is below this fraction of its diagonal
/// entry (`H_tt − ‖L⁻¹ H_Pt‖² ≤ DEPENDENT · H_tt`) is, to working
/// precision, a linear combination of the passive ones: it is kept at 0
/// until the passive set shrinks.
const DEPENDENT: f64 = 1e3 * f64::EPSILON;

/// The result of one non-negative solve.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ActiveSetResult {
    /// The solution, `x ≥ 0`.
    pub x: DVector<f64>,
    /// Steps taken (unconstrained solves on the passive set).
    pub steps: usize,
    /// False when the step limit stopped the search before the KKT
    /// conditions held.
    pub converged: bool,
}

/// Minimizes `½ xᵀ H x − cᵀ x` subject to `x ≥ 0` (see the module
/// documentation for the algorithm and its cost).
///
/// `H` must be symmetric positive semi-definite, n × n, with `c` of length
/// n, all finite; the caller checks this. Never panics on such input.
pub(super) fn nnls_normal(h: &DMatrix<f64>, c: &DVector<f64>) -> ActiveSetResult {
    let n = c.len();
    let max_steps = 3 * n.max(10);
    let h_scale = h.diagonal().amax();
    let c_scale = c.amax();
    let mut x = DVector::zeros(n);
    let mut passive: Vec<usize> = Vec::new();
    let mut in_passive = vec![false; n];
    let mut excluded = vec![false; n];
    let mut chol = Cholesky::pack_dirty(DMatrix::zeros(0, 0));
    let mut steps = 0;
    loop {
        let w = gradient(h, c, &x, &passive);
        let tol = 10.0 * f64::EPSILON * n as f64 * (c_scale + h_scale * x.amax());
        let entering = (0..n)
            .filter(|&j| !in_passive[j] && !excluded[j] && w[j] > tol)
            .max_by(|&i, &j| w[i].total_cmp(&w[j]));
        let Some(t) = entering else {
            return ActiveSetResult {
                x,
                steps,
                converged: true,
            };
        };
        match append(&chol, h, &passive, t) {
            Some(grown) => chol = grown,
            None => {
                excluded[t] = true;
                continue;
            }
        }
        passive.push(t);
        in_passive[t] = true;
        loop {
            steps += 1;
            if steps > max_steps {
                return ActiveSetResult {
                    x,
                    steps,
                    converged: false,
                };
            }
            let c_p = DVector::from_iterator(passive.len(), passive.iter().map(|&j| c[j]));
            let z = chol.solve(&c_p);
            if z.iter().all(|&v| v > 0.0) {
                passive.iter().zip(z.iter()).for_each(|(&j, &v)| x[j] = v);
                break;
            }
            // Step from x towards z, stopping where the first variable hits 0.
            let (alpha, first) = passive
                .iter()
                .zip(z.iter())
                .enumerate()
                .filter(|(_, (_, &zk))| zk <= 0.0)
                .map(|(k, (&j, &zk))| {
                    let gap = x[j] - zk;
                    (if gap > 0.0 { x[j] / gap } else { 0.0 }, k)
                })
                .fold(
                    (f64::INFINITY, 0),
                    |best, cur| if cur.0 < best.0 { cur } else { best },
                );
            if !alpha.is_finite() {
                // Only a NaN in z (a breakdown of the factor) gets here.
                return ActiveSetResult {
                    x,
                    steps,
                    converged: false,
                };
            }
            passive
                .iter()
                .zip(z.iter())
                .for_each(|(&j, &zk)| x[j] += alpha * (zk - x[j]));
            x[passive[first]] = 0.0;
            for k in (0..passive.len()).rev() {
                let j = passive[k];
                if x[j] <= 0.0 {
                    x[j] = 0.0;
                    chol = chol.remove_column(k);
                    passive.remove(k);
                    in_passive[j] = false;
                }
            }
            // Dependencies change with the passive set; but a variable that
            // left at once without moving (rounding) must not re-enter.
            excluded.fill(false);
            if alpha == 0.0 && !in_passive[t] {
                excluded[t] = true;
            }
        }
    }
}

/// `w = c − H x`, using only the passive columns (x is 0 elsewhere):
/// O(n |P|).
fn gradient(
    h: &DMatrix<f64>,
    c: &DVector<f64>,
    x: &DVector<f64>,
    passive: &[usize],
) -> DVector<f64> {
    let mut w = c.clone();
    for &j in passive {
        w.axpy(-x[j], &h.column(j), 1.0);
    }
    w
}

/// The Cholesky factor of `H_PP` grown by variable `t` (appended last), or
/// `None` when `t` is numerically dependent on the passive variables.
/// Cost: one triangular solve, O(|P|²), plus the copy.
fn append(
    chol: &Cholesky<f64, Dyn>,
    h: &DMatrix<f64>,
    passive: &[usize],
    t: usize,
) -> Option<Cholesky<f64, Dyn>> {
    let k = passive.len();
    let h_pt = DVector::from_iterator(k, passive.iter().map(|&j| h[(j, t)]));
    let row = chol.l_dirty().solve_lower_triangular(&h_pt)?;
    let pivot2 = h[(t, t)] - row.norm_squared();
    let independent = pivot2 > DEPENDENT * h[(t, t)] && row.iter().all(|v| v.is_finite());
    if !independent {
        return None;
    }
    let mut l = chol.l_dirty().clone().resize(k + 1, k + 1, 0.0);
    l.view_mut((k, 0), (1, k)).tr_copy_from(&row);
    l[(k, k)] = pivot2.sqrt();
    Some(Cholesky::pack_dirty(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(m: usize, n: usize) -> (DMatrix<f64>, DVector<f64>) {
        let a = DMatrix::from_fn(m, n, |i, j| ((i * 7 + j * 13) as f64 * 0.37).sin());
        let v = DVector::from_fn(m, |i, _| (i as f64 * 0.21).cos());
        (a, v)
    }

    fn kkt_violation(h: &DMatrix<f64>, c: &DVector<f64>, x: &DVector<f64>) -> f64 {
        let w = c - h * x;
        x.iter()
            .zip(w.iter())
            .map(|(&xj, &wj)| if xj > 0.0 { wj.abs() } else { wj.max(0.0) })
            .fold(0.0, f64::max)
    }

    #[test]
    fn random_problem_satisfies_kkt() {
        let (a, v) = problem(30, 12);
        let (h, c) = (a.transpose() * &a, a.transpose() * &v);
        let r = nnls_normal(&h, &c);
        assert!(r.converged);
        assert!(r.x.iter().all(|&v| v >= 0.0));
        assert!(r.x.iter().any(|&v| v == 0.0) && r.x.iter().any(|&v| v > 0.0));
        assert!(
            kkt_violation(&h, &c, &r.x) < 1e-10,
            "{}",
            kkt_violation(&h, &c, &r.x)
        );
    }

    #[test]
    fn duplicate_columns_do_not_break_the_factor() {
        let (a, v) = problem(30, 6);
        let a = DMatrix::from_fn(30, 12, |i, j| a[(i, j % 6)]);
        let (h, c) = (a.transpose() * &a, a.transpose() * &v);
        let r = nnls_normal(&h, &c);
        assert!(r.converged);
        assert!(kkt_violation(&h, &c, &r.x) < 1e-10);
    }

    #[test]
    fn zero_problem_gives_zero() {
        let r = nnls_normal(&DMatrix::zeros(4, 4), &DVector::zeros(4));
        assert_eq!(r.x, DVector::zeros(4));
        assert_eq!(r.steps, 0);
        let r = nnls_normal(&DMatrix::zeros(0, 0), &DVector::zeros(0));
        assert!(r.converged && r.x.is_empty());
    }

    #[test]
    fn all_negative_gradient_keeps_everything_at_zero() {
        let h = DMatrix::identity(3, 3);
        let r = nnls_normal(&h, &DVector::from_vec(vec![-1.0, -2.0, -0.5]));
        assert_eq!(r.x, DVector::zeros(3));
    }
}
