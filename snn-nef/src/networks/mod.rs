//! The network library: Nengo's networks, each declared by its parameters
//! (a [`Subnet`](crate::Subnet)) and added with
//! [`Network::add`](crate::Network::add), which returns its parts.
//!
//! ```
//! use snn_nef::networks::EnsembleArray;
//! use snn_nef::{Connection, Network, Node};
//!
//! # fn main() -> Result<(), snn_nef::BuildError> {
//! let mut net = Network::with_seed(0);
//! let u = net.node("u", Node::constant([0.5, -0.5, 0.25]))?;
//! let ea = net.add("ea", EnsembleArray::new(50, 3))?;
//! net.connect(Connection::new(u, ea.input))?;
//! assert_eq!(ea.ensembles.len(), 3);
//! # Ok(())
//! # }
//! ```

mod associative_memory;
mod basal_ganglia;
mod circular_convolution;
mod ensemble_array;
mod input_gated_memory;
mod integrator;
mod oscillator;
mod product;
mod thalamus;

pub use associative_memory::{AssociativeMemory, AssociativeMemoryParts};
pub use basal_ganglia::{weights, BasalGanglia, BasalGangliaParts};
pub use circular_convolution::{
    circconv, fourier_in, fourier_out, transform_in, transform_out, Align, CircularConvolution,
    CircularConvolutionParts,
};
pub use ensemble_array::{EnsembleArray, EnsembleArrayParts};
pub use input_gated_memory::{InputGatedMemory, InputGatedMemoryParts};
pub use integrator::{Integrator, IntegratorParts};
pub use oscillator::{Oscillator, OscillatorParts};
pub use product::{dot_product_transform, Product, ProductParts};
pub use thalamus::{Thalamus, ThalamusParts};

use crate::ensemble::Ensemble;
use crate::error::BuildError;
use std::fmt;
use std::sync::Arc;

/// A change applied to every ensemble a network makes (Nengo's
/// `config[Ensemble]`: a neuron type, max rates, …), before the network's
/// own settings (a [`Product`]'s radius) are applied on top.
#[derive(Clone)]
pub(crate) struct Template(Arc<dyn Fn(Ensemble) -> Ensemble + Send + Sync>);

impl Template {
    /// Leaves ensembles as they are.
    pub(crate) fn identity() -> Self {
        Self(Arc::new(|e| e))
    }

    /// This change, then `next`.
    pub(crate) fn then(&self, next: impl Fn(Ensemble) -> Ensemble + Send + Sync + 'static) -> Self {
        let first = Arc::clone(&self.0);
        Self(Arc::new(move |e| next(first(e))))
    }

    /// Applies it.
    pub(crate) fn apply(&self, e: Ensemble) -> Ensemble {
        (self.0)(e)
    }
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Template(..)")
    }
}

/// The error of a network parameter out of its range.
pub(crate) use crate::error::invalid_parameter as invalid;

/// Refuses a count of zero (`n_neurons`, `dimensions`, …) of `object`.
pub(crate) fn at_least_one(
    object: &str,
    param: &'static str,
    value: usize,
) -> Result<(), BuildError> {
    if value == 0 {
        return Err(invalid(object, param, value, "must be at least 1"));
    }
    Ok(())
}

/// The checks of a network of two `dimensions`-vector inputs (`Product`,
/// `CircularConvolution`): at least one neuron and one dimension, and a
/// finite, positive `input_magnitude`, each error naming the sub-network.
pub(crate) fn check_binary(
    net: &crate::network::Network,
    n_neurons: usize,
    dimensions: usize,
    input_magnitude: f64,
) -> Result<(), BuildError> {
    let object = net.scope_name(net.current_scope()).to_string();
    at_least_one(&object, "n_neurons", n_neurons)?;
    at_least_one(&object, "dimensions", dimensions)?;
    if !(input_magnitude.is_finite() && input_magnitude > 0.0) {
        return Err(invalid(
            &object,
            "input_magnitude",
            input_magnitude,
            "must be finite and positive",
        ));
    }
    Ok(())
}

/// `e` with every neuron responding to positive values only, from
/// `threshold` up: encoders all `+1` and intercepts `U(threshold, 1)` (the
/// basal ganglia's nuclei, the thalamus' actions, an associative memory's
/// thresholded outputs).
pub(crate) fn one_sided(e: Ensemble, threshold: f64) -> Ensemble {
    e.encoders(crate::dists::Choice::new(nalgebra::DMatrix::from_element(
        1, 1, 1.0,
    )))
    .intercepts(crate::dists::Uniform::new(threshold, 1.0))
}
