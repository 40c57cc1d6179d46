//! Build progress: one item per ensemble, connection and probe, reported on
//! stderr as a [`Progress`] setting asks (see
//! [`snn_core::simulator::progress`]). Decoder solves, done per connection
//! and decoded probe, are the slow part of a large build.

use crate::network::Network;
use snn_core::simulator::progress::Tracker;
use snn_core::simulator::Progress;

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
