//! Dense products for the solvers: faer's GEMM kernels, run over a fixed
//! set of blocks in parallel.
//!
//! nalgebra's GEMM (`matrixmultiply`) and Cholesky are several times slower
//! than faer's at the sizes decoder solves reach (n = 500–10 000), so the
//! solvers view their `DMatrix` operands as faer matrices (both are
//! column-major, so the views are free) for every product of size O(m n k).
//!
//! # Determinism
//!
//! Each product is cut into blocks whose boundaries depend only on the
//! shapes (never on the number of threads); each block is one sequential
//! faer GEMM, and the blocks write disjoint parts of the result, so no
//! floating-point sum is split across threads. The result is therefore
//! bit-for-bit the same on 1 thread or 64. Rayon runs the blocks.

use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, MatRef, Par};
use nalgebra::DMatrix;
use rayon::prelude::*;

/// Rows per block of a product `A B` split along `A`'s rows.
const ROW_BLOCK: usize = 512;
/// Columns per block of a product `Aᵀ B`, or of a Gram matrix.
const COL_BLOCK: usize = 256;
/// Products with fewer multiply-adds than this run as one block: below
/// it, spawning tasks costs more than it saves.
const PARALLEL_MIN_WORK: usize = 1 << 21;

/// The column-major faer view of a nalgebra matrix (no copy).
pub(super) fn view(a: &DMatrix<f64>) -> MatRef<'_, f64> {
    MatRef::from_column_major_slice(a.as_slice(), a.nrows(), a.ncols())
}

/// A nalgebra copy of a faer matrix.
pub(super) fn to_dmatrix(m: MatRef<'_, f64>) -> DMatrix<f64> {
    DMatrix::from_fn(m.nrows(), m.ncols(), |i, j| m[(i, j)])
}

/// Right-hand sides up to this many columns go through [`thin_product`]
/// instead of GEMM.
const THIN: usize = 4;

/// `lhs rhs` by one sequential GEMM, or by [`thin_product`] for a thin
/// `rhs`.
fn product(lhs: MatRef<'_, f64>, rhs: MatRef<'_, f64>) -> Mat<f64> {
    if rhs.ncols() <= THIN {
        return thin_product(lhs, rhs);
    }
    let mut out = Mat::zeros(lhs.nrows(), rhs.ncols());
    matmul(out.as_mut(), Accum::Replace, lhs, rhs, 1.0, Par::Seq);
    out
}

/// `lhs rhs` for `rhs` with at most [`THIN`] columns: the matrix-vector
/// products of conjugate gradient, which only stream `lhs` through memory
/// (faer's GEMM spends its time packing there). A column-major `lhs` is
/// read as columns scaled into the output (axpy); a transposed one (rows
/// contiguous) as dot products. Fixed summation order.
fn thin_product(lhs: MatRef<'_, f64>, rhs: MatRef<'_, f64>) -> Mat<f64> {
    let (m, n, k) = (lhs.nrows(), lhs.ncols(), rhs.ncols());
    let mut out = Mat::zeros(m, k);
    if lhs.row_stride() == 1 {
        let mut cols = out.as_mut();
        let mut outs: Vec<&mut [f64]> = Vec::with_capacity(k);
        while cols.ncols() > 0 {
            let (first, rest) = cols.split_at_col_mut(1);
            let first = first
                .col_mut(0)
                .try_as_col_major_mut()
                .map(|v| v.as_slice_mut());
            let Some(first) = first else {
                unreachable!("a new matrix is column-major")
            };
            outs.push(first);
            cols = rest;
        }
        for j in 0..n {
            let col = lhs.col(j).try_as_col_major().map(|v| v.as_slice());
            let Some(col) = col else {
                unreachable!("row stride 1")
            };
            for (c, o) in outs.iter_mut().enumerate() {
                let pj = rhs[(j, c)];
                for (oi, aij) in o.iter_mut().zip(col) {
                    *oi += aij * pj;
                }
            }
        }
    } else if lhs.col_stride() == 1 {
        let rhs_cols: Vec<Vec<f64>> = (0..k)
            .map(|c| rhs.col(c).iter().copied().collect())
            .collect();
        for i in 0..m {
            let row = lhs.row(i).try_as_row_major().map(|v| v.as_slice());
            let Some(row) = row else {
                unreachable!("column stride 1")
            };
            for (c, r) in rhs_cols.iter().enumerate() {
                out[(i, c)] = dot(row, r);
            }
        }
    } else {
        matmul(out.as_mut(), Accum::Replace, lhs, rhs, 1.0, Par::Seq);
    }
    out
}

/// Dot product with four interleaved partial sums (vectorizable, and in a
/// fixed order, so deterministic).
pub(super) fn dot(u: &[f64], v: &[f64]) -> f64 {
    let mut s = [0.0; 4];
    let (uc, vc) = (u.chunks_exact(4), v.chunks_exact(4));
    let (ur, vr) = (uc.remainder(), vc.remainder());
    for (a, b) in uc.zip(vc) {
        for k in 0..4 {
            s[k] += a[k] * b[k];
        }
    }
    let tail: f64 = ur.iter().zip(vr).map(|(a, b)| a * b).sum();
    (s[0] + s[1]) + (s[2] + s[3]) + tail
}

/// Fixed `[start, end)` ranges of `len` items, `block` at a time (one
/// range when the product is small).
fn blocks(len: usize, block: usize, work: usize) -> Vec<(usize, usize)> {
    let block = if work < PARALLEL_MIN_WORK {
        len.max(1)
    } else {
        block
    };
    (0..len.div_ceil(block))
        .map(|b| (b * block, ((b + 1) * block).min(len)))
        .collect()
}

/// `A B` (m × k) for `A` m × n and `B` n × k: each block of
/// [`ROW_BLOCK`] rows of `A` is one sequential GEMM. Cost O(m n k).
///
/// A thin `B` (at most [`THIN`] columns: conjugate gradient's products)
/// is instead split along `A`'s columns, [`COL_BLOCK`] × 4 at a time, so
/// that each task streams whole contiguous columns; the blocks' partial
/// products are then added in block order (a fixed order: deterministic).
pub(super) fn mul(a: MatRef<'_, f64>, b: MatRef<'_, f64>) -> Mat<f64> {
    let (m, n, k) = (a.nrows(), a.ncols(), b.ncols());
    if k <= THIN && a.row_stride() == 1 {
        let width = COL_BLOCK;
        let parts: Vec<Mat<f64>> = blocks(n, width, m * n * k)
            .into_par_iter()
            .map(|(c0, c1)| thin_product(a.subcols(c0, c1 - c0), b.subrows(c0, c1 - c0)))
            .collect();
        let mut out = Mat::zeros(m, k);
        for part in parts {
            out += part;
        }
        return out;
    }
    let parts: Vec<((usize, usize), Mat<f64>)> = blocks(m, ROW_BLOCK, m * n * k)
        .into_par_iter()
        .map(|(r0, r1)| ((r0, r1), product(a.subrows(r0, r1 - r0), b)))
        .collect();
    let mut out = Mat::zeros(m, k);
    for ((r0, r1), part) in parts {
        out.as_mut().subrows_mut(r0, r1 - r0).copy_from(&part);
    }
    out
}

/// `Aᵀ B` (n × k) for `A` m × n and `B` m × k: each block of [`COL_BLOCK`]
/// columns of `A` is one sequential GEMM. Cost O(m n k).
pub(super) fn tr_mul(a: MatRef<'_, f64>, b: MatRef<'_, f64>) -> Mat<f64> {
    let (m, n, k) = (a.nrows(), a.ncols(), b.ncols());
    let parts: Vec<((usize, usize), Mat<f64>)> = blocks(n, COL_BLOCK, m * n * k)
        .into_par_iter()
        .map(|(c0, c1)| {
            let part = product(a.subcols(c0, c1 - c0).transpose(), b);
            ((c0, c1), part)
        })
        .collect();
    let mut out = Mat::zeros(n, k);
    for ((c0, c1), part) in parts {
        out.as_mut().subrows_mut(c0, c1 - c0).copy_from(&part);
    }
    out
}

/// The Gram matrix `Xᵀ X` (n × n) of `X` (m × n), full (both triangles).
///
/// Only the blocks on and below the diagonal are multiplied: block column
/// `J` (columns `j0..j1`) is `X[:, j0..]ᵀ X[:, J]`, one sequential GEMM;
/// the upper triangle is then mirrored. Cost m n² (half a full GEMM).
pub(super) fn gram(x: MatRef<'_, f64>) -> Mat<f64> {
    let (m, n) = (x.nrows(), x.ncols());
    let parts: Vec<((usize, usize), Mat<f64>)> = blocks(n, COL_BLOCK, m * n * n / 2)
        .into_par_iter()
        .map(|(c0, c1)| {
            let below = x.subcols(c0, n - c0).transpose();
            ((c0, c1), product(below, x.subcols(c0, c1 - c0)))
        })
        .collect();
    let mut g = Mat::zeros(n, n);
    for ((c0, c1), part) in parts {
        g.as_mut()
            .submatrix_mut(c0, c0, n - c0, c1 - c0)
            .copy_from(&part);
    }
    for j in 0..n {
        for i in 0..j {
            g[(i, j)] = g[(j, i)];
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(m: usize, n: usize) -> DMatrix<f64> {
        DMatrix::from_fn(m, n, |i, j| ((i * 31 + j * 17) % 23) as f64 / 7.0 - 1.5)
    }

    fn close(a: &DMatrix<f64>, b: &DMatrix<f64>) -> bool {
        (a - b).norm() <= 1e-12 * b.norm().max(1.0)
    }

    #[test]
    fn blocked_products_match_nalgebra_across_block_boundaries() {
        // Sizes straddle ROW_BLOCK and COL_BLOCK and exceed PARALLEL_MIN_WORK.
        let a = sample(ROW_BLOCK + 77, COL_BLOCK + 45);
        let b = sample(COL_BLOCK + 45, 5);
        let c = sample(ROW_BLOCK + 77, 4);
        assert!(close(
            &to_dmatrix(mul(view(&a), view(&b)).as_ref()),
            &(&a * &b)
        ));
        assert!(close(
            &to_dmatrix(tr_mul(view(&a), view(&c)).as_ref()),
            &(a.transpose() * &c)
        ));
        let g = to_dmatrix(gram(view(&a)).as_ref());
        assert!(close(&g, &(a.transpose() * &a)));
        assert_eq!(g, g.transpose());
    }

    #[test]
    fn products_are_bit_identical_on_one_and_two_threads() {
        let a = sample(3000, 700);
        let b = sample(700, 3);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                (
                    to_dmatrix(mul(view(&a), view(&b)).as_ref()),
                    to_dmatrix(gram(view(&a)).as_ref()),
                )
            })
        };
        let (one, two) = (run(1), run(2));
        let bits = |m: &DMatrix<f64>| m.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one.0), bits(&two.0));
        assert_eq!(bits(&one.1), bits(&two.1));
    }
}
