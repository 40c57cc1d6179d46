#![deny(missing_docs)]
//! The Neural Engineering Framework compiler: describe a model as a
//! [`Network`] of ensembles, nodes, connections and probes, then build it
//! into `snn-core`'s compiled network (`Simulator::new(&network)` does both).
//!
//! The three principles of the NEF, as this crate implements them:
//! - representation: an [`Ensemble`] encodes a vector `x` into currents
//!   `J_i = gain_i e_i · x / radius + bias_i`, and decoders `d_i` read it back
//!   as `x ≈ sum_i a_i d_i`;
//! - transformation: a [`Connection`] decodes any function `f(x)` by solving
//!   decoders for `f` at evaluation points (regularized least squares), then
//!   applies a linear transform;
//! - dynamics: recurrent connections through a synapse make the ensemble
//!   a dynamical system.

pub mod builder;
pub mod connection;
pub mod direct;
pub mod dists;
pub mod dynamics;
pub mod ensemble;
pub mod error;
mod finite;
pub mod ids;
pub mod learning;
pub mod limits;
pub mod network;
pub mod networks;
pub mod node;
pub mod probe;
pub mod processes;
pub mod rng;
pub mod samples;
pub mod solvers;
pub mod spa;
pub mod tuning;

pub use builder::{
    BuildOptions, BuiltConnection, BuiltEnsemble, BuiltModel, DecoderCache, SimulatorExt,
};
pub use connection::{Connection, IntoTransform, TransformSpec};
pub use direct::Direct;
pub use dynamics::{nonlinear_lowpass, LinearSystem, SynapseMapping};
pub use ensemble::Ensemble;
pub use error::{BuildError, DistributionError, ProcessError, SolverError};
pub use ids::{
    ConnectionId, Endpoint, EnsembleId, Handle, LearningRuleId, Neurons, NodeId, Object, ProbeId,
    Slice,
};
pub use network::{Network, ScopeId, Subnet};
pub use node::{IntoNode, Node};
pub use probe::{Probe, ProbeOf};
pub use samples::{IntoSamples, Samples};
pub use tuning::{response_curves, tuning_curves, TuningCurves};
