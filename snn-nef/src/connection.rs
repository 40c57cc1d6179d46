//! The description of a connection: what it carries, computed how.

use crate::error::BuildError;
use crate::ids::{Endpoint, Object};
use crate::learning::{LearningRuleType, Modifies};
use crate::samples::{IntoSamples, Samples};
use crate::solvers::{LstsqL2, Solver};
use nalgebra::DMatrix;
use snn_core::network::{Fourier, LinkFn, NodeOutput};
use snn_core::synapses::{IntoSynapse, Lowpass, Synapse};
use std::fmt;
use std::sync::Arc;

/// The linear part of a connection: a scalar (times identity), a matrix of
/// shape `post × mid`, or a Fourier map of that shape.
#[derive(Debug, Clone, PartialEq)]
pub enum TransformSpec {
    /// `s I`.
    Scalar(f64),
    /// A dense matrix, `post dims × mid dims`.
    Dense(DMatrix<f64>),
    /// A map through the discrete Fourier transform (circular
    /// convolution's), applied by an FFT; its matrix is [`Fourier::matrix`].
    Fourier(Fourier),
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

impl IntoTransform for Fourier {
    fn into_transform(self) -> TransformSpec {
        TransformSpec::Fourier(self)
    }
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

/// A borrowed matrix is copied: the connection keeps its own transform.
impl IntoTransform for &DMatrix<f64> {
    fn into_transform(self) -> TransformSpec {
        TransformSpec::Dense(self.clone())
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
    pub(crate) learning_rules: Vec<Arc<dyn LearningRuleType>>,
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
            learning_rules: Vec::new(),
        }
    }

    /// Adds a learning rule (Nengo's `learning_rule_type`); several may be
    /// added, each changing the connection's matrix every step. Its error
    /// reaches it through a connection into
    /// [`ConnectionId::learning_rule`](crate::ConnectionId::learning_rule).
    pub fn learning_rule(mut self, rule: impl LearningRuleType + 'static) -> Self {
        self.learning_rules.push(Arc::new(rule));
        self
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

    /// The synapse it is filtered by (`None`: unfiltered).
    pub fn synapse_of(&self) -> Option<&Arc<dyn Synapse>> {
        self.synapse.as_ref()
    }

    /// The decoder solver's name (`"LstsqL2"`).
    pub fn solver_name(&self) -> &'static str {
        self.solver.name()
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

/// What a connection's checks need to know of the objects it joins (the
/// network resolves them from the handles).
#[derive(Debug, Clone, Copy)]
pub(crate) struct EndSizes {
    /// Size of the pre end after its slice.
    pub(crate) pre: usize,
    /// Size of the post end after its slice.
    pub(crate) post: usize,
    /// The pre ensemble's dimensions, unsliced, when pre is an ensemble
    /// (its evaluation points live in that whole space).
    pub(crate) pre_ensemble: Option<usize>,
}

impl Connection {
    /// Checks that the function, transform, synapse, solver and evaluation
    /// points fit the ends' `sizes`, naming the connection `label` in every
    /// error. The transform maps the function's output (`mid` values: the
    /// pre size without a function) to the post size, so it must be
    /// `post × mid`, or a scalar when `mid == post`.
    pub(crate) fn validate(&self, label: &str, sizes: EndSizes) -> Result<(), BuildError> {
        let EndSizes {
            pre: pre_size,
            post: post_size,
            pre_ensemble,
        } = sizes;
        let label = label.to_string();
        let mid = match &self.function {
            Some(f) => {
                if matches!(self.pre.object, Object::Neurons(_)) {
                    return Err(BuildError::InvalidParameter {
                        object: label,
                        param: "function",
                        value: "a closure".into(),
                        reason: "a connection from neurons cannot compute a function; \
                                 connect from the ensemble instead"
                            .into(),
                    });
                }
                function_size_out(f, pre_size)
            }
            None => pre_size,
        };
        self.check_transform(&label, pre_size, mid, post_size)?;
        if let Some(s) = &self.synapse {
            s.discretize(snn_core::DEFAULT_DT)
                .map_err(|source| BuildError::Synapse {
                    object: label.clone(),
                    source,
                })?;
        }
        self.solver
            .check_parameters()
            .map_err(|source| BuildError::Solver {
                object: label.clone(),
                source,
            })?;
        if self.solver.weights()
            && !(matches!(self.pre.object, Object::Ensemble(_))
                && matches!(self.post.object, Object::Ensemble(_)))
        {
            return Err(BuildError::InvalidParameter {
                object: label,
                param: "solver",
                value: self.solver.name().into(),
                reason: "neuron-weight solvers need an ensemble at both ends".into(),
            });
        }
        self.check_learning(&label)?;
        self.check_eval_points(&label, pre_ensemble)
    }

    /// A learning connection starts at neurons (an ensemble or its
    /// neurons), and a weight rule needs weights to change.
    fn check_learning(&self, label: &str) -> Result<(), BuildError> {
        for rule in &self.learning_rules {
            rule.check(label)?;
            let refuse = |reason: &str| {
                Err(BuildError::InvalidParameter {
                    object: format!("connection `{label}`"),
                    param: "learning_rule",
                    value: rule.name().into(),
                    reason: reason.into(),
                })
            };
            if matches!(self.post.object, Object::LearningRule(_)) {
                return refuse("a connection into a learning rule cannot learn itself");
            }
            if rule.modifies() == Modifies::Encoders {
                // Voja reads the value the connection delivers, from any pre.
                if !matches!(self.post.object, Object::Ensemble(_)) {
                    return refuse(
                        "an encoder rule changes the post ensemble's encoders: the post must be \
                         an ensemble, not its neurons or a node",
                    );
                }
                if self.solver.weights() {
                    return refuse(
                        "with a weight solver the connection feeds the neurons directly: its \
                         encoders are not used, so an encoder rule cannot learn them",
                    );
                }
                continue;
            }
            if matches!(self.pre.object, Object::Node(_)) {
                return refuse("a learning rule needs neurons at the pre end, not a node");
            }
            let weights = matches!(self.pre.object, Object::Neurons(_))
                && matches!(self.post.object, Object::Neurons(_))
                || self.solver.weights();
            if rule.modifies() == Modifies::Weights && !weights {
                return refuse(
                    "this rule changes neuron-to-neuron weights: connect `.neurons` to \
                     `.neurons`, or give the connection a weight solver (`.weights(true)`)",
                );
            }
        }
        Ok(())
    }

    /// The transform: rows all of one length, finite, and `post × mid`
    /// (a scalar only when `mid == post`).
    fn check_transform(
        &self,
        label: &str,
        pre_size: usize,
        mid: usize,
        post_size: usize,
    ) -> Result<(), BuildError> {
        let expected = format!("{post_size}×{mid}");
        // A matrix-shaped transform must be `post × mid`.
        let shape = |what: &str, (rows, cols): (usize, usize)| {
            if (rows, cols) == (post_size, mid) {
                return Ok(());
            }
            Err(BuildError::Shape {
                object: label.to_string(),
                what: what.into(),
                expected: expected.clone(),
                got: format!("{rows}×{cols}"),
            })
        };
        match &self.transform {
            TransformSpec::Ragged { row, len, expected } => Err(crate::samples::ragged(
                label,
                "transform",
                *row,
                *len,
                *expected,
            )),
            TransformSpec::Scalar(s) if !s.is_finite() => {
                Err(crate::finite::non_finite(label, "transform", (0, 0), *s))
            }
            TransformSpec::Scalar(_) if mid != post_size => Err(BuildError::Shape {
                object: label.to_string(),
                what: match self.function {
                    // Name the function: its output size is the mismatch
                    // (e.g. `nonlinear_lowpass` of an `f` of the wrong size).
                    Some(_) => format!(
                        "the function returns {mid} values for {pre_size} inputs and a \
                         scalar transform maps {mid} values to {post_size}, so the transform"
                    ),
                    None => format!(
                        "a scalar transform maps {mid} values to {post_size}, so the transform"
                    ),
                },
                expected,
                got: "a scalar".into(),
            }),
            TransformSpec::Dense(m) => {
                shape("transform", (m.nrows(), m.ncols()))?;
                crate::finite::check_matrix(label, "transform", m)
            }
            TransformSpec::Fourier(f) => shape("Fourier transform", (f.rows(), f.cols())),
            TransformSpec::Scalar(_) => Ok(()),
        }
    }

    /// Evaluation points: only from an ensemble (of `pre_ensemble`
    /// dimensions), rows of one length, finite, and at least one row of
    /// the whole pre ensemble's size (a slice picks coordinates of them
    /// later; no point at all leaves nothing to solve).
    fn check_eval_points(
        &self,
        label: &str,
        pre_ensemble: Option<usize>,
    ) -> Result<(), BuildError> {
        let Some(points) = &self.eval_points else {
            return Ok(());
        };
        let Some(d) = pre_ensemble else {
            return Err(BuildError::InvalidParameter {
                object: label.to_string(),
                param: "eval_points",
                value: "given".into(),
                reason: "only connections from an ensemble have evaluation points".into(),
            });
        };
        if let Some(e) = points.ragged_error(label, "eval_points") {
            return Err(e);
        }
        if let Samples::Values(m) = points {
            crate::finite::check_points(label, m)?;
            if m.ncols() != d || m.nrows() == 0 {
                return Err(BuildError::Shape {
                    object: label.to_string(),
                    what: "eval_points".into(),
                    expected: format!("at least one row of {d} values"),
                    got: format!("{}×{}", m.nrows(), m.ncols()),
                });
            }
        }
        Ok(())
    }
}
