//! A block: neurons of one model, from one or more populations, that step
//! alone, from their own data only.
//!
//! The simulator keeps neurons in blocks of at most [`BLOCK_SIZE`], not in
//! populations (see `layout`). What a block is, decided once, is a
//! [`Block`]: its neuron model, segments, encoders, biases and the dense
//! decodings it finishes with. What a step changes is its [`BlockState`]:
//! neuron state, this step's inputs and direct currents (copied in by the
//! serial part of the step), outputs and decoded sums. A block's step reads
//! its `Block` and writes its own `BlockState` and nothing else, so the
//! blocks of a stage can be stepped on any threads without a lock.

use super::kernels::{decode_all, decode_sparse, encode_runs, encode_segments, DecodeJob, Segment};
use crate::neurons::{EncodedRun, EncodedRuns, Encoding, NeuronState, NeuronType, RunsShape};
use crate::processes::{NeuronNoise, NoiseRng, NOISE_CHUNK};
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
    /// The biases plus this step's noise, of a block with neuron noise.
    static NOISY_BIAS: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}

/// The most neurons in one block: a block's working set (state, currents,
/// outputs, encoders) stays in the L2 cache, and blocks are the unit of
/// parallel work. It is a constant, never derived from the thread count, so
/// results do not depend on how many threads step the blocks.
pub(crate) const BLOCK_SIZE: usize = 4096;

// A population cut at multiples of the noise chunk still fits its blocks.
const _: () = assert!(BLOCK_SIZE % NOISE_CHUNK == 0);

/// Which per-neuron signals of a block something reads after its step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reads {
    /// Input currents (a probe of them).
    pub currents: bool,
    /// Outputs (a link or a probe of spikes or rates, or an event-driven
    /// decoding).
    pub outputs: bool,
}

/// What a block is, fixed when the simulator is planned.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    neuron_type: Arc<dyn NeuronType>,
    /// One population, no direct currents and no probe of the currents: the
    /// neuron type computes the currents inside its own loop
    /// ([`NeuronType::step_encoded`]).
    fused: bool,
    segments: Vec<Segment>,
    /// The segments as runs the neuron type may step with their encoding
    /// fused in ([`NeuronType::step_encoded_runs`]): several segments, no
    /// direct currents, no probe of the currents (else empty).
    runs: Vec<EncodedRun>,
    runs_shape: RunsShape,
    /// Scaled encoders, per segment dimension-major: `enc_offset + d * len + i`.
    encoders: Vec<f32>,
    bias: Vec<f32>,
    reads: Reads,
    /// Some segment receives direct currents.
    direct: bool,
    /// Length of the block's input vectors (the dimensions of its segments).
    n_inputs: usize,
    /// Dense decodings of parts of this block, done after each step.
    decodes: Vec<DecodeJob>,
    /// Event-driven decodings of parts of this block (wide ones), likewise.
    sparse_decodes: Vec<DecodeJob>,
    /// The decoders of both kinds, each job's at its `at`.
    decoders: Vec<f32>,
    /// Length of their sums, `dims` values per job at the job's slot.
    n_decoded: usize,
    /// Neuron noise of parts of this block, drawn by the block as it steps.
    noise: Vec<NoisePart>,
    /// The neuron state at time 0, in the form the neuron type steps
    /// ([`NeuronType::working_state`]).
    initial: NeuronState,
}

/// Neurons `offset..offset + len` of a block get neuron noise `noise`,
/// from the generators `rngs..` of the block's state: the streams of their
/// population's neurons `pop_start..` (a multiple of the noise chunk).
#[derive(Debug, Clone)]
struct NoisePart {
    offset: usize,
    len: usize,
    pop_start: usize,
    rngs: usize,
    noise: NeuronNoise,
}

/// What a step changes in a block. Aligned to its own cache lines, so the
/// threads stepping neighbouring blocks never write to one line.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[repr(align(128))]
pub(crate) struct BlockState {
    pub state: NeuronState,
    /// Input currents of the last step, kept only when a probe reads them
    /// (else empty).
    pub j: Vec<f32>,
    /// Outputs of the last step (spikes or rates); empty when nothing reads
    /// them after the step, in which case they go to a scratch buffer.
    pub out: Vec<f32>,
    /// Sums of the dense decodings of the last step.
    pub decoded: Vec<f64>,
    /// The input vectors `x` of this step of every segment's population,
    /// written by the step's serial part before the block steps. Kept in
    /// the block rather than with the population so that the serial part,
    /// writing them, and the thread stepping the block, reading them, share
    /// few cache lines.
    pub inputs: Vec<f32>,
    /// The direct currents of this step, one per neuron, written likewise
    /// (empty when no segment has any).
    pub direct: Vec<f64>,
    /// The random streams of the block's neuron noise, one per chunk of
    /// each noisy part (empty without noise).
    pub noise: Vec<NoiseRng>,
    /// The block's index of the first neuron whose state was not finite
    /// after the last step, if any.
    pub failure: Option<usize>,
    /// The input the block summed for one of its populations failed its
    /// check, and the block did not step (taken by the step at once).
    #[serde(skip)]
    pub input_failed: bool,
}

impl Block {
    /// A block of `segments` (consecutive, of one model) with their encoders
    /// (dimension-major per segment), biases and initial working state.
    pub fn new(
        neuron_type: Arc<dyn NeuronType>,
        segments: Vec<Segment>,
        encoders: Vec<f32>,
        bias: Vec<f32>,
        reads: Reads,
        initial: NeuronState,
    ) -> Self {
        let direct = segments.iter().any(|s| s.direct);
        let n_inputs = segments.iter().map(|s| s.dims).sum();
        let runs = if segments.len() > 1 && !reads.currents && !direct {
            segments.iter().map(Segment::run).collect()
        } else {
            Vec::new()
        };
        Self {
            fused: segments.len() == 1 && !reads.currents && !direct,
            runs_shape: RunsShape::of(&runs),
            runs,
            neuron_type,
            segments,
            encoders,
            bias,
            reads,
            direct,
            n_inputs,
            decodes: Vec::new(),
            sparse_decodes: Vec::new(),
            decoders: Vec::new(),
            n_decoded: 0,
            noise: Vec::new(),
            initial,
        }
    }

    /// The state of the block at time 0.
    pub fn initial_state(&self) -> BlockState {
        let n = self.len();
        let sized = |wanted: bool| if wanted { vec![0.0; n] } else { Vec::new() };
        BlockState {
            state: self.initial.clone(),
            j: sized(self.reads.currents),
            out: sized(self.reads.outputs),
            decoded: vec![0.0; self.n_decoded],
            inputs: vec![0.0; self.n_inputs],
            direct: if self.direct {
                vec![0.0; n]
            } else {
                Vec::new()
            },
            noise: self
                .noise
                .iter()
                .flat_map(|part| part.noise.streams(part.pop_start, part.len))
                .collect(),
            failure: None,
            input_failed: false,
        }
    }

    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.bias.len()
    }

    /// The block's segments, in order.
    #[cfg(test)]
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Adds a dense decoding of neurons `offset..offset + len` of this
    /// block (neurons `start..` of an `n`-neuron population) with the
    /// population's dimension-major decoders `columns` (`d * n + i`), of
    /// which the block keeps its part's own copy; returns the slot of its
    /// sums in [`BlockState::decoded`].
    pub fn add_decode(
        &mut self,
        (offset, len, start, n): (usize, usize, usize, usize),
        dims: usize,
        columns: &[f32],
    ) -> usize {
        let job = self.new_job(offset, len, dims);
        for d in 0..dims {
            self.decoders
                .extend_from_slice(&columns[d * n + start..d * n + start + len]);
        }
        self.decodes.push(job);
        job.slot
    }

    /// Adds an event-driven decoding of neurons `offset..offset + len` of
    /// this block (neurons `start..` of their population) with the
    /// population's neuron-major decoders `rows` (`i * dims + d`), of which
    /// the block keeps its part's own copy; returns the slot of its sums.
    /// Done after each step like a dense one, for a wide decoding, where
    /// visiting the neurons that spiked beats a dot per dimension.
    pub fn add_sparse_decode(
        &mut self,
        (offset, len, start): (usize, usize, usize),
        dims: usize,
        rows: &[f32],
    ) -> usize {
        let job = self.new_job(offset, len, dims);
        self.decoders
            .extend_from_slice(&rows[start * dims..(start + len) * dims]);
        self.sparse_decodes.push(job);
        job.slot
    }

    /// A decoding job of neurons `offset..offset + len` into the next
    /// `dims` sums, its decoders to be appended at the end of the block's.
    fn new_job(&mut self, offset: usize, len: usize, dims: usize) -> DecodeJob {
        let slot = self.n_decoded;
        self.n_decoded += dims;
        DecodeJob {
            offset,
            len,
            dims,
            slot,
            at: self.decoders.len(),
        }
    }

    /// Adds neuron noise to neurons `offset..offset + len` of this block
    /// (neurons `pop_start..` of their population, `pop_start` a multiple
    /// of the noise chunk).
    pub fn add_noise(
        &mut self,
        (offset, len, pop_start): (usize, usize, usize),
        noise: NeuronNoise,
    ) {
        let rngs = self.noise.iter().map(|p| p.len.div_ceil(NOISE_CHUNK)).sum();
        self.noise.push(NoisePart {
            offset,
            len,
            pop_start,
            rngs,
            noise,
        });
    }

    /// The biases of this step: the block's own, or with neuron noise
    /// drawn into `noisy` (`bias + noise`, one pass that reads the biases
    /// and writes what the step then reads in their place).
    fn biases<'a>(&'a self, rngs: &mut [NoiseRng], noisy: &'a mut Vec<f32>) -> &'a [f32] {
        if self.noise.is_empty() {
            return &self.bias;
        }
        noisy.resize(self.len(), 0.0);
        let covered: usize = self.noise.iter().map(|p| p.len).sum();
        if covered < self.len() {
            noisy.copy_from_slice(&self.bias);
        }
        for part in &self.noise {
            let range = part.offset..part.offset + part.len;
            let chunks = part.len.div_ceil(NOISE_CHUNK);
            part.noise.offset(
                &mut rngs[part.rngs..part.rngs + chunks],
                &self.bias[range.clone()],
                &mut noisy[range],
            );
        }
        noisy
    }

    /// State variable `var` of the block's neurons `range`, as `f64` into `out`.
    pub fn read_state(&self, s: &BlockState, var: usize, range: Range<usize>, out: &mut [f64]) {
        self.neuron_type.read_state(&s.state, var, range, out);
    }

    /// The population and its neuron that neuron `i` of the block is.
    pub fn locate(&self, i: usize) -> (usize, usize) {
        let seg = self
            .segments
            .iter()
            .find(|s| i < s.offset + s.run_len)
            .expect("segments cover the block");
        // A padding neuron (at rest, never failing) stands for its run's last.
        let k = (i - seg.offset).min(seg.len.saturating_sub(1));
        (seg.pop, seg.pop_start + k)
    }

    /// As [`step_with`](Self::step_with), with this thread's own buffer for
    /// the currents; records the outcome in `s.failure`.
    pub fn step(&self, dt: f32, s: &mut BlockState) {
        s.failure = CURRENTS.with_borrow_mut(|j| self.step_with(dt, s, j));
    }

    /// Encodes each segment's input `x` (plus its neuron noise and direct
    /// currents, if any) into the buffer `j` and advances the neurons one
    /// step, then does the block's dense decodings. Returns the block's index of the first
    /// neuron whose state is no longer finite, if any.
    pub fn step_with(&self, dt: f32, s: &mut BlockState, j: &mut Vec<f32>) -> Option<usize> {
        if self.noise.is_empty() {
            self.step_biased(dt, s, j, &self.bias)
        } else {
            NOISY_BIAS.with_borrow_mut(|noisy| {
                let bias = self.biases(&mut s.noise, noisy);
                self.step_biased(dt, s, j, bias)
            })
        }
    }

    /// [`step_with`](Self::step_with) with the biases `bias` of this step.
    fn step_biased(
        &self,
        dt: f32,
        s: &mut BlockState,
        j: &mut Vec<f32>,
        bias: &[f32],
    ) -> Option<usize> {
        let BlockState {
            state,
            j: kept_j,
            out,
            decoded,
            inputs,
            direct,
            ..
        } = s;
        j.resize(self.len(), 0.0);
        let neuron_type = &self.neuron_type;
        let mut step = |j: &mut [f32], out: &mut [f32]| {
            if self.fused {
                let input = Encoding {
                    encoders: &self.encoders,
                    bias,
                    x: inputs,
                };
                neuron_type.step_encoded(dt, input, j, state, out);
                return;
            }
            let runs = EncodedRuns {
                runs: &self.runs,
                encoders: &self.encoders,
                bias,
                x: inputs,
                shape: self.runs_shape,
            };
            if self.runs.is_empty() {
                encode_segments(&self.segments, &self.encoders, bias, inputs, direct, j);
                neuron_type.step(dt, j, state, out);
            } else if !neuron_type.step_encoded_runs(dt, runs, state, out) {
                encode_runs(&self.runs, &self.encoders, bias, inputs, j);
                neuron_type.step(dt, j, state, out);
            }
        };
        let (decodes, sparse, decoders) = (&self.decodes, &self.sparse_decodes, &self.decoders);
        let mut finish = |out: &[f32]| {
            decode_all(decodes, decoders, out, decoded);
            decode_sparse(sparse, decoders, out, decoded);
        };
        if out.is_empty() {
            UNREAD.with_borrow_mut(|out| {
                out.resize(j.len(), 0.0);
                step(j, out);
                finish(out);
            });
        } else {
            step(j, out);
            finish(out);
        }
        if !kept_j.is_empty() {
            kept_j.copy_from_slice(j);
        }
        self.neuron_type.first_non_finite(state)
    }
}
