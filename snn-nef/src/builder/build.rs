//! The build's orchestration: seeds, then ensembles, then connections and
//! probes (see the module docs of `builder`).

use super::{connection, decoders, ensemble, layout, learning, probe, progress};
use super::{BuildOptions, BuiltEnsemble, BuiltModel};
use crate::error::BuildError;
use crate::ids::EnsembleId;
use crate::network::Network;
use crate::processes::build_process;
use crate::rng::derive_seed;
use rayon::prelude::*;
use snn_core::network::{NodeKind, NodeSpec, Origin, Population};
use snn_core::{CompiledNetwork, Model};
use std::sync::Arc;

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

    /// Builds the model as `options` say (step, progress, decoder cache,
    /// threads): `net.build(BuildOptions::default())?`.
    ///
    /// # Errors
    /// A `dt` the simulator cannot step and zero threads are refused before
    /// any NEF work ([`BuildOptions`]); then the first error of the build in
    /// declaration order.
    pub fn build(&self, options: BuildOptions) -> Result<BuiltModel, BuildError> {
        options.validate()?;
        options.run(|| self.build_as(&options))
    }

    /// The build itself, on the current thread pool.
    fn build_as(&self, options: &BuildOptions) -> Result<BuiltModel, BuildError> {
        let dt = options.dt;
        let top = self.top_seed();
        let seeds = self.scope_seeds(top);
        let mut net = CompiledNetwork::new(dt);
        net.owner = self.id;
        let mut tracker = progress::BuildProgress::start(self, options.progress);

        // One task per ensemble: rayon's adaptive splitting would hand a
        // run of large ensembles declared together (a semantic pointer
        // state's sub-ensembles) to one thread.
        let ensembles = self
            .ensembles
            .par_iter()
            .with_max_len(1)
            .map(|e| ensemble::build_ensemble(e, seeds[e.scope]))
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let layout = layout::Layout::new(self);
        let mut direct_nodes = Vec::new();
        for (entry, built) in self.ensembles.iter().zip(&ensembles) {
            tracker.next("ensemble", &entry.name);
            let noise = match &entry.item.noise {
                Some(p) => Some(build_process(
                    p.as_ref(),
                    (entry.item.n_neurons, dt, top),
                    &entry.name,
                    "noise",
                    format!("ensemble `{}` (its noise)", entry.name),
                )?),
                None => None,
            };
            if crate::direct::is_direct(entry.item.neuron_type.as_ref()) {
                if noise.is_some() {
                    return Err(BuildError::InvalidParameter {
                        object: format!("ensemble `{}`", entry.name),
                        param: "noise",
                        value: format!("{:?}", entry.item.noise),
                        reason: "a Direct ensemble has no neurons to add noise to".into(),
                    });
                }
                // Direct mode: the value is the summed, filtered input.
                direct_nodes.push(NodeSpec {
                    label: entry.name.clone(),
                    size_in: entry.item.dimensions,
                    size_out: entry.item.dimensions,
                    kind: NodeKind::Passthrough,
                });
                continue;
            }
            net.populations.push(Population {
                noise,
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
            let kind = match &entry.item.process {
                Some(p) => NodeKind::Process(build_process(
                    p.as_ref(),
                    (entry.item.size_out, dt, top),
                    &entry.name,
                    "output",
                    format!("node `{}`", entry.name),
                )?),
                None => entry.item.kind.clone(),
            };
            net.nodes.push(NodeSpec {
                label: entry.name.clone(),
                size_in: entry.item.size_in,
                size_out: entry.item.size_out,
                kind,
            });
        }
        net.nodes.extend(direct_nodes);

        // Prepare in declaration order, up to the first error.
        let mut pending_connections = Vec::with_capacity(self.connections.len());
        let mut pending_probes = Vec::with_capacity(self.probes.len());
        let mut first_error = None;
        // Learning rules are numbered over all connections, in order.
        let rule_offsets: Vec<usize> = self
            .connections
            .iter()
            .scan(0, |next, c| {
                let first = *next;
                *next += c.item.learning_rules.len();
                Some(first)
            })
            .collect();
        // Prepared in parallel (each evaluates its function on its
        // ensemble's points), kept in order up to the first error.
        let prepared: Vec<_> = self
            .connections
            .par_iter()
            .with_max_len(1)
            .map(|entry| {
                connection::prepare_connection(
                    self,
                    entry,
                    &ensembles,
                    &layout,
                    seeds[entry.scope],
                    (dt, &rule_offsets),
                )
            })
            .collect();
        for result in prepared {
            match result {
                Ok(p) => pending_connections.push(p),
                Err(e) => {
                    first_error = Some(e);
                    break;
                }
            }
        }
        if first_error.is_none() {
            for entry in &self.probes {
                match probe::prepare_probe(self, entry, &ensembles, &layout, (dt, &rule_offsets)) {
                    Ok(p) => pending_probes.push(p),
                    Err(e) => {
                        first_error = Some(e);
                        break;
                    }
                }
            }
        }

        // Every decoder solve at once; a solve error of an earlier object
        // comes before a preparation error of a later one.
        let jobs: Vec<&decoders::DecodeJob<'_>> = pending_connections
            .iter()
            .filter_map(|p| p.job.as_ref())
            .chain(pending_probes.iter().filter_map(|p| p.job.as_ref()))
            .collect();
        let mut solved =
            decoders::solve_all(&jobs, &ensembles, options.decoder_cache.as_ref()).into_iter();

        let mut connections = Vec::with_capacity(self.connections.len());
        for pending in pending_connections {
            tracker.next("connection", &pending.label);
            let decoded = match pending.job {
                Some(_) => solved.next().transpose()?,
                None => None,
            };
            let conn = pending.conn;
            let (mut link, report) = connection::finish_connection(pending, &ensembles, decoded);
            let rules = learning::build_rules(conn, &mut link, net.links.len(), &net, &ensembles)?;
            net.rules.extend(rules);
            net.links.push(link);
            connections.push(report);
        }
        let mut probes = Vec::with_capacity(self.probes.len());
        for pending in pending_probes {
            tracker.next("probe", &pending.label);
            let decoded = match pending.job {
                Some(_) => solved.next().transpose()?,
                None => None,
            };
            let (spec, report) = probe::finish_probe(pending, decoded);
            net.probes.push(spec);
            probes.push(report);
        }
        if let Some(e) = first_error {
            return Err(e);
        }
        net.validate()?;
        tracker.finish();
        Ok(BuiltModel {
            network: Arc::new(net),
            seed: top,
            ensembles: ensembles.into(),
            connections: connections.into(),
            probes: probes.into(),
        })
    }
}

/// `Simulator::with_dt(&network, dt)` builds with the default options but
/// `dt` (`Simulator::new`: [`snn_core::DEFAULT_DT`]) and keeps
/// the [`BuiltModel`] for [`SimulatorExt::built`](crate::SimulatorExt::built).
impl Model for Network {
    type Error = BuildError;

    fn compile(&self, dt: f64) -> Result<CompiledNetwork, BuildError> {
        Ok(Arc::unwrap_or_clone(
            self.build(BuildOptions::default().dt(dt))?.network,
        ))
    }

    fn compile_kept(&self, dt: f64) -> Result<(Arc<CompiledNetwork>, Option<Origin>), BuildError> {
        Ok(self.build(BuildOptions::default().dt(dt))?.into_kept())
    }
}
