//! Typed handles to the objects of a [`Network`](crate::Network), and
//! connection endpoints (an object, its neurons, or a slice of either).

use snn_core::ProbeKey;
use std::ops::Range;

/// A typed handle to an object of one network: it carries that network's
/// id, so any other network (a clone included) refuses it, and
/// [`Network::rebind`](crate::Network::rebind) gives its counterpart in a
/// clone.
pub trait Handle: Copy {
    /// The kind of object, for errors (`"ensemble"`, `"probe"`, …).
    const KIND: &'static str;
    /// Which of a network's object lists holds it: ensembles, nodes,
    /// connections, probes.
    const SLOT: usize;
    /// Position of the object among its kind in its network.
    fn index(self) -> usize;
    /// The id of the network that gave it out.
    #[doc(hidden)]
    fn network(self) -> u64;
    /// The same position in network `net`.
    #[doc(hidden)]
    fn with_network(self, net: u64) -> Self;
}

macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $slot:literal) => {
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

        impl Handle for $name {
            const KIND: &'static str = $kind;
            const SLOT: usize = $slot;
            fn index(self) -> usize {
                self.index
            }
            fn network(self) -> u64 {
                self.net
            }
            fn with_network(self, net: u64) -> Self {
                Self { net, ..self }
            }
        }
    };
}

handle!(
    /// A handle to an ensemble of a network.
    EnsembleId,
    "ensemble",
    0
);
handle!(
    /// A handle to a node of a network.
    NodeId,
    "node",
    1
);
handle!(
    /// A handle to a connection of a network.
    ConnectionId,
    "connection",
    2
);
handle!(
    /// A handle to a probe of a network; pass it to `Simulator::data`.
    ProbeId,
    "probe",
    3
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
    /// The input of learning rule `index` of a connection (its error): a
    /// connection's post end only.
    LearningRule(LearningRuleId),
}

/// The learning rule `index` of connection `conn` (Nengo's
/// `conn.learning_rule`), as the post end of the connection carrying its
/// error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LearningRuleId {
    /// The learning connection.
    pub conn: ConnectionId,
    /// Which of its rules, in the order they were added.
    pub index: usize,
}

impl ConnectionId {
    /// Its (first) learning rule: `net.connect(Connection::new(error,
    /// conn.learning_rule()))` feeds it its error.
    pub fn learning_rule(self) -> LearningRuleId {
        self.learning_rule_at(0)
    }

    /// Its learning rule `index` (in the order they were added).
    pub fn learning_rule_at(self, index: usize) -> LearningRuleId {
        LearningRuleId { conn: self, index }
    }
}

impl From<LearningRuleId> for Endpoint {
    fn from(r: LearningRuleId) -> Self {
        Self {
            object: Object::LearningRule(r),
            slice: None,
            out_of_selection: None,
            empty_selection: None,
        }
    }
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
    /// The first selection that picked no element (`a.slice(2..1)`,
    /// `a.slice(1..1)`, `a.pick([])`), as written; the network refuses it
    /// when the connection is added, as the `network!` DSL does.
    pub(crate) empty_selection: Option<String>,
}

impl Object {
    /// The same object in the clone `net` of its network (handles carry
    /// their network's id, and a clone has a new one).
    pub(crate) fn retagged(self, net: u64) -> Self {
        match self {
            Self::Ensemble(e) => Self::Ensemble(EnsembleId { net, ..e }),
            Self::Neurons(e) => Self::Neurons(EnsembleId { net, ..e }),
            Self::Node(n) => Self::Node(NodeId { net, ..n }),
            Self::LearningRule(r) => Self::LearningRule(LearningRuleId {
                conn: ConnectionId { net, ..r.conn },
                ..r
            }),
        }
    }
}

impl From<EnsembleId> for Endpoint {
    fn from(e: EnsembleId) -> Self {
        Self {
            object: Object::Ensemble(e),
            slice: None,
            out_of_selection: None,
            empty_selection: None,
        }
    }
}

impl From<Neurons> for Endpoint {
    fn from(n: Neurons) -> Self {
        Self {
            object: Object::Neurons(n.0),
            slice: None,
            out_of_selection: None,
            empty_selection: None,
        }
    }
}

impl From<NodeId> for Endpoint {
    fn from(n: NodeId) -> Self {
        Self {
            object: Object::Node(n),
            slice: None,
            out_of_selection: None,
            empty_selection: None,
        }
    }
}

impl Endpoint {
    /// Restricts the endpoint to `indices` of its current selection;
    /// `written` describes the selection for an error if it is empty.
    fn select(mut self, indices: Vec<usize>, written: impl FnOnce() -> String) -> Self {
        if indices.is_empty() && self.empty_selection.is_none() {
            self.empty_selection = Some(written());
        }
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
        self.into().select(vec![i], || format!("[{i}]"))
    }

    /// Elements `range` (Nengo's `a[start:end]`). An empty or reversed
    /// range (`1..1`, `2..1`) selects nothing and is refused when the
    /// connection is added ([`BuildError::EmptySlice`](crate::BuildError::EmptySlice)).
    fn slice(self, range: Range<usize>) -> Endpoint {
        let written = format!("{}..{}", range.start, range.end);
        self.into().select(range.collect(), || written)
    }

    /// Any elements in any order (Nengo's `a[[2, 0]]`); at least one.
    fn pick(self, indices: impl IntoIterator<Item = usize>) -> Endpoint {
        self.into()
            .select(indices.into_iter().collect(), || "[] (no indices)".into())
    }
}

impl<T: Into<Endpoint>> Slice for T {}
