//! Preconditioners for the conjugate-gradient solve of the ridge normal
//! equations `(AᵀA + λI) x = Aᵀy`: cheap approximations `M ≈ AᵀA + λI`
//! whose inverse is applied once per iteration.

use faer::{Mat, MatRef};

/// An approximation `M` of `AᵀA + λI`, symmetric positive definite, whose
/// inverse is cheap to apply. The better `M⁻¹(AᵀA + λI)` is conditioned,
/// the fewer iterations conjugate gradient needs (≈ √κ).
pub(super) trait Preconditioner: Sync {
    /// `Z = M⁻¹ R`, column by column, for `R` n × d.
    fn apply(&self, r: MatRef<'_, f64>) -> Mat<f64>;
}

/// The Jacobi preconditioner `M = diag(AᵀA) + λI`: squared column norms of
/// `A`, one pass over `A` to build, O(n) per column to apply. Enough when
/// the regularization dominates; slow (κ up to ‖A‖²/λ) when `AᵀA` has
/// many eigenvalues above `λ`, as tuning curves do.
pub(super) struct Jacobi {
    inverse_diagonal: Vec<f64>,
}

impl Jacobi {
    /// `M = diag(AᵀA) + λI`; a column whose entry is not finite (zero
    /// column with `λ = 0`) gets `M⁻¹ = 0`.
    pub(super) fn new(a: MatRef<'_, f64>, lambda: f64) -> Self {
        let inverse_diagonal = (0..a.ncols())
            .map(|j| {
                let c = a.col(j);
                let norm2: f64 = c.iter().map(|v| v * v).sum();
                1.0 / (norm2 + lambda)
            })
            .map(|v| if v.is_finite() { v } else { 0.0 })
            .collect();
        Self { inverse_diagonal }
    }
}

impl Preconditioner for Jacobi {
    fn apply(&self, r: MatRef<'_, f64>) -> Mat<f64> {
        Mat::from_fn(r.nrows(), r.ncols(), |i, k| {
            r[(i, k)] * self.inverse_diagonal[i]
        })
    }
}
