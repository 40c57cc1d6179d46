//! Non-negative least squares: Nengo's `Nnls` (`reg = 0`) and `NnlsL2`
//! (`reg > 0`).

use super::lawson_hanson::nnls_normal;
use super::system::{
    check_finite, check_reg, check_system, empty_solution, gram, max_entry, rmses, tr_mul,
};
use super::{Solution, Solver};
use crate::error::SolverError;
use nalgebra::{DMatrix, DVector};

/// Non-negative decoders (`X ≥ 0`), as Nengo 4.1's `Nnls` when `reg = 0`
/// and its `NnlsL2(reg)` when `reg > 0`. Each target column is solved
/// separately by the Lawson–Hanson active-set method (see
/// `lawson_hanson.rs`), on normal equations `H x = c` formed once:
///
/// - `reg = 0` (`Nnls`): `x_k = argmin_{x ≥ 0} ‖A x − Y_k‖`, through
///   `H = AᵀA`, `c = Aᵀ Y_k`. When `A` has dependent columns the minimizer
///   may not be unique; any one is returned.
/// - `reg > 0` (`NnlsL2`): with `σ = reg · max(A)`,
///   `G = AᵀA + m σ² I` and `b = Aᵀ max(Y, 0)` (targets clipped at 0), the
///   decoders are Nengo's `x_k = argmin_{x ≥ 0} ‖G x − b_k‖` (an NNLS with
///   `G` as its design matrix), through `H = G²`, `c = G b_k`. Note that
///   this is Nengo's definition, not the ridge problem
///   `min_{x ≥ 0} ‖A x − Y‖² + m σ² ‖x‖²`; the two agree only when no
///   constraint is active. Going through `G²` squares `G`'s condition
///   number, which the regularization keeps moderate (agreement with
///   Nengo's QR-based SciPy NNLS is ~1e-13 on the reference problems).
///
/// The RMSEs are those of the unclipped targets. A non-negative solve is
/// not compositional: decoders of a sum are not the sum of decoders.
///
/// Cost: O(m n²) for `AᵀA` (plus O(n³) for `G²` when `reg > 0`), then per
/// target column O(n k²) for k positive decoders, O(n³) at worst. The
/// search stops after `3 · max(n, 10)` steps per column (SciPy's limit),
/// returning its current feasible iterate; this only happens on
/// pathological, badly conditioned systems.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Nnls {
    /// Regularization relative to the largest activity; finite and `≥ 0`.
    /// Default 0 (plain `Nnls`); Nengo's `NnlsL2` default is 0.1.
    pub reg: f64,
    /// Build the connection as a full neuron-to-neuron weight matrix
    /// (Nengo's `weights=True`): non-negative weights. Default false.
    pub weights: bool,
}

impl Nnls {
    /// A solver with regularization `reg` (0: Nengo's `Nnls`, > 0: its
    /// `NnlsL2`) and factored (decoder) weights. The value is checked when
    /// solving.
    pub fn new(reg: f64) -> Self {
        Self {
            reg,
            weights: false,
        }
    }

    /// Sets whether the connection is built as a full weight matrix.
    ///
    /// This builder shadows [`Solver::weights`] in method-call syntax on the
    /// concrete type; read the `weights` field to query it.
    pub fn weights(mut self, weights: bool) -> Self {
        self.weights = weights;
        self
    }
}

impl Solver for Nnls {
    fn name(&self) -> &'static str {
        if self.reg > 0.0 {
            "NnlsL2"
        } else {
            "Nnls"
        }
    }

    /// `reg` must be finite and `≥ 0`.
    fn check_parameters(&self) -> Result<(), SolverError> {
        check_reg(self.name(), self.reg)
    }

    /// Solves each target column by Lawson–Hanson on the normal equations
    /// (see the type's documentation).
    ///
    /// Errors: [`SolverError::InvalidParameter`] for a negative or
    /// non-finite `reg`; [`SolverError::Shape`] when `A` has no rows or no
    /// columns or the row counts differ; [`SolverError::NonFinite`] for a
    /// NaN or infinity, also when the normal equations overflow (`what` is
    /// then "Gram matrix" or "right-hand side"). It never fails on a
    /// singular system: silent neurons get 0. A `Y` with d = 0 columns gives
    /// n × 0 decoders.
    fn solve(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
    ) -> Result<Solution, SolverError> {
        let name = self.name();
        check_reg(name, self.reg)?;
        check_system(name, activities, targets)?;
        let (m, n) = activities.shape();
        if targets.ncols() == 0 {
            return Ok(empty_solution(n));
        }
        if self.reg > 0.0 {
            let sigma = self.reg * max_entry(activities);
            let added = DVector::from_element(n, m as f64 * sigma * sigma);
            regularized(name, activities, targets, &added)
        } else {
            let (h, c) = (gram(activities), tr_mul(activities, targets));
            solve_normal(name, activities, targets, &h, &c)
        }
    }

    /// Its decoders depend on `A`, `Y` and `reg` only (`weights` changes
    /// how the connection is built).
    fn cache_key(&self) -> Option<String> {
        Some(format!("Nnls(reg={:e})", self.reg))
    }

    fn weights(&self) -> bool {
        self.weights
    }
}

/// Nengo's regularized NNLS with `added` on the Gram matrix's diagonal:
/// `G = AᵀA + diag(added)`, `b = Aᵀ max(Y, 0)`, then `x_k = argmin_{x ≥ 0}
/// ‖G x − b_k‖` through `H = G²`, `c = G b_k` (see [`Nnls`]).
pub(super) fn regularized(
    name: &'static str,
    activities: &DMatrix<f64>,
    targets: &DMatrix<f64>,
    added: &DVector<f64>,
) -> Result<Solution, SolverError> {
    let mut g = gram(activities);
    g.set_diagonal(&(g.diagonal() + added));
    let b = tr_mul(activities, &targets.map(|v| v.max(0.0)));
    let (h, c) = (&g * &g, &g * b);
    solve_normal(name, activities, targets, &h, &c)
}

/// Each column of `c` solved by Lawson–Hanson on `H x = c`, `x ≥ 0`.
fn solve_normal(
    name: &'static str,
    activities: &DMatrix<f64>,
    targets: &DMatrix<f64>,
    h: &DMatrix<f64>,
    c: &DMatrix<f64>,
) -> Result<Solution, SolverError> {
    check_finite(name, "Gram matrix", h)?;
    check_finite(name, "right-hand side", c)?;
    let mut decoders = DMatrix::zeros(activities.ncols(), targets.ncols());
    for (k, c_k) in c.column_iter().enumerate() {
        decoders.set_column(k, &nnls_normal(h, &c_k.into_owned()).x);
    }
    let rmses = rmses(activities, &decoders, targets);
    Ok(Solution { decoders, rmses })
}
