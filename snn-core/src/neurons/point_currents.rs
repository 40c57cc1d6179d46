//! The input currents of one neuron at many points: the build's inner
//! loop before the rate curve.

use crate::simd::multiversion;

multiversion! {
    /// `out[p] = bias + Σ_d encoder[d] · points[d · m + p]` for the `m =
    /// out.len()` points of `points` (column-major, `m × d`, `d =
    /// encoder.len()`): neuron `i`'s current at every evaluation point,
    /// dimension by dimension in `f64` vector lanes (AVX2 or AVX-512 where
    /// the CPU has them; the same sums in the same order on every CPU).
    pub fn point_currents(points: &[f64], encoder: &[f64], bias: f64, out: &mut [f64]) {
        let m = out.len();
        out.fill(bias);
        for (x, &e) in points.chunks_exact(m.max(1)).zip(encoder) {
            for (j, &xp) in out.iter_mut().zip(x) {
                *j = xp.mul_add(e, *j);
            }
        }
    }
}
