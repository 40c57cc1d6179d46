//! What a build keeps: the compiled network and, per object, what the
//! NEF computed for it (Nengo's `sim.data[obj]`).

use super::BuiltEnsemble;
use nalgebra::DMatrix;
use snn_core::CompiledNetwork;

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
