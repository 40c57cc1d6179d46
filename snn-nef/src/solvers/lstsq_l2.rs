//! Least squares with L2 (ridge) regularization: Nengo's `LstsqL2`.

use super::system::{check_reg, check_system, cholesky_solve, empty_solution, gram, rmses};
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
        let name = self.name();
        check_reg(name, self.reg)?;
        check_system(name, activities, targets)?;
        let (m, n) = activities.shape();
        if targets.ncols() == 0 {
            return Ok(empty_solution(n));
        }
        let sigma = self.reg * activities.max();
        let lambda = m as f64 * sigma * sigma;
        let decoders = if m < n {
            let mut g = activities * activities.transpose();
            g.set_diagonal(&(g.diagonal().add_scalar(lambda)));
            activities.transpose() * cholesky_solve(name, g, targets)?
        } else {
            let mut g = gram(activities);
            g.set_diagonal(&(g.diagonal().add_scalar(lambda)));
            cholesky_solve(name, g, &(activities.transpose() * targets))?
        };
        let rmses = rmses(activities, &decoders, targets);
        Ok(Solution { decoders, rmses })
    }

    fn weights(&self) -> bool {
        self.weights
    }
}
