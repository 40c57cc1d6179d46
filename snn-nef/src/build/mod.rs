//! The build: from the model graph to `snn-core`'s compiled network.
//!
//! One function per object type (ensemble, node, connection, probe), run in
//! declaration order. Ensembles come first: their encoders, gains, biases
//! and evaluation points are what connections and probes solve decoders
//! against.

mod activities;
mod connection;
mod ensemble;
mod probe;
mod progress;

pub(crate) use ensemble::check_ensemble;
pub use ensemble::BuiltEnsemble;
pub(crate) use probe::probe_attribute;
pub use progress::WithProgress;

use crate::error::BuildError;
use crate::ids::EnsembleId;
use crate::network::Network;
use crate::rng::derive_seed;
use nalgebra::DMatrix;
use snn_core::network::{NodeSpec, Population};
use snn_core::simulator::Progress;
use snn_core::{CompiledNetwork, Model};

/// What the decoder solve of one connection (or decoded probe) gave.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltConnection {
    /// The connection's label.
    pub label: String,
    /// Decoders before the transform, `n_neurons × mid dims` (connections
    /// from ensembles only).
    pub decoders: Option<DMatrix<f64>>,
    /// The solver's RMSE per target dimension on the evaluation points.
    pub solver_rmses: Vec<f64>,
}

impl BuiltConnection {
    /// The solver's RMSE over all target dimensions (`None` when nothing was solved).
    pub fn solver_rmse(&self) -> Option<f64> {
        (!self.solver_rmses.is_empty()).then(|| {
            let n = self.solver_rmses.len() as f64;
            (self.solver_rmses.iter().map(|r| r * r).sum::<f64>() / n).sqrt()
        })
    }
}

/// A built model: the compiled network plus what the build computed (for
/// inspection, analysis and tests).
#[derive(Debug, Clone)]
pub struct BuiltModel {
    /// What the simulator steps.
    pub network: CompiledNetwork,
    /// The seed the whole build followed.
    pub seed: u64,
    /// Per ensemble: encoders, gains, biases, evaluation points.
    pub ensembles: Vec<BuiltEnsemble>,
    /// Per connection: decoders and solver error.
    pub connections: Vec<BuiltConnection>,
    /// Per probe: decoders and solver error of decoded-value probes.
    pub probes: Vec<BuiltConnection>,
}

impl Network {
    /// Seeds of every sub-network scope, given the top seed.
    fn scope_seeds(&self, top: u64) -> Vec<u64> {
        let mut seeds = Vec::with_capacity(self.scopes.len());
        for scope in &self.scopes {
            let seed = match (scope.seed, scope.parent) {
                (Some(s), _) => s,
                (None, Some(p)) => derive_seed(seeds[p], scope.ordinal),
                (None, None) => top,
            };
            seeds.push(seed);
        }
        seeds
    }

    fn top_seed(&self) -> u64 {
        self.seed().unwrap_or_else(rand::random)
    }

    /// Builds one ensemble as the full build would (same seed), for
    /// analysis such as tuning curves. An unseeded network draws a fresh
    /// seed, so the result then differs from build to build.
    pub fn build_ensemble(&self, id: EnsembleId) -> Result<BuiltEnsemble, BuildError> {
        let entry = self.ensemble_entry(id)?;
        let seeds = self.scope_seeds(self.top_seed());
        ensemble::build_ensemble(entry, seeds[entry.scope])
    }

    /// Builds the model for step `dt`, with [`Progress::Auto`] reporting.
    pub fn build(&self, dt: f64) -> Result<BuiltModel, BuildError> {
        self.build_with_progress(dt, Progress::Auto)
    }

    /// Builds the model for step `dt`, reporting one item per ensemble,
    /// connection and probe on stderr as `progress` asks.
    pub fn build_with_progress(
        &self,
        dt: f64,
        progress: Progress,
    ) -> Result<BuiltModel, BuildError> {
        if !(dt.is_finite() && dt > 0.0) {
            return Err(snn_core::SimError::InvalidDt(dt).into());
        }
        let top = self.top_seed();
        let seeds = self.scope_seeds(top);
        let mut net = CompiledNetwork::new(dt);
        net.owner = self.id;
        let mut tracker = progress::BuildProgress::start(self, progress);

        let ensembles = self
            .ensembles
            .iter()
            .map(|e| {
                tracker.next("ensemble", &e.name);
                ensemble::build_ensemble(e, seeds[e.scope])
            })
            .collect::<Result<Vec<_>, _>>()?;
        for (entry, built) in self.ensembles.iter().zip(&ensembles) {
            net.populations.push(Population {
                label: entry.name.clone(),
                neuron_type: entry.item.neuron_type.clone(),
                n: entry.item.n_neurons,
                dims: entry.item.dimensions,
                encoders: built.scaled_encoders_f32(),
                bias: built.bias.iter().map(|&b| b as f32).collect(),
                initial_state: built.initial_state.clone(),
            });
        }
        for entry in &self.nodes {
            net.nodes.push(NodeSpec {
                label: entry.name.clone(),
                size_in: entry.item.size_in,
                size_out: entry.item.size_out,
                kind: entry.item.kind.clone(),
            });
        }
        let mut cache = activities::ActivityCache::new(ensembles.len());
        let mut connections = Vec::with_capacity(self.connections.len());
        for entry in &self.connections {
            tracker.next("connection", &entry.name);
            let (link, report) = connection::build_connection(
                self,
                entry,
                &ensembles,
                &mut cache,
                seeds[entry.scope],
                dt,
            )?;
            net.links.push(link);
            connections.push(report);
        }
        let mut probes = Vec::with_capacity(self.probes.len());
        for entry in &self.probes {
            tracker.next("probe", &entry.name);
            let (spec, report) = probe::build_probe(self, entry, &ensembles, &mut cache, dt)?;
            net.probes.push(spec);
            probes.push(report);
        }
        net.validate()?;
        tracker.finish();
        Ok(BuiltModel {
            network: net,
            seed: top,
            ensembles,
            connections,
            probes,
        })
    }
}

impl Model for Network {
    type Error = BuildError;

    fn compile(&self, dt: f64) -> Result<CompiledNetwork, BuildError> {
        Ok(self.build(dt)?.network)
    }
}
