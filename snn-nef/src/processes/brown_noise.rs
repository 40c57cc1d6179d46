//! Nengo's `BrownNoise`: integrated white noise (a Wiener process).

use super::filtered_noise::FilteredNoise;
use super::noise_dist::IntoNoiseDist;
use super::Process;
use crate::dists::Gaussian;
use crate::error::ProcessError;
use snn_core::processes::ProcessStep;
use snn_core::synapses::LinearFilter;
use std::sync::Arc;

/// White noise of `dist` scaled by `1/sqrt(dt)` and integrated,
/// `H(s) = 1/s`: `y[k] = y[k-1] + dt (x[k] / sqrt(dt))`, so with
/// `dist = Gaussian(0, σ)` the output at `t` has standard deviation
/// `σ sqrt(t)`. (Nengo discretizes `1/s` by Euler's method; its zero-order
/// hold, used here, is the same step.)
#[derive(Debug, Clone)]
pub struct BrownNoise(FilteredNoise);

impl Default for BrownNoise {
    fn default() -> Self {
        Self::new(Gaussian::new(0.0, 1.0))
    }
}

impl BrownNoise {
    /// Brown noise whose increments are drawn from `dist`.
    pub fn new(dist: impl IntoNoiseDist) -> Self {
        let mut inner = FilteredNoise::new(LinearFilter::new(vec![1.0], vec![1.0, 0.0]), dist);
        inner.name = "BrownNoise";
        Self(inner)
    }

    /// Fixes the stream: the same in every use and build.
    pub fn seed(self, seed: u64) -> Self {
        Self(self.0.seed(seed))
    }
}

impl Process for BrownNoise {
    fn name(&self) -> &'static str {
        "BrownNoise"
    }

    fn seed(&self) -> Option<u64> {
        self.0.seed
    }

    fn check(&self) -> Result<(), ProcessError> {
        self.0.check()
    }

    fn make_step(
        &self,
        size_out: usize,
        dt: f64,
        seed: u64,
    ) -> Result<Arc<dyn ProcessStep>, ProcessError> {
        self.0.make_step(size_out, dt, seed)
    }
}
