//! Nengo's `EnsembleArray`: many small ensembles acting as one
//! high-dimensional one, each representing a few dimensions of it.

use super::at_least_one;
use crate::connection::Connection;
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::ids::{EnsembleId, NodeId, Slice};
use crate::network::{Network, ScopeId, Subnet};
use crate::node::Node;
use snn_core::network::NodeOutput;
use std::sync::Arc;

/// `n_ensembles` ensembles of `n_neurons` neurons and `ens_dimensions`
/// dimensions each, fed one slice each of an `input` node and decoded into
/// one slice each of an `output` node, both unfiltered (Nengo's defaults:
/// `ens_dimensions = 1`). Far cheaper to build than one ensemble of all
/// the dimensions (the decoder solves are small) and as accurate for
/// anything computed dimension by dimension; not for functions that mix
/// dimensions of different sub-ensembles.
///
/// The sub-ensembles are made from a template, `Ensemble::new(n_neurons,
/// ens_dimensions)` changed by [`ensembles`](Self::ensembles) (Nengo's
/// `**ens_kwargs`: radius, neuron type, max rates, …).
#[derive(Debug, Clone)]
pub struct EnsembleArray {
    n_ensembles: usize,
    template: Ensemble,
}

/// What an [`EnsembleArray`] adds: its nodes and ensembles.
#[derive(Debug, Clone)]
pub struct EnsembleArrayParts {
    /// Takes the array's whole vector (`n_ensembles × ens_dimensions`).
    pub input: NodeId,
    /// Gives the decoded vector.
    pub output: NodeId,
    /// The sub-ensembles, in order (Nengo's `ea_ensembles`).
    pub ensembles: Vec<EnsembleId>,
    /// Neurons per sub-ensemble.
    pub n_neurons: usize,
    /// Dimensions of each sub-ensemble.
    pub ens_dimensions: usize,
    /// The outputs added by [`add_output`](Self::add_output), by name.
    pub outputs: Vec<(String, NodeId)>,
    /// Made by [`add_neuron_input`](Self::add_neuron_input).
    pub neuron_input: Option<NodeId>,
    /// Made by [`add_neuron_output`](Self::add_neuron_output).
    pub neuron_output: Option<NodeId>,
    scope: ScopeId,
}

impl EnsembleArray {
    /// `n_ensembles` one-dimensional ensembles of `n_neurons` neurons.
    pub fn new(n_neurons: usize, n_ensembles: usize) -> Self {
        Self {
            n_ensembles,
            template: Ensemble::new(n_neurons, 1),
        }
    }

    /// Dimensions of each sub-ensemble (default 1).
    pub fn ens_dimensions(mut self, dimensions: usize) -> Self {
        self.template.dimensions = dimensions;
        self
    }

    /// Changes the template every sub-ensemble is made from:
    /// `.ensembles(|e| e.radius(1.5).neuron_type(LIFRate::default()))`.
    /// Its neuron count and dimensions stay the array's.
    pub fn ensembles(mut self, configure: impl FnOnce(Ensemble) -> Ensemble) -> Self {
        let (n, d) = (self.template.n_neurons, self.template.dimensions);
        self.template = configure(self.template);
        self.template.n_neurons = n;
        self.template.dimensions = d;
        self
    }

    /// The array's dimensions, `n_ensembles × ens_dimensions`.
    pub fn dimensions(&self) -> usize {
        self.n_ensembles * self.template.dimensions
    }
}

impl Subnet for EnsembleArray {
    type Parts = EnsembleArrayParts;

    fn build(self, net: &mut Network) -> Result<EnsembleArrayParts, BuildError> {
        let scope = net.current_scope();
        let object = net.scope_name(scope).to_string();
        at_least_one(&object, "n_ensembles", self.n_ensembles)?;
        at_least_one(&object, "n_neurons", self.template.n_neurons)?;
        at_least_one(&object, "ens_dimensions", self.template.dimensions)?;
        let d = self.template.dimensions;
        let input = net.node("input", Node::passthrough(self.dimensions()))?;
        let mut ensembles = Vec::with_capacity(self.n_ensembles);
        for i in 0..self.n_ensembles {
            let e = net.ensemble(&i.to_string(), self.template.clone())?;
            net.connect(Connection::new(input.slice(i * d..(i + 1) * d), e).synapse(None))?;
            ensembles.push(e);
        }
        let mut parts = EnsembleArrayParts {
            input,
            output: input,
            ensembles,
            n_neurons: self.template.n_neurons,
            ens_dimensions: d,
            outputs: Vec::new(),
            neuron_input: None,
            neuron_output: None,
            scope,
        };
        parts.output = parts.add_output_configured(net, "output", None, &|c| c)?;
        Ok(parts)
    }
}

/// A function of one sub-ensemble's vector, shared by all of them.
type SharedFn = Arc<dyn Fn(&[f64]) -> Vec<f64> + Send + Sync>;

impl EnsembleArrayParts {
    /// The array's dimensions.
    pub fn dimensions(&self) -> usize {
        self.ensembles.len() * self.ens_dimensions
    }

    /// The output added under `name` (`"output"` included).
    pub fn output_named(&self, name: &str) -> Option<NodeId> {
        self.outputs
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, id)| id)
    }

    /// Adds a node `name` gathering `function` of every sub-ensemble's
    /// vector, decoded without a synapse (filter it where it is read):
    /// `ea.add_output(&mut net, "square", |x| x[0] * x[0])`. The function's
    /// output size is found by calling it on zeros, as Nengo does.
    ///
    /// # Errors
    /// [`BuildError::DuplicateName`] if the array already has an object
    /// `name`; the errors of the connections.
    pub fn add_output<R: NodeOutput>(
        &mut self,
        net: &mut Network,
        name: &str,
        function: impl Fn(&[f64]) -> R + Send + Sync + 'static,
    ) -> Result<NodeId, BuildError> {
        self.add_output_with(net, name, function, |c| c)
    }

    /// [`add_output`](Self::add_output) with each connection changed by
    /// `configure` (a solver, a synapse, …: Nengo's `**conn_kwargs`).
    pub fn add_output_with<R: NodeOutput>(
        &mut self,
        net: &mut Network,
        name: &str,
        function: impl Fn(&[f64]) -> R + Send + Sync + 'static,
        configure: impl Fn(Connection) -> Connection,
    ) -> Result<NodeId, BuildError> {
        let shared: SharedFn = Arc::new(move |x: &[f64]| {
            let r = function(x);
            let mut out = vec![0.0; r.len()];
            r.write_into(&mut out);
            out
        });
        self.add_output_configured(net, name, Some(shared), &configure)
    }

    fn add_output_configured(
        &mut self,
        net: &mut Network,
        name: &str,
        function: Option<SharedFn>,
        configure: &dyn Fn(Connection) -> Connection,
    ) -> Result<NodeId, BuildError> {
        let d = self.ens_dimensions;
        let size = match &function {
            Some(f) => f(&vec![0.0; d]).len(),
            None => d,
        };
        let ensembles = self.ensembles.clone();
        let node = net.within(self.scope, |net| {
            let node = net.node(name, Node::passthrough(size * ensembles.len()))?;
            for (i, &e) in ensembles.iter().enumerate() {
                let mut c = Connection::new(e, node.slice(i * size..(i + 1) * size)).synapse(None);
                if let Some(f) = &function {
                    let f = Arc::clone(f);
                    c = c.function(move |x: &[f64]| f(x));
                }
                net.connect(configure(c))?;
            }
            Ok(node)
        })?;
        self.outputs.push((name.to_string(), node));
        Ok(node)
    }

    /// Adds (once) a node `neuron_input` of `n_neurons × n_ensembles`
    /// values feeding every neuron of the array directly, unfiltered
    /// (to inhibit them all, say).
    ///
    /// # Errors
    /// [`BuildError::InvalidParameter`] if the sub-ensembles are `Direct`
    /// (no neurons to feed).
    pub fn add_neuron_input(&mut self, net: &mut Network) -> Result<NodeId, BuildError> {
        if let Some(n) = self.neuron_input {
            return Ok(n);
        }
        let node = self.add_neuron_node(net, "neuron_input")?;
        self.neuron_input = Some(node);
        Ok(node)
    }

    /// Adds (once) a node `neuron_output` gathering every neuron's output
    /// (spikes), unfiltered, sub-ensemble after sub-ensemble.
    ///
    /// # Errors
    /// As [`add_neuron_input`](Self::add_neuron_input).
    pub fn add_neuron_output(&mut self, net: &mut Network) -> Result<NodeId, BuildError> {
        if let Some(n) = self.neuron_output {
            return Ok(n);
        }
        let node = self.add_neuron_node(net, "neuron_output")?;
        self.neuron_output = Some(node);
        Ok(node)
    }

    /// A node `name` of one value per neuron of the array, joined to every
    /// sub-ensemble's neurons: into them for `neuron_input`, from them for
    /// `neuron_output`.
    fn add_neuron_node(&self, net: &mut Network, name: &'static str) -> Result<NodeId, BuildError> {
        self.check_neurons(net, name)?;
        let (ensembles, n) = (self.ensembles.clone(), self.n_neurons);
        let into = name == "neuron_input";
        net.within(self.scope, |net| {
            let node = net.node(name, Node::passthrough(n * ensembles.len()))?;
            for (i, &e) in ensembles.iter().enumerate() {
                let (slice, neurons) = (node.slice(i * n..(i + 1) * n), e.neurons());
                let c = if into {
                    Connection::new(slice, neurons)
                } else {
                    Connection::new(neurons, slice)
                };
                net.connect(c.synapse(None))?;
            }
            Ok(node)
        })
    }

    fn check_neurons(&self, net: &Network, what: &'static str) -> Result<(), BuildError> {
        let first = net.get_ensemble(self.ensembles[0])?;
        if crate::direct::is_direct(first.neuron_type.as_ref()) {
            return Err(super::invalid(
                net.scope_name(self.scope),
                what,
                "Direct",
                "the sub-ensembles are Direct: they have no neurons to connect",
            ));
        }
        Ok(())
    }
}
