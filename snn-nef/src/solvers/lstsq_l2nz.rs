//! Least squares with L2 regularization scaled to each neuron's activity:
//! Nengo's `LstsqL2nz`.

use super::system::{check_reg, check_system, cholesky_solve, empty_solution, gram, rmses, tr_mul};
use super::{Solution, Solver};
use crate::error::SolverError;
use nalgebra::{DMatrix, DVector};

/// Least-squares decoders with L2 regularization on non-zero components, as
/// Nengo 4.1's `LstsqL2nz`.
///
/// Each neuron j gets its own noise level, scaled by how often it is active:
///
/// ```text
/// σ_j = reg · max|A| · sqrt(p_j),   p_j = #{i : A_ij ≠ 0} / m,
/// ```
///
/// and a never-active neuron (σ_j = 0) gets `max_k σ_k` instead, so the
/// system stays definite. The decoders minimize
/// `‖A X − Y‖² + m Σ_j σ_j² ‖X_j,:‖²`, i.e. solve
///
/// ```text
/// (AᵀA + m diag(σ²)) X = Aᵀ Y
/// ```
///
/// by Cholesky, always in this primal form (like Nengo, which uses the dual
/// form only for a single σ). Cost: O(m n² + n³/3 + m n d).
///
/// For non-negative activities (firing rates) `max|A| = max A` and
/// `A_ij ≠ 0` means `A_ij > 0`; the absolute values follow Nengo for signed
/// inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LstsqL2nz {
    /// Regularization relative to the largest activity (Nengo's `reg`);
    /// finite and `≥ 0`. Default 0.1.
    pub reg: f64,
    /// Build the connection as a full neuron-to-neuron weight matrix
    /// (Nengo's `weights=True`). Default false.
    pub weights: bool,
}

impl LstsqL2nz {
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
    /// concrete type; read the `weights` field to query it.
    pub fn weights(mut self, weights: bool) -> Self {
        self.weights = weights;
        self
    }

    /// The per-neuron noise levels `σ_j` (see the type's documentation).
    /// Cost: one pass over `A`, O(m n).
    fn sigmas(&self, activities: &DMatrix<f64>) -> DVector<f64> {
        let m = activities.nrows() as f64;
        let scale = self.reg * activities.amax();
        let mut sigma = DVector::from_iterator(
            activities.ncols(),
            activities.column_iter().map(|col| {
                let active = col.iter().filter(|v| **v != 0.0).count() as f64;
                scale * (active / m).sqrt()
            }),
        );
        let max = sigma.max();
        sigma
            .iter_mut()
            .filter(|s| **s == 0.0)
            .for_each(|s| *s = max);
        sigma
    }
}

impl Default for LstsqL2nz {
    /// `reg = 0.1`, decoders (not weights): Nengo's defaults.
    fn default() -> Self {
        Self::new(0.1)
    }
}

impl Solver for LstsqL2nz {
    fn name(&self) -> &'static str {
        "LstsqL2nz"
    }

    /// `reg` must be finite and `≥ 0`.
    fn check_parameters(&self) -> Result<(), SolverError> {
        check_reg(self.name(), self.reg)
    }

    /// Solves `(AᵀA + m diag(σ²)) X = Aᵀ Y` by Cholesky.
    ///
    /// Errors as [`LstsqL2`](super::LstsqL2): invalid `reg`, empty or
    /// mismatched shapes, non-finite entries, or a Gram matrix that is not
    /// positive definite (all-zero activities, or `reg = 0` with a singular
    /// `AᵀA`). A `Y` with d = 0 columns gives n × 0 decoders.
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
        let sigma = self.sigmas(activities);
        let mut g = gram(activities);
        g.set_diagonal(&(g.diagonal() + sigma.component_mul(&sigma) * m as f64));
        let decoders = cholesky_solve(name, g, &tr_mul(activities, targets))?;
        let rmses = rmses(activities, &decoders, targets);
        Ok(Solution { decoders, rmses })
    }

    /// Its decoders depend on `A`, `Y` and `reg` only (`weights` changes
    /// how the connection is built).
    fn cache_key(&self) -> Option<String> {
        Some(format!("LstsqL2nz(reg={:e})", self.reg))
    }

    fn weights(&self) -> bool {
        self.weights
    }
}
