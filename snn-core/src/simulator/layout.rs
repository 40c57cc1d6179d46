//! The layout: which block holds which neurons.
//!
//! A large population is cut into several blocks, and small populations of
//! one stage with the same neuron model are packed into one block, so an
//! ensemble array of a hundred 50-neuron ensembles costs a few neuron-model
//! calls per step rather than a hundred (Nengo merges its operators for the
//! same reason). Every neuron model updates each neuron from its own state
//! and current only, so packing changes no result.

use super::block::{Block, Reads, BLOCK_SIZE};
use super::kernels::{dimension_major, Segment};
use super::order::Stage;
use crate::network::CompiledNetwork;
use crate::neurons::{NeuronState, NeuronType};
use crate::processes::NOISE_CHUNK;
use std::ops::Range;
use std::sync::Arc;

/// Where a population's neurons are: one part per block it occupies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    pub block: usize,
    /// First neuron of the part in the block.
    pub offset: usize,
    /// First neuron of the part in the population.
    pub start: usize,
    pub len: usize,
    /// Where the population's input vector is kept in the block's inputs.
    pub x_offset: usize,
}

/// One population as the step sees it: its size and where its neurons are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PopPlan {
    /// Number of neurons.
    pub n: usize,
    /// Where the neurons are, in order.
    pub parts: Vec<Part>,
    /// Direct currents (a connection into `.neurons`) reach it.
    pub direct: bool,
}

/// Which per-neuron signals of a population something reads, and whether
/// direct currents reach it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Kept {
    /// Input currents (a probe of them).
    pub currents: bool,
    /// Outputs after the step (a link or a probe of spikes or rates, or an
    /// event-driven decoding).
    pub outputs: bool,
    /// Direct input currents (a connection into `.neurons`) are added to
    /// the encoded ones.
    pub direct: bool,
    /// An encoder rule changes its encoders: the step encodes its input
    /// into direct currents, and its blocks keep no encoders.
    pub learned_encoders: bool,
    /// State variables a probe reads: bit `min(v, 63)` for variable `v`
    /// (variables past 63 share the last bit, which errs towards keeping
    /// them readable).
    state_vars: u64,
}

impl Kept {
    /// Marks state variable `var` as read by a probe.
    pub fn read_state_var(&mut self, var: usize) {
        self.state_vars |= 1 << var.min(63);
    }

    /// True when a probe reads state variable `var`.
    fn reads_state_var(&self, var: usize) -> bool {
        (self.state_vars >> var.min(63)) & 1 == 1
    }

    /// What either of two populations sharing a block needs.
    fn union(self, other: Kept) -> Kept {
        Kept {
            currents: self.currents || other.currents,
            outputs: self.outputs || other.outputs,
            direct: self.direct || other.direct,
            learned_encoders: self.learned_encoders || other.learned_encoders,
            state_vars: self.state_vars | other.state_vars,
        }
    }
}

/// The blocks of a network and where every population went.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub blocks: Vec<Block>,
    /// For each population, its size and parts in order.
    pub pops: Vec<PopPlan>,
    /// For each stage, its blocks (empty for a node's stage).
    pub stage_blocks: Vec<Range<usize>>,
}

/// A population piece waiting to be placed in a block.
struct Piece {
    pop: usize,
    pop_start: usize,
    state: NeuronState,
}

impl Layout {
    /// Packs the populations of each stage into blocks. `keep[p]` says which
    /// of population `p`'s per-neuron signals something reads.
    pub fn new(net: &CompiledNetwork, stages: &[Stage], keep: &[Kept]) -> Self {
        let mut layout = Layout {
            blocks: Vec::new(),
            pops: net
                .populations
                .iter()
                .zip(keep)
                .map(|(p, k)| PopPlan {
                    n: p.n,
                    parts: Vec::new(),
                    direct: k.direct,
                })
                .collect(),
            stage_blocks: Vec::with_capacity(stages.len()),
        };
        for stage in stages {
            let first = layout.blocks.len();
            if let Stage::Populations(ps) = stage {
                // Small populations fill blocks of about equal size (at most
                // BLOCK_SIZE), as many as a large population of their total
                // would be cut into, so the blocks of a stage balance across
                // two or four threads.
                let small: usize = ps
                    .iter()
                    .map(|&p| net.populations[p].n)
                    .filter(|&n| n <= BLOCK_SIZE)
                    .sum();
                let limit = split_size(small);
                let mut open: Vec<Piece> = Vec::new();
                for &p in ps.iter() {
                    let pop = &net.populations[p];
                    let state = pop.initial_state.clone();
                    let packable = !state.has_rng() && pop.n <= BLOCK_SIZE;
                    let fits = open.first().is_some_and(|first| {
                        let model = &net.populations[first.pop].neuron_type;
                        keep[first.pop].outputs == keep[p].outputs
                            && same_model(model, &pop.neuron_type)
                            && open.iter().map(|piece| piece.state.len()).sum::<usize>() + pop.n
                                <= limit
                    });
                    if !(packable && fits) {
                        layout.close(net, std::mem::take(&mut open), keep);
                    }
                    if packable {
                        open.push(Piece {
                            pop: p,
                            pop_start: 0,
                            state,
                        });
                    } else {
                        let mut size = split_size(pop.n);
                        if pop
                            .noise
                            .as_ref()
                            .is_some_and(|n| n.neuron_noise().is_some())
                        {
                            // Blocks draw whole chunks of the noise stream.
                            size = size.next_multiple_of(NOISE_CHUNK);
                        }
                        for (k, block) in state.into_blocks(size).into_iter().enumerate() {
                            let piece = Piece {
                                pop: p,
                                pop_start: k * size,
                                state: block,
                            };
                            layout.close(net, vec![piece], keep);
                        }
                    }
                }
                layout.close(net, open, keep);
            }
            layout.stage_blocks.push(first..layout.blocks.len());
        }
        layout
    }

    /// Makes one block of `pieces` (consecutive in the stage, one model).
    fn close(&mut self, net: &CompiledNetwork, pieces: Vec<Piece>, keep: &[Kept]) {
        let Some(first) = pieces.first() else {
            return;
        };
        let neuron_type = Arc::clone(&net.populations[first.pop].neuron_type);
        let index = self.blocks.len();
        // A block of several small populations, each stepped as a run with
        // its encoding fused in: each run padded with resting neurons to
        // whole vectors, so none ends in neurons stepped one at a time. A
        // block of 1-D populations only is stepped as one flat loop, each
        // neuron with its population's input, and needs no padding.
        let fused_runs = pieces.len() > 1
            && pieces.iter().all(|p| {
                let k = keep[p.pop];
                !k.direct
                    && !k.currents
                    && !k.learned_encoders
                    && (1..=2).contains(&net.populations[p.pop].dims)
            });
        let pad = fused_runs
            && pieces.iter().any(|p| net.populations[p.pop].dims == 2)
            && neuron_type.rest_state(0).is_some();
        let (mut segments, mut encoders, mut bias, mut states) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut inputs = 0;
        let mut offset = 0;
        let mut kept = Kept::default();
        let mut noise = Vec::new();
        for piece in pieces {
            let pop = &net.populations[piece.pop];
            let dims = if keep[piece.pop].learned_encoders {
                0
            } else {
                pop.dims
            };
            let (len, s) = (piece.state.len(), piece.pop_start);
            let run_len = if pad {
                len.next_multiple_of(RUN_LANES)
            } else {
                len
            };
            segments.push(Segment {
                pop: piece.pop,
                pop_start: s,
                offset,
                len,
                dims,
                run_len,
                enc_offset: encoders.len(),
                x_offset: inputs,
                direct: keep[piece.pop].direct,
            });
            let columns = dimension_major(&pop.encoders[s * dims..(s + len) * dims], len, dims);
            for column in columns.chunks_exact(len.max(1)).take(dims) {
                encoders.extend_from_slice(column);
                encoders.resize(encoders.len() + run_len - len, 0.0);
            }
            bias.extend_from_slice(&pop.bias[s..s + len]);
            bias.resize(bias.len() + run_len - len, 0.0);
            self.pops[piece.pop].parts.push(Part {
                block: index,
                offset,
                start: s,
                len,
                x_offset: inputs,
            });
            if let Some(n) = pop.noise.as_ref().and_then(|n| n.neuron_noise()) {
                noise.push(((offset, len, s), n));
            }
            inputs += dims;
            kept = kept.union(keep[piece.pop]);
            states.push(piece.state);
            if run_len > len {
                states.push(
                    neuron_type
                        .rest_state(run_len - len)
                        .expect("checked above: the type has a rest state"),
                );
            }
            offset += run_len;
        }
        let readable: Vec<bool> = (0..neuron_type.state_names().len())
            .map(|v| kept.reads_state_var(v))
            .collect();
        let initial =
            neuron_type.working_state(NeuronState::concat(states), net.dt as f32, &readable);
        let reads = Reads {
            currents: kept.currents,
            outputs: kept.outputs,
        };
        let mut block = Block::new(neuron_type, segments, encoders, bias, reads, initial);
        for (at, n) in noise {
            block.add_noise(at, n);
        }
        self.blocks.push(block);
    }
}

/// The vector width, in neurons, that packed runs are padded to: 16 `f32`
/// lanes of AVX-512, two vectors of AVX2.
const RUN_LANES: usize = 16;

/// The block size for a population of `n` neurons cut into several blocks:
/// a multiple of four blocks of equal size (at most [`BLOCK_SIZE`]), so that
/// two or four threads get equal shares. It depends on `n` only, never on
/// the thread count.
pub(crate) fn split_size(n: usize) -> usize {
    let blocks = n.div_ceil(BLOCK_SIZE);
    let blocks = if blocks > 1 {
        blocks.div_ceil(4) * 4
    } else {
        1
    };
    n.div_ceil(blocks).max(1)
}

/// True when two populations run the same neuron model with the same
/// parameters: one shared value, or types whose
/// [`block_key`](NeuronType::block_key)s are both given and equal (a type
/// without a key never shares with another value).
fn same_model(a: &Arc<dyn NeuronType>, b: &Arc<dyn NeuronType>) -> bool {
    Arc::ptr_eq(a, b) || a.block_key().is_some_and(|k| b.block_key() == Some(k))
}
