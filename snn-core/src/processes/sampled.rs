//! A signal sampled once at build time and read back periodically
//! (Nengo's `WhiteSignal` at run time).

use super::{ProcessState, ProcessStep};
use std::sync::Arc;

/// Dimensions per group of a [`SampledSignal`]'s samples: one cache line of
/// `f64`, so a step reads whole lines, and a producer can write each group
/// as a part of the buffer of its own (in parallel, with no transpose).
pub const SAMPLE_GROUP: usize = 8;

/// `len` samples of `dims` values, one per step of `dt`, repeating: the
/// step ending at `t` outputs sample `round(t / dt) mod len`, as Nengo
/// indexes its `WhiteSignal`.
///
/// The values are kept in groups of [`SAMPLE_GROUP`] dimensions (the last
/// group may be narrower): group `g` occupies
/// `g * SAMPLE_GROUP * len ..` of `samples`, sample-major within it
/// (sample `i` of its `w` dimensions at `i * w`). With at most eight
/// dimensions that is plain sample-major order.
#[derive(Debug, Clone)]
pub struct SampledSignal {
    name: &'static str,
    samples: Arc<Vec<f64>>,
    dims: usize,
    len: usize,
    dt: f64,
}

impl SampledSignal {
    /// The signal of `samples` (in the grouped order above) of `dims`
    /// values each. Panics if `samples` is not a whole number of samples
    /// (a producer's mistake, not a user's).
    pub fn new(name: &'static str, samples: Vec<f64>, dims: usize, dt: f64) -> Self {
        assert!(
            dims > 0 && samples.len() % dims == 0,
            "{} values are not samples of {dims} dimensions",
            samples.len()
        );
        Self {
            name,
            len: samples.len() / dims,
            samples: Arc::new(samples),
            dims,
            dt,
        }
    }
}

impl ProcessStep for SampledSignal {
    fn name(&self) -> &'static str {
        self.name
    }

    fn initial_state(&self) -> ProcessState {
        ProcessState::default()
    }

    fn step(&self, t: f64, _input: &[f64], _state: &mut ProcessState, out: &mut [f64]) {
        if self.len == 0 {
            out.fill(0.0);
            return;
        }
        let i = ((t / self.dt).round() as u64 % self.len as u64) as usize;
        for (g, o) in out[..self.dims].chunks_mut(SAMPLE_GROUP).enumerate() {
            let at = g * SAMPLE_GROUP * self.len + i * o.len();
            o.copy_from_slice(&self.samples[at..at + o.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_samples_are_read_back_as_whole_samples() {
        // 11 dimensions (a group of 8, one of 3), 4 samples: value
        // 100 i + d for sample i, dimension d.
        let (dims, len) = (11, 4);
        let mut samples = Vec::new();
        for (g0, w) in [(0, 8), (8, 3)] {
            for i in 0..len {
                for d in g0..g0 + w {
                    samples.push((100 * i + d) as f64);
                }
            }
        }
        let signal = SampledSignal::new("test", samples, dims, 0.001);
        let mut out = vec![0.0; dims];
        let mut state = signal.initial_state();
        for step in 1..=9 {
            signal.step(step as f64 * 0.001, &[], &mut state, &mut out);
            let i = step % len;
            let want: Vec<f64> = (0..dims).map(|d| (100 * i + d) as f64).collect();
            assert_eq!(out, want, "step {step}");
        }
    }
}
