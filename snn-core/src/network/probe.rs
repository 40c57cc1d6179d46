//! Probes: which signal to record, filtered how, and how often.

use super::{CompiledNetwork, Source};
use crate::error::SimError;
use crate::synapses::DiscreteFilter;

/// The signal a probe reads.
#[derive(Debug, Clone)]
pub enum ProbeTarget {
    /// Any link source: a node's output, a decoded population output, or
    /// the raw neuron outputs (spikes).
    Source(Source),
    /// State variable `var` of every neuron of a population (e.g. voltage).
    State {
        /// The population.
        pop: usize,
        /// Index into the neuron type's `state_names`.
        var: usize,
    },
    /// The input current `J` of every neuron of a population.
    InputCurrent(usize),
    /// The current learned matrix of a link a learning rule changes (its
    /// decoders or weights), one column of the link's output size per pre
    /// neuron: value `i * out + o` is pre neuron `i`'s weight onto output
    /// `o` (Nengo's `weights` of a learning connection, transposed).
    Weights(usize),
}

/// A probe of the compiled network.
#[derive(Debug, Clone)]
pub struct ProbeSpec {
    /// Name for errors and reports.
    pub label: String,
    /// What is recorded.
    pub target: ProbeTarget,
    /// Filter applied before recording.
    pub synapse: Option<DiscreteFilter>,
    /// Record every `sample_every` seconds (`None`: every step).
    pub sample_every: Option<f64>,
}

impl ProbeSpec {
    /// Number of values recorded per sample.
    pub fn dims(&self, net: &CompiledNetwork) -> Result<usize, SimError> {
        match &self.target {
            ProbeTarget::Source(s) => net.source_dims(s),
            ProbeTarget::State { pop, .. } | ProbeTarget::InputCurrent(pop) => {
                net.population(*pop).map(|p| p.n)
            }
            ProbeTarget::Weights(link) => match net.rules.iter().find(|r| r.link == *link) {
                Some(rule) => rule.shape(net).map(|(_, n, out)| n * out),
                None => Err(SimError::InvalidNetwork(format!(
                    "probe `{}`: link #{link} has no learning rule, so no weights that change",
                    self.label
                ))),
            },
        }
    }

    pub(crate) fn validate(&self, net: &CompiledNetwork) -> Result<(), SimError> {
        self.dims(net)?;
        if let ProbeTarget::State { pop, var } = &self.target {
            if *var >= net.population(*pop)?.initial_state.n_vars() {
                return Err(SimError::InvalidNetwork(format!(
                    "probe `{}`: state variable #{var} does not exist",
                    self.label
                )));
            }
        }
        if let Some(s) = self.sample_every {
            if !(s.is_finite() && s > 0.0) {
                return Err(SimError::InvalidNetwork(format!(
                    "probe `{}`: sample_every = {s} must be positive",
                    self.label
                )));
            }
        }
        Ok(())
    }
}
