//! Nengo SPA's `State`: a semantic pointer represented in an array of
//! sub-ensembles, optionally a memory.

use super::vocabulary::Vocabulary;
use crate::connection::Connection;
use crate::dists::CosineSimilarity;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::networks::{EnsembleArray, EnsembleArrayParts};
use snn_core::synapses::{Lowpass, Synapse};
use std::sync::Arc;

/// A `D`-dimensional pointer in an [`EnsembleArray`] of `D / subdimensions`
/// ensembles of `subdimensions` dimensions and `neurons_per_dimension ×
/// subdimensions` neurons each (Nengo SPA's defaults: 16 and 50), whose
/// intercepts and evaluation points follow [`CosineSimilarity`]`(D + 2)`:
/// a unit pointer's components are about `±1/√D`, not spread over
/// `[-1, 1]`. A `feedback` other than 0 adds a recurrent connection
/// through `feedback_synapse` (default `Lowpass(0.1)`): with 1 the state
/// holds what it was given (a working memory); below 1 it decays.
///
/// This is Nengo SPA's `State` with `represent_cc_identity = False` (the
/// identity vector is represented like any other).
#[derive(Debug, Clone)]
pub struct State {
    dimensions: usize,
    subdimensions: usize,
    neurons_per_dimension: usize,
    feedback: f64,
    feedback_synapse: Arc<dyn Synapse>,
}

/// What a [`State`] adds.
#[derive(Debug, Clone)]
pub struct StateParts {
    /// The pointer in.
    pub input: NodeId,
    /// The pointer out.
    pub output: NodeId,
    /// The array representing it.
    pub state_ensembles: EnsembleArrayParts,
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
        }
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
        let bad = |param: &'static str, value: String, reason: &str| BuildError::InvalidParameter {
            object: object.clone(),
            param,
            value,
            reason: reason.to_string(),
        };
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
        let state_ensembles = net.add(
            "state",
            EnsembleArray::new(self.neurons_per_dimension * sub, d / sub)
                .ens_dimensions(sub)
                .ensembles(move |e| e.eval_points(similarity).intercepts(similarity)),
        )?;
        if self.feedback != 0.0 {
            net.connect(
                Connection::new(state_ensembles.output, state_ensembles.input)
                    .transform(self.feedback)
                    .synapse(self.feedback_synapse),
            )?;
        }
        Ok(StateParts {
            input: state_ensembles.input,
            output: state_ensembles.output,
            state_ensembles,
        })
    }
}
