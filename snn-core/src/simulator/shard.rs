//! Blocks of neurons that step independently of one another.
//!
//! The simulator keeps neurons in blocks of at most [`SHARD_SIZE`], not in
//! populations: a large population is cut into several blocks, and small
//! populations of one stage with the same neuron model are packed into one
//! block, so an ensemble array of a hundred 50-neuron ensembles costs a
//! few neuron-model calls per step rather than a hundred (Nengo merges its
//! operators for the same reason). Every neuron model updates each neuron
//! from its own state and current only, so packing changes no result.

use super::decode::{dimension_major, DecodeJob};
use super::encode::encode_segments;
use super::order::Stage;
use super::signals::PopState;
use crate::network::CompiledNetwork;
use crate::neurons::{Encoding, NeuronState, NeuronType};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

thread_local! {
    /// The input currents of the block being stepped on this thread. One
    /// buffer per thread, reused by every block, stays in cache and is never
    /// written back to memory, which a per-block array would be.
    static CURRENTS: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
    /// The outputs of a block nothing reads after its step (dense decoding
    /// reads them within the step), for the same reason.
    static UNREAD: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

/// The most neurons in one block: a block's working set (state, currents,
/// outputs, encoders) stays in the L2 cache, and blocks are the unit of
/// parallel work. It is a constant, never derived from the thread count, so
/// results do not depend on how many threads step the blocks.
pub(crate) const SHARD_SIZE: usize = 4096;

/// The neurons `pop_start..pop_start + len` of population `pop`, stored at
/// `offset..offset + len` of a block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub pop: usize,
    pub pop_start: usize,
    pub offset: usize,
    pub len: usize,
    pub dims: usize,
    /// Where this segment's encoders start in the block's `encoders`.
    pub enc_offset: usize,
    /// Where its population's input vector is in the block's `inputs`.
    pub x_offset: usize,
}

/// Where a population's neurons are: one part per block it occupies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    pub shard: usize,
    /// First neuron of the part in the block.
    pub offset: usize,
    /// First neuron of the part in the population.
    pub start: usize,
    pub len: usize,
    /// Where the population's input vector is kept in the block's `inputs`.
    pub x_offset: usize,
}

/// A contiguous block of neurons of one model, from one or more
/// populations, with its own copy of their encoders and biases, their state
/// and their outputs, so it can be stepped alone.
#[derive(Debug, Clone)]
pub(crate) struct Shard {
    neuron_type: Arc<dyn NeuronType>,
    /// One population, no direct currents and no probe of the currents: the
    /// neuron type computes the currents inside its own loop
    /// ([`NeuronType::step_encoded`]).
    fused: bool,
    segments: Vec<Segment>,
    /// Scaled encoders, per segment dimension-major: `enc_offset + d * len + i`.
    encoders: Vec<f32>,
    bias: Vec<f32>,
    /// Input currents of the last step, kept only when a probe reads them
    /// (else empty).
    pub j: Vec<f32>,
    /// Outputs of the last step (spikes or rates); empty when no link or
    /// probe reads them, in which case they go to a scratch buffer.
    pub out: Vec<f32>,
    pub state: NeuronState,
    /// Dense decodings of parts of this block, done after each step.
    decodes: Vec<DecodeJob>,
    /// Their sums, `dims` values per job at the job's slot.
    pub decoded: Vec<f64>,
    /// The input vectors `x` of this step of every segment's population,
    /// written by the step's serial part. Kept in the block rather than with
    /// the population so that the serial part, writing them, and the thread
    /// stepping the block, reading them, share few cache lines.
    pub inputs: Vec<f32>,
}

/// The blocks of a network at its initial state.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub shards: Vec<Shard>,
    /// For each population, its parts in order.
    pub parts: Vec<Vec<Part>>,
    /// For each stage, its blocks (empty for a node's stage).
    pub stage_shards: Vec<Range<usize>>,
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
            state_vars: self.state_vars | other.state_vars,
        }
    }
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
            shards: Vec::new(),
            parts: vec![Vec::new(); net.populations.len()],
            stage_shards: Vec::with_capacity(stages.len()),
        };
        for stage in stages {
            let first = layout.shards.len();
            if let Stage::Populations(ps) = stage {
                // Small populations fill blocks of about equal size (at most
                // SHARD_SIZE), so the blocks of a stage balance across threads.
                let small: usize = ps
                    .iter()
                    .map(|&p| net.populations[p].n)
                    .filter(|&n| n <= SHARD_SIZE)
                    .sum();
                let limit = small.div_ceil(small.div_ceil(SHARD_SIZE).max(1)).max(1);
                let mut open: Vec<Piece> = Vec::new();
                for &p in ps.iter() {
                    let pop = &net.populations[p];
                    let state = pop.initial_state.clone();
                    let packable = !state.has_rng() && pop.n <= SHARD_SIZE;
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
                        let size = split_size(pop.n);
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
            layout.stage_shards.push(first..layout.shards.len());
        }
        layout
    }

    /// Makes one block of `pieces` (consecutive in the stage, one model).
    fn close(&mut self, net: &CompiledNetwork, pieces: Vec<Piece>, keep: &[Kept]) {
        let Some(first) = pieces.first() else {
            return;
        };
        let neuron_type = Arc::clone(&net.populations[first.pop].neuron_type);
        let index = self.shards.len();
        let (mut segments, mut encoders, mut bias, mut states) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut inputs = 0;
        let mut offset = 0;
        let mut kept = Kept::default();
        for piece in pieces {
            let pop = &net.populations[piece.pop];
            let (dims, len, s) = (pop.dims, piece.state.len(), piece.pop_start);
            segments.push(Segment {
                pop: piece.pop,
                pop_start: s,
                offset,
                len,
                dims,
                enc_offset: encoders.len(),
                x_offset: inputs,
            });
            encoders.extend(dimension_major(
                &pop.encoders[s * dims..(s + len) * dims],
                len,
                dims,
            ));
            bias.extend_from_slice(&pop.bias[s..s + len]);
            self.parts[piece.pop].push(Part {
                shard: index,
                offset,
                start: s,
                len,
                x_offset: inputs,
            });
            inputs += dims;
            kept = kept.union(keep[piece.pop]);
            states.push(piece.state);
            offset += len;
        }
        let readable: Vec<bool> = (0..neuron_type.state_names().len())
            .map(|v| kept.reads_state_var(v))
            .collect();
        let state =
            neuron_type.working_state(NeuronState::concat(states), net.dt as f32, &readable);
        self.shards.push(Shard {
            neuron_type,
            fused: segments.len() == 1 && !kept.currents && !kept.direct,
            segments,
            encoders,
            bias,
            j: if kept.currents {
                vec![0.0; offset]
            } else {
                Vec::new()
            },
            out: if kept.outputs {
                vec![0.0; offset]
            } else {
                Vec::new()
            },
            state,
            decodes: Vec::new(),
            decoded: Vec::new(),
            inputs: vec![0.0; inputs],
        });
    }
}

/// The block size for a population of `n` neurons cut into several blocks:
/// a multiple of four blocks of equal size (at most [`SHARD_SIZE`]), so that
/// two or four threads get equal shares. It depends on `n` only, never on
/// the thread count.
fn split_size(n: usize) -> usize {
    let blocks = n.div_ceil(SHARD_SIZE);
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

impl Shard {
    /// As [`step_with`](Self::step_with), with this thread's own buffer for
    /// the currents.
    pub fn step(&mut self, dt: f32, pops: &[PopState]) -> Option<(usize, usize)> {
        CURRENTS.with_borrow_mut(|j| self.step_with(dt, pops, j))
    }

    /// Adds a dense decoding of neurons `offset..offset + len` of this
    /// block (neurons `start..` of an `n`-neuron population) with
    /// dimension-major decoders `columns`; returns the slot of its sums in
    /// [`decoded`](Self::decoded).
    pub fn add_decode(
        &mut self,
        (offset, len, start, n): (usize, usize, usize, usize),
        dims: usize,
        columns: std::sync::Arc<Vec<f32>>,
    ) -> usize {
        let slot = self.decoded.len();
        self.decoded.resize(slot + dims, 0.0);
        self.decodes.push(DecodeJob {
            offset,
            len,
            start,
            n,
            dims,
            slot,
            columns,
        });
        slot
    }

    /// State variable `var` of the block's neurons `range`, as `f64` into `out`.
    pub fn read_state(&self, var: usize, range: Range<usize>, out: &mut [f64]) {
        self.neuron_type.read_state(&self.state, var, range, out);
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.bias.len()
    }

    /// Encodes each population's input `x` (plus its direct currents, if
    /// any) into the buffer `j` and advances the neurons one step. Returns
    /// the population and index of the first neuron whose state is no longer
    /// finite, if any.
    pub fn step_with(
        &mut self,
        dt: f32,
        pops: &[PopState],
        j: &mut Vec<f32>,
    ) -> Option<(usize, usize)> {
        j.resize(self.len(), 0.0);
        let fused = self.fused;
        if !fused {
            encode_segments(
                &self.segments,
                &self.encoders,
                &self.bias,
                &self.inputs,
                pops,
                j,
            );
        }
        let input = Encoding {
            encoders: &self.encoders,
            bias: &self.bias,
            x: &self.inputs,
        };
        let (neuron_type, state) = (&self.neuron_type, &mut self.state);
        let mut step = |j: &mut [f32], out: &mut [f32]| {
            if fused {
                neuron_type.step_encoded(dt, input, j, state, out);
            } else {
                neuron_type.step(dt, j, state, out);
            }
        };
        let (decodes, decoded) = (&self.decodes, &mut self.decoded);
        let mut finish = |out: &[f32]| {
            for job in decodes {
                job.run(out, decoded);
            }
        };
        if self.out.is_empty() {
            UNREAD.with_borrow_mut(|out| {
                out.resize(j.len(), 0.0);
                step(j, out);
                finish(out);
            });
        } else {
            step(j, &mut self.out);
            finish(&self.out);
        }
        if !self.j.is_empty() {
            self.j.copy_from_slice(j);
        }
        let bad = self.neuron_type.first_non_finite(&self.state)?;
        let seg = self
            .segments
            .iter()
            .find(|s| bad < s.offset + s.len)
            .expect("segments cover the block");
        Some((seg.pop, seg.pop_start + bad - seg.offset))
    }
}
