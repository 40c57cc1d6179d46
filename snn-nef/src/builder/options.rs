//! How to build: the step, progress reports, the decoder cache and the
//! threads of the build's parallel work, in one value.

use super::DecoderCache;
use crate::error::BuildError;
use snn_core::simulator::Progress;

/// The options of a build ([`Network::build`](crate::Network::build)).
///
/// None of them changes what is built but `dt` (decoders and synapse
/// mappings are made for it): progress only reports, a cache hit gives the
/// bits a solve would, and the build's parallel arithmetic is the same on
/// any number of threads.
///
/// ```
/// use snn_core::simulator::Progress;
/// use snn_core::Simulator;
/// use snn_nef::{BuildOptions, Ensemble, Network};
///
/// # fn main() -> Result<(), snn_nef::BuildError> {
/// let mut net = Network::with_seed(0);
/// net.ensemble("a", Ensemble::new(50, 1))?;
/// let options = BuildOptions::default()
///     .dt(0.0005)
///     .progress(Progress::Never)
///     .threads(2);
/// let built = net.build(options)?;
/// // A built model runs at the step it was built for.
/// let mut sim = Simulator::new(&built)?;
/// assert_eq!(sim.dt(), 0.0005);
/// sim.run(0.01)?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BuildOptions {
    /// The simulation step the model is built for, in seconds (default
    /// [`snn_core::DEFAULT_DT`]).
    pub dt: f64,
    /// When to report the build's progress on stderr, one item per
    /// ensemble, connection and probe (default [`Progress::Auto`]).
    pub progress: Progress,
    /// Where solved decoders are kept between builds and read back from
    /// (default none). See [`DecoderCache`].
    pub decoder_cache: Option<DecoderCache>,
    /// How many threads the build's parallel work (ensembles, decoder
    /// solves) runs on; `None` (the default) uses rayon's global pool.
    pub threads: Option<usize>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        Self {
            dt: snn_core::DEFAULT_DT,
            progress: Progress::Auto,
            decoder_cache: None,
            threads: None,
        }
    }
}

impl BuildOptions {
    /// Builds for simulation step `dt` (seconds).
    pub fn dt(mut self, dt: f64) -> Self {
        self.dt = dt;
        self
    }

    /// Reports the build's progress as `progress` asks.
    pub fn progress(mut self, progress: Progress) -> Self {
        self.progress = progress;
        self
    }

    /// Keeps solved decoders in `cache` and reads them back from it. The
    /// cache is keyed by everything a solve depends on, so a changed
    /// ensemble, function, set of evaluation points or solver is solved
    /// afresh.
    pub fn decoder_cache(mut self, cache: DecoderCache) -> Self {
        self.decoder_cache = Some(cache);
        self
    }

    /// Runs the build's parallel work on `threads` threads of a pool of
    /// its own (at least 1).
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Refuses options no build can follow, before any NEF work: a `dt`
    /// the simulator cannot step (non-positive, non-finite or below `f32`
    /// resolution: it would otherwise cost a full decoder solve before the
    /// same error) and zero threads.
    pub(crate) fn validate(&self) -> Result<(), BuildError> {
        snn_core::network::check_dt(self.dt)?;
        if self.threads == Some(0) {
            return Err(BuildError::Threads {
                threads: 0,
                reason: "a build needs at least one thread".into(),
            });
        }
        Ok(())
    }

    /// Runs `build` on the threads asked for: inside a pool of its own, or
    /// in the caller's (rayon's global pool by default).
    pub(crate) fn run<R: Send>(
        &self,
        build: impl FnOnce() -> Result<R, BuildError> + Send,
    ) -> Result<R, BuildError> {
        match self.threads {
            None => build(),
            Some(threads) => rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| BuildError::Threads {
                    threads,
                    reason: e.to_string(),
                })?
                .install(build),
        }
    }
}
