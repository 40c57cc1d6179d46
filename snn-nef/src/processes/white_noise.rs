//! Nengo's `WhiteNoise`: independent samples every step.

use super::noise_dist::{check_dist, IntoNoiseDist};
use super::Process;
use crate::dists::Gaussian;
use crate::error::ProcessError;
use snn_core::processes::{NoiseDist, ProcessStep, WhiteNoiseStep};
use std::sync::Arc;

/// Full-spectrum white noise: every step, every dimension, an independent
/// sample of `dist` (default `Gaussian(0, 1)`), times `1/sqrt(dt)` when
/// `scale` (the default), so that the noise integrated over time (each
/// sample times `dt`) has a variance that does not depend on `dt`
/// (`dt / sqrt(dt) = sqrt(dt)`, Gillespie 1996).
#[derive(Debug, Clone, PartialEq)]
pub struct WhiteNoise {
    pub(crate) dist: Result<NoiseDist, ProcessError>,
    pub(crate) scale: bool,
    pub(crate) seed: Option<u64>,
}

impl Default for WhiteNoise {
    fn default() -> Self {
        Self::new(Gaussian::new(0.0, 1.0))
    }
}

impl WhiteNoise {
    /// White noise drawn from `dist`, scaled by `1/sqrt(dt)`.
    pub fn new(dist: impl IntoNoiseDist) -> Self {
        Self {
            dist: dist.into_noise_dist(),
            scale: true,
            seed: None,
        }
    }

    /// Whether samples are scaled by `1/sqrt(dt)` (default true).
    pub fn scale(mut self, scale: bool) -> Self {
        self.scale = scale;
        self
    }

    /// Fixes the stream: the same in every use and build.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }
}

/// The checked distribution of a noise process.
pub(crate) fn dist_of(
    process: &'static str,
    dist: &Result<NoiseDist, ProcessError>,
) -> Result<NoiseDist, ProcessError> {
    let dist = dist.clone()?;
    check_dist(process, &dist)?;
    Ok(dist)
}

impl Process for WhiteNoise {
    fn name(&self) -> &'static str {
        "WhiteNoise"
    }

    fn seed(&self) -> Option<u64> {
        self.seed
    }

    fn check(&self) -> Result<(), ProcessError> {
        dist_of(self.name(), &self.dist).map(|_| ())
    }

    fn make_step(
        &self,
        size_out: usize,
        dt: f64,
        seed: u64,
    ) -> Result<Arc<dyn ProcessStep>, ProcessError> {
        Ok(Arc::new(WhiteNoiseStep {
            name: self.name(),
            dist: dist_of(self.name(), &self.dist)?,
            gain: if self.scale { 1.0 / dt.sqrt() } else { 1.0 },
            filter: None,
            dims: size_out,
            seed,
        }))
    }
}
