//! Nengo SPA's `Bind`: binding (or unbinding) two semantic pointers in
//! neurons.

use super::vocabulary::Vocabulary;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::networks::{CircularConvolution, CircularConvolutionParts};

/// `output = input_left ⊛ input_right` in a [`CircularConvolution`] of
/// `neurons_per_dimension` neurons per product (Nengo SPA's default 200);
/// `unbind_left` / `unbind_right` take that input's involution, so
/// `Bind::new(&v).unbind_right(true)` fed `A * B` and `B` gives about `A`.
#[derive(Debug, Clone)]
pub struct Bind {
    dimensions: usize,
    neurons_per_dimension: usize,
    unbind_left: bool,
    unbind_right: bool,
}

/// What a [`Bind`] adds.
#[derive(Debug, Clone)]
pub struct BindParts {
    /// The left pointer.
    pub input_left: NodeId,
    /// The right pointer.
    pub input_right: NodeId,
    /// Their binding.
    pub output: NodeId,
    /// The network computing it.
    pub binding: CircularConvolutionParts,
}

impl Bind {
    /// Binding of pointers of the vocabulary's dimensions.
    pub fn new(vocab: &Vocabulary) -> Self {
        Self::with_dimensions(vocab.dimensions())
    }

    /// Binding of `dimensions`-dimensional pointers.
    pub fn with_dimensions(dimensions: usize) -> Self {
        Self {
            dimensions,
            neurons_per_dimension: 200,
            unbind_left: false,
            unbind_right: false,
        }
    }

    /// Neurons per product dimension (default 200).
    pub fn neurons_per_dimension(mut self, n: usize) -> Self {
        self.neurons_per_dimension = n;
        self
    }

    /// Unbinds by the left input (its involution).
    pub fn unbind_left(mut self, unbind: bool) -> Self {
        self.unbind_left = unbind;
        self
    }

    /// Unbinds by the right input.
    pub fn unbind_right(mut self, unbind: bool) -> Self {
        self.unbind_right = unbind;
        self
    }
}

impl Subnet for Bind {
    type Parts = BindParts;

    fn build(self, net: &mut Network) -> Result<BindParts, BuildError> {
        let binding = CircularConvolution::new(self.neurons_per_dimension, self.dimensions)
            .invert_a(self.unbind_left)
            .invert_b(self.unbind_right)
            .build(net)?;
        Ok(BindParts {
            input_left: binding.input_a,
            input_right: binding.input_b,
            output: binding.output,
            binding,
        })
    }
}
