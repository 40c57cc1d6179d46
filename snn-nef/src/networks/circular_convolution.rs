//! Nengo's `CircularConvolution`: binding of two vectors, `c = a ⊛ b`,
//! computed in the Fourier domain by a [`Product`] network.

use super::product::{Product, ProductParts};
use super::{check_binary, Template};
use crate::connection::Connection;
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::ids::NodeId;
use crate::network::{Network, Subnet};
use crate::node::Node;
use nalgebra::DMatrix;
use snn_core::network::{Fourier, FourierMap, Part};

/// `output = input_a ⊛ input_b`, `c_i = Σ_j a_j b_{(i - j) mod D}`, or
/// with either input replaced by its involution (`a'_j = a_{-j mod D}`,
/// the approximate inverse that unbinds) when `invert_a` / `invert_b`.
///
/// By the convolution theorem `c = IDFT(DFT(a) · DFT(b))`. For real inputs
/// the spectrum at `k` and `D - k` are conjugate, so only `k = 0..=D/2`
/// are computed: for each, four products of real and imaginary parts
/// (`Re A Re B`, `Im A Im B`, `Re A Im B`, `Im A Re B`), whose sums give
/// the complex product, `(p₀ - p₁) + i (p₂ + p₃)`. The input transforms
/// take `a` and `b` to those parts; the output transform applies the
/// inverse DFT to the products, counting each `0 < k < D/2` twice. So the
/// network holds a [`Product`] of `4 (⌊D/2⌋ + 1)` dimensions with
/// `n_neurons` neurons each, as Nengo's does, and represents inputs up to
/// `2 input_magnitude` (a Fourier coefficient of a unit vector can be that
/// large).
#[derive(Debug, Clone)]
pub struct CircularConvolution {
    n_neurons: usize,
    dimensions: usize,
    invert_a: bool,
    invert_b: bool,
    input_magnitude: f64,
    template: Template,
}

/// What a [`CircularConvolution`] adds.
#[derive(Debug, Clone)]
pub struct CircularConvolutionParts {
    /// The vectors bound (`D` each).
    pub input_a: NodeId,
    /// The second vector.
    pub input_b: NodeId,
    /// Their circular convolution.
    pub output: NodeId,
    /// The product of the Fourier parts.
    pub product: ProductParts,
}

impl CircularConvolution {
    /// Binds two `dimensions`-vectors with `n_neurons` neurons per product
    /// dimension.
    pub fn new(n_neurons: usize, dimensions: usize) -> Self {
        Self {
            n_neurons,
            dimensions,
            invert_a: false,
            invert_b: false,
            input_magnitude: 1.0,
            template: Template::identity(),
        }
    }

    /// Changes every ensemble it makes (`|e| e.neuron_type(LIFRate::default())`).
    pub fn ensembles(
        mut self,
        configure: impl Fn(Ensemble) -> Ensemble + Send + Sync + 'static,
    ) -> Self {
        self.template = self.template.then(configure);
        self
    }

    /// Uses the involution of `input_a` (unbinding by `a`).
    pub fn invert_a(mut self, invert: bool) -> Self {
        self.invert_a = invert;
        self
    }

    /// Uses the involution of `input_b`.
    pub fn invert_b(mut self, invert: bool) -> Self {
        self.invert_b = invert;
        self
    }

    /// The largest input magnitude to represent (default 1).
    pub fn input_magnitude(mut self, magnitude: f64) -> Self {
        self.input_magnitude = magnitude;
        self
    }

    /// Product dimensions it builds: `4 (⌊D/2⌋ + 1)`.
    pub fn product_dimensions(dimensions: usize) -> usize {
        4 * (dimensions / 2 + 1)
    }
}

impl Subnet for CircularConvolution {
    type Parts = CircularConvolutionParts;

    fn build(self, net: &mut Network) -> Result<CircularConvolutionParts, BuildError> {
        check_binary(net, self.n_neurons, self.dimensions, self.input_magnitude)?;
        let m = self.input_magnitude;
        let d = self.dimensions;
        let input_a = net.node("input_a", Node::passthrough(d))?;
        let input_b = net.node("input_b", Node::passthrough(d))?;
        let product = net.add(
            "product",
            Product::new(self.n_neurons, Self::product_dimensions(d))
                .input_magnitude(2.0 * m)
                .with_template(self.template.clone()),
        )?;
        let output = net.node("output", Node::passthrough(d))?;
        // Nengo's dense DFT matrices, applied by a real FFT: the same map
        // in O(D log D) rather than three O(D²) products a step.
        let (tr_a, tr_b) = (
            fourier_in(d, Align::A, self.invert_a),
            fourier_in(d, Align::B, self.invert_b),
        );
        net.connect(
            Connection::new(input_a, product.input_a)
                .transform(tr_a)
                .synapse(None),
        )?;
        net.connect(
            Connection::new(input_b, product.input_b)
                .transform(tr_b)
                .synapse(None),
        )?;
        net.connect(
            Connection::new(product.output, output)
                .transform(fourier_out(d))
                .synapse(None),
        )?;
        Ok(CircularConvolutionParts {
            input_a,
            input_b,
            output,
            product,
        })
    }
}

/// Which input a transform is for (Nengo's `align`): the four products of
/// frequency `k` pair `(Re A, Re B)`, `(Im A, Im B)`, `(Re A, Im B)`,
/// `(Im A, Re B)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The first input's parts: `Re, Im, Re, Im`.
    A,
    /// The second input's parts: `Re, Im, Im, Re`.
    B,
}

/// The map taking a vector to the real and imaginary parts of its DFT,
/// `X_k = Σ_n x_n e^{-2πi k n / D}` (conjugated when `invert`: the DFT of
/// the involution), in the order the products of `align` need them, as an
/// FFT-applied transform (`4 (⌊D/2⌋ + 1) × D`).
///
/// # Panics
/// If `d` is 0 (the network refuses that first).
pub fn fourier_in(d: usize, align: Align, invert: bool) -> Fourier {
    let parts = match align {
        Align::A => [Part::Re, Part::Im, Part::Re, Part::Im],
        Align::B => [Part::Re, Part::Im, Part::Im, Part::Re],
    };
    Fourier::new(FourierMap::Spectrum {
        dims: d,
        parts,
        conjugate: invert,
    })
    .expect("a circular convolution has at least one dimension")
}

/// The inverse DFT of the complex products,
/// `c_n = (1/D) Σ_k m_k (Re H_k cos φ - Im H_k sin φ)`, `φ = 2π k n / D`,
/// `H_k = (p₀ - p₁) + i (p₂ + p₃)`, with `m_k = 1` for `k = 0` and
/// `k = D/2` and 2 for the frequencies that stand for their mirror too,
/// as an FFT-applied transform (`D × 4 (⌊D/2⌋ + 1)`).
///
/// # Panics
/// If `d` is 0 (the network refuses that first).
pub fn fourier_out(d: usize) -> Fourier {
    Fourier::new(FourierMap::ProductsInverse { dims: d })
        .expect("a circular convolution has at least one dimension")
}

/// [`fourier_in`] as its dense matrix (Nengo's `transform_in`).
///
/// # Panics
/// If `d` is 0.
pub fn transform_in(d: usize, align: Align, invert: bool) -> DMatrix<f64> {
    fourier_in(d, align, invert).matrix()
}

/// [`fourier_out`] as its dense matrix (Nengo's `transform_out`).
///
/// # Panics
/// If `d` is 0.
pub fn transform_out(d: usize) -> DMatrix<f64> {
    fourier_out(d).matrix()
}

/// The circular convolution of `a` and `b` by its definition,
/// `c_i = Σ_j a_j b_{(i - j) mod D}`, with either replaced by its
/// involution when inverted (Nengo's `circconv`).
///
/// # Panics
/// Never; vectors of different lengths are convolved over the shorter.
pub fn circconv(a: &[f64], b: &[f64], invert_a: bool, invert_b: bool) -> Vec<f64> {
    let d = a.len().min(b.len());
    let at = |x: &[f64], i: usize, invert: bool| if invert { x[(d - i) % d] } else { x[i] };
    (0..d)
        .map(|i| {
            (0..d)
                .map(|j| at(a, j, invert_a) * at(b, (i + d - j) % d, invert_b))
                .sum()
        })
        .collect()
}
