//! What a build keeps: the compiled network and, per object, what the
//! NEF computed for it (Nengo's `sim.data[obj]`).

use super::BuiltEnsemble;
use crate::error::BuildError;
use crate::ids::{ConnectionId, EnsembleId, ProbeId};
use nalgebra::DMatrix;
use snn_core::network::Origin;
use snn_core::{CompiledNetwork, Model};
use std::sync::Arc;

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
///
/// Every part is shared (`Arc`), so a clone costs a few reference counts:
/// a simulator keeps one (see [`SimulatorExt::built`](crate::SimulatorExt::built))
/// without copying encoders, evaluation points or decoders.
#[derive(Debug, Clone)]
pub struct BuiltModel {
    /// What the simulator steps.
    pub network: Arc<CompiledNetwork>,
    /// The seed the whole build followed.
    pub seed: u64,
    /// Per ensemble: encoders, gains, biases, evaluation points.
    pub ensembles: Arc<[BuiltEnsemble]>,
    /// Per connection: decoders and solver error.
    pub connections: Arc<[BuiltConnection]>,
    /// Per probe: decoders and solver error of decoded-value probes.
    pub probes: Arc<[BuiltConnection]>,
}

impl BuiltModel {
    /// What was built for ensemble `id` (encoders, gains, biases, scaled
    /// evaluation points), as Nengo's `sim.data[ens]`. A handle of another
    /// network (a clone included) is refused: its index would name a
    /// different ensemble here.
    pub fn ensemble(&self, id: EnsembleId) -> Result<&BuiltEnsemble, BuildError> {
        self.owned(id.net, "ensemble", id.index, &self.ensembles)
    }

    /// What the decoder solve of connection `id` gave (decoders, RMSEs).
    pub fn connection(&self, id: ConnectionId) -> Result<&BuiltConnection, BuildError> {
        self.owned(id.net, "connection", id.index, &self.connections)
    }

    /// What the decoder solve of probe `id` gave (decoded-value probes).
    pub fn probe(&self, id: ProbeId) -> Result<&BuiltConnection, BuildError> {
        self.owned(id.net, "probe", id.index, &self.probes)
    }

    fn owned<'a, T>(
        &self,
        net: u64,
        kind: &'static str,
        index: usize,
        items: &'a [T],
    ) -> Result<&'a T, BuildError> {
        (net == self.network.owner)
            .then(|| items.get(index))
            .flatten()
            .ok_or(BuildError::UnknownObject { kind, index })
    }
}

/// Simulating a built model runs exactly the neurons it holds: no rebuild,
/// so an unseeded network's build is not redrawn. A different `dt` than the
/// build's is refused, because decoders and synapse mappings depend on it.
/// The simulator keeps this model (shared, not copied) for
/// [`SimulatorExt::built`](crate::SimulatorExt::built).
impl Model for BuiltModel {
    type Error = BuildError;

    fn compile(&self, dt: f64) -> Result<CompiledNetwork, BuildError> {
        self.check_dt(dt)?;
        Ok(CompiledNetwork::clone(&self.network))
    }

    fn compile_kept(&self, dt: f64) -> Result<(Arc<CompiledNetwork>, Option<Origin>), BuildError> {
        self.check_dt(dt)?;
        Ok((Arc::clone(&self.network), Some(Arc::new(self.clone()))))
    }

    fn built_dt(&self) -> Option<f64> {
        Some(self.network.dt)
    }
}

impl BuiltModel {
    /// The network for a simulator to share, and this model for it to
    /// keep (what a freshly built model's `compile_kept` returns): the
    /// simulator and the model hold one network, not two.
    pub(crate) fn into_kept(self) -> (Arc<CompiledNetwork>, Option<Origin>) {
        (Arc::clone(&self.network), Some(Arc::new(self)))
    }

    /// Refuses a step other than the build's (compared by bits: the
    /// decoders and synapse mappings were made for exactly that one).
    fn check_dt(&self, dt: f64) -> Result<(), BuildError> {
        if dt.to_bits() != self.network.dt.to_bits() {
            return Err(BuildError::BuiltForOtherDt {
                built: self.network.dt,
                asked: dt,
            });
        }
        Ok(())
    }
}
