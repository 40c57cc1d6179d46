//! Decoding: a population's outputs times its decoders, planned once as
//! dense (done by the blocks as they step) or event-driven (done when read).

use super::block::Block;
use super::kernels::{copy, dimension_major, sparse, zero};
use super::layout::PopPlan;
use super::state::Neurons;
use crate::network::Source;

/// Up to this many decoded dimensions a dense pass over every neuron beats
/// visiting only the neurons that spiked: a dense pass costs `n·dims/16`
/// vector multiply-adds, the event-driven one a mispredicted branch (about
/// 15 cycles) per spike, and a few percent of neurons spike per step.
/// Either is done by the block holding the population, right after its
/// step, on whichever thread steps it; only a wider decoding of a
/// population cut over several blocks is done when read.
pub(crate) const DENSE_MAX_DIMS: usize = 8;

/// How one decoded signal is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoding {
    /// Done by the blocks: each block holding part of the population
    /// computes its part's sums right after stepping its neurons (on
    /// whichever thread steps it) into slot `slot` of its `decoded`, by a
    /// dot per dimension, or event-driven for a wide decoding (one part
    /// only); reading adds the parts in order.
    Dense(Vec<PartSum>),
    /// Event-driven over the neuron-major decoders, when read.
    Sparse,
}

/// Where one part of a dense decoding is summed: block `block`, its
/// `decoded[slot..slot + dims]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartSum {
    pub block: usize,
    pub slot: usize,
}

impl Decoding {
    /// Writes `sum_i a_i D[i, :]` of `pop` into `out`. Parts are summed in
    /// order, each by a fixed pattern, so the result depends only on the
    /// network, never on threads.
    pub fn decode(
        &self,
        neurons: &Neurons<'_>,
        pop: usize,
        decoders: &[f32],
        dims: usize,
        out: &mut [f64],
    ) {
        match self {
            Decoding::Dense(parts) => {
                if let [p] = &parts[..] {
                    copy(out, &neurons.states[p.block].decoded[p.slot..p.slot + dims]);
                    return;
                }
                zero(out);
                for p in parts {
                    let sums = &neurons.states[p.block].decoded[p.slot..p.slot + dims];
                    for (o, &s) in out.iter_mut().zip(sums) {
                        *o += s;
                    }
                }
            }
            Decoding::Sparse => {
                out.fill(0.0);
                for part in &neurons.pops[pop].parts {
                    let a = &neurons.states[part.block].out[part.offset..part.offset + part.len];
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
    pops: &[PopPlan],
    blocks: &mut [Block],
) -> Option<Decoding> {
    let Source::Decoded {
        pop,
        decoders,
        dims,
    } = source
    else {
        return None;
    };
    let n = pops[*pop].n;
    let wide = *dims > DENSE_MAX_DIMS;
    if wide && pops[*pop].parts.len() > 1 {
        return Some(Decoding::Sparse);
    }
    let transposed;
    let columns: &[f32] = if *dims == 1 || wide {
        decoders
    } else {
        transposed = dimension_major(decoders, n, *dims);
        &transposed
    };
    let parts = pops[*pop]
        .parts
        .iter()
        .map(|part| PartSum {
            block: part.block,
            slot: if wide {
                blocks[part.block].add_sparse_decode(
                    (part.offset, part.len, part.start),
                    *dims,
                    columns,
                )
            } else {
                blocks[part.block].add_decode(
                    (part.offset, part.len, part.start, n),
                    *dims,
                    columns,
                )
            },
        })
        .collect();
    Some(Decoding::Dense(parts))
}
