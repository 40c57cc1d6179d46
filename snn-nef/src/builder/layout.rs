//! Where each ensemble lives in the compiled network: a population of
//! neurons, or (direct mode) a passthrough node of its value.

use crate::direct::{is_direct, no_neurons};
use crate::error::BuildError;
use crate::ids::EnsembleId;
use crate::network::Network;

/// The compiled form of one ensemble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// Population `p` of the compiled network (neuron ensembles keep their
    /// order, skipping direct-mode ones).
    Population(usize),
    /// Node `k`: a direct-mode ensemble is a passthrough node of its `d`
    /// values, after the network's own nodes, so those keep their indices.
    Node(usize),
}

/// The placement of every ensemble, by ensemble index.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub(crate) ensembles: Vec<Placement>,
}

impl Layout {
    pub(crate) fn new(net: &Network) -> Self {
        let (mut pops, mut nodes) = (0, net.nodes.len());
        let ensembles = net
            .ensembles
            .iter()
            .map(|e| {
                if is_direct(e.item.neuron_type.as_ref()) {
                    Placement::Node(next(&mut nodes))
                } else {
                    Placement::Population(next(&mut pops))
                }
            })
            .collect();
        Self { ensembles }
    }

    pub(crate) fn of(&self, e: EnsembleId) -> Placement {
        self.ensembles[e.index]
    }

    /// The population of an ensemble whose neurons are used, or the error
    /// that a direct-mode ensemble (named `name`) has none.
    pub(crate) fn population(&self, e: EnsembleId, name: &str) -> Result<usize, BuildError> {
        match self.of(e) {
            Placement::Population(p) => Ok(p),
            Placement::Node(_) => Err(no_neurons(name)),
        }
    }
}

/// `counter`, then one more.
fn next(counter: &mut usize) -> usize {
    *counter += 1;
    *counter - 1
}
