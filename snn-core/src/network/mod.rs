//! The compiled network: what the simulator steps.
//!
//! Populations of neurons with flat state, nodes that run closures, linear
//! links between them and probes. A link from a population is kept factored
//! (a decoding projection out of the population, a filter, and the target
//! population's encoding projection in), never expanded to neuron-to-neuron
//! weights unless it was built that way on purpose.

mod fourier;
mod link;
mod node;
mod population;
mod probe;

pub use fourier::{Fourier, FourierMap, Part};
pub use link::{Link, LinkFn, Source, Target, Transform};
pub use node::{NodeFn, NodeKind, NodeOutput, NodeSpec};
pub use population::Population;
pub use probe::{ProbeSpec, ProbeTarget, RuleSignal};

use crate::error::SimError;
use crate::learning::{Modifies, RuleSpec};

/// The f32 resolution of a step: `dt` must be greater than `2^-24` s
/// (about 59.6 ns), the largest step that, added to `1.0f32`, rounds back
/// to `1.0f32` (it is half an ulp of 1 and ties round to even).
///
/// Neuron state is f32, and the quantities it holds are of order 1 in its
/// units (normalized voltages, refractory countdowns and adaptation in
/// seconds). A step changes such a quantity by about `rate × dt`, and a
/// change of at most half an ulp rounds away. So with `dt <= 2^-24` s,
/// anything moving at the slowest rates a model has (time constants near
/// 1 s, or a countdown measured in seconds) stands still, and at
/// `dt = 1e-46` (0 as an f32) every neuron froze. Refusing such a `dt` up
/// front is cheap and exact; testing whether updates vanish would cost a
/// check per neuron per step.
pub const DT_RESOLUTION: f64 = 1.0 / 16_777_216.0;

/// `Err` unless `dt` is finite and greater than [`DT_RESOLUTION`].
pub fn check_dt(dt: f64) -> Result<(), SimError> {
    if !(dt.is_finite() && dt > 0.0) {
        return Err(SimError::InvalidDt(dt));
    }
    if dt <= DT_RESOLUTION {
        return Err(SimError::DtBelowResolution {
            dt,
            resolution: DT_RESOLUTION,
        });
    }
    Ok(())
}

/// A network ready to simulate: flat populations, nodes, links and probes.
#[derive(Debug, Clone)]
pub struct CompiledNetwork {
    /// Simulation time step (s).
    pub dt: f64,
    /// Id of the model this was built from; probe keys must carry the same
    /// id (0 for networks built by hand).
    pub owner: u64,
    /// Neuron populations.
    pub populations: Vec<Population>,
    /// Nodes (inputs and user functions).
    pub nodes: Vec<NodeSpec>,
    /// Links between nodes and populations.
    pub links: Vec<Link>,
    /// What to record.
    pub probes: Vec<ProbeSpec>,
    /// Learning rules, each changing one link's matrix (or the encoders of
    /// the population it ends at) every step.
    pub rules: Vec<RuleSpec>,
}

/// Anything that can be built into a [`CompiledNetwork`] for a given `dt`:
/// the NEF model of `snn-nef`, or a compiled network itself.
pub trait Model {
    /// What can go wrong while building.
    type Error: From<SimError>;

    /// Builds the model into a compiled network stepped at `dt`.
    fn compile(&self, dt: f64) -> Result<CompiledNetwork, Self::Error>;

    /// Builds the model and returns, beside the network (shared, so a
    /// model that keeps its network need not copy it), what the build
    /// knows of it that the simulator should keep and give back from
    /// [`Simulator::origin`](crate::Simulator::origin) (for a NEF model, its
    /// built ensembles and decoders). The simulator itself never reads it.
    /// By default the network is [`compile`](Self::compile)d and nothing
    /// is kept.
    fn compile_kept(
        &self,
        dt: f64,
    ) -> Result<(std::sync::Arc<CompiledNetwork>, Option<Origin>), Self::Error> {
        Ok((std::sync::Arc::new(self.compile(dt)?), None))
    }

    /// The step the model was already built for, if it was (a built model,
    /// a compiled network): [`Simulator::new`](crate::Simulator::new) uses
    /// it instead of [`DEFAULT_DT`](crate::DEFAULT_DT). `None` by default.
    fn built_dt(&self) -> Option<f64> {
        None
    }
}

/// What a [`Model`] keeps of its build inside a simulator, for the model's
/// own crate to read back (snn-core knows nothing of NEF, so it holds it
/// untyped).
pub type Origin = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl Model for CompiledNetwork {
    type Error = SimError;

    fn compile(&self, dt: f64) -> Result<CompiledNetwork, SimError> {
        let mut net = self.clone();
        net.dt = dt;
        Ok(net)
    }

    fn built_dt(&self) -> Option<f64> {
        Some(self.dt)
    }
}

impl CompiledNetwork {
    /// An empty network stepped at `dt`.
    pub fn new(dt: f64) -> Self {
        Self {
            dt,
            owner: 0,
            populations: Vec::new(),
            nodes: Vec::new(),
            links: Vec::new(),
            probes: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// Size of the signal a source produces (before any slice).
    pub fn source_dims(&self, source: &Source) -> Result<usize, SimError> {
        match source {
            Source::Node(i) => self.node(*i).map(|n| n.size_out),
            Source::Decoded { pop, dims, .. } => self.population(*pop).map(|_| *dims),
            Source::Neurons(p) => self.population(*p).map(|p| p.n),
        }
    }

    /// Size of the vector a target takes.
    pub fn target_dims(&self, target: &Target) -> Result<usize, SimError> {
        match target {
            Target::Node(i) => self.node(*i).map(|n| n.size_in),
            Target::Population(p) => self.population(*p).map(|p| p.dims),
            Target::Neurons(p) => self.population(*p).map(|p| p.n),
            Target::Rule(r) => self
                .rules
                .get(*r)
                .map(|r| r.rule.input_dims())
                .ok_or_else(|| {
                    SimError::InvalidNetwork(format!("learning rule #{r} does not exist"))
                }),
        }
    }

    /// The rule that changes link `l`'s own matrix, if any (an encoder rule
    /// on it changes its post population's encoders instead).
    pub fn link_rule(&self, l: usize) -> Option<&RuleSpec> {
        self.rules
            .iter()
            .find(|r| r.link == l && r.modifies == Modifies::Link)
    }

    /// True when an encoder rule changes population `p`'s encoders.
    pub fn learns_encoders(&self, p: usize) -> bool {
        self.rules.iter().any(|r| {
            r.modifies == Modifies::Encoders && self.links[r.link].target == Target::Population(p)
        })
    }

    pub(crate) fn node(&self, i: usize) -> Result<&NodeSpec, SimError> {
        self.nodes
            .get(i)
            .ok_or_else(|| SimError::InvalidNetwork(format!("node #{i} does not exist")))
    }

    pub(crate) fn population(&self, i: usize) -> Result<&Population, SimError> {
        self.populations
            .get(i)
            .ok_or_else(|| SimError::InvalidNetwork(format!("population #{i} does not exist")))
    }

    /// Checks every shape and index once, so stepping never has to.
    pub fn validate(&self) -> Result<(), SimError> {
        check_dt(self.dt)?;
        for pop in &self.populations {
            pop.validate(self.dt)?;
        }
        for node in &self.nodes {
            node.validate()?;
        }
        for link in &self.links {
            link.validate(self)?;
        }
        for rule in &self.rules {
            rule.validate(self)?;
        }
        for probe in &self.probes {
            probe.validate(self)?;
        }
        Ok(())
    }
}
