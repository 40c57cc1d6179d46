//! Synapses: linear filters applied to the signals a connection carries.
//!
//! Every synapse is a continuous-time linear filter H(s) = num(s) / den(s),
//! discretized once per simulator with a zero-order hold into a state-space
//! system that the simulator steps (see [`DiscreteFilter`]).

mod alpha;
mod discrete;
mod double_exp;
mod expm;
mod linear_filter;
mod lowpass;
mod triangle;
mod triple_exp;

pub use alpha::Alpha;
pub use discrete::{DiscreteFilter, FilterState};
pub use double_exp::DoubleExp;
pub use linear_filter::LinearFilter;
pub use lowpass::Lowpass;
pub use triangle::Triangle;
pub use triple_exp::TripleExp;

use crate::error::SynapseError;
use std::fmt::Debug;
use std::sync::Arc;

/// A synaptic filter, described in continuous time and discretized for a
/// given step `dt`.
pub trait Synapse: Debug + Send + Sync {
    /// The synapse kind as Nengo users know it (`"Lowpass"`).
    fn name(&self) -> &'static str;

    /// Checks the parameters and discretizes the filter for step `dt`.
    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError>;
}

/// What a builder accepts where a synapse is asked for: any [`Synapse`], a
/// bare number `tau` (read as `Lowpass(tau)`, as in Nengo), or `None` for no
/// filtering at all. (`None` is typed `Option<Lowpass>`; it is the only
/// optional form, so a bare `None` needs no annotation.)
pub trait IntoSynapse {
    /// The synapse, or `None` for an unfiltered (same-step) signal.
    fn into_synapse(self) -> Option<Arc<dyn Synapse>>;
}

impl<S: Synapse + 'static> IntoSynapse for S {
    fn into_synapse(self) -> Option<Arc<dyn Synapse>> {
        Some(Arc::new(self))
    }
}

impl IntoSynapse for f64 {
    fn into_synapse(self) -> Option<Arc<dyn Synapse>> {
        Some(Arc::new(Lowpass(self)))
    }
}

impl IntoSynapse for Option<Lowpass> {
    fn into_synapse(self) -> Option<Arc<dyn Synapse>> {
        self.map(|s| Arc::new(s) as Arc<dyn Synapse>)
    }
}

impl IntoSynapse for Arc<dyn Synapse> {
    fn into_synapse(self) -> Option<Arc<dyn Synapse>> {
        Some(self)
    }
}
