//! Nengo's `FilteredNoise`: white noise through a synapse.

use super::noise_dist::IntoNoiseDist;
use super::white_noise::dist_of;
use super::Process;
use crate::dists::Gaussian;
use crate::error::ProcessError;
use snn_core::processes::{NoiseDist, ProcessStep, WhiteNoiseStep};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::sync::Arc;

/// White noise (as [`WhiteNoise`](super::WhiteNoise): `dist`, scaled by
/// `1/sqrt(dt)` when `scale`) filtered by `synapse`, any synapse of the
/// project (default `Lowpass(0.005)`), with the synapse's own step timing.
#[derive(Debug, Clone)]
pub struct FilteredNoise {
    pub(crate) synapse: Arc<dyn Synapse>,
    pub(crate) dist: Result<NoiseDist, ProcessError>,
    pub(crate) scale: bool,
    pub(crate) seed: Option<u64>,
    pub(crate) name: &'static str,
}

impl Default for FilteredNoise {
    fn default() -> Self {
        Self::new(Lowpass(0.005), Gaussian::new(0.0, 1.0))
    }
}

impl FilteredNoise {
    /// Noise drawn from `dist` and filtered by `synapse` (a synapse or a
    /// time constant; `None` is refused when the noise is made).
    pub fn new(synapse: impl IntoSynapse, dist: impl IntoNoiseDist) -> Self {
        Self {
            synapse: synapse
                .into_synapse()
                .unwrap_or_else(|| Arc::new(Lowpass(f64::NAN))),
            dist: dist.into_noise_dist(),
            scale: true,
            seed: None,
            name: "FilteredNoise",
        }
    }

    /// Whether samples are scaled by `1/sqrt(dt)` before filtering (default true).
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

impl Process for FilteredNoise {
    fn name(&self) -> &'static str {
        self.name
    }

    fn seed(&self) -> Option<u64> {
        self.seed
    }

    fn check(&self) -> Result<(), ProcessError> {
        dist_of(self.name, &self.dist).map(|_| ())
    }

    fn make_step(
        &self,
        size_out: usize,
        dt: f64,
        seed: u64,
    ) -> Result<Arc<dyn ProcessStep>, ProcessError> {
        let filter = self
            .synapse
            .discretize(dt)
            .map_err(|source| ProcessError::Synapse {
                process: self.name,
                source,
            })?;
        Ok(Arc::new(WhiteNoiseStep {
            name: self.name,
            dist: dist_of(self.name, &self.dist)?,
            gain: if self.scale { 1.0 / dt.sqrt() } else { 1.0 },
            filter: Some(filter),
            dims: size_out,
            seed,
        }))
    }
}
