//! Online learning at run time: rules that change a link's learned matrix
//! every step from the activities around it and an error signal.
//!
//! What a rule *is* (its parameters, defaults and checks) is the model's
//! business (`snn-nef`); here is what a step does with it. A learned link
//! keeps its matrix in the simulator's state, in the same layout whether it
//! decodes a population or carries neuron-to-neuron weights: one column of
//! `out` values per pre neuron, `M[i * out + o]`, so the link's value is
//! `y_o = sum_i a_i M[i * out + o]`. The learned values are restored by a
//! reset and carried by checkpoints.
//!
//! An encoder rule (Voja) changes a population's scaled encoders instead,
//! in the same layout (`dims` values per neuron, `E[i * dims + d]`), from
//! the population's input vector (the sum of every link into it, as
//! Nengo's Voja reads the ensemble's input signal).
//!
//! Timing, as in Nengo: the change computed from step `k`'s activities and
//! error is added after step `k`, so step `k + 1` reads the new matrix.

mod bcm;
mod hebbian;
mod oja;
mod pes;
mod rls;
mod stdp;
mod voja;

pub use bcm::BcmStep;
pub use hebbian::HebbianStep;
pub use oja::OjaStep;
pub use pes::PesStep;
pub use rls::RlsStep;
pub use stdp::StdpStep;
pub use voja::VojaStep;

use crate::error::SimError;
use crate::network::{CompiledNetwork, Source, Target, Transform};
use crate::synapses::{DiscreteFilter, FilterState};
use serde::{Deserialize, Serialize};
use std::fmt::Debug;
use std::sync::Arc;

/// What a rule changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifies {
    /// The matrix of its link (decoders or neuron-to-neuron weights); the
    /// rule reads the pre population's filtered outputs.
    Link,
    /// The scaled encoders of the population its link ends at; the rule
    /// reads that population's input vector of the step (Voja).
    Encoders,
}

/// A learning rule of a compiled network, modifying link `link`.
#[derive(Debug, Clone)]
pub struct RuleSpec {
    /// Name for errors and reports (the connection's and the rule's).
    pub label: String,
    /// The learned link: decoded from a population (pre slice and function
    /// folded into its decoders, identity transform) or from a population's
    /// neurons through a dense transform. For an encoder rule, any link
    /// into a population's input vector.
    pub link: usize,
    /// What it changes.
    pub modifies: Modifies,
    /// The rule.
    pub rule: Arc<dyn LearningRule>,
    /// Filter on the pre population's outputs before the rule reads them.
    pub pre_synapse: Option<DiscreteFilter>,
    /// Filter on the post population's outputs (rules that read them).
    pub post_synapse: Option<DiscreteFilter>,
    /// A factor on each output of the learned link, applied after the
    /// learned matrix: the post neurons' gains of a connection into
    /// `.neurons`, which Nengo applies after its weights, so the matrix
    /// (and a probe of it) is in Nengo's units. `None`: no factor.
    pub out_scale: Option<Vec<f64>>,
}

impl RuleSpec {
    /// The pre population of the learned link and its matrix's shape
    /// `(n_pre, out)`, or why the link cannot be learned.
    pub(crate) fn shape(&self, net: &CompiledNetwork) -> Result<(usize, usize, usize), SimError> {
        let bad = |what: &str| {
            Err(SimError::InvalidNetwork(format!(
                "learning rule `{}`: {what}",
                self.label
            )))
        };
        let Some(link) = net.links.get(self.link) else {
            return bad(&format!("link #{} does not exist", self.link));
        };
        if self.modifies == Modifies::Encoders {
            return match link.target {
                Target::Population(p) => {
                    let pop = net.population(p)?;
                    Ok((p, pop.n, pop.dims))
                }
                _ => bad(&format!(
                    "link `{}` does not end at a population's input vector, so it has no encoders to learn",
                    link.label
                )),
            };
        }
        match (&link.source, &link.transform) {
            (Source::Decoded { pop, dims, .. }, Transform::Identity)
                if link.pre_slice.is_none() && link.function.is_none() =>
            {
                Ok((*pop, net.population(*pop)?.n, *dims))
            }
            (Source::Neurons(pop), Transform::Dense(m)) if link.pre_slice.is_none() => {
                Ok((*pop, m.ncols(), m.nrows()))
            }
            _ => bad(&format!(
                "link `{}` is neither decoded (identity transform, no slice or function before it) nor neuron-to-neuron through a dense matrix",
                link.label
            )),
        }
    }

    pub(crate) fn validate(&self, net: &CompiledNetwork) -> Result<(), SimError> {
        let (_, _, out) = self.shape(net)?;
        if let Some(s) = &self.out_scale {
            if s.len() != out || !s.iter().all(|v| v.is_finite()) {
                return Err(SimError::InvalidNetwork(format!(
                    "learning rule `{}`: {} output factors (finite) for {out} outputs",
                    self.label,
                    s.len()
                )));
            }
        }
        Ok(())
    }

    /// The learned matrix at time 0: the link's decoders or weights, or the
    /// population's scaled encoders.
    pub(crate) fn initial_values(&self, net: &CompiledNetwork) -> Vec<f64> {
        if let (Modifies::Encoders, Target::Population(p)) =
            (self.modifies, net.links[self.link].target)
        {
            return net.populations[p]
                .encoders
                .iter()
                .map(|&e| f64::from(e))
                .collect();
        }
        match (
            &net.links[self.link].source,
            &net.links[self.link].transform,
        ) {
            (Source::Decoded { decoders, .. }, _) => {
                decoders.iter().map(|&d| f64::from(d)).collect()
            }
            (_, Transform::Dense(m)) => m.as_slice().to_vec(),
            _ => unreachable!("validated: a learned link is decoded or dense"),
        }
    }
}

/// What a rule reads in one update.
#[derive(Debug, Clone, Copy)]
pub struct RuleInputs<'a> {
    /// The step.
    pub dt: f64,
    /// The pre population's filtered outputs (spikes of height `1/dt`); for
    /// an encoder rule, its population's input vector of this step.
    pub pre: &'a [f64],
    /// The post population's filtered outputs (empty for rules that do not
    /// read them).
    pub post: &'a [f64],
    /// The summed error (or other) input of this step, `input_dims` values.
    pub input: &'a [f64],
}

/// The learned matrix of a link as a rule changes it: `out` values per pre
/// neuron, pre neuron `i`'s at `values[i * out..(i + 1) * out]`.
#[derive(Debug)]
pub struct Learned<'a> {
    /// The values.
    pub values: &'a mut [f64],
    /// Values per pre neuron (the link's output size).
    pub out: usize,
}

/// A rule's own state: the parts a step changes besides the matrix.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleState {
    /// Values of the rule's own.
    pub values: Vec<f64>,
    /// A filter of the rule's own (BCM's threshold).
    pub filter: Option<FilterState>,
}

/// A learning rule ready to step.
pub trait LearningRule: Debug + Send + Sync {
    /// What it is called (`"PES"`).
    fn name(&self) -> &'static str;

    /// Size of its input (the error of PES; 0 for a rule without one).
    fn input_dims(&self) -> usize;

    /// True when it reads the post population's outputs.
    fn reads_post(&self) -> bool {
        false
    }

    /// The value its input is reset to before each step's links add to it
    /// (0; Voja's learning signal starts from 1, so a connection of -1
    /// stops it, as in Nengo).
    fn input_baseline(&self) -> f64 {
        0.0
    }

    /// True when it keeps every value it changes within finite bounds (a
    /// clipped rule), so the step need not check its matrix for divergence.
    fn bounded(&self) -> bool {
        false
    }

    /// The name and value of a signal of its own state that a probe can
    /// read (BCM's `theta`), if it has one.
    fn own_signal<'a>(&self, _state: &'a RuleState) -> Option<(&'static str, &'a [f64])> {
        None
    }

    /// The state it starts from, for a learned matrix of `n_pre` neurons
    /// and `out` values each.
    fn initial_state(&self, _n_pre: usize, _out: usize) -> RuleState {
        RuleState::default()
    }

    /// Adds this step's change to `learned`.
    fn update(&self, inputs: RuleInputs<'_>, state: &mut RuleState, learned: Learned<'_>);
}

/// `M[i * out + o] += post[o] pre[i]` for the pre neurons that are active:
/// the outer-product update every rule here makes (`post` already scaled
/// by the rule's factors).
pub(crate) fn add_outer(learned: Learned<'_>, post: &[f64], pre: &[f64]) {
    if post.iter().all(|&p| p == 0.0) {
        return;
    }
    for (column, &a) in learned.values.chunks_exact_mut(learned.out).zip(pre) {
        if a != 0.0 {
            for (m, &p) in column.iter_mut().zip(post) {
                *m += p * a;
            }
        }
    }
}
