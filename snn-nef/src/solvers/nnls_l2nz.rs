//! Nengo's `NnlsL2nz`: non-negative least squares regularized per neuron
//! by how often it is active.

use super::nnls::regularized;
use super::system::{check_reg, check_system, empty_solution, max_entry};
use super::{Solution, Solver};
use crate::error::SolverError;
use nalgebra::{DMatrix, DVector};

/// Non-negative decoders as [`Nnls`](super::Nnls) with `reg > 0`, but with
/// each neuron's regularization scaled by the share of evaluation points
/// at which it is active: `σ_j = reg · max(A) · √(mean_i [A_ij > 0])`
/// (1 for a neuron never active), added as `m σ_j²` to the Gram matrix's
/// diagonal. A neuron active at few points then gets little
/// regularization, which suits populations whose neurons respond to one
/// end of the range only (the basal ganglia's, with intercepts in `[e, 1]`
/// and encoders all `+1`). Nengo's default `reg` is 0.1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NnlsL2nz {
    /// Regularization relative to the largest activity; finite and `≥ 0`.
    pub reg: f64,
    /// Build the connection as a full neuron-to-neuron weight matrix.
    pub weights: bool,
}

impl Default for NnlsL2nz {
    fn default() -> Self {
        Self::new(0.1)
    }
}

impl NnlsL2nz {
    /// A solver with regularization `reg` (checked when solving).
    pub fn new(reg: f64) -> Self {
        Self {
            reg,
            weights: false,
        }
    }

    /// Sets whether the connection is built as a full weight matrix.
    pub fn weights(mut self, weights: bool) -> Self {
        self.weights = weights;
        self
    }
}

impl Solver for NnlsL2nz {
    fn name(&self) -> &'static str {
        "NnlsL2nz"
    }

    fn check_parameters(&self) -> Result<(), SolverError> {
        check_reg(self.name(), self.reg)
    }

    /// Errors as [`Nnls`](super::Nnls)'s.
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
        let top = self.reg * max_entry(activities);
        let added = DVector::from_iterator(
            n,
            activities.column_iter().map(|a| {
                let active = a.iter().filter(|&&v| v > 0.0).count() as f64 / m as f64;
                let sigma = top * active.sqrt();
                let sigma = if sigma == 0.0 { 1.0 } else { sigma };
                m as f64 * sigma * sigma
            }),
        );
        regularized(name, activities, targets, &added)
    }

    fn cache_key(&self) -> Option<String> {
        Some(format!("NnlsL2nz(reg={:e})", self.reg))
    }

    fn weights(&self) -> bool {
        self.weights
    }
}
