//! Least squares with L2 (ridge) regularization: Nengo's `LstsqL2`.

use super::conjugate_gradient::pcg_ridge;
use super::dense;
use super::nystrom::Nystrom;
use super::preconditioner::{Jacobi, Preconditioner};
use super::system::{
    check_reg, check_system, cholesky_solve, empty_solution, gram, gram_dual, max_entry, rmses,
    tr_mul,
};
use super::{Solution, Solver};
use crate::error::SolverError;
use nalgebra::DMatrix;

/// Least-squares decoders with L2 regularization, as Nengo 4.1's `LstsqL2`
/// with its default Cholesky solver.
///
/// With `A` m × n (activities at m evaluation points) and `Y` m × d, the
/// regularization is expressed as the standard deviation of Gaussian noise
/// added to the activities, `σ = reg · max(A)`, and the decoders minimize
///
/// ```text
/// ‖A X − Y‖² + m σ² ‖X‖²,
/// ```
///
/// solved by Cholesky in whichever form is smaller:
///
/// - m ≥ n (primal): `(AᵀA + m σ² I) X = Aᵀ Y`;
///   cost O(m n² + n³/3 + m n d).
/// - m < n (dual): `X = Aᵀ (A Aᵀ + m σ² I)⁻¹ Y`;
///   cost O(m² n + m³/3 + m n d).
///
/// The two forms give the same `X` (push-through identity). `reg = 0` is
/// plain least squares, which fails with [`SolverError::Singular`] when the
/// Gram matrix is singular (silent neurons, or fewer points than neurons).
///
/// Large problems (`min(m, n) ≥` [`LstsqL2::ITERATIVE_MIN_SIZE`] and
/// `reg > 0`) are solved iteratively instead, without forming the Gram
/// matrix: conjugate gradient on the primal normal equations,
/// preconditioned by a randomized Nyström approximation of `AᵀA` that
/// captures its eigenvalues above `m σ²` (tuning curves make it
/// numerically low rank), O(m n) per iteration and a handful of iterations,
/// stopped by a bound that guarantees each
/// dimension's RMSE is within a factor `1 ± ITERATIVE_RMSE_TOLERANCE` of
/// the exact solution's (see [`LstsqL2::solve_iterative`]). A column that
/// does not meet the bound within [`LstsqL2::ITERATIVE_MAX_ITER`]
/// iterations is solved directly instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LstsqL2 {
    /// Regularization relative to the largest activity (Nengo's `reg`);
    /// finite and `≥ 0`. Default 0.1.
    pub reg: f64,
    /// Build the connection as a full neuron-to-neuron weight matrix
    /// (Nengo's `weights=True`). Default false.
    pub weights: bool,
}

impl LstsqL2 {
    /// Smallest `min(m, n)` solved iteratively by [`Solver::solve`]. From
    /// about this size on, the sketch and a few passes over `A` (O(m n ℓ))
    /// cost less than the Gram matrix (O(m n²)).
    pub const ITERATIVE_MIN_SIZE: usize = 500;
    /// Relative RMSE tolerance `ρ` of the iterative path: each dimension's
    /// RMSE is within a factor `1 ± ρ` of the direct solution's.
    pub const ITERATIVE_RMSE_TOLERANCE: f64 = 5e-3;
    /// Iteration cap of the iterative path, per target dimension.
    pub const ITERATIVE_MAX_ITER: usize = 1000;

    /// A solver with regularization `reg` and factored (decoder) weights.
    /// The value is checked when solving.
    pub fn new(reg: f64) -> Self {
        Self {
            reg,
            weights: false,
        }
    }

    /// Sets whether the connection is built as a full weight matrix.
    ///
    /// This builder shadows [`Solver::weights`] in method-call syntax on the
    /// concrete type; read the `weights` field (or call the trait method
    /// through `&dyn Solver`) to query it.
    pub fn weights(mut self, weights: bool) -> Self {
        self.weights = weights;
        self
    }
}

impl Default for LstsqL2 {
    /// `reg = 0.1`, decoders (not weights): Nengo's defaults.
    fn default() -> Self {
        Self::new(0.1)
    }
}

impl Solver for LstsqL2 {
    fn name(&self) -> &'static str {
        "LstsqL2"
    }

    /// `reg` must be finite and `≥ 0`.
    fn check_parameters(&self) -> Result<(), SolverError> {
        check_reg(self.name(), self.reg)
    }

    /// Solves the regularized normal equations by Cholesky, primal when
    /// m ≥ n and dual when m < n (see the type's documentation).
    ///
    /// Errors: [`SolverError::InvalidParameter`] for a negative or
    /// non-finite `reg`; [`SolverError::Shape`] when `A` has no rows or no
    /// columns or the row counts differ; [`SolverError::NonFinite`] for a
    /// NaN or infinity (also one made by overflow in `AᵀA` or `AᵀY`, with
    /// `what` "Gram matrix" or "right-hand side");
    /// [`SolverError::Singular`] when the regularized Gram
    /// matrix is not positive definite. A `Y` with d = 0 columns gives n × 0
    /// decoders.
    fn solve(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
    ) -> Result<Solution, SolverError> {
        let Some(lambda) = self.ridge(activities, targets)? else {
            return Ok(empty_solution(activities.ncols()));
        };
        let (m, n) = activities.shape();
        if m.min(n) >= Self::ITERATIVE_MIN_SIZE && lambda > 0.0 {
            return self.iterative(activities, targets, lambda);
        }
        self.direct(activities, targets, lambda)
    }

    /// Column by column, the decoders depend on `A`, `reg` and that
    /// target column only (`σ` is set by `A`): `weights` changes how the
    /// connection is built, not its decoders.
    fn shared_solve_key(&self) -> Option<String> {
        Some(format!("LstsqL2(reg={:e})", self.reg))
    }

    fn weights(&self) -> bool {
        self.weights
    }
}

impl LstsqL2 {
    /// Checks `reg` and the system, and returns the ridge
    /// `λ = m (reg · max A)²` of the normal equations, or `None` when there
    /// is nothing to solve (no target columns).
    fn ridge(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
    ) -> Result<Option<f64>, SolverError> {
        check_reg(self.name(), self.reg)?;
        check_system(self.name(), activities, targets)?;
        if targets.ncols() == 0 {
            return Ok(None);
        }
        let sigma = self.reg * max_entry(activities);
        Ok(Some(activities.nrows() as f64 * sigma * sigma))
    }

    /// Always the direct Cholesky solve, whatever the size (what
    /// [`Solver::solve`] does for small problems). Same errors as `solve`.
    pub fn solve_direct(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
    ) -> Result<Solution, SolverError> {
        match self.ridge(activities, targets)? {
            Some(lambda) => self.direct(activities, targets, lambda),
            None => Ok(empty_solution(activities.ncols())),
        }
    }

    /// Always the iterative solve, whatever the size (what [`Solver::solve`]
    /// does for large problems): preconditioned conjugate gradient, see the
    /// `conjugate_gradient` module. Cost O(m n) per iteration; a column
    /// that does not converge within [`Self::ITERATIVE_MAX_ITER`]
    /// iterations (or `reg = 0`) is solved directly. Same errors as `solve`.
    pub fn solve_iterative(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
    ) -> Result<Solution, SolverError> {
        match self.ridge(activities, targets)? {
            Some(lambda) => self.iterative(activities, targets, lambda),
            None => Ok(empty_solution(activities.ncols())),
        }
    }

    fn iterative(
        &self,
        a: &DMatrix<f64>,
        y: &DMatrix<f64>,
        lambda: f64,
    ) -> Result<Solution, SolverError> {
        if lambda.is_nan() || lambda <= 0.0 {
            // No stopping bound without regularization: solve directly.
            return self.direct(a, y, lambda);
        }
        let (rho, cap) = (Self::ITERATIVE_RMSE_TOLERANCE, Self::ITERATIVE_MAX_ITER);
        let view = dense::view(a);
        let precond: Box<dyn Preconditioner> = match Nystrom::new(view, lambda) {
            Some(nystrom) => Box::new(nystrom),
            None => Box::new(Jacobi::new(view, lambda)),
        };
        let mut out = pcg_ridge(a, y, lambda, precond.as_ref(), rho, cap);
        if out.iterations.iter().any(Option::is_none) {
            let direct = self.direct(a, y, lambda)?;
            for (k, it) in out.iterations.iter().enumerate() {
                if it.is_none() {
                    out.decoders.set_column(k, &direct.decoders.column(k));
                }
            }
        }
        let rmses = rmses(a, &out.decoders, y);
        Ok(Solution {
            decoders: out.decoders,
            rmses,
        })
    }

    fn direct(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
        lambda: f64,
    ) -> Result<Solution, SolverError> {
        let name = self.name();
        let (m, n) = activities.shape();
        let decoders = if m < n {
            let mut g = gram_dual(activities);
            g.set_diagonal(&(g.diagonal().add_scalar(lambda)));
            tr_mul(activities, &cholesky_solve(name, g, targets)?)
        } else {
            let mut g = gram(activities);
            g.set_diagonal(&(g.diagonal().add_scalar(lambda)));
            cholesky_solve(name, g, &tr_mul(activities, targets))?
        };
        let rmses = rmses(activities, &decoders, targets);
        Ok(Solution { decoders, rmses })
    }
}
