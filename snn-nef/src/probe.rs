//! The description of a probe: which signal to record, and how.

use crate::error::BuildError;
use crate::ids::{ConnectionId, EnsembleId, LearningRuleId, Neurons, NodeId};
use crate::solvers::{LstsqL2, Solver};
use snn_core::neurons::NeuronType;
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
    /// The current learned matrix of a learning connection (Nengo's
    /// `Probe(conn, "weights")`): one column of the connection's output
    /// size per pre neuron.
    Weights(ConnectionId),
    /// A signal of a learning rule (Nengo's `Probe(conn.learning_rule,
    /// attr)`), one of the rule type's `probeable`: `"delta"` (last step's
    /// change, in the layout of `Weights`), `"error"`, `"activities"` /
    /// `"pre_filtered"`, `"post_filtered"`, `"theta"` (BCM), `"inv_gamma"`
    /// (RLS), `"scaled_encoders"` (Voja).
    LearningRule(LearningRuleId, String),
    /// An ensemble's scaled encoders as they are now (Nengo's
    /// `Probe(ens, "scaled_encoders")`), `n × d` neuron-major: they change
    /// only under an encoder rule.
    ScaledEncoders(EnsembleId),
}

impl ProbeOf {
    /// The same target in the clone `net` of its network.
    pub(crate) fn retagged(self, net: u64) -> Self {
        match self {
            Self::Decoded(e) => Self::Decoded(EnsembleId { net, ..e }),
            Self::Node(n) => Self::Node(NodeId { net, ..n }),
            Self::Neurons(e, attr) => Self::Neurons(EnsembleId { net, ..e }, attr),
            Self::Weights(c) => Self::Weights(ConnectionId { net, ..c }),
            Self::LearningRule(r, attr) => Self::LearningRule(
                LearningRuleId {
                    conn: ConnectionId { net, ..r.conn },
                    ..r
                },
                attr,
            ),
            Self::ScaledEncoders(e) => Self::ScaledEncoders(EnsembleId { net, ..e }),
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
    /// `"voltage"`, `"input"`, …), or its `"scaled_encoders"`.
    pub fn attr(ensemble: EnsembleId, attr: &str) -> Self {
        match attr {
            "scaled_encoders" => Self::scaled_encoders(ensemble),
            _ => Self::new(ProbeOf::Neurons(ensemble, attr.to_string())),
        }
    }

    /// The learned weights (decoders) of a connection with a learning rule.
    pub fn weights(connection: ConnectionId) -> Self {
        Self::new(ProbeOf::Weights(connection))
    }

    /// Records signal `attr` of a learning rule (`"delta"`, `"error"`, …;
    /// see [`ProbeOf::LearningRule`]).
    pub fn learning_rule(rule: LearningRuleId, attr: &str) -> Self {
        Self::new(ProbeOf::LearningRule(rule, attr.to_string()))
    }

    /// Records an ensemble's scaled encoders (`encoders × gain / radius`).
    pub fn scaled_encoders(ensemble: EnsembleId) -> Self {
        Self::new(ProbeOf::ScaledEncoders(ensemble))
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

    /// Checks the solver, sampling period and synapse, naming the probe
    /// `label` in every error. (Its target and attribute are checked
    /// against the network, which knows the probed object.)
    pub(crate) fn validate(&self, label: &str) -> Result<(), BuildError> {
        if self.solver.weights() {
            // Nengo refuses it too: a probe records a decoded value, there
            // is no post ensemble to fold neuron-to-neuron weights into.
            return Err(BuildError::InvalidParameter {
                object: label.to_string(),
                param: "solver",
                value: self.solver.name().into(),
                reason: "a probe cannot use a neuron-weight solver; it records decoded values"
                    .into(),
            });
        }
        self.solver
            .check_parameters()
            .map_err(|source| BuildError::Solver {
                object: label.to_string(),
                source,
            })?;
        if let Some(s) = self.sample_every {
            if !(s.is_finite() && s > 0.0) {
                return Err(BuildError::InvalidParameter {
                    object: label.to_string(),
                    param: "sample_every",
                    value: s.to_string(),
                    reason: "must be positive and finite".into(),
                });
            }
        }
        if let Some(s) = &self.synapse {
            s.discretize(snn_core::DEFAULT_DT)
                .map_err(|source| BuildError::Synapse {
                    object: label.to_string(),
                    source,
                })?;
        }
        Ok(())
    }
}

/// A neuron attribute that can be probed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attribute {
    Output,
    Input,
    State(usize),
}

/// Resolves a probed neuron attribute: `"output"`, `"spikes"` (spiking types
/// only), `"input"`, or a state variable of the neuron type.
pub(crate) fn probe_attribute(
    object: &str,
    neuron_type: &dyn NeuronType,
    attr: &str,
) -> Result<Attribute, BuildError> {
    match attr {
        "output" => return Ok(Attribute::Output),
        "spikes" if neuron_type.spiking() => return Ok(Attribute::Output),
        "input" => return Ok(Attribute::Input),
        _ => {}
    }
    if let Some(i) = neuron_type.state_names().iter().position(|s| *s == attr) {
        return Ok(Attribute::State(i));
    }
    let mut available = vec!["output".to_string(), "input".to_string()];
    if neuron_type.spiking() {
        available.push("spikes".into());
    }
    available.extend(neuron_type.state_names().iter().map(|s| s.to_string()));
    Err(BuildError::MissingAttribute {
        object: format!("{object}.neurons ({})", neuron_type.name()),
        attr: attr.to_string(),
        available,
    })
}
