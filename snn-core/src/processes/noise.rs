//! White noise, optionally filtered: Nengo's `WhiteNoise`, `FilteredNoise`
//! and `BrownNoise` at run time.
//!
//! The values of one step are drawn in chunks of [`CHUNK`], each from a
//! stream of its own ([`NoiseRng::chunk`]), so the blocks that hold a noisy
//! population's neurons draw their own chunks, in parallel and in any
//! layout, and still give exactly the stream a node of the same process
//! gives.

use super::noise_rng::{self, NoiseRng, CHUNK};
use super::{ProcessState, ProcessStep};
use crate::synapses::DiscreteFilter;

/// The distribution of each white-noise sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoiseDist {
    /// Normal with this mean and standard deviation.
    Gaussian {
        /// The mean.
        mean: f64,
        /// The standard deviation.
        std: f64,
    },
    /// Uniform on `[low, high)`.
    Uniform {
        /// The lower bound.
        low: f64,
        /// The upper bound.
        high: f64,
    },
}

/// Every step, `dims` independent samples `x` of `dist`, times `gain`
/// (Nengo's `1/sqrt(dt)` when the noise is scaled, so that its integral
/// does not depend on `dt`), then through `filter` if there is one:
/// `y[k] = filter(gain x[k])`.
#[derive(Debug, Clone)]
pub struct WhiteNoiseStep {
    /// What Nengo calls it (`"WhiteNoise"`, `"FilteredNoise"`, `"BrownNoise"`).
    pub name: &'static str,
    /// The samples' distribution.
    pub dist: NoiseDist,
    /// The factor on every sample.
    pub gain: f64,
    /// The filter the scaled samples go through.
    pub filter: Option<DiscreteFilter>,
    /// Samples per step.
    pub dims: usize,
    /// The seed of the stream.
    pub seed: u64,
}

/// Unfiltered white noise as a block of neurons draws it: value `i` of a
/// step is `gain x_i`, `x_i` of `dist`, from chunk `i / CHUNK` of the
/// stream of `seed`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NeuronNoise {
    /// The samples' distribution.
    pub dist: NoiseDist,
    /// The factor on every sample.
    pub gain: f64,
    /// The seed of the stream.
    pub seed: u64,
}

impl NeuronNoise {
    /// The streams of neurons `start..start + len` (`start` a multiple of
    /// [`CHUNK`]).
    pub fn streams(&self, start: usize, len: usize) -> Vec<NoiseRng> {
        debug_assert_eq!(start % CHUNK, 0, "chunked streams start on a chunk");
        let first = start / CHUNK;
        (first..first + len.div_ceil(CHUNK))
            .map(|c| NoiseRng::chunk(self.seed, c))
            .collect()
    }

    /// The largest `|gain x|` a step can draw: Box-Muller deviates stay
    /// below 6.7 in magnitude, uniform ones within their bounds.
    pub fn bound(&self) -> f64 {
        let g = self.gain.abs();
        match self.dist {
            NoiseDist::Gaussian { mean, std } => g * (mean.abs() + 6.7 * std.abs()),
            NoiseDist::Uniform { low, high } => g * low.abs().max(high.abs()),
        }
    }

    /// `out = base + gain x` in `f32`, drawing from `rngs` (one per chunk of
    /// `out`): a block's biases plus its neurons' noise for one step.
    pub fn offset(&self, rngs: &mut [NoiseRng], base: &[f32], out: &mut [f32]) {
        match self.dist {
            NoiseDist::Gaussian { mean, std } => {
                let (m, s) = ((self.gain * mean) as f32, (self.gain * std) as f32);
                noise_rng::offset_normal_chunked(rngs, base, out, m, s);
            }
            NoiseDist::Uniform { low, high } => {
                let mut u = [0.0; CHUNK];
                for ((rng, out), base) in rngs
                    .iter_mut()
                    .zip(out.chunks_mut(CHUNK))
                    .zip(base.chunks(CHUNK))
                {
                    let u = &mut u[..out.len()];
                    rng.fill_uniform(u);
                    for ((o, &b), &u) in out.iter_mut().zip(base).zip(u.iter()) {
                        *o = b + (self.gain * (low + (high - low) * u)) as f32;
                    }
                }
            }
        }
    }

    /// `out = gain x` (or `out += gain x` when `add`), in `f64`, drawing
    /// from `rngs` (one per chunk of `out`).
    fn draw(&self, rngs: &mut [NoiseRng], out: &mut [f64], add: bool) {
        match self.dist {
            NoiseDist::Gaussian { mean, std } => {
                let (m, s) = (self.gain * mean, self.gain * std);
                if add {
                    noise_rng::add_normal_chunked(rngs, out, m, s);
                } else {
                    noise_rng::fill_normal_chunked(rngs, out, m, s);
                }
            }
            NoiseDist::Uniform { low, high } => {
                let mut u = [0.0; CHUNK];
                for (rng, out) in rngs.iter_mut().zip(out.chunks_mut(CHUNK)) {
                    let u = &mut u[..out.len()];
                    rng.fill_uniform(u);
                    for (o, &u) in out.iter_mut().zip(u.iter()) {
                        let x = self.gain * (low + (high - low) * u);
                        *o = if add { *o + x } else { x };
                    }
                }
            }
        }
    }
}

impl WhiteNoiseStep {
    /// The white noise before the filter.
    fn white(&self) -> NeuronNoise {
        NeuronNoise {
            dist: self.dist,
            gain: self.gain,
            seed: self.seed,
        }
    }
}

impl ProcessStep for WhiteNoiseStep {
    fn name(&self) -> &'static str {
        self.name
    }

    fn initial_state(&self) -> ProcessState {
        ProcessState {
            rngs: self.white().streams(0, self.dims),
            filter: self.filter.as_ref().map(|f| f.state(self.dims)),
            values: if self.filter.is_some() {
                vec![0.0; self.dims]
            } else {
                Vec::new()
            },
        }
    }

    fn step(&self, _t: f64, _input: &[f64], state: &mut ProcessState, out: &mut [f64]) {
        let ProcessState {
            rngs,
            filter,
            values,
        } = state;
        match (&self.filter, filter) {
            (Some(f), Some(fs)) => {
                self.white().draw(rngs, values, false);
                f.update(fs, values);
                out.copy_from_slice(fs.output());
            }
            _ => self.white().draw(rngs, out, false),
        }
    }

    /// Unfiltered noise is added as it is drawn, with no pass of its own.
    fn add_step(&self, t: f64, state: &mut ProcessState, out: &mut [f64], scratch: &mut Vec<f64>) {
        if self.filter.is_some() {
            scratch.resize(out.len(), 0.0);
            self.step(t, &[], state, scratch);
            for (o, s) in out.iter_mut().zip(scratch.iter()) {
                *o += s;
            }
        } else {
            self.white().draw(&mut state.rngs, out, true);
        }
    }

    fn neuron_noise(&self) -> Option<NeuronNoise> {
        self.filter.is_none().then(|| self.white())
    }
}
