//! The description of a connection: what it carries, computed how.

use crate::ids::Endpoint;
use crate::samples::{IntoSamples, Samples};
use crate::solvers::{LstsqL2, Solver};
use nalgebra::DMatrix;
use snn_core::network::{LinkFn, NodeOutput};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::fmt;
use std::sync::Arc;

/// The linear part of a connection: a scalar (times identity) or a matrix of
/// shape `post × mid`.
#[derive(Debug, Clone, PartialEq)]
pub enum TransformSpec {
    /// `s I`.
    Scalar(f64),
    /// A dense matrix, `post dims × mid dims`.
    Dense(DMatrix<f64>),
    /// Rows given with different lengths (row `row` has `len` values, row 0
    /// has `expected`); the network rejects it when the connection is added.
    Ragged {
        /// The first row whose length differs.
        row: usize,
        /// Its length.
        len: usize,
        /// The length of row 0.
        expected: usize,
    },
}

/// Anything accepted as a transform: a number, a matrix, or rows.
pub trait IntoTransform {
    /// The converted transform.
    fn into_transform(self) -> TransformSpec;
}

impl IntoTransform for f64 {
    fn into_transform(self) -> TransformSpec {
        TransformSpec::Scalar(self)
    }
}

impl IntoTransform for DMatrix<f64> {
    fn into_transform(self) -> TransformSpec {
        TransformSpec::Dense(self)
    }
}

impl<const R: usize, const C: usize> IntoTransform for [[f64; C]; R] {
    fn into_transform(self) -> TransformSpec {
        let flat: Vec<f64> = self.iter().flatten().copied().collect();
        TransformSpec::Dense(DMatrix::from_row_slice(R, C, &flat))
    }
}

impl IntoTransform for Vec<Vec<f64>> {
    /// Rows of different lengths become [`TransformSpec::Ragged`], which
    /// the network rejects when the connection is added.
    fn into_transform(self) -> TransformSpec {
        let c = self.first().map_or(0, Vec::len);
        if let Some(row) = self.iter().position(|r| r.len() != c) {
            return TransformSpec::Ragged {
                row,
                len: self[row].len(),
                expected: c,
            };
        }
        let flat: Vec<f64> = self.iter().flatten().copied().collect();
        TransformSpec::Dense(DMatrix::from_row_slice(self.len(), c, &flat))
    }
}

/// The output size of a connection function of `n` inputs: call it once on
/// zeros with an empty output, which it rejects with its true length.
pub(crate) fn function_size_out(f: &LinkFn, n: usize) -> usize {
    match f(&vec![0.0; n], &mut []) {
        Ok(()) => 0,
        Err(len) => len,
    }
}

/// A connection from `pre` to `post`: `post += synapse * (T f(pre))`.
///
/// From an ensemble, `f` is computed by decoders solved over the
/// ensemble's evaluation points; from a node, it is called every step.
/// Defaults as in Nengo: identity function, transform 1, synapse
/// `Lowpass(0.005)`, solver `LstsqL2` with `reg = 0.1`.
#[derive(Clone)]
pub struct Connection {
    pub(crate) pre: Endpoint,
    pub(crate) post: Endpoint,
    pub(crate) function: Option<LinkFn>,
    pub(crate) transform: TransformSpec,
    pub(crate) synapse: Option<Arc<dyn Synapse>>,
    pub(crate) solver: Arc<dyn Solver>,
    pub(crate) eval_points: Option<Samples>,
    pub(crate) scale_eval_points: bool,
    pub(crate) label: Option<String>,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("pre", &self.pre)
            .field("post", &self.post)
            .field("function", &self.function.is_some())
            .field("transform", &self.transform)
            .field("synapse", &self.synapse)
            .field("solver", &self.solver)
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// A connection with Nengo's defaults.
    pub fn new(pre: impl Into<Endpoint>, post: impl Into<Endpoint>) -> Self {
        Self {
            pre: pre.into(),
            post: post.into(),
            function: None,
            transform: TransformSpec::Scalar(1.0),
            synapse: Some(Arc::new(Lowpass(0.005))),
            solver: Arc::new(LstsqL2::default()),
            eval_points: None,
            scale_eval_points: true,
            label: None,
        }
    }

    /// Computes `f(x)` of the (sliced) pre value instead of `x` itself.
    pub fn function<R: NodeOutput>(
        mut self,
        f: impl Fn(&[f64]) -> R + Send + Sync + 'static,
    ) -> Self {
        self.function = Some(Arc::new(move |x: &[f64], out: &mut [f64]| {
            let r = f(x);
            if r.len() != out.len() {
                return Err(r.len());
            }
            r.write_into(out);
            Ok(())
        }));
        self
    }

    /// Sets the transform (a scalar, or a `post × mid` matrix).
    pub fn transform(mut self, transform: impl IntoTransform) -> Self {
        self.transform = transform.into_transform();
        self
    }

    /// Sets the synapse: any synapse, a number `tau` for `Lowpass(tau)`, or
    /// `None` for an unfiltered connection.
    pub fn synapse(mut self, synapse: impl IntoSynapse) -> Self {
        self.synapse = synapse.into_synapse();
        self
    }

    /// Sets the decoder solver.
    pub fn solver(mut self, solver: impl Solver + 'static) -> Self {
        self.solver = Arc::new(solver);
        self
    }

    /// Evaluation points for this connection's decoders (instead of the ensemble's).
    pub fn eval_points(mut self, eval_points: impl IntoSamples) -> Self {
        self.eval_points = Some(eval_points.into_samples());
        self
    }

    /// Whether distribution-drawn evaluation points are scaled by the pre
    /// ensemble's radius (default true).
    pub fn scale_eval_points(mut self, scale: bool) -> Self {
        self.scale_eval_points = scale;
        self
    }

    /// Names the connection (default: `"pre -> post"`).
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}
