//! Typed handles to the objects of a [`Network`](crate::Network), and
//! connection endpoints (an object, its neurons, or a slice of either).

use snn_core::ProbeKey;
use std::ops::Range;

macro_rules! handle {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name {
            pub(crate) net: u64,
            pub(crate) index: usize,
        }

        impl $name {
            /// Position of the object among its kind in its network.
            pub fn index(self) -> usize {
                self.index
            }
        }
    };
}

handle!(
    /// A handle to an ensemble of a network.
    EnsembleId
);
handle!(
    /// A handle to a node of a network.
    NodeId
);
handle!(
    /// A handle to a connection of a network.
    ConnectionId
);
handle!(
    /// A handle to a probe of a network; pass it to `Simulator::data`.
    ProbeId
);

impl From<ProbeId> for ProbeKey {
    fn from(p: ProbeId) -> Self {
        ProbeKey {
            owner: p.net,
            index: p.index,
        }
    }
}

/// The neurons of an ensemble, addressed directly (Nengo's `ens.neurons`):
/// a connection to them adds to each neuron's input current, one from them
/// reads each neuron's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Neurons(pub EnsembleId);

impl EnsembleId {
    /// The ensemble's neurons as a connection end or probe target.
    pub fn neurons(self) -> Neurons {
        Neurons(self)
    }
}

/// What a connection end refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Object {
    /// An ensemble's represented vector.
    Ensemble(EnsembleId),
    /// An ensemble's neurons.
    Neurons(EnsembleId),
    /// A node.
    Node(NodeId),
}

/// One end of a connection: an object and, optionally, the elements of it
/// that are used (Nengo's `a[0]`, `a[1:3]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The object.
    pub object: Object,
    /// Selected elements in order (`None`: all of them).
    pub slice: Option<Vec<usize>>,
    /// The first index that fell outside an earlier selection when slices
    /// were chained (`a.slice(0..2).at(5)`), with that selection's length;
    /// the network reports it when the connection is added.
    pub(crate) out_of_selection: Option<(usize, usize)>,
}

impl From<EnsembleId> for Endpoint {
    fn from(e: EnsembleId) -> Self {
        Self {
            object: Object::Ensemble(e),
            slice: None,
            out_of_selection: None,
        }
    }
}

impl From<Neurons> for Endpoint {
    fn from(n: Neurons) -> Self {
        Self {
            object: Object::Neurons(n.0),
            slice: None,
            out_of_selection: None,
        }
    }
}

impl From<NodeId> for Endpoint {
    fn from(n: NodeId) -> Self {
        Self {
            object: Object::Node(n),
            slice: None,
            out_of_selection: None,
        }
    }
}

impl Endpoint {
    /// Restricts the endpoint to `indices` of its current selection.
    fn select(mut self, indices: Vec<usize>) -> Self {
        self.slice = Some(match self.slice {
            Some(cur) => {
                if let Some(&bad) = indices.iter().find(|&&i| i >= cur.len()) {
                    self.out_of_selection.get_or_insert((bad, cur.len()));
                }
                indices
                    .iter()
                    .filter_map(|&i| cur.get(i).copied())
                    .collect()
            }
            None => indices,
        });
        self
    }
}

/// Slicing of anything that can be a connection end.
pub trait Slice: Into<Endpoint> {
    /// Element `i` only (Nengo's `a[i]`).
    fn at(self, i: usize) -> Endpoint {
        self.into().select(vec![i])
    }

    /// Elements `range` (Nengo's `a[start:end]`).
    fn slice(self, range: Range<usize>) -> Endpoint {
        self.into().select(range.collect())
    }

    /// Any elements in any order (Nengo's `a[[2, 0]]`).
    fn pick(self, indices: impl IntoIterator<Item = usize>) -> Endpoint {
        self.into().select(indices.into_iter().collect())
    }
}

impl<T: Into<Endpoint>> Slice for T {}
