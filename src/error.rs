//! One error type for applications that build and simulate.

use thiserror::Error;

/// Anything that can go wrong between declaring a model and reading its
/// probes: a mistake in the model, or a failure while simulating.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// A mistake in the model, found when declaring or building it.
    #[error(transparent)]
    Build(#[from] snn_nef::BuildError),
    /// A process that cannot run on its own (`process.run(..)`), with bad
    /// parameters or a bad `dt`.
    #[error(transparent)]
    Process(#[from] snn_nef::ProcessError),
    /// A mistake with semantic pointers: an unknown name, a malformed
    /// expression, pointers of different dimensions, a full vocabulary.
    #[error(transparent)]
    Spa(#[from] snn_nef::spa::SpaError),
    /// A failure while simulating (a node returning NaN, a bad probe handle…).
    #[error(transparent)]
    Sim(#[from] snn_core::SimError),
    /// A dimension asked of a probe's data that it does not have
    /// ([`ProbeData::data_dim`](crate::ProbeData::data_dim)).
    #[error("the probe records {dims} dimension(s), so it has no dimension {dim}")]
    ProbeDimension {
        /// The dimension asked for.
        dim: usize,
        /// How many the probe records.
        dims: usize,
    },
}

impl From<snn_core::SynapseError> for Error {
    fn from(e: snn_core::SynapseError) -> Self {
        Self::Sim(snn_core::SimError::Synapse(e))
    }
}
