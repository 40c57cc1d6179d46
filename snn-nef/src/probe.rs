//! The description of a probe: which signal to record, and how.

use crate::ids::{EnsembleId, Neurons, NodeId};
use crate::solvers::{LstsqL2, Solver};
use snn_core::synapses::{IntoSynapse, Synapse};
use std::sync::Arc;

/// What a probe records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOf {
    /// An ensemble's decoded value (Nengo's `Probe(ens)`).
    Decoded(EnsembleId),
    /// A node's output.
    Node(NodeId),
    /// A neuron attribute of an ensemble: `"output"`/`"spikes"`, `"input"`
    /// (current), or a state variable of its neuron type (`"voltage"`…).
    Neurons(EnsembleId, String),
}

impl ProbeOf {
    /// The same target in the clone `net` of its network.
    pub(crate) fn retagged(self, net: u64) -> Self {
        match self {
            Self::Decoded(e) => Self::Decoded(EnsembleId { net, ..e }),
            Self::Node(n) => Self::Node(NodeId { net, ..n }),
            Self::Neurons(e, attr) => Self::Neurons(EnsembleId { net, ..e }, attr),
        }
    }
}

impl From<EnsembleId> for ProbeOf {
    fn from(e: EnsembleId) -> Self {
        Self::Decoded(e)
    }
}

impl From<NodeId> for ProbeOf {
    fn from(n: NodeId) -> Self {
        Self::Node(n)
    }
}

impl From<Neurons> for ProbeOf {
    fn from(n: Neurons) -> Self {
        Self::Neurons(n.0, "output".into())
    }
}

/// A probe: records a signal every `sample_every` seconds, optionally
/// filtered by a synapse.
#[derive(Debug, Clone)]
pub struct Probe {
    pub(crate) target: ProbeOf,
    pub(crate) synapse: Option<Arc<dyn Synapse>>,
    pub(crate) sample_every: Option<f64>,
    pub(crate) solver: Arc<dyn Solver>,
}

impl Probe {
    /// Records an ensemble's decoded value, a node's output, or neuron outputs.
    pub fn new(target: impl Into<ProbeOf>) -> Self {
        Self {
            target: target.into(),
            synapse: None,
            sample_every: None,
            solver: Arc::new(LstsqL2::default()),
        }
    }

    /// Records neuron attribute `attr` of an ensemble (`"spikes"`,
    /// `"voltage"`, `"input"`, …).
    pub fn attr(ensemble: EnsembleId, attr: &str) -> Self {
        Self::new(ProbeOf::Neurons(ensemble, attr.to_string()))
    }

    /// Records the spikes (neuron outputs) of an ensemble.
    pub fn spikes(ensemble: EnsembleId) -> Self {
        Self::attr(ensemble, "spikes")
    }

    /// Records the membrane voltage of an ensemble's neurons.
    pub fn voltage(ensemble: EnsembleId) -> Self {
        Self::attr(ensemble, "voltage")
    }

    /// Records the input current of an ensemble's neurons.
    pub fn input(ensemble: EnsembleId) -> Self {
        Self::attr(ensemble, "input")
    }

    /// Filters the recorded signal (`None`: raw).
    pub fn synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.synapse = synapse.into_synapse();
        self
    }

    /// Records every `seconds` instead of every step.
    pub fn sample_every(mut self, seconds: f64) -> Self {
        self.sample_every = Some(seconds);
        self
    }

    /// The solver for a decoded-value probe's decoders.
    pub fn solver(mut self, solver: impl Solver + 'static) -> Self {
        self.solver = Arc::new(solver);
        self
    }
}
