//! A signal sampled once at build time and read back periodically
//! (Nengo's `WhiteSignal` at run time).

use super::{ProcessState, ProcessStep};
use std::sync::Arc;

/// `len` samples of `dims` values (sample-major), one per step of `dt`,
/// repeating: the step ending at `t` outputs sample `round(t / dt) mod len`,
/// as Nengo indexes its `WhiteSignal`.
#[derive(Debug, Clone)]
pub struct SampledSignal {
    /// What Nengo calls it.
    pub name: &'static str,
    /// The samples, `len × dims`, sample-major.
    pub samples: Arc<[f64]>,
    /// Values per sample.
    pub dims: usize,
    /// The step the samples were made for.
    pub dt: f64,
}

impl ProcessStep for SampledSignal {
    fn name(&self) -> &'static str {
        self.name
    }

    fn initial_state(&self) -> ProcessState {
        ProcessState::default()
    }

    fn step(&self, t: f64, _input: &[f64], _state: &mut ProcessState, out: &mut [f64]) {
        let len = self.samples.len() / self.dims.max(1);
        if len == 0 {
            out.fill(0.0);
            return;
        }
        let i = ((t / self.dt).round() as u64 % len as u64) as usize;
        out.copy_from_slice(&self.samples[i * self.dims..(i + 1) * self.dims]);
    }
}
