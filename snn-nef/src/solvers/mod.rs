//! Decoder solvers: find decoders `X` with `A X ≈ Y`, where `A` (m × n) holds
//! the n neurons' activities at m evaluation points and `Y` (m × d) the
//! target values there.

mod conjugate_gradient;
mod dense;
mod lawson_hanson;
mod lstsq_l2;
mod lstsq_l2nz;
mod nnls;
mod nnls_l2nz;
mod nystrom;
mod preconditioner;
mod system;

pub use lstsq_l2::LstsqL2;
pub use lstsq_l2nz::LstsqL2nz;
pub use nnls::Nnls;
pub use nnls_l2nz::NnlsL2nz;

use crate::error::SolverError;
use nalgebra::DMatrix;
use std::fmt::Debug;

/// The result of one decoder solve.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Decoders, n_neurons × d.
    pub decoders: DMatrix<f64>,
    /// Root-mean-square error of `A X - Y` on the evaluation points, one per
    /// target dimension.
    pub rmses: Vec<f64>,
}

impl Solution {
    /// The RMSE over all target dimensions together.
    pub fn rmse(&self) -> f64 {
        if self.rmses.is_empty() {
            return 0.0;
        }
        (self.rmses.iter().map(|r| r * r).sum::<f64>() / self.rmses.len() as f64).sqrt()
    }
}

/// A decoder solver.
pub trait Solver: Debug + Send + Sync {
    /// The solver's name as Nengo users know it (`"LstsqL2"`).
    fn name(&self) -> &'static str;

    /// Solves `A X ≈ Y` for `X` (n × d), with `A` m × n and `Y` m × d.
    fn solve(
        &self,
        activities: &DMatrix<f64>,
        targets: &DMatrix<f64>,
    ) -> Result<Solution, SolverError>;

    /// A key naming this solver and every parameter its decoders depend
    /// on, for solvers whose decoders for each target column depend only
    /// on `A` and that column (not on the other columns); `None` (the
    /// default) otherwise.
    ///
    /// The build stacks the targets of every connection and probe out of
    /// one ensemble (at its own evaluation points) whose solvers have equal
    /// keys into one call of [`Solver::solve`]: one factorization of `A`
    /// then serves them all, and duplicate target columns are solved once.
    fn shared_solve_key(&self) -> Option<String> {
        None
    }

    /// A key naming this solver and every parameter its decoders depend
    /// on, for the on-disk [`DecoderCache`](crate::DecoderCache): decoders
    /// solved with an equal key from the same activities and targets are
    /// read back instead of solved again. `None` never caches. The default
    /// is [`shared_solve_key`](Self::shared_solve_key), which names the same
    /// things.
    fn cache_key(&self) -> Option<String> {
        self.shared_solve_key()
    }

    /// Checks the solver's own parameters, so a connection or probe with a
    /// bad one is refused when it is added rather than at the build. The
    /// default accepts: a solver without parameters has nothing to check.
    /// [`solve`](Self::solve) must still check them (it can be called
    /// directly).
    fn check_parameters(&self) -> Result<(), SolverError> {
        Ok(())
    }

    /// True when the connection should be built as a full neuron-to-neuron
    /// weight matrix (decoders times the post ensemble's encoders) instead of
    /// being kept factored.
    fn weights(&self) -> bool;
}
