//! Decoding: a population's outputs times its decoders.

use super::signals::Populations;
use crate::simd::multiversion;

/// Up to this many decoded dimensions a dense pass over every neuron beats
/// visiting only the neurons that spiked: a dense pass costs `n·dims/16`
/// vector multiply-adds, the event-driven one a mispredicted branch (about
/// 15 cycles) per spike, and a few percent of neurons spike per step.
pub(crate) const DENSE_MAX_DIMS: usize = 8;

/// How one decoded signal is computed.
#[derive(Debug, Clone)]
pub(crate) enum Decoding {
    /// Dense, with the decoders dimension-major (`d * n + i`); `None` when
    /// the link's own neuron-major decoders already are (one dimension).
    Dense(Option<Vec<f32>>),
    /// Event-driven over the neuron-major decoders.
    Sparse,
}

impl Decoding {
    /// The plan for `dims`-dimensional decoders of `n` neurons.
    pub fn new(decoders: &[f32], n: usize, dims: usize) -> Self {
        match dims {
            1 => Decoding::Dense(None),
            d if d <= DENSE_MAX_DIMS => {
                let mut t = vec![0.0; n * d];
                for i in 0..n {
                    for k in 0..d {
                        t[k * n + i] = decoders[i * d + k];
                    }
                }
                Decoding::Dense(Some(t))
            }
            _ => Decoding::Sparse,
        }
    }

    /// Writes `sum_i a_i D[i, :]` of `pop` into `out`. Blocks are summed in
    /// order, each block by a fixed pattern, so the result depends only on
    /// the network, never on threads.
    pub fn decode(
        &self,
        pops: &Populations,
        pop: usize,
        decoders: &[f32],
        dims: usize,
        out: &mut [f64],
    ) {
        let n = pops.pops[pop].n;
        let parts = &pops.pops[pop].parts;
        if let ([part], Decoding::Dense(None), [o]) = (&parts[..], self, &mut out[..]) {
            // One block, one dimension: the common case, without a fill.
            let a = &pops.shards[part.shard].out[part.offset..part.offset + part.len];
            *o = dot(a, &decoders[part.start..part.start + part.len]);
            return;
        }
        out.fill(0.0);
        for part in parts {
            let (start, len) = (part.start, part.len);
            let a = &pops.shards[part.shard].out[part.offset..part.offset + len];
            match self {
                Decoding::Dense(t) => {
                    let columns = t.as_deref().unwrap_or(decoders);
                    for (k, o) in out.iter_mut().enumerate() {
                        *o += dot(a, &columns[k * n + start..k * n + start + len]);
                    }
                }
                Decoding::Sparse => sparse(a, &decoders[start * dims..], dims, out),
            }
        }
    }
}

multiversion! {
    /// `sum_i a_i d_i` in `f64` (each product of two `f32` is exact in
    /// `f64`), in eight interleaved partial sums added pairwise at the end.
    fn dot(a: &[f32], d: &[f32]) -> f64 {
        let mut lanes = [0.0f64; 8];
        let (a8, d8) = (a.chunks_exact(8), d.chunks_exact(8));
        let (ra, rd) = (a8.remainder(), d8.remainder());
        for (ca, cd) in a8.zip(d8) {
            for k in 0..8 {
                lanes[k] += f64::from(ca[k]) * f64::from(cd[k]);
            }
        }
        for (k, (&x, &y)) in ra.iter().zip(rd).enumerate() {
            lanes[k] += f64::from(x) * f64::from(y);
        }
        ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]))
    }
}

multiversion! {
    /// Adds `sum_i a_i D[i, :]` into `out`, touching only the neurons with
    /// non-zero output (for a spiking population, the few that spiked).
    /// Activities are scanned 16 at a time into a bit mask, so silent neurons
    /// cost a vector compare, not a branch each.
    fn sparse(activities: &[f32], decoders: &[f32], dims: usize, out: &mut [f64]) {
        let mut base = 0;
        for chunk in activities.chunks(16) {
            let mut mask = 0u32;
            for (k, &a) in chunk.iter().enumerate() {
                mask |= u32::from(a != 0.0) << k;
            }
            while mask != 0 {
                let i = base + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let a = f64::from(activities[i]);
                let row = &decoders[i * dims..(i + 1) * dims];
                for (o, &d) in out.iter_mut().zip(row) {
                    *o += a * f64::from(d);
                }
            }
            base += chunk.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(a: &[f32], decoders: &[f32], dims: usize) -> Vec<f64> {
        (0..dims)
            .map(|k| {
                a.iter()
                    .enumerate()
                    .map(|(i, &x)| f64::from(x) * f64::from(decoders[i * dims + k]))
                    .sum()
            })
            .collect()
    }

    #[test]
    fn dense_and_sparse_decoding_agree_with_the_plain_sum() {
        let n = 1000;
        let a: Vec<f32> = (0..n)
            .map(|i| if i % 13 == 0 { 1000.0 } else { 0.0 })
            .collect();
        for dims in [1, 3, 8, 12] {
            let dec: Vec<f32> = (0..n * dims)
                .map(|k| ((k * 7919) % 101) as f32 / 101.0 - 0.5)
                .collect();
            let want = exact(&a, &dec, dims);
            let mut got = vec![0.0; dims];
            let plan = Decoding::new(&dec, n, dims);
            match &plan {
                Decoding::Dense(t) => {
                    let cols = t.as_deref().unwrap_or(&dec);
                    for (k, g) in got.iter_mut().enumerate() {
                        *g = dot(&a, &cols[k * n..(k + 1) * n]);
                    }
                }
                Decoding::Sparse => sparse(&a, &dec, dims, &mut got),
            }
            assert_eq!(matches!(plan, Decoding::Sparse), dims > DENSE_MAX_DIMS);
            for (g, w) in got.iter().zip(&want) {
                assert!(
                    (g - w).abs() <= 1e-9 * w.abs().max(1.0),
                    "dims {dims}: {g} vs {w}"
                );
            }
        }
    }
}
