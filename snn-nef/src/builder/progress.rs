//! Build progress: one item per ensemble, connection and probe, reported on
//! stderr as a [`Progress`] setting asks (see
//! [`snn_core::simulator::progress`]). Decoder solves, done per connection
//! and decoded probe, are the slow part of a large build.

use super::BuiltModel;
use crate::error::BuildError;
use crate::network::Network;
use snn_core::simulator::progress::Tracker;
use snn_core::simulator::Progress;
use snn_core::{CompiledNetwork, Model};

/// Counts the objects of one build as they are built.
pub(crate) struct BuildProgress {
    tracker: Tracker,
    done: u64,
}

impl BuildProgress {
    /// Starts tracking the build of `net`.
    pub(crate) fn start(net: &Network, progress: Progress) -> Self {
        let items = net.ensembles.len() + net.connections.len() + net.probes.len();
        Self {
            tracker: Tracker::items(progress, items as u64, "building"),
            done: 0,
        }
    }

    /// Announces that the object `name` of type `kind` is being built.
    pub(crate) fn next(&mut self, kind: &str, name: &str) {
        self.tracker.item(self.done, || format!("{kind} {name}"));
        self.done += 1;
    }

    /// Ends the build (clears a bar that appeared late).
    pub(crate) fn finish(self) {
        self.tracker.finish();
    }
}

/// A [`Network`] with a chosen build progress setting, to give to
/// `Simulator::new` (which otherwise builds with [`Progress::Auto`]).
///
/// ```
/// use snn_core::simulator::Progress;
/// use snn_core::Simulator;
/// use snn_nef::{Ensemble, Network};
///
/// # fn main() -> Result<(), snn_nef::BuildError> {
/// let mut net = Network::with_seed(0);
/// net.ensemble("a", Ensemble::new(50, 1))?;
/// let mut sim = Simulator::new(&net.with_build_progress(Progress::Never))?;
/// sim.set_progress(Progress::Never);
/// sim.run(0.01)?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct WithProgress<'a> {
    network: &'a Network,
    progress: Progress,
}

impl WithProgress<'_> {
    /// Builds the network for step `dt` with this progress setting.
    pub fn build(&self, dt: f64) -> Result<BuiltModel, BuildError> {
        self.network.build_with_progress(dt, self.progress)
    }
}

impl Model for WithProgress<'_> {
    type Error = BuildError;

    fn compile(&self, dt: f64) -> Result<CompiledNetwork, BuildError> {
        Ok(std::sync::Arc::unwrap_or_clone(self.build(dt)?.network))
    }

    fn compile_kept(
        &self,
        dt: f64,
    ) -> Result<(CompiledNetwork, Option<snn_core::network::Origin>), BuildError> {
        Ok(self.build(dt)?.into_kept())
    }
}

impl Network {
    /// This network, to be built with the given progress setting (for
    /// `Simulator::new`; [`build_with_progress`](Self::build_with_progress)
    /// does the same for a direct build).
    pub fn with_build_progress(&self, progress: Progress) -> WithProgress<'_> {
        WithProgress {
            network: self,
            progress,
        }
    }
}
