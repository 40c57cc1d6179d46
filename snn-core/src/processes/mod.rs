//! Processes at run time: signals that a step computes from the time, an
//! input and a state of their own (white noise, filtered noise, a sampled
//! band-limited signal, a function of time).
//!
//! What a process *is* (its parameters, their checks, how it is seeded) is
//! the model's business (`snn-nef`); here is only what steps. A process
//! drives a node's output ([`NodeKind::Process`](crate::network::NodeKind))
//! or adds to a population's input currents
//! ([`Population::noise`](crate::network::Population)). Its mutable part is
//! a [`ProcessState`], held in the simulator's state, so a reset restarts
//! the stream and a checkpoint carries it.

mod noise;
mod noise_rng;
mod sampled;
mod time_function;

pub use noise::{NeuronNoise, NoiseDist, WhiteNoiseStep};
pub use noise_rng::{
    add_normal_chunked, fill_normal_chunked, offset_normal_chunked, NoiseRng, CHUNK as NOISE_CHUNK,
};
pub use sampled::{SampledSignal, SAMPLE_GROUP};
pub use time_function::{TimeFn, TimeFunction};

use crate::synapses::FilterState;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// A process ready to step: sizes, `dt` and seed already fixed by the build.
pub trait ProcessStep: Debug + Send + Sync {
    /// What it is called, for errors and fingerprints (`"WhiteNoise"`).
    fn name(&self) -> &'static str;

    /// The state it starts from; a reset returns here, so the same stream
    /// follows.
    fn initial_state(&self) -> ProcessState;

    /// Writes the output of the step ending at time `t` into `out` (its
    /// output size), given its summed `input` (its input size, empty for
    /// the processes here).
    fn step(&self, t: f64, input: &[f64], state: &mut ProcessState, out: &mut [f64]);

    /// Adds the step's output to `out`: a population's noise, one value per
    /// neuron. `scratch` is the simulator's, for processes that write first
    /// and add after (the default).
    fn add_step(&self, t: f64, state: &mut ProcessState, out: &mut [f64], scratch: &mut Vec<f64>) {
        scratch.resize(out.len(), 0.0);
        self.step(t, &[], state, scratch);
        for (o, s) in out.iter_mut().zip(scratch.iter()) {
            *o += s;
        }
    }

    /// `Some` when the process is independent noise on every neuron that a
    /// block of neurons can draw for itself while it steps (unfiltered
    /// white noise): then its values never pass through the population's
    /// direct currents, and the simulator adds them to the biases inside
    /// the block's own step, on whichever thread steps it.
    fn neuron_noise(&self) -> Option<NeuronNoise> {
        None
    }
}

/// The part of a process a step changes: a random stream, a filter, values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProcessState {
    /// The random streams of a random process, one per
    /// [`NOISE_CHUNK`] of its values ([`NoiseRng::chunk`]).
    pub rngs: Vec<NoiseRng>,
    /// The state of the process's filter, if it has one.
    pub filter: Option<FilterState>,
    /// Values of the process's own (a buffer of samples, for instance).
    pub values: Vec<f64>,
}

impl ProcessState {
    /// True when `other` has the sizes of this state (the check before a
    /// checkpoint's state is put in place).
    pub fn same_shape(&self, other: &ProcessState) -> bool {
        self.rngs.len() == other.rngs.len()
            && self.values.len() == other.values.len()
            && match (&self.filter, &other.filter) {
                (Some(a), Some(b)) => a.same_shape(b),
                (None, None) => true,
                _ => false,
            }
    }
}
