//! The model graph: ensembles, nodes, connections and probes, in nested
//! sub-networks, each checked as it is added.

use crate::connection::{Connection, EndSizes};
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::ids::{ConnectionId, Endpoint, EnsembleId, NodeId, Object, ProbeId};
use crate::node::Node;
use crate::probe::{probe_attribute, Probe, ProbeOf};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_NETWORK_ID: AtomicU64 = AtomicU64::new(1);

/// A named object and the sub-network it was declared in.
#[derive(Debug, Clone)]
pub(crate) struct Entry<T> {
    pub(crate) name: String,
    pub(crate) scope: usize,
    pub(crate) ordinal: u64,
    pub(crate) item: T,
}

/// A sub-network: a name prefix and a seed scope.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub(crate) path: String,
    pub(crate) parent: Option<usize>,
    pub(crate) ordinal: u64,
    pub(crate) seed: Option<u64>,
    pub(crate) children: u64,
}

/// A sub-network of a [`Network`], to add objects to it later
/// ([`Network::within`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScopeId {
    net: u64,
    index: usize,
}

/// A network of objects declared by its parameters, added to a
/// [`Network`] as a sub-network by [`Network::add`] (or `subnet name =
/// Type::new(…);` in `network!`): the library's `EnsembleArray`,
/// `Product`, `CircularConvolution` and the others.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a network to add: `subnet name = …;` takes a `Subnet` value (a library network such as `EnsembleArray::new(50, 4)`) or a call of a function taking the network first (`part(args)`)",
    label = "not a `Subnet`"
)]
pub trait Subnet {
    /// The handles of what it adds (`input`, `output`, its ensembles, …).
    type Parts;

    /// Adds its objects to `net`, inside the sub-network the caller opened.
    fn build(self, net: &mut Network) -> Result<Self::Parts, BuildError>;
}

/// A spiking neural network model: describe it here, then simulate it with
/// `Simulator::new(&network)`.
///
/// Objects are added with [`ensemble`](Self::ensemble), [`node`](Self::node),
/// [`connect`](Self::connect) and [`probe`](Self::probe), each returning a
/// typed handle or an error naming what is wrong. Sub-networks
/// ([`subnetwork`](Self::subnetwork)) prefix their objects' names and give
/// them their own seed scope.
///
/// ```
/// use snn_nef::{Connection, Ensemble, Network, Node, Probe};
///
/// # fn main() -> Result<(), snn_nef::BuildError> {
/// let mut net = Network::with_seed(1);
/// let u = net.node("u", Node::constant(0.5))?;
/// let a = net.ensemble("a", Ensemble::new(40, 1))?;
/// net.connect(Connection::new(u, a))?;
/// net.probe(Probe::new(a).synapse(0.01))?;
/// // Mistakes are errors naming the object: `a` is 1-D, so `a[1]` is out of range.
/// use snn_nef::Slice;
/// assert!(net.connect(Connection::new(u, a.at(1))).is_err());
/// let built = net.build(snn_nef::BuildOptions::default())?;
/// assert_eq!(built.ensembles[0].gain.len(), 40);
/// # Ok(())
/// # }
/// ```
///
/// Seeds: an object's seed is its own if given, else derived from its
/// sub-network's seed and its position there; the top seed is the network's
/// if given, else fresh entropy at each build (as in Nengo).
///
/// A clone is a new network with the same contents: it gets its own id, so
/// the handles of one are refused by the other (an
/// [`UnknownObject`](BuildError::UnknownObject) error, or `UnknownProbe`
/// from its simulator) instead of silently naming the other's objects.
#[derive(Debug)]
pub struct Network {
    /// Tags every handle this network gives out; unique per process.
    pub(crate) id: u64,
    pub(crate) ensembles: Vec<Entry<Ensemble>>,
    pub(crate) nodes: Vec<Entry<Node>>,
    pub(crate) connections: Vec<Entry<Connection>>,
    pub(crate) probes: Vec<Entry<Probe>>,
    pub(crate) scopes: Vec<Scope>,
    current: usize,
    /// Every qualified name taken by an ensemble, node or sub-network, so a
    /// duplicate is found in O(1) and declaring `n` objects costs O(n).
    names: HashSet<String>,
    /// The networks this one was cloned from (nearest last), each with its
    /// numbers of ensembles, nodes, connections and probes at the time: the
    /// handles [`rebind`](Self::rebind) translates.
    ancestry: Vec<(u64, [usize; 4])>,
}

impl Clone for Network {
    /// The same contents under a fresh id (see the type's doc).
    fn clone(&self) -> Self {
        let id = fresh_id();
        // The connections and probes already added refer to this network's
        // objects: in the clone they refer to the clone's.
        let mut connections = self.connections.clone();
        for c in &mut connections {
            c.item.pre.object = c.item.pre.object.retagged(id);
            c.item.post.object = c.item.post.object.retagged(id);
        }
        let mut probes = self.probes.clone();
        for p in &mut probes {
            p.item.target = p.item.target.clone().retagged(id);
        }
        Self {
            id,
            ensembles: self.ensembles.clone(),
            nodes: self.nodes.clone(),
            connections,
            probes,
            scopes: self.scopes.clone(),
            current: self.current,
            names: self.names.clone(),
            ancestry: {
                let mut a = self.ancestry.clone();
                a.push((self.id, self.counts()));
                a
            },
        }
    }
}

/// A network id never given out before in this process.
fn fresh_id() -> u64 {
    NEXT_NETWORK_ID.fetch_add(1, Ordering::Relaxed)
}

impl Default for Network {
    fn default() -> Self {
        Self::new()
    }
}

impl Network {
    /// An empty, unseeded network.
    pub fn new() -> Self {
        Self {
            id: fresh_id(),
            ensembles: Vec::new(),
            nodes: Vec::new(),
            connections: Vec::new(),
            probes: Vec::new(),
            scopes: vec![Scope {
                path: String::new(),
                parent: None,
                ordinal: 0,
                seed: None,
                children: 0,
            }],
            current: 0,
            names: HashSet::new(),
            ancestry: Vec::new(),
        }
    }

    /// An empty network whose random draws all follow from `seed`.
    pub fn with_seed(seed: u64) -> Self {
        let mut net = Self::new();
        net.scopes[0].seed = Some(seed);
        net
    }

    /// The network's seed, if it has one.
    pub fn seed(&self) -> Option<u64> {
        self.scopes[0].seed
    }

    /// Numbers of ensembles, nodes, connections and probes.
    fn counts(&self) -> [usize; 4] {
        [
            self.ensembles.len(),
            self.nodes.len(),
            self.connections.len(),
            self.probes.len(),
        ]
    }

    /// The handle in this network of the object that `handle` names in a
    /// network this one was cloned from (directly or through clones), or
    /// `handle` itself if it is this network's. A clone has its own id, so
    /// the original's handles are refused by it; this is how to reach, in
    /// the clone, the objects (and probes) copied from the original.
    ///
    /// # Errors
    /// [`BuildError::UnknownObject`] for a handle of an unrelated network,
    /// or of an object added to the original after the clone was made.
    pub fn rebind<H: crate::ids::Handle>(&self, handle: H) -> Result<H, BuildError> {
        let net = handle.network();
        let known = net == self.id
            || self
                .ancestry
                .iter()
                .any(|(id, counts)| *id == net && handle.index() < counts[H::SLOT]);
        if known {
            Ok(handle.with_network(self.id))
        } else {
            Err(BuildError::UnknownObject {
                kind: H::KIND,
                index: handle.index(),
            })
        }
    }

    fn next_ordinal(&mut self) -> u64 {
        let scope = &mut self.scopes[self.current];
        scope.children += 1;
        scope.children - 1
    }

    /// The full name of a new object called `name` in the current scope,
    /// refused if empty or already taken (the caller then claims it with
    /// [`claim`](Self::claim) once the object is accepted).
    fn qualified(&self, name: &str) -> Result<String, BuildError> {
        if name.is_empty() {
            return Err(BuildError::InvalidParameter {
                object: "network".into(),
                param: "name",
                value: "\"\"".into(),
                reason: "objects need a non-empty name".into(),
            });
        }
        let path = &self.scopes[self.current].path;
        let full = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        if self.names.contains(&full) {
            return Err(BuildError::DuplicateName(full));
        }
        Ok(full)
    }

    /// Marks a name checked by [`qualified`](Self::qualified) as taken.
    fn claim(&mut self, full: &str) {
        self.names.insert(full.to_string());
    }

    fn entry<T>(&mut self, name: String, item: T) -> Entry<T> {
        Entry {
            name,
            scope: self.current,
            ordinal: self.next_ordinal(),
            item,
        }
    }

    /// Adds an ensemble, checking its sizes, radius and given values.
    pub fn ensemble(&mut self, name: &str, ensemble: Ensemble) -> Result<EnsembleId, BuildError> {
        let name = self.qualified(name)?;
        ensemble.validate(&name)?;
        self.claim(&name);
        let e = self.entry(name, ensemble);
        self.ensembles.push(e);
        Ok(EnsembleId {
            net: self.id,
            index: self.ensembles.len() - 1,
        })
    }

    /// Adds a node, checking its sizes and that a constant output is finite
    /// (a NaN there would reach every object it feeds, silently).
    pub fn node(&mut self, name: &str, node: Node) -> Result<NodeId, BuildError> {
        let name = self.qualified(name)?;
        node.validate(&name)?;
        self.claim(&name);
        let e = self.entry(name, node);
        self.nodes.push(e);
        Ok(NodeId {
            net: self.id,
            index: self.nodes.len() - 1,
        })
    }

    /// Runs `build` inside a sub-network called `name`: the objects it adds
    /// are named `name.object` and draw seeds from the sub-network's scope.
    /// Returns whatever `build` returns (typically a struct of handles).
    pub fn subnetwork<R>(
        &mut self,
        name: &str,
        build: impl FnOnce(&mut Network) -> Result<R, BuildError>,
    ) -> Result<R, BuildError> {
        let path = self.qualified(name)?;
        self.claim(&path);
        let ordinal = self.next_ordinal();
        self.scopes.push(Scope {
            path,
            parent: Some(self.current),
            ordinal,
            seed: None,
            children: 0,
        });
        let outer = self.current;
        self.current = self.scopes.len() - 1;
        let result = build(self);
        self.current = outer;
        result
    }

    /// Every connection with its label (`"pre -> post"` unless named), in
    /// the order added (Nengo's `all_connections`).
    pub fn all_connections(&self) -> impl Iterator<Item = (String, &Connection)> + '_ {
        self.connections.iter().map(|e| (e.name.clone(), &e.item))
    }

    /// Adds a network of the library (or any [`Subnet`]) as a sub-network
    /// called `name` and returns its parts: `net.add("ea",
    /// EnsembleArray::new(50, 4))?` is
    /// `net.subnetwork("ea", |n| EnsembleArray::new(50, 4).build(n))?`.
    pub fn add<S: Subnet>(&mut self, name: &str, subnet: S) -> Result<S::Parts, BuildError> {
        self.subnetwork(name, |net| subnet.build(net))
    }

    /// The sub-network objects are being added to now (the whole network
    /// outside any): kept by a network that adds parts to itself later, as
    /// [`EnsembleArray::add_output`](crate::networks::EnsembleArray) does,
    /// through [`within`](Self::within).
    pub fn current_scope(&self) -> ScopeId {
        ScopeId {
            net: self.id,
            index: self.current,
        }
    }

    /// Runs `build` inside the sub-network `scope` again: its objects are
    /// named and seeded there, as if added when it was built (an object's
    /// seed depends on its sub-network's and its own position, so the
    /// objects added first keep theirs).
    ///
    /// # Errors
    /// [`BuildError::UnknownObject`] for a scope of another network, and
    /// whatever `build` returns.
    pub fn within<R>(
        &mut self,
        scope: ScopeId,
        build: impl FnOnce(&mut Network) -> Result<R, BuildError>,
    ) -> Result<R, BuildError> {
        if scope.net != self.id || scope.index >= self.scopes.len() {
            return Err(BuildError::UnknownObject {
                kind: "sub-network",
                index: scope.index,
            });
        }
        let outer = self.current;
        self.current = scope.index;
        let result = build(self);
        self.current = outer;
        result
    }

    /// The qualified name of a sub-network (`""` for the whole network).
    pub fn scope_name(&self, scope: ScopeId) -> &str {
        self.scopes
            .get(scope.index)
            .filter(|_| scope.net == self.id)
            .map_or("", |s| s.path.as_str())
    }

    /// Gives the sub-network being built its own seed (call inside
    /// [`subnetwork`](Self::subnetwork)).
    pub fn set_scope_seed(&mut self, seed: u64) {
        self.scopes[self.current].seed = Some(seed);
    }

    pub(crate) fn ensemble_entry(&self, id: EnsembleId) -> Result<&Entry<Ensemble>, BuildError> {
        (id.net == self.id)
            .then(|| self.ensembles.get(id.index))
            .flatten()
            .ok_or(BuildError::UnknownObject {
                kind: "ensemble",
                index: id.index,
            })
    }

    pub(crate) fn node_entry(&self, id: NodeId) -> Result<&Entry<Node>, BuildError> {
        (id.net == self.id)
            .then(|| self.nodes.get(id.index))
            .flatten()
            .ok_or(BuildError::UnknownObject {
                kind: "node",
                index: id.index,
            })
    }

    pub(crate) fn connection_entry(
        &self,
        id: crate::ids::ConnectionId,
    ) -> Result<&Entry<Connection>, BuildError> {
        (id.net == self.id)
            .then(|| self.connections.get(id.index))
            .flatten()
            .ok_or(BuildError::UnknownObject {
                kind: "connection",
                index: id.index,
            })
    }

    /// The description of an ensemble.
    pub fn get_ensemble(&self, id: EnsembleId) -> Result<&Ensemble, BuildError> {
        self.ensemble_entry(id).map(|e| &e.item)
    }

    /// The full (sub-network qualified) name of an ensemble.
    pub fn ensemble_name(&self, id: EnsembleId) -> Result<&str, BuildError> {
        self.ensemble_entry(id).map(|e| e.name.as_str())
    }

    /// Name and size of a connection end (before slicing), for output (`pre`) or input.
    pub(crate) fn object_size(
        &self,
        object: Object,
        pre: bool,
    ) -> Result<(String, usize), BuildError> {
        Ok(match object {
            Object::Ensemble(e) => {
                let e = self.ensemble_entry(e)?;
                (e.name.clone(), e.item.dimensions)
            }
            Object::Neurons(e) => {
                let e = self.ensemble_entry(e)?;
                if crate::direct::is_direct(e.item.neuron_type.as_ref()) {
                    return Err(crate::direct::no_neurons(&e.name));
                }
                (format!("{}.neurons", e.name), e.item.n_neurons)
            }
            Object::Node(n) => {
                let n = self.node_entry(n)?;
                let size = if pre { n.item.size_out } else { n.item.size_in };
                (n.name.clone(), size)
            }
            Object::LearningRule(r) => {
                let (name, size) = self.rule_input(r)?;
                if pre {
                    return Err(BuildError::InvalidParameter {
                        object: name,
                        param: "pre",
                        value: "a learning rule".into(),
                        reason: "a learning rule takes an error in; it gives no signal out".into(),
                    });
                }
                (name, size)
            }
        })
    }

    /// The name and input size of a learning rule of a connection.
    pub(crate) fn rule_input(
        &self,
        r: crate::ids::LearningRuleId,
    ) -> Result<(String, usize), BuildError> {
        let entry = self.connection_entry(r.conn)?;
        let conn = &entry.item;
        let Some(rule) = conn.learning_rules.get(r.index) else {
            return Err(BuildError::InvalidParameter {
                object: format!("connection `{}`", entry.name),
                param: "learning_rule",
                value: r.index.to_string(),
                reason: format!("it has {} learning rule(s)", conn.learning_rules.len()),
            });
        };
        let (_, post) = self.endpoint_size(&conn.post, false)?;
        let neurons_dims = match conn.post.object {
            Object::Neurons(e) => Some(self.ensemble_entry(e)?.item.dimensions),
            _ => None,
        };
        Ok((
            format!("{}.learning_rule", entry.name),
            rule.input_dims(post, neurons_dims),
        ))
    }

    /// Size of a (possibly sliced) endpoint, checking the slice.
    fn endpoint_size(&self, end: &Endpoint, pre: bool) -> Result<(String, usize), BuildError> {
        let (name, size) = self.object_size(end.object, pre)?;
        if let Some(selection) = &end.empty_selection {
            return Err(BuildError::EmptySlice {
                object: name,
                selection: selection.clone(),
            });
        }
        if let Some((index, size)) = end.out_of_selection {
            return Err(BuildError::SliceOutOfRange {
                object: name,
                index,
                size,
            });
        }
        // Whatever made it (the public `slice` field set by hand), an empty
        // selection connects nothing.
        if end.slice.as_ref().is_some_and(Vec::is_empty) {
            return Err(BuildError::EmptySlice {
                object: name,
                selection: "[]".into(),
            });
        }
        match &end.slice {
            None => Ok((name, size)),
            Some(s) => match s.iter().find(|&&i| i >= size) {
                Some(&index) => Err(BuildError::SliceOutOfRange {
                    object: name,
                    index,
                    size,
                }),
                None => Ok((name, s.len())),
            },
        }
    }

    /// Adds a connection after checking that its function, transform and
    /// slices fit the objects it joins, and that its synapse is valid.
    pub fn connect(&mut self, mut conn: Connection) -> Result<ConnectionId, BuildError> {
        let (pre_name, pre) = self.endpoint_size(&conn.pre, true)?;
        let (post_name, post) = self.endpoint_size(&conn.post, false)?;
        let label = conn
            .label
            .clone()
            .unwrap_or_else(|| format!("{pre_name} -> {post_name}"));
        let pre_ensemble = match conn.pre.object {
            Object::Ensemble(e) => Some(self.ensemble_entry(e)?.item.dimensions),
            _ => None,
        };
        let sizes = EndSizes {
            pre,
            post,
            pre_ensemble,
        };
        conn.validate(&label, sizes)?;
        conn.label = Some(label.clone());
        let e = self.entry(label, conn);
        self.connections.push(e);
        Ok(ConnectionId {
            net: self.id,
            index: self.connections.len() - 1,
        })
    }

    /// Adds a probe after checking that its target has the attribute.
    pub fn probe(&mut self, probe: Probe) -> Result<ProbeId, BuildError> {
        let name = match &probe.target {
            ProbeOf::Decoded(e) => self.ensemble_entry(*e)?.name.clone(),
            ProbeOf::Node(n) => self.node_entry(*n)?.name.clone(),
            ProbeOf::Neurons(e, attr) => {
                let entry = self.ensemble_entry(*e)?;
                if crate::direct::is_direct(entry.item.neuron_type.as_ref()) {
                    return Err(crate::direct::no_neurons(&entry.name));
                }
                probe_attribute(&entry.name, entry.item.neuron_type.as_ref(), attr)?;
                format!("{}.neurons.{attr}", entry.name)
            }
            ProbeOf::Weights(c) => {
                let entry = self.connection_entry(*c)?;
                if entry.item.learning_rules.is_empty() {
                    return Err(BuildError::InvalidParameter {
                        object: format!("probe of connection `{}`", entry.name),
                        param: "weights",
                        value: "weights".into(),
                        reason: "the connection has no learning rule: its weights do not change"
                            .into(),
                    });
                }
                format!("{}.weights", entry.name)
            }
            ProbeOf::LearningRule(r, attr) => {
                let entry = self.connection_entry(r.conn)?;
                let Some(rule) = entry.item.learning_rules.get(r.index) else {
                    return Err(BuildError::InvalidParameter {
                        object: format!("probe of connection `{}`", entry.name),
                        param: "learning_rule",
                        value: r.index.to_string(),
                        reason: format!(
                            "the connection has {} learning rule(s)",
                            entry.item.learning_rules.len()
                        ),
                    });
                };
                if !rule.probeable().contains(&attr.as_str()) {
                    return Err(BuildError::MissingAttribute {
                        object: format!("{}.learning_rule ({})", entry.name, rule.name()),
                        attr: attr.clone(),
                        available: rule.probeable().iter().map(|a| a.to_string()).collect(),
                    });
                }
                format!("{}.learning_rule.{attr}", entry.name)
            }
            ProbeOf::ScaledEncoders(e) => {
                let entry = self.ensemble_entry(*e)?;
                if crate::direct::is_direct(entry.item.neuron_type.as_ref()) {
                    return Err(crate::direct::no_neurons(&entry.name));
                }
                format!("{}.scaled_encoders", entry.name)
            }
        };
        let label = format!("probe({name})");
        probe.validate(&label)?;
        let e = self.entry(label, probe);
        self.probes.push(e);
        Ok(ProbeId {
            net: self.id,
            index: self.probes.len() - 1,
        })
    }
}
