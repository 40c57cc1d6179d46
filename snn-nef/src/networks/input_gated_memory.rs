//! Nengo's `InputGatedMemory`: a memory that follows its input while the
//! gate is open and holds it when the gate closes.

use super::ensemble_array::{EnsembleArray, EnsembleArrayParts};
use super::{at_least_one, invalid};
use crate::connection::Connection;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::node::Node;
use nalgebra::DMatrix;
use snn_core::synapses::{Lowpass, Synapse};
use std::sync::Arc;

/// Two ensemble arrays of `dimensions` one-dimensional ensembles of
/// `n_neurons`: `mem` holds its value through a recurrent connection
/// (`feedback`, `recurrent_synapse`), and `diff` represents
/// `input - mem`, added to `mem` with `difference_gain` through
/// `difference_synapse` (default: the recurrent synapse), so `mem` moves to
/// the input. `gate` (1 closes it) inhibits every `diff` neuron with weight
/// -10, so `mem` then keeps what it has; `reset` (1 clears) inhibits every
/// `mem` neuron with weight -3. Nengo's defaults: `feedback = 1`,
/// `difference_gain = 1`, `recurrent_synapse = Lowpass(0.1)`.
#[derive(Debug, Clone)]
pub struct InputGatedMemory {
    n_neurons: usize,
    dimensions: usize,
    feedback: f64,
    difference_gain: f64,
    recurrent_synapse: Arc<dyn Synapse>,
    difference_synapse: Option<Arc<dyn Synapse>>,
}

/// What an [`InputGatedMemory`] adds.
#[derive(Debug, Clone)]
pub struct InputGatedMemoryParts {
    /// The value to store (`diff`'s input).
    pub input: NodeId,
    /// The stored value (`mem`'s output).
    pub output: NodeId,
    /// 1 closes the gate (holds), 0 opens it.
    pub gate: NodeId,
    /// 1 clears the memory.
    pub reset: NodeId,
    /// The memory.
    pub mem: EnsembleArrayParts,
    /// The difference `input - mem`.
    pub diff: EnsembleArrayParts,
}

impl InputGatedMemory {
    /// A memory of `dimensions` values in `n_neurons` neurons per
    /// dimension.
    pub fn new(n_neurons: usize, dimensions: usize) -> Self {
        Self {
            n_neurons,
            dimensions,
            feedback: 1.0,
            difference_gain: 1.0,
            recurrent_synapse: Arc::new(Lowpass(0.1)),
            difference_synapse: None,
        }
    }

    /// The recurrent transform (default 1; below 1 the memory decays).
    pub fn feedback(mut self, feedback: f64) -> Self {
        self.feedback = feedback;
        self
    }

    /// How fast the memory follows its input (default 1).
    pub fn difference_gain(mut self, gain: f64) -> Self {
        self.difference_gain = gain;
        self
    }

    /// The memory's recurrent synapse (default `Lowpass(0.1)`).
    pub fn recurrent_synapse(mut self, synapse: impl Synapse + 'static) -> Self {
        self.recurrent_synapse = Arc::new(synapse);
        self
    }

    /// The synapse from `diff` to `mem` (default: the recurrent one).
    pub fn difference_synapse(mut self, synapse: impl Synapse + 'static) -> Self {
        self.difference_synapse = Some(Arc::new(synapse));
        self
    }
}

impl Subnet for InputGatedMemory {
    type Parts = InputGatedMemoryParts;

    fn build(self, net: &mut Network) -> Result<InputGatedMemoryParts, BuildError> {
        let object = net.scope_name(net.current_scope()).to_string();
        at_least_one(&object, "n_neurons", self.n_neurons)?;
        at_least_one(&object, "dimensions", self.dimensions)?;
        for (param, v) in [
            ("feedback", self.feedback),
            ("difference_gain", self.difference_gain),
        ] {
            if !v.is_finite() {
                return Err(invalid(&object, param, v, "must be finite"));
            }
        }
        let (n, d) = (self.n_neurons, self.dimensions);
        let mut mem = net.add("mem", EnsembleArray::new(n, d))?;
        net.connect(
            Connection::new(mem.output, mem.input)
                .transform(self.feedback)
                .synapse(Arc::clone(&self.recurrent_synapse)),
        )?;
        let mut diff = net.add("diff", EnsembleArray::new(n, d))?;
        net.connect(Connection::new(mem.output, diff.input).transform(-1.0))?;
        let difference = self.difference_synapse.unwrap_or(self.recurrent_synapse);
        net.connect(
            Connection::new(diff.output, mem.input)
                .transform(self.difference_gain)
                .synapse(difference),
        )?;
        let gate = net.node("gate", Node::passthrough(1))?;
        let diff_neurons = diff.add_neuron_input(net)?;
        net.connect(
            Connection::new(gate, diff_neurons)
                .transform(DMatrix::from_element(n * d, 1, -10.0))
                .synapse(None),
        )?;
        let reset = net.node("reset", Node::passthrough(1))?;
        let mem_neurons = mem.add_neuron_input(net)?;
        net.connect(
            Connection::new(reset, mem_neurons)
                .transform(DMatrix::from_element(n * d, 1, -3.0))
                .synapse(None),
        )?;
        Ok(InputGatedMemoryParts {
            input: diff.input,
            output: mem.output,
            gate,
            reset,
            mem,
            diff,
        })
    }
}
