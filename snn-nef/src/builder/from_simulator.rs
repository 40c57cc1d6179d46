//! Reading back, from a simulator, the NEF build it runs.

use super::BuiltModel;
use snn_core::Simulator;
use std::any::Any;

/// What a [`Simulator`] built from a NEF model knows of that model
/// (Nengo's `sim.data`): `snn-core` keeps the build untyped
/// ([`Simulator::origin`]), this trait gives it back typed.
///
/// ```
/// use snn_core::Simulator;
/// use snn_nef::{Ensemble, Network, SimulatorExt};
///
/// # fn main() -> Result<(), snn_nef::BuildError> {
/// let mut net = Network::with_seed(3);
/// let a = net.ensemble("a", Ensemble::new(20, 1))?;
/// let sim = Simulator::new(&net)?;
/// let built = sim.built().expect("built from a Network");
/// assert_eq!(built.ensemble(a)?.gain.len(), 20);
/// # Ok(())
/// # }
/// ```
pub trait SimulatorExt {
    /// The built model this simulator runs: its encoders, gains, biases
    /// and decoders are exactly the simulated ones. `None` for a simulator
    /// of anything else (a hand-built `CompiledNetwork`).
    fn built(&self) -> Option<&BuiltModel>;
}

impl SimulatorExt for Simulator {
    fn built(&self) -> Option<&BuiltModel> {
        let origin: &(dyn Any + Send + Sync) = &**self.origin()?;
        origin.downcast_ref::<BuiltModel>()
    }
}
