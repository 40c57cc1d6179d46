//! The Rd quasirandom sequence in the unit cube (Roberts, "The unreasonable
//! effectiveness of quasirandom sequences", 2018): Nengo's
//! `QuasirandomSequence`.

use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand::seq::SliceRandom;
use rand::Rng;

/// The generalized golden ratio `φ_d`, the positive root of
/// `x^(d+1) = x + 1` (`φ_1` is the golden ratio, `φ_2` the plastic number),
/// by Newton's method from `x = 1`. The polynomial is convex on `x > 0`, so
/// after the first step the iterates fall monotonically onto the root.
pub(crate) fn generalized_golden_ratio(d: usize) -> f64 {
    let power = (d + 1) as f64;
    let mut x: f64 = 1.0;
    for _ in 0..200 {
        let step = (x.powf(power) - x - 1.0) / (power * x.powf(power - 1.0) - 1.0);
        x -= step;
        if step.abs() <= 1e-16 * x {
            break;
        }
    }
    x
}

/// The first `n` points of the Rd sequence in `[0, 1)^d`, shifted by
/// `offset` (length `d`), one per row:
/// `z_ij = (offset_j + i · φ_d^(-j)) mod 1` for `i = 1…n`, `j = 1…d`.
/// For `d = 1` the points tile the interval evenly instead,
/// `z_i = (offset + i / n) mod 1` for `i = 0…n-1`, as Nengo does.
/// Cost: O(n d).
pub(crate) fn rd_sequence(n: usize, offset: &[f64]) -> DMatrix<f64> {
    let d = offset.len();
    if d == 1 {
        let step = 1.0 / n as f64;
        return DMatrix::from_fn(n, 1, |i, _| (offset[0] + step * i as f64) % 1.0);
    }
    let inverse = 1.0 / generalized_golden_ratio(d);
    let alpha: Vec<f64> = (1..=d).map(|j| inverse.powf(j as f64)).collect();
    DMatrix::from_fn(n, d, |i, j| (offset[j] + (i + 1) as f64 * alpha[j]) % 1.0)
}

/// Nengo's `QuasirandomSequence().sample(n, d)`: the Rd sequence with a
/// uniformly random offset (so that no two draws align with the step), its
/// rows shuffled (so that columns used for different parameters are not
/// correlated through the sample order). Draws `d` uniforms, then a shuffle.
pub(crate) fn sample_cube(n: usize, d: usize, rng: &mut NefRng) -> DMatrix<f64> {
    let offset: Vec<f64> = (0..d).map(|_| rng.random::<f64>()).collect();
    let mut cube = rd_sequence(n, &offset);
    shuffle_rows(&mut cube, rng);
    cube
}

/// Permutes the rows of `m` uniformly at random (Fisher–Yates).
pub(crate) fn shuffle_rows(m: &mut DMatrix<f64>, rng: &mut NefRng) {
    let mut order: Vec<usize> = (0..m.nrows()).collect();
    order.shuffle(rng);
    *m = m.select_rows(&order);
}
