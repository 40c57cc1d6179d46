//! A matrix exponential whose cost is bounded for every finite matrix.
//!
//! nalgebra's `exp` (the Al-Mohy–Higham scaling and squaring of scipy's
//! `expm`, which Nengo uses) picks its number of squarings `s` from norms of
//! powers of the matrix up to the 27th. When those overflow, `s` becomes
//! `inf as u64 = u64::MAX` and the squaring loop never ends: a
//! `Lowpass(1e-50)` or a step of `1e44` s made `connect` hang. Below
//! [`DIRECT_MAX`] every power it forms is finite, so its own `s` is small;
//! above it the matrix is first scaled by an exact power of two,
//! `exp(M) = exp(M / 2^k)^(2^k)`, with `k <= 1024` because a finite norm is
//! below `2^1024`.

use nalgebra::DMatrix;

/// The largest 1-norm handed to nalgebra's `exp` as is: `(2^37)^27 < 2^1024`,
/// so the 27th power its error estimate forms cannot overflow.
const DIRECT_MAX: f64 = (1u64 << 37) as f64;

/// The 1-norm: the largest column sum of absolute values.
fn one_norm(m: &DMatrix<f64>) -> f64 {
    m.column_iter()
        .map(|c| c.iter().map(|v| v.abs()).sum::<f64>())
        .fold(0.0, f64::max)
}

/// `exp(m)` computed on `D^-1 m D` for a diagonal `D` of powers of two that
/// balances the rows and columns (Parlett and Reinsch; LAPACK's `gebal`
/// without permutations): `exp(m) = D exp(D^-1 m D) D^-1`, exact in
/// floating point. A companion matrix of poles far apart (a
/// `DoubleExp(1e-8, 0.01)`) has entries from 1 to `1 / (tau1 tau2)`, and
/// its exponential loses many digits unless balanced first. At most 64
/// sweeps, each `O(n^2)`.
pub(super) fn balanced_exp(m: &DMatrix<f64>) -> DMatrix<f64> {
    let n = m.nrows();
    let mut b = m.clone();
    let mut d = vec![1.0f64; n];
    for _ in 0..64 {
        let mut changed = false;
        for i in 0..n {
            let c: f64 = (0..n).filter(|&k| k != i).map(|k| b[(k, i)].abs()).sum();
            let r: f64 = (0..n).filter(|&k| k != i).map(|k| b[(i, k)].abs()).sum();
            if c == 0.0 || r == 0.0 || !(c + r).is_finite() {
                continue;
            }
            // The power of two f nearest sqrt(r / c): column times f, row over f.
            let e = (0.5 * (r / c).log2()).round();
            if e == 0.0 || !e.is_finite() {
                continue;
            }
            let f = 2f64.powi(e.clamp(-500.0, 500.0) as i32);
            if (c * f + r / f) < 0.95 * (c + r) {
                changed = true;
                d[i] *= f;
                for k in 0..n {
                    b[(k, i)] *= f;
                    b[(i, k)] /= f;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let e = bounded_exp(&b);
    DMatrix::from_fn(n, n, |i, j| d[i] * e[(i, j)] / d[j])
}

/// `exp(m)` for a matrix of finite entries, in at most about 1100 matrix
/// products whatever its norm. The result may hold infinities or NaN when
/// the true exponential overflows; the caller checks.
pub(super) fn bounded_exp(m: &DMatrix<f64>) -> DMatrix<f64> {
    let norm = one_norm(m);
    if norm <= DIRECT_MAX {
        return m.exp();
    }
    // Finite entries sum to at most a few times f64::MAX (< 2^1026).
    let log2 = if norm.is_finite() {
        norm.log2()
    } else {
        1026.0
    };
    // k squarings of exp(M / 2^k), whose norm is at most 2^37; k <= 989.
    let k = (log2 - 37.0).ceil().clamp(1.0, 1100.0) as i32;
    // Two exact power-of-two factors, so neither is subnormal.
    let scaled = m * 2f64.powi(-(k / 2)) * 2f64.powi(-(k - k / 2));
    let mut e = scaled.exp();
    for _ in 0..k {
        e = &e * &e;
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_exp_agrees_with_closed_forms_on_both_sides_of_the_direct_limit() {
        // exp([[-a, b], [0, 0]]) = [[e^-a, b (1 - e^-a) / a], [0, 1]].
        for a in [1e-3, 1.0, 30.0, 1e6, 1e12, 1e47, 1e300] {
            let b = 1e-3;
            let m = DMatrix::from_row_slice(2, 2, &[-a, b, 0.0, 0.0]);
            let e = bounded_exp(&m);
            let ea = (-a).exp();
            let bd = b * -(-a).exp_m1() / a;
            assert!((e[(0, 0)] - ea).abs() < 1e-14, "a={a}: {e}");
            assert!((e[(0, 1)] - bd).abs() <= 1e-13 * bd, "a={a}: {e}");
            assert_eq!((e[(1, 0)], e[(1, 1)]), (0.0, 1.0), "a={a}");
        }
    }

    #[test]
    fn bounded_exp_of_a_huge_growing_matrix_ends_with_infinities() {
        let m = DMatrix::from_row_slice(2, 2, &[1e300, 1.0, 0.0, 0.0]);
        let e = bounded_exp(&m);
        assert!(e.iter().any(|v| !v.is_finite()), "{e}");
    }
}
