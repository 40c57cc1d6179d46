//! The randomized Nyström preconditioner (Frangella, Tropp & Udell,
//! "Randomized Nyström preconditioning", SIAM J. Matrix Anal. Appl. 2023)
//! for the ridge normal equations `(AᵀA + μI) x = Aᵀy`.
//!
//! # Why
//!
//! Tuning curves of a low-dimensional variable make `AᵀA` numerically low
//! rank: for 10 000 LIF neurons of a 1-D ensemble only a few dozen of its
//! eigenvalues exceed Nengo's regularization `μ = m (0.1 max A)²`, a few
//! hundred in 2-D. Jacobi-preconditioned CG sees all of them (κ ≈ 10⁵,
//! hundreds of iterations); with those eigenvalues captured in `M`, the
//! preconditioned system has κ ≈ 1 + λ̂_ℓ/μ and CG stops in a handful of
//! iterations (3–10 measured), with the same proven stopping rule.
//!
//! # Algorithm
//!
//! With `H = AᵀA` (never formed), a Gaussian test matrix `Ω` (n × ℓ,
//! fixed seed) and the sketch `Y = H Ω = Aᵀ(A Ω)`:
//!
//! ```text
//! ν = √n · ε · ‖Y‖_F,      Y_ν = Y + ν Ω            (shift, for stability)
//! Ωᵀ Y_ν = L Lᵀ,            B = Y_ν L⁻ᵀ             (n × ℓ)
//! B = U Σ Vᵀ (thin SVD),    λ̂ = max(Σ² − ν, 0)
//! Ĥ = U diag(λ̂) Uᵀ ≈ H,    M⁻¹ = (λ̂_ℓ + μ) U (diag(λ̂) + μ)⁻¹ Uᵀ + (I − U Uᵀ)
//! ```
//!
//! The rank ℓ starts at [`START_RANK`] and doubles (new sketch columns
//! only; the old ones are kept) until `λ̂_ℓ ≤ RANK_TARGET · μ` or ℓ
//! reaches [`max_rank`].
//!
//! # Cost
//!
//! Sketch: 4 m n ℓ flops (two GEMMs, in parallel over fixed blocks);
//! factorization O(n ℓ²) per doubling; each application O(n ℓ) per
//! column. Memory n ℓ.

use super::dense;
use super::preconditioner::Preconditioner;
use faer::linalg::triangular_solve::solve_lower_triangular_in_place;
use faer::{Mat, MatRef, Par, Side};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// The first sketch size ℓ.
pub(super) const START_RANK: usize = 32;
/// The largest sketch size: beyond it the sketch costs more than the
/// iterations it saves.
const MAX_RANK: usize = 1024;
/// The rank grows until the smallest captured eigenvalue is at most this
/// many times `μ`: then κ(M⁻¹(AᵀA + μI)) ≲ 1 + RANK_TARGET plus the
/// approximation error of the sketch. Each doubling costs as much as the
/// whole sketch so far, and a stronger preconditioner saves iterations
/// that cost two passes over `A` each, so the target balances the two
/// (builds of LIF ensembles, measured with `snn-bench`): at 0.1 a 2-D
/// ensemble of 1 000 neurons sketched rank 128 and took 4 iterations, at
/// 0.3 rank 64 and 7 iterations, a 25% faster build (0.060 → 0.045 s); at
/// 1.0 rank 32 and 12. At 10 000 neurons 0.3 costs 3–7% over 0.1.
const RANK_TARGET: f64 = 0.3;

/// Seed of the test matrix `Ω` (fixed: the solve is deterministic).
const SEED: u64 = 0x004e_5953_5452_4f4d;

/// The largest ℓ for `n` unknowns: [`MAX_RANK`], and at most `n / 2`.
pub(super) fn max_rank(n: usize) -> usize {
    MAX_RANK.min(n / 2).max(1)
}

/// `M⁻¹ = R + U diag(w) Uᵀ R` with `w_i = (λ̂_ℓ + μ)/(λ̂_i + μ) − 1`.
pub(super) struct Nystrom {
    u: Mat<f64>,
    weights: Vec<f64>,
    /// The approximate eigenvalues λ̂ (descending).
    pub(super) eigenvalues: Vec<f64>,
}

/// `count` more Gaussian columns for `Ω` after the `skip` already drawn,
/// from their own ChaCha stream (independent of the earlier columns, and
/// the same `Ω` every time).
fn gaussian(n: usize, skip: usize, count: usize) -> Mat<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    rng.set_stream(skip as u64);
    let mut out = Mat::zeros(n, count);
    for j in 0..count {
        for i in 0..n {
            out[(i, j)] = StandardNormal.sample(&mut rng);
        }
    }
    out
}

/// Columns `[a | b]`.
fn hcat(a: &Mat<f64>, b: &Mat<f64>) -> Mat<f64> {
    let mut out = Mat::zeros(a.nrows(), a.ncols() + b.ncols());
    out.as_mut().subcols_mut(0, a.ncols()).copy_from(a);
    out.as_mut().subcols_mut(a.ncols(), b.ncols()).copy_from(b);
    out
}

impl Nystrom {
    /// The adaptive-rank preconditioner of `AᵀA + μI` (see the module
    /// documentation). `None` when `μ ≤ 0` or the factorization fails
    /// (the caller then uses Jacobi).
    pub(super) fn new(a: MatRef<'_, f64>, mu: f64) -> Option<Self> {
        let n = a.ncols();
        if !(mu > 0.0 && mu.is_finite()) || n < 2 {
            return None;
        }
        let cap = max_rank(n);
        let mut omega = gaussian(n, 0, START_RANK.min(cap));
        let mut y = dense::tr_mul(a, dense::mul(a, omega.as_ref()).as_ref());
        loop {
            let approx = Self::from_sketch(omega.as_ref(), y.as_ref(), mu)?;
            let l = omega.ncols();
            let smallest = *approx.eigenvalues.last()?;
            if smallest <= RANK_TARGET * mu || l >= cap {
                return Some(approx);
            }
            let more = (2 * l).min(cap) - l;
            let extra = gaussian(n, l, more);
            let y_extra = dense::tr_mul(a, dense::mul(a, extra.as_ref()).as_ref());
            omega = hcat(&omega, &extra);
            y = hcat(&y, &y_extra);
        }
    }

    /// The Nyström approximation from `Ω` and `Y = H Ω`.
    fn from_sketch(omega: MatRef<'_, f64>, y: MatRef<'_, f64>, mu: f64) -> Option<Self> {
        let (n, l) = (omega.nrows(), omega.ncols());
        let nu = (n as f64).sqrt() * f64::EPSILON * y.norm_l2();
        let mut y_nu = y.to_owned();
        for j in 0..l {
            for i in 0..n {
                y_nu[(i, j)] += nu * omega[(i, j)];
            }
        }
        let core = dense::tr_mul(omega, y_nu.as_ref());
        let sym = Mat::from_fn(l, l, |i, j| 0.5 * (core[(i, j)] + core[(j, i)]));
        let chol = sym.as_ref().llt(Side::Lower).ok()?;
        // Bᵀ = L⁻¹ Y_νᵀ.
        let mut bt = y_nu.transpose().to_owned();
        solve_lower_triangular_in_place(chol.L(), bt.as_mut(), Par::Seq);
        let svd = bt.transpose().thin_svd().ok()?;
        let eigenvalues: Vec<f64> = (0..l)
            .map(|i| {
                let s = svd.S()[i];
                (s * s - nu).max(0.0)
            })
            .collect();
        let smallest = *eigenvalues.last()?;
        let weights: Vec<f64> = eigenvalues
            .iter()
            .map(|&lam| (smallest + mu) / (lam + mu) - 1.0)
            .collect();
        let finite = eigenvalues.iter().chain(&weights).all(|v| v.is_finite());
        finite.then(|| Self {
            u: svd.U().to_owned(),
            weights,
            eigenvalues,
        })
    }
}

impl Preconditioner for Nystrom {
    fn apply(&self, r: MatRef<'_, f64>) -> Mat<f64> {
        let mut coeffs = dense::tr_mul(self.u.as_ref(), r);
        for (i, w) in self.weights.iter().enumerate() {
            for k in 0..coeffs.ncols() {
                coeffs[(i, k)] *= w;
            }
        }
        let mut z = dense::mul(self.u.as_ref(), coeffs.as_ref());
        z += r;
        z
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nalgebra::DMatrix;

    /// A 400 × 120 matrix of rank ≤ 12 plus small noise.
    fn low_rank() -> DMatrix<f64> {
        let left = DMatrix::from_fn(400, 12, |i, k| ((i * (k + 3)) as f64 * 0.01).sin());
        let right = DMatrix::from_fn(12, 120, |k, j| ((j + 7 * k) as f64 * 0.05).cos());
        left * right + DMatrix::from_fn(400, 120, |i, j| 1e-6 * ((i * j) % 5) as f64)
    }

    #[test]
    fn captures_the_eigenvalues_above_mu() {
        let a = low_rank();
        let h = a.transpose() * &a;
        let mut exact: Vec<f64> = h.symmetric_eigenvalues().iter().copied().collect();
        exact.sort_by(|x, y| y.total_cmp(x));
        let mu = 1e-3 * exact[0];
        let p = Nystrom::new(dense::view(&a), mu).unwrap();
        assert!(*p.eigenvalues.last().unwrap() <= mu);
        let above = exact.iter().take_while(|&&v| v > mu).count();
        assert!(above >= 2);
        for (k, (approx, want)) in p.eigenvalues.iter().zip(&exact).take(above).enumerate() {
            assert!(
                (approx / want - 1.0).abs() < 1e-6,
                "λ{k}: {approx} vs {want}"
            );
        }
    }

    #[test]
    fn preconditioned_system_is_well_conditioned() {
        let a = low_rank();
        let h = a.transpose() * &a;
        let mu = 1e-6 * h.norm();
        let p = Nystrom::new(dense::view(&a), mu).unwrap();
        // M⁻¹ is symmetric positive definite, so M⁻¹ (H + μI) has the
        // eigenvalues of the symmetric S = M^{-1/2} (H + μI) M^{-1/2}.
        let m_inv = dense::to_dmatrix(p.apply(dense::view(&DMatrix::identity(120, 120))).as_ref());
        let eig = m_inv.symmetric_eigen();
        let root = &eig.eigenvectors
            * DMatrix::from_diagonal(&eig.eigenvalues.map(f64::sqrt))
            * eig.eigenvectors.transpose();
        let mut reg = h.clone();
        reg.set_diagonal(&reg.diagonal().add_scalar(mu));
        let s = &root * reg * &root;
        let ev = s.symmetric_eigenvalues();
        let (lo, hi) = (ev.min(), ev.max());
        // Unpreconditioned, κ = (λ₁ + μ)/μ ≈ 10⁶.
        assert!(lo > 0.0 && hi / lo < 3.0, "κ = {}", hi / lo);
    }

    #[test]
    fn is_refused_without_regularization() {
        assert!(Nystrom::new(dense::view(&low_rank()), 0.0).is_none());
    }
}
