//! Nengo's `Product`: the element-wise product of two vectors, by the
//! difference of two squares.

use super::ensemble_array::{EnsembleArray, EnsembleArrayParts};
use super::{check_binary, Template};
use crate::connection::Connection;
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::node::Node;
use nalgebra::DMatrix;

/// `output = input_a ⊙ input_b`, element by element, from
/// `a b = ((a + b)² - (a - b)²) / 4`: two ensemble arrays of one-dimensional
/// ensembles (`n_neurons / 2` neurons each, at least 1) represent
/// `(a + b) / √2` and `(a - b) / √2`, whose decoded squares are added with
/// weights `+1/2` and `-1/2`. Their radius is `input_magnitude √2`, so
/// inputs up to `input_magnitude` are represented (Nengo's defaults:
/// `input_magnitude = 1`).
#[derive(Debug, Clone)]
pub struct Product {
    n_neurons: usize,
    dimensions: usize,
    input_magnitude: f64,
    template: Template,
}

/// What a [`Product`] adds.
#[derive(Debug, Clone)]
pub struct ProductParts {
    /// The first factor.
    pub input_a: NodeId,
    /// The second factor.
    pub input_b: NodeId,
    /// Their element-wise product.
    pub output: NodeId,
    /// The array of `(a + b) / √2`.
    pub sq1: EnsembleArrayParts,
    /// The array of `(a - b) / √2`.
    pub sq2: EnsembleArrayParts,
}

impl Product {
    /// The product of two `dimensions`-vectors with `n_neurons` neurons per
    /// dimension.
    pub fn new(n_neurons: usize, dimensions: usize) -> Self {
        Self {
            n_neurons,
            dimensions,
            input_magnitude: 1.0,
            template: Template::identity(),
        }
    }

    /// Changes every ensemble it makes (`|e| e.neuron_type(LIFRate::default())`);
    /// the radius stays the product's.
    pub fn ensembles(
        mut self,
        configure: impl Fn(Ensemble) -> Ensemble + Send + Sync + 'static,
    ) -> Self {
        self.template = self.template.then(configure);
        self
    }

    pub(crate) fn with_template(mut self, template: Template) -> Self {
        self.template = template;
        self
    }

    /// The largest input magnitude to represent (default 1).
    pub fn input_magnitude(mut self, magnitude: f64) -> Self {
        self.input_magnitude = magnitude;
        self
    }
}

impl Subnet for Product {
    type Parts = ProductParts;

    fn build(self, net: &mut Network) -> Result<ProductParts, BuildError> {
        check_binary(net, self.n_neurons, self.dimensions, self.input_magnitude)?;
        let m = self.input_magnitude;
        let d = self.dimensions;
        let input_a = net.node("input_a", Node::passthrough(d))?;
        let input_b = net.node("input_b", Node::passthrough(d))?;
        let output = net.node("output", Node::passthrough(d))?;
        let radius = m * std::f64::consts::SQRT_2;
        let template = self.template.then(move |e| e.radius(radius));
        let array = || {
            let template = template.clone();
            EnsembleArray::new((self.n_neurons / 2).max(1), d).ensembles(move |e| template.apply(e))
        };
        let mut sq1 = net.add("sq1", array())?;
        let mut sq2 = net.add("sq2", array())?;
        let tr = std::f64::consts::FRAC_1_SQRT_2;
        for (input, array, sign) in [
            (input_a, &sq1, 1.0),
            (input_b, &sq1, 1.0),
            (input_a, &sq2, 1.0),
            (input_b, &sq2, -1.0),
        ] {
            net.connect(
                Connection::new(input, array.input)
                    .transform(sign * tr)
                    .synapse(None),
            )?;
        }
        for (array, weight) in [(&mut sq1, 0.5), (&mut sq2, -0.5)] {
            let square = array.add_output(net, "square", |x: &[f64]| x[0] * x[0])?;
            net.connect(
                Connection::new(square, output)
                    .transform(weight)
                    .synapse(None),
            )?;
        }
        Ok(ProductParts {
            input_a,
            input_b,
            output,
            sq1,
            sq2,
        })
    }
}

/// The `1 × dimensions` transform of a product's output that sums it into
/// `scale` times the dot product of the inputs (Nengo's
/// `dot_product_transform`).
pub fn dot_product_transform(dimensions: usize, scale: f64) -> DMatrix<f64> {
    DMatrix::from_element(1, dimensions, scale)
}
