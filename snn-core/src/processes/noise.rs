//! White noise, optionally filtered: Nengo's `WhiteNoise`, `FilteredNoise`
//! and `BrownNoise` at run time.

use super::noise_rng::NoiseRng;
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

impl WhiteNoiseStep {
    /// Writes `gain x` into `out` (its `dims` samples).
    fn draw(&self, rng: &mut NoiseRng, out: &mut [f64], add: bool) {
        match self.dist {
            NoiseDist::Gaussian { mean, std } => {
                let (m, s) = (self.gain * mean, self.gain * std);
                if add {
                    rng.add_normal(out, m, s);
                } else {
                    rng.fill_normal(out);
                    for o in out.iter_mut() {
                        *o = m + s * *o;
                    }
                }
            }
            NoiseDist::Uniform { low, high } => {
                if add {
                    // Rare enough (uniform noise on neurons) not to need a
                    // fused path.
                    let mut u = vec![0.0; out.len()];
                    rng.fill_uniform(&mut u);
                    for (o, u) in out.iter_mut().zip(u) {
                        *o += self.gain * (low + (high - low) * u);
                    }
                } else {
                    rng.fill_uniform(out);
                    for o in out.iter_mut() {
                        *o = self.gain * (low + (high - low) * *o);
                    }
                }
            }
        }
    }
}

impl ProcessStep for WhiteNoiseStep {
    fn name(&self) -> &'static str {
        self.name
    }

    fn initial_state(&self) -> ProcessState {
        ProcessState {
            rng: Some(NoiseRng::new(self.seed)),
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
            rng,
            filter,
            values,
        } = state;
        let rng = rng.as_mut().expect("a noise state has its stream");
        match (&self.filter, filter) {
            (Some(f), Some(fs)) => {
                self.draw(rng, values, false);
                f.update(fs, values);
                out.copy_from_slice(fs.output());
            }
            _ => self.draw(rng, out, false),
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
            let rng = state.rng.as_mut().expect("a noise state has its stream");
            self.draw(rng, out, true);
        }
    }
}
