#![deny(missing_docs)]
//! `snn`: spiking neural networks built with the Neural Engineering Framework.
//!
//! Declare a model (ensembles of spiking neurons, nodes, connections
//! computing functions, probes) as a [`Network`], simulate it with
//! [`Simulator`], and read what the probes recorded:
//!
//! ```
//! use snn::prelude::*;
//!
//! # fn main() -> Result<(), snn::Error> {
//! let mut net = Network::with_seed(0);
//! let stim = net.node("stim", Node::time(|t| (2.0 * std::f64::consts::PI * t).sin()))?;
//! let a = net.ensemble("a", Ensemble::new(100, 1))?;
//! net.connect(Connection::new(stim, a))?;
//! let probe = net.probe(Probe::new(a).synapse(0.01))?;
//!
//! let mut sim = Simulator::new(&net)?;
//! sim.run(0.5)?;
//! let decoded = sim.data(probe)?;
//! assert_eq!(decoded.nrows(), 500);
//! # Ok(())
//! # }
//! ```
//!
//! The machine (`snn-core`: neurons, synapses, simulator) and the NEF
//! compiler (`snn-nef`: model graph, tuning, solvers, build) are re-exported
//! here as [`core`] and [`nef`].

pub use snn_core as core;
pub use snn_nef as nef;

pub use snn_core::simulator::Progress;
pub use snn_core::{CheckpointError, ProbeSink, SimError, Simulator};
/// Declares a network in a few lines, checked at compile time (see
/// [`snn_macros::network`] for the full syntax):
///
/// ```
/// use snn::prelude::*;
///
/// # fn main() -> Result<(), snn::Error> {
/// let net = network! {
///     seed = 0;
///     node stim = |t| (6.0 * t).sin();
///     ensemble a { neurons: 50 };
///     ensemble b { neurons: 50 };
///     stim -> a;
///     a -> b { function: |x| x[0].abs(), synapse: 0.01 };
///     probe out = b { synapse: 0.02 };
/// }?;
/// let mut sim = Simulator::new(&net)?;
/// sim.run(0.2)?;
/// assert_eq!(sim.data(net.out)?.shape(), (200, 1));
/// # Ok(())
/// # }
/// ```
pub use snn_macros::network;
pub use snn_nef::{BuildError, Network};

pub mod analysis;
pub mod io;
#[cfg(feature = "plot")]
pub mod plot;

/// The guide (`docs/guide.md`): from install to an integrator, the NEF's
/// three principles through this API, Nengo's names mapped to ours, and the
/// examples. Its complete programs run as doctests.
#[doc = include_str!("../docs/guide.md")]
pub mod guide {}
mod error;
mod probe_data;
pub use error::Error;
pub use probe_data::ProbeData;

/// Everything a model needs, in one import.
pub mod prelude {
    pub use crate::network;
    pub use crate::{Error, ProbeData};
    pub use snn_core::neurons::{
        AdaptiveLIF, AdaptiveLIFRate, ConductanceLIF, HodgkinHuxley, IafReset, Izhikevich, LIFRate,
        NeuronType, PoissonSpiking, RectifiedLinear, RegularSpiking, Sigmoid,
        SpikingRectifiedLinear, Tanh, IAF, LIF,
    };
    pub use snn_core::simulator::Progress;
    pub use snn_core::synapses::{
        Alpha, DoubleExp, LinearFilter, Lowpass, Synapse, Triangle, TripleExp,
    };
    pub use snn_core::{ProbeKey, SimError, Simulator};
    pub use snn_nef::dists::{
        Choice, Distribution, Exponential, Gaussian, ScatteredHypersphere, Uniform,
        UniformHypersphere,
    };
    pub use snn_nef::learning::{Hebbian, LearningRuleType, Oja, Voja, BCM, PES, RLS, STDP};
    pub use snn_nef::networks::{
        AssociativeMemory, BasalGanglia, CircularConvolution, EnsembleArray, InputGatedMemory,
        Integrator, Oscillator, Product, Thalamus,
    };
    pub use snn_nef::processes::{
        BrownNoise, FilteredNoise, Interpolation, Piece, Piecewise, PresentInput, Process,
        ProcessExt, WhiteNoise, WhiteSignal,
    };
    pub use snn_nef::solvers::{LstsqL2, LstsqL2nz, Nnls, NnlsL2nz, Solver};
    pub use snn_nef::spa::{self, SemanticPointer, Vocabulary};
    pub use snn_nef::{
        response_curves, tuning_curves, BuildError, BuildOptions, Connection, ConnectionId,
        DecoderCache, Direct, Ensemble, EnsembleId, LearningRuleId, Network, Node, NodeId, Probe,
        ProbeId, SimulatorExt, Slice, Subnet,
    };
}
