//! The numeric loops of a step, on plain slices: encoding a block's input
//! currents and decoding its outputs. They know nothing of blocks or
//! populations, which is why everything else may use them.

use crate::neurons::{affine_currents, EncodedRun};
use crate::simd::multiversion;

/// The neurons `pop_start..pop_start + len` of population `pop`, stored at
/// `offset..offset + len` of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub pop: usize,
    pub pop_start: usize,
    pub offset: usize,
    pub len: usize,
    pub dims: usize,
    /// The neurons of its run in the block, `len` or more: a packed
    /// population is padded with resting neurons to whole vectors (see
    /// `layout`); its encoders are dimension-major with this stride.
    pub run_len: usize,
    /// Where this segment's encoders start in the block's encoders.
    pub enc_offset: usize,
    /// Where its population's input vector is in the block's inputs.
    pub x_offset: usize,
    /// Its population receives direct currents (a connection into
    /// `.neurons`), kept in the block's direct currents at `offset`.
    pub direct: bool,
}

impl Segment {
    /// The segment's run of neurons for encoding, padding included.
    pub fn run(&self) -> EncodedRun {
        EncodedRun {
            offset: self.offset,
            len: self.run_len,
            dims: self.dims,
            enc_offset: self.enc_offset,
            x_offset: self.x_offset,
        }
    }
}

/// `j = bias + E x` over one run: its encoders, biases and input.
#[inline(always)]
fn encode_run(r: &EncodedRun, encoders: &[f32], bias: &[f32], inputs: &[f32], j: &mut [f32]) {
    let range = r.offset..r.offset + r.len;
    affine_currents(
        &encoders[r.enc_offset..r.enc_offset + r.len * r.dims],
        &bias[range.clone()],
        &inputs[r.x_offset..r.x_offset + r.dims],
        &mut j[range],
    );
}

multiversion! {
    /// Encodes every segment of a block: `j = bias + E x` for its
    /// population's input `x`, plus its direct currents if it has any, into
    /// `j[offset..offset + len]`. One dispatch for the whole block, so a
    /// block of many small populations pays it once.
    pub(crate) fn encode_segments(segments: &[Segment], encoders: &[f32], bias: &[f32], inputs: &[f32], direct: &[f64], j: &mut [f32]) {
        for seg in segments {
            encode_run(&seg.run(), encoders, bias, inputs, j);
            if seg.direct {
                let range = seg.offset..seg.offset + seg.len;
                add_currents(&direct[range.clone()], &mut j[range]);
            }
        }
    }
}

multiversion! {
    /// Encodes every run of a block (see [`encode_segments`]): the runs
    /// without direct currents, each padding neuron's current its bias, 0.
    pub(crate) fn encode_runs(runs: &[EncodedRun], encoders: &[f32], bias: &[f32], inputs: &[f32], j: &mut [f32]) {
        for r in runs {
            encode_run(r, encoders, bias, inputs, j);
        }
    }
}

/// Adds direct input currents (from connections into `.neurons`) to `j`,
/// in `f64` and rounded once.
#[inline(always)]
fn add_currents(current: &[f64], j: &mut [f32]) {
    for (o, &c) in j.iter_mut().zip(current) {
        *o = (f64::from(*o) + c) as f32;
    }
}

/// One part of a decoding (dense or event-driven), done by the block that holds the part
/// right after it steps (on whichever thread steps it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DecodeJob {
    /// The part's neurons in the block: `offset..offset + len`.
    pub offset: usize,
    pub len: usize,
    pub dims: usize,
    /// Where the block stores the sums.
    pub slot: usize,
    /// Where the part's decoders start in the block's decoders,
    /// dimension-major within the part (`at + d * len + i`; neuron-major,
    /// `at + i * dims + d`, for an event-driven job). The parts of a
    /// block lie back to back in the order they are run, so the decodings
    /// of a block of many small populations read one stream of memory.
    pub at: usize,
}

multiversion! {
    /// Runs every dense decoding job of a block on its outputs `out`: one
    /// dispatch for the block, and every dot inlined into the loop, so a
    /// block of many small populations pays neither per job.
    pub(crate) fn decode_all(jobs: &[DecodeJob], decoders: &[f32], out: &[f32], sums: &mut [f64]) {
        for job in jobs {
            job.run(decoders, out, sums);
        }
    }
}

/// Runs the event-driven decoding jobs of a block (each its own dispatch
/// of [`sparse`]: inlined with the dots, it made the compiler spill their
/// sums to the stack).
pub(crate) fn decode_sparse(jobs: &[DecodeJob], decoders: &[f32], out: &[f32], sums: &mut [f64]) {
    for job in jobs {
        let a = &out[job.offset..job.offset + job.len];
        let rows = &decoders[job.at..job.at + job.dims * job.len];
        let sums = &mut sums[job.slot..job.slot + job.dims];
        sums.fill(0.0);
        sparse(a, rows, job.dims, sums);
    }
}

impl DecodeJob {
    /// Writes this part's `dims` sums, `sum_i a_i D[i, d]`, into
    /// `sums[slot..slot + dims]`.
    #[inline(always)]
    pub fn run(&self, decoders: &[f32], out: &[f32], sums: &mut [f64]) {
        let a = &out[self.offset..self.offset + self.len];
        let columns = &decoders[self.at..self.at + self.dims * self.len];
        let sums = &mut sums[self.slot..self.slot + self.dims];
        for (s, column) in sums.iter_mut().zip(columns.chunks_exact(self.len.max(1))) {
            *s = dot(a, column);
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

/// `sum_i a_i d_i` in `f64` (each product of two `f32` is exact in
/// `f64`), in 32 interleaved partial sums (four independent vectors of
/// eight, so the additions do not wait on each other), combined in a
/// fixed tree at the end. Below 64 neurons, 8 partial sums (one
/// vector): a small population's dot then costs a few vector steps
/// instead of a 32-wide reduction. Inlined into its callers, which are
/// compiled per instruction set ([`decode_all`]).
#[inline(always)]
pub(crate) fn dot(a: &[f32], d: &[f32]) -> f64 {
    if a.len() < 64 {
        let lanes = partial_sums::<8>(a, d);
        let l4 = [
            lanes[0] + lanes[4],
            lanes[1] + lanes[5],
            lanes[2] + lanes[6],
            lanes[3] + lanes[7],
        ];
        return (l4[0] + l4[2]) + (l4[1] + l4[3]);
    }
    let mut lanes = partial_sums::<32>(a, d);
    let mut width = 16;
    while width > 0 {
        for k in 0..width {
            lanes[k] += lanes[k + width];
        }
        width /= 2;
    }
    lanes[0]
}

/// `L` interleaved partial sums of `a_i d_i`: lane `k` sums the products
/// at `i = k mod L`. Written over fixed-size arrays, which the compiler
/// turns into whole vector registers (iterator adaptors over chunks left
/// it splitting the lanes into odd-sized pieces).
#[inline(always)]
fn partial_sums<const L: usize>(a: &[f32], d: &[f32]) -> [f64; L] {
    let mut lanes = [0.0f64; L];
    let n = a.len().min(d.len());
    let full = n - n % L;
    let mut i = 0;
    while i < full {
        let ca: &[f32; L] = a[i..i + L].try_into().expect("L values");
        let cd: &[f32; L] = d[i..i + L].try_into().expect("L values");
        for k in 0..L {
            lanes[k] += f64::from(ca[k]) * f64::from(cd[k]);
        }
        i += L;
    }
    for k in 0..n - full {
        lanes[k] += f64::from(a[full + k]) * f64::from(d[full + k]);
    }
    lanes
}

multiversion! {
    /// Adds `sum_i a_i D[i, :]` into `out`, touching only the neurons with
    /// non-zero output (for a spiking population, the few that spiked).
    /// Activities are scanned 16 at a time into a bit mask, so silent neurons
    /// cost a vector compare, not a branch each.
    pub(crate) fn sparse(activities: &[f32], decoders: &[f32], dims: usize, out: &mut [f64]) {
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

/// `dst = src` without a library call for the one-element signals that
/// most links carry (a `memcpy` call costs more than the copy).
#[inline(always)]
pub(crate) fn copy(dst: &mut [f64], src: &[f64]) {
    match (dst, src) {
        ([d], [s]) => *d = *s,
        (dst, src) => dst.copy_from_slice(src),
    }
}

/// `v = 0`, likewise without a library call for one element.
#[inline(always)]
pub(crate) fn zero(v: &mut [f64]) {
    match v {
        [x] => *x = 0.0,
        v => v.fill(0.0),
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
                dims,
                slot: 0,
                at: 0,
            };
            job.run(&dimension_major(&dec, n, dims), &a, &mut dense);
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
