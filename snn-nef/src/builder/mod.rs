//! The build: from the model graph to `snn-core`'s compiled network.
//!
//! One function per object type (ensemble, node, connection, probe).
//! Ensembles come first (built in parallel, each from its own seed): their
//! encoders, gains, biases and evaluation points are what connections and
//! probes solve decoders against. Connections and probes are then
//! prepared in declaration order, their decoder solves planned and run
//! together in parallel (see the `decoders` module), and finished in declaration
//! order, so the first error in declaration order is the one reported.

mod activities;
mod build;
mod built;
mod cache;
mod connection;
mod decoders;
mod ensemble;
mod from_simulator;
mod layout;
mod learning;
mod options;
mod probe;
mod progress;

pub use built::{BuiltConnection, BuiltModel};
pub use cache::DecoderCache;
pub use ensemble::BuiltEnsemble;
pub use from_simulator::SimulatorExt;
pub use options::BuildOptions;
