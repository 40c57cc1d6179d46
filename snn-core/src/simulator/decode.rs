//! Decoding: a population's outputs times its decoders.

use super::signals::{copy, zero, Populations};
use crate::network::{CompiledNetwork, Source};
use crate::simd::multiversion;
use std::sync::Arc;

/// Up to this many decoded dimensions a dense pass over every neuron beats
/// visiting only the neurons that spiked: a dense pass costs `n·dims/16`
/// vector multiply-adds, the event-driven one a mispredicted branch (about
/// 15 cycles) per spike, and a few percent of neurons spike per step.
pub(crate) const DENSE_MAX_DIMS: usize = 8;

/// How one decoded signal is computed.
#[derive(Debug, Clone)]
pub(crate) enum Decoding {
    /// Dense: each block holding part of the population computes its part's
    /// sums right after stepping its neurons (on whichever thread steps it)
    /// into slot `slot` of its `decoded`; reading adds the parts in order.
    Dense(Vec<PartSum>),
    /// Event-driven over the neuron-major decoders, when read.
    Sparse,
}

/// Where one part of a dense decoding is summed: block `shard`, its
/// `decoded[slot..slot + dims]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartSum {
    pub shard: usize,
    pub slot: usize,
}

/// One part of a dense decoding, done by the block that holds the part.
#[derive(Debug, Clone)]
pub(crate) struct DecodeJob {
    /// The part's neurons in the block: `offset..offset + len`.
    pub offset: usize,
    pub len: usize,
    /// The part's first neuron in the population, and the population size.
    pub start: usize,
    pub n: usize,
    pub dims: usize,
    /// Where the block stores the sums.
    pub slot: usize,
    /// Decoders, dimension-major (`d * n + i`), shared by the parts.
    pub columns: Arc<Vec<f32>>,
}

impl DecodeJob {
    /// Writes this part's `dims` sums, `sum_i a_i D[start + i, d]`, into `sums`.
    pub fn run(&self, out: &[f32], sums: &mut [f64]) {
        let a = &out[self.offset..self.offset + self.len];
        for (d, s) in sums[self.slot..self.slot + self.dims]
            .iter_mut()
            .enumerate()
        {
            let base = d * self.n + self.start;
            *s = dot(a, &self.columns[base..base + self.len]);
        }
    }
}

/// A dimension-major (`d * n + i`) copy of an `n × dims` neuron-major
/// array (decoders, or a block's encoders).
pub(crate) fn dimension_major(decoders: &[f32], n: usize, dims: usize) -> Vec<f32> {
    let mut t = vec![0.0; n * dims];
    for i in 0..n {
        for d in 0..dims {
            t[d * n + i] = decoders[i * dims + d];
        }
    }
    t
}

impl Decoding {
    /// Writes `sum_i a_i D[i, :]` of `pop` into `out`. Parts are summed in
    /// order, each by a fixed pattern, so the result depends only on the
    /// network, never on threads.
    pub fn decode(
        &self,
        pops: &Populations,
        pop: usize,
        decoders: &[f32],
        dims: usize,
        out: &mut [f64],
    ) {
        match self {
            Decoding::Dense(parts) => {
                if let [p] = &parts[..] {
                    copy(out, &pops.shards[p.shard].decoded[p.slot..p.slot + dims]);
                    return;
                }
                zero(out);
                for p in parts {
                    let sums = &pops.shards[p.shard].decoded[p.slot..p.slot + dims];
                    for (o, &s) in out.iter_mut().zip(sums) {
                        *o += s;
                    }
                }
            }
            Decoding::Sparse => {
                out.fill(0.0);
                for part in &pops.pops[pop].parts {
                    let a = &pops.shards[part.shard].out[part.offset..part.offset + part.len];
                    sparse(a, &decoders[part.start * dims..], dims, out);
                }
            }
        }
    }
}

/// Plans how a decoded source is decoded: densely by the blocks holding
/// the population (registering a job with each), or event-driven when read.
pub(crate) fn plan_decoding(
    source: &Source,
    net: &CompiledNetwork,
    pops: &mut Populations,
) -> Option<Decoding> {
    let Source::Decoded {
        pop,
        decoders,
        dims,
    } = source
    else {
        return None;
    };
    if *dims > DENSE_MAX_DIMS {
        return Some(Decoding::Sparse);
    }
    let n = net.populations[*pop].n;
    let columns = Arc::new(if *dims == 1 {
        decoders.clone()
    } else {
        dimension_major(decoders, n, *dims)
    });
    let parts = pops.pops[*pop]
        .parts
        .iter()
        .map(|part| PartSum {
            shard: part.shard,
            slot: pops.shards[part.shard].add_decode(
                (part.offset, part.len, part.start, n),
                *dims,
                Arc::clone(&columns),
            ),
        })
        .collect();
    Some(Decoding::Dense(parts))
}

multiversion! {
    /// `sum_i a_i d_i` in `f64` (each product of two `f32` is exact in
    /// `f64`), in 32 interleaved partial sums (four independent vectors of
    /// eight, so the additions do not wait on each other), combined in a
    /// fixed tree at the end.
    pub(crate) fn dot(a: &[f32], d: &[f32]) -> f64 {
        let mut lanes = [0.0f64; 32];
        let (a32, d32) = (a.chunks_exact(32), d.chunks_exact(32));
        let (ra, rd) = (a32.remainder(), d32.remainder());
        for (ca, cd) in a32.zip(d32) {
            for k in 0..32 {
                lanes[k] += f64::from(ca[k]) * f64::from(cd[k]);
            }
        }
        for (k, (&x, &y)) in ra.iter().zip(rd).enumerate() {
            lanes[k] += f64::from(x) * f64::from(y);
        }
        let mut width = 16;
        while width > 0 {
            for k in 0..width {
                lanes[k] += lanes[k + width];
            }
            width /= 2;
        }
        lanes[0]
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
            let mut dense = vec![0.0; dims];
            let job = DecodeJob {
                offset: 0,
                len: n,
                start: 0,
                n,
                dims,
                slot: 0,
                columns: Arc::new(dimension_major(&dec, n, dims)),
            };
            job.run(&a, &mut dense);
            let mut event = vec![0.0; dims];
            sparse(&a, &dec, dims, &mut event);
            for ((d, e), w) in dense.iter().zip(&event).zip(&want) {
                assert!(
                    (d - w).abs() <= 1e-9 * w.abs().max(1.0),
                    "dims {dims}: {d} vs {w}"
                );
                assert!(
                    (e - w).abs() <= 1e-9 * w.abs().max(1.0),
                    "dims {dims}: {e} vs {w}"
                );
            }
        }
    }
}
