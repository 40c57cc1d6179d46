//! Probes: which signal to record, filtered how, and how often.

use super::{CompiledNetwork, Source, Target};
use crate::error::SimError;
use crate::learning::Modifies;
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
    /// The current scaled encoders of a population (`n × dims`,
    /// neuron-major: Nengo's `scaled_encoders`), changing when an encoder
    /// rule learns them.
    Encoders(usize),
    /// A signal of learning rule `rule` of the network.
    Rule {
        /// The rule.
        rule: usize,
        /// Which of its signals.
        signal: RuleSignal,
    },
}

/// The signals of a learning rule a probe can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleSignal {
    /// The change it made in the last step, in the layout of its matrix
    /// (Nengo's `delta`).
    Delta,
    /// Its summed input of the last step: the error of PES and RLS, the
    /// learning signal of Voja (Nengo's `error`).
    Input,
    /// What it read on the pre side: the pre population's filtered outputs
    /// (Nengo's `activities` of PES, `pre_filtered` of the others), or an
    /// encoder rule's population's input vector.
    Pre,
    /// The post population's filtered outputs (`post_filtered`).
    Post,
    /// The signal of its own state it names ([`LearningRule::own_signal`]
    /// (crate::learning::LearningRule::own_signal): BCM's `theta`, RLS's
    /// `inv_gamma`).
    Own,
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
            ProbeTarget::Weights(link) => match net.link_rule(*link) {
                Some(rule) => rule.shape(net).map(|(_, n, out)| n * out),
                None => Err(SimError::InvalidNetwork(format!(
                    "probe `{}`: link #{link} has no learning rule, so no weights that change",
                    self.label
                ))),
            },
            ProbeTarget::Encoders(pop) => net.population(*pop).map(|p| p.n * p.dims),
            ProbeTarget::Rule { rule, signal } => self.rule_dims(net, *rule, *signal),
        }
    }

    fn rule_dims(
        &self,
        net: &CompiledNetwork,
        r: usize,
        signal: RuleSignal,
    ) -> Result<usize, SimError> {
        let missing = |what: &str| {
            Err(SimError::InvalidNetwork(format!(
                "probe `{}`: learning rule #{r} {what}",
                self.label
            )))
        };
        let Some(rule) = net.rules.get(r) else {
            return missing("does not exist");
        };
        let (_, n, out) = rule.shape(net)?;
        match signal {
            RuleSignal::Delta => Ok(n * out),
            RuleSignal::Input => Ok(rule.rule.input_dims()),
            RuleSignal::Pre if rule.modifies == Modifies::Encoders => Ok(out),
            RuleSignal::Pre => Ok(n),
            RuleSignal::Post if rule.rule.reads_post() => match net.links[rule.link].target {
                Target::Population(p) | Target::Neurons(p) => net.population(p).map(|p| p.n),
                _ => missing("reads no post population"),
            },
            RuleSignal::Post => missing("does not read its post population"),
            RuleSignal::Own => match rule.rule.own_signal(&rule.rule.initial_state(n, out)) {
                Some((_, v)) => Ok(v.len()),
                None => missing("has no signal of its own"),
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
