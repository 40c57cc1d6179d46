//! Reading what a probe recorded, one dimension at a time: what plots and
//! printed figures need, in one call instead of a matrix copy and a column
//! walk.

use crate::Error;
use snn_core::{ProbeKey, Simulator};

/// One dimension of a probe's data, by call on the simulator (in the
/// prelude):
///
/// ```
/// use snn::prelude::*;
///
/// # fn main() -> Result<(), snn::Error> {
/// let mut net = Network::with_seed(0);
/// let u = net.node("u", Node::constant([0.5, -0.5]))?;
/// let p = net.probe(Probe::new(u))?;
/// let mut sim = Simulator::new(&net)?;
/// sim.run(0.01)?;
/// assert_eq!(sim.data_dim(p, 1)?, vec![-0.5; 10]);
/// assert!(sim.data_dim(p, 2).is_err()); // the node has two dimensions
/// # Ok(())
/// # }
/// ```
pub trait ProbeData {
    /// The values of dimension `dim` of what `probe` recorded, one per
    /// sample, oldest first.
    ///
    /// # Errors
    /// [`Error::ProbeDimension`] when the probe has no dimension `dim`;
    /// the errors of [`Simulator::data`] (another simulator's probe, a
    /// streamed one).
    fn data_dim(&self, probe: impl Into<ProbeKey>, dim: usize) -> Result<Vec<f64>, Error>;
}

impl ProbeData for Simulator {
    fn data_dim(&self, probe: impl Into<ProbeKey>, dim: usize) -> Result<Vec<f64>, Error> {
        let data = self.data(probe)?;
        if dim >= data.ncols() {
            return Err(Error::ProbeDimension {
                dim,
                dims: data.ncols(),
            });
        }
        Ok(data.column(dim).iter().copied().collect())
    }
}
