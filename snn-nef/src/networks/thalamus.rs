//! Nengo's `Thalamus`: turns the basal ganglia's inhibition into a clean
//! one-hot selection.

use super::ensemble_array::{EnsembleArray, EnsembleArrayParts};
use super::{at_least_one, invalid, one_sided};
use crate::connection::Connection;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::node::Node;
use nalgebra::DMatrix;

/// `dimensions` one-dimensional ensembles (`n_neurons_per_ensemble`
/// neurons, encoders `+1`, intercepts in `[threshold, 1]`), each driven by
/// a constant bias of 1 and inhibiting the others with weight
/// `mutual_inhib` through the default synapse. Fed the basal ganglia's
/// output (0 for the winner, about -3 for the rest), the winner's ensemble
/// goes to about 1 and the others to 0.
#[derive(Debug, Clone)]
pub struct Thalamus {
    dimensions: usize,
    n_neurons_per_ensemble: usize,
    mutual_inhib: f64,
    threshold: f64,
}

/// What a [`Thalamus`] adds.
#[derive(Debug, Clone)]
pub struct ThalamusParts {
    /// The actions' inputs (the array's input).
    pub input: NodeId,
    /// About 1 for the selected action, 0 for the others.
    pub output: NodeId,
    /// The array of actions.
    pub actions: EnsembleArrayParts,
    /// The constant 1 driving every action.
    pub bias: NodeId,
}

impl Thalamus {
    /// A thalamus of `dimensions` actions with Nengo's defaults: 50
    /// neurons per ensemble, `mutual_inhib = 1`, `threshold = 0`.
    pub fn new(dimensions: usize) -> Self {
        Self {
            dimensions,
            n_neurons_per_ensemble: 50,
            mutual_inhib: 1.0,
            threshold: 0.0,
        }
    }

    /// Neurons in each ensemble (default 50).
    pub fn n_neurons_per_ensemble(mut self, n: usize) -> Self {
        self.n_neurons_per_ensemble = n;
        self
    }

    /// How strongly each action inhibits the others (default 1).
    pub fn mutual_inhib(mut self, w: f64) -> Self {
        self.mutual_inhib = w;
        self
    }

    /// The lowest intercept of the actions' neurons (default 0).
    pub fn threshold(mut self, threshold: f64) -> Self {
        self.threshold = threshold;
        self
    }
}

impl Subnet for Thalamus {
    type Parts = ThalamusParts;

    fn build(self, net: &mut Network) -> Result<ThalamusParts, BuildError> {
        let object = net.scope_name(net.current_scope()).to_string();
        at_least_one(&object, "dimensions", self.dimensions)?;
        at_least_one(
            &object,
            "n_neurons_per_ensemble",
            self.n_neurons_per_ensemble,
        )?;
        if !self.mutual_inhib.is_finite() {
            return Err(invalid(
                &object,
                "mutual_inhib",
                self.mutual_inhib,
                "must be finite",
            ));
        }
        let t = self.threshold;
        if !(t.is_finite() && t < 1.0) {
            return Err(invalid(
                &object,
                "threshold",
                t,
                "must be finite and below 1",
            ));
        }
        let d = self.dimensions;
        let actions = net.add(
            "actions",
            EnsembleArray::new(self.n_neurons_per_ensemble, d).ensembles(move |e| one_sided(e, t)),
        )?;
        let inhibit =
            (DMatrix::identity(d, d) - DMatrix::from_element(d, d, 1.0)) * self.mutual_inhib;
        net.connect(Connection::new(actions.output, actions.input).transform(inhibit))?;
        let bias = net.node("bias", Node::constant([1.0]))?;
        net.connect(
            Connection::new(bias, actions.input).transform(DMatrix::from_element(d, 1, 1.0)),
        )?;
        Ok(ThalamusParts {
            input: actions.input,
            output: actions.output,
            actions,
            bias,
        })
    }
}
