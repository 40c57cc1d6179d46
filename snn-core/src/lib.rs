#![deny(missing_docs)]
#![deny(unsafe_code)]
//! The machine under the NEF: neuron models, synapses, the compiled network
//! and the [`Simulator`] that steps it.
//!
//! This crate knows nothing of ensembles or decoders as NEF concepts: a
//! compiled network is populations of neurons with flat state, nodes that
//! run user closures, and linear connections between them (a projection out
//! of a population, a transform, a filter and a projection in). The NEF
//! compiler (`snn-nef`) produces these from a model.

pub mod error;
pub mod learning;
pub mod neurons;
pub mod processes;
pub mod synapses;

mod simd;

pub use error::{CheckpointError, NeuronError, SynapseError};
pub mod network;
pub mod simulator;

pub use error::SimError;
pub use network::{CompiledNetwork, Model};
pub use simulator::{ProbeKey, ProbeSink, Progress, Simulator, SinkError, DEFAULT_DT};
