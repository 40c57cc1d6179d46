//! Nengo SPA's `State`: a semantic pointer represented in an array of
//! sub-ensembles, optionally a memory.

use super::vocabulary::Vocabulary;
use crate::connection::Connection;
use crate::dists::CosineSimilarity;
use crate::ensemble::Ensemble;
use crate::error::{invalid_parameter, BuildError};
use crate::ids::{EnsembleId, NodeId, Slice};
use crate::network::{Network, Subnet};
use crate::networks::{EnsembleArray, EnsembleArrayParts};
use crate::node::Node;
use snn_core::synapses::{Lowpass, Synapse};
use std::sync::Arc;

/// A `D`-dimensional pointer in ensembles of `subdimensions` dimensions
/// and `neurons_per_dimension × subdimensions` neurons each (Nengo SPA's
/// defaults: 16 and 50), whose intercepts and evaluation points follow
/// [`CosineSimilarity`]`(D + 2)`: a unit pointer's components are about
/// `±1/√D`, not spread over `[-1, 1]`. A `feedback` other than 0 adds a
/// recurrent connection through `feedback_synapse` (default
/// `Lowpass(0.1)`): with 1 the state holds what it was given (a working
/// memory); below 1 it decays.
///
/// With `represent_cc_identity` (the default, as in Nengo SPA) the first
/// dimension has a 1-D ensemble of its own with ordinary intercepts and
/// evaluation points, and the rest of the first sub-block one of
/// `subdimensions - 1` dimensions: the identity of binding, `[1, 0, …, 0]`,
/// whose first component is 1 and not `±1/√D`, is then represented as
/// well as any pointer. Without it, one [`EnsembleArray`] of
/// `D / subdimensions` equal ensembles.
#[derive(Debug, Clone)]
pub struct State {
    dimensions: usize,
    subdimensions: usize,
    neurons_per_dimension: usize,
    feedback: f64,
    feedback_synapse: Arc<dyn Synapse>,
    represent_cc_identity: bool,
}

/// What a [`State`] adds.
#[derive(Debug, Clone)]
pub struct StateParts {
    /// The pointer in.
    pub input: NodeId,
    /// The pointer out.
    pub output: NodeId,
    /// Every ensemble representing it, in the order of the dimensions.
    pub ensembles: Vec<EnsembleId>,
    /// The array of its sub-blocks: all of them, or, with
    /// `represent_cc_identity`, those after the first (`None` when there
    /// are none).
    pub array: Option<EnsembleArrayParts>,
}

impl State {
    /// A state of the vocabulary's dimensions.
    pub fn new(vocab: &Vocabulary) -> Self {
        Self::with_dimensions(vocab.dimensions())
    }

    /// A state of `dimensions` dimensions.
    pub fn with_dimensions(dimensions: usize) -> Self {
        Self {
            dimensions,
            subdimensions: 16,
            neurons_per_dimension: 50,
            feedback: 0.0,
            feedback_synapse: Arc::new(Lowpass(0.1)),
            represent_cc_identity: true,
        }
    }

    /// Whether the first dimension gets an ensemble of its own (default
    /// true; see the type's documentation).
    pub fn represent_cc_identity(mut self, represent: bool) -> Self {
        self.represent_cc_identity = represent;
        self
    }

    /// Dimensions per sub-ensemble (default 16; must divide the state's).
    pub fn subdimensions(mut self, subdimensions: usize) -> Self {
        self.subdimensions = subdimensions;
        self
    }

    /// Neurons per dimension (default 50).
    pub fn neurons_per_dimension(mut self, n: usize) -> Self {
        self.neurons_per_dimension = n;
        self
    }

    /// The recurrent transform (default 0: no recurrence).
    pub fn feedback(mut self, feedback: f64) -> Self {
        self.feedback = feedback;
        self
    }

    /// The recurrent synapse (default `Lowpass(0.1)`).
    pub fn feedback_synapse(mut self, synapse: impl Synapse + 'static) -> Self {
        self.feedback_synapse = Arc::new(synapse);
        self
    }
}

impl Subnet for State {
    type Parts = StateParts;

    fn build(self, net: &mut Network) -> Result<StateParts, BuildError> {
        let object = net.scope_name(net.current_scope()).to_string();
        let (d, sub) = (self.dimensions, self.subdimensions);
        let bad =
            |param, value: String, reason: &str| invalid_parameter(&object, param, value, reason);
        if d == 0 {
            return Err(bad("dimensions", "0".into(), "must be at least 1"));
        }
        if sub == 0 || d % sub != 0 {
            return Err(bad(
                "subdimensions",
                sub.to_string(),
                &format!("must divide the state's {d} dimensions"),
            ));
        }
        if self.neurons_per_dimension == 0 {
            return Err(bad(
                "neurons_per_dimension",
                "0".into(),
                "must be at least 1",
            ));
        }
        if !self.feedback.is_finite() {
            return Err(bad("feedback", self.feedback.to_string(), "must be finite"));
        }
        let similarity = CosineSimilarity::new(d + 2);
        let npd = self.neurons_per_dimension;
        let blocks = |n_ensembles: usize| {
            EnsembleArray::new(npd * sub, n_ensembles)
                .ens_dimensions(sub)
                .ensembles(move |e| e.eval_points(similarity).intercepts(similarity))
        };
        let (input, output, ensembles, array) = if self.represent_cc_identity {
            let input = net.node("input", Node::passthrough(d))?;
            let output = net.node("output", Node::passthrough(d))?;
            let first = net.ensemble("first", Ensemble::new(npd, 1))?;
            net.connect(Connection::new(input.at(0), first).synapse(None))?;
            net.connect(Connection::new(first, output.at(0)).synapse(None))?;
            let mut ensembles = vec![first];
            if sub > 1 {
                let second = net.ensemble(
                    "second",
                    Ensemble::new(npd * (sub - 1), sub - 1)
                        .eval_points(similarity)
                        .intercepts(similarity),
                )?;
                net.connect(Connection::new(input.slice(1..sub), second).synapse(None))?;
                net.connect(Connection::new(second, output.slice(1..sub)).synapse(None))?;
                ensembles.push(second);
            }
            let array = if d > sub {
                let rest = net.add("remainder", blocks(d / sub - 1))?;
                net.connect(Connection::new(input.slice(sub..d), rest.input).synapse(None))?;
                net.connect(Connection::new(rest.output, output.slice(sub..d)).synapse(None))?;
                ensembles.extend(&rest.ensembles);
                Some(rest)
            } else {
                None
            };
            (input, output, ensembles, array)
        } else {
            let all = net.add("state", blocks(d / sub))?;
            (all.input, all.output, all.ensembles.clone(), Some(all))
        };
        if self.feedback != 0.0 {
            net.connect(
                Connection::new(output, input)
                    .transform(self.feedback)
                    .synapse(self.feedback_synapse),
            )?;
        }
        Ok(StateParts {
            input,
            output,
            ensembles,
            array,
        })
    }
}
