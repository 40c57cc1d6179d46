//! Encoding: the input currents of a block of neurons.

use super::shard::Segment;
use super::signals::PopState;
use crate::simd::multiversion;

/// Neurons encoded per pass, so the currents being summed stay in L1 cache
/// while every dimension is added in.
const CHUNK: usize = 1024;

multiversion! {
    /// Encodes every segment of a block: its population's input `x` (and
    /// direct currents) into `j[offset..offset + len]`. One dispatch for the
    /// whole block, so a block of many small populations pays it once.
    pub(crate) fn encode_segments(segments: &[Segment], encoders: &[f32], bias: &[f32], inputs: &[f32], pops: &[PopState], j: &mut [f32]) {
        for seg in segments {
            let range = seg.offset..seg.offset + seg.len;
            let pop = &pops[seg.pop];
            encode_inline(
                &encoders[seg.enc_offset..seg.enc_offset + seg.len * seg.dims],
                &bias[range.clone()],
                &inputs[seg.x_offset..seg.x_offset + seg.dims],
                &mut j[range.clone()],
            );
            if !pop.current_in.is_empty() {
                let currents = &pop.current_in[seg.pop_start..seg.pop_start + seg.len];
                add_currents(currents, &mut j[range]);
            }
        }
    }
}

#[cfg(test)]
multiversion! {
    pub(crate) fn encode(encoders: &[f32], bias: &[f32], x: &[f32], j: &mut [f32]) {
        encode_inline(encoders, bias, x, j);
    }
}

/// `j_i = bias_i + sum_d E[d, i] x_d`, with `E` dimension-major
/// (`encoders[d * n + i]`, `n = j.len()`) so each dimension is one
/// vectorized sweep. Each term is one fused multiply-add in `f32`
/// (`j ← E x_d + j`, dimension by dimension).
#[inline(always)]
fn encode_inline(encoders: &[f32], bias: &[f32], x: &[f32], j: &mut [f32]) {
    let n = j.len();
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        let out = &mut j[start..end];
        let bias = &bias[start..end];
        match x.first() {
            None => out.copy_from_slice(bias),
            Some(&x0) => {
                let column = &encoders[start..end];
                for ((o, &e), &b) in out.iter_mut().zip(column).zip(bias) {
                    *o = e.mul_add(x0, b);
                }
            }
        }
        for (d, &xd) in x.iter().enumerate().skip(1) {
            let column = &encoders[d * n + start..d * n + end];
            for (o, &e) in out.iter_mut().zip(column) {
                *o = e.mul_add(xd, *o);
            }
        }
        start = end;
    }
}

/// Adds direct input currents (from connections into `.neurons`) to `j`.
#[inline(always)]
fn add_currents(current: &[f64], j: &mut [f32]) {
    for (o, &c) in j.iter_mut().zip(current) {
        *o = (f64::from(*o) + c) as f32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_bias_plus_encoders_times_input() {
        let n = 2500;
        let dims = 3;
        let encoders: Vec<f32> = (0..n * dims).map(|k| (k % 7) as f32 - 3.0).collect();
        let bias: Vec<f32> = (0..n).map(|i| i as f32 * 0.01).collect();
        let x = [0.5f32, -0.25, 2.0];
        let mut j = vec![0.0; n];
        encode(&encoders, &bias, &x, &mut j);
        for i in 0..n {
            let exact: f64 = f64::from(bias[i])
                + (0..dims)
                    .map(|d| f64::from(encoders[d * n + i]) * f64::from(x[d]))
                    .sum::<f64>();
            assert!((f64::from(j[i]) - exact).abs() <= 1e-5 * exact.abs().max(1.0));
        }
    }
}
