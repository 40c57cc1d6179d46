//! Links: linear (and, from nodes, functional) signal paths.

use super::{CompiledNetwork, Fourier};
use crate::error::SimError;
use crate::synapses::DiscreteFilter;
use nalgebra::DMatrix;
use std::fmt;
use std::sync::Arc;

/// Where a link's signal comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A node's output.
    Node(usize),
    /// A population's output decoded into `dims` values:
    /// `y_k = sum_i a_i decoders[i, k]`, with `a_i` the neuron outputs.
    /// `decoders` is neuron-major (`n × dims`, row `i` contiguous), so a
    /// spiking population adds only the rows of the neurons that spiked.
    Decoded {
        /// The population.
        pop: usize,
        /// Decoders, `n × dims`, neuron-major.
        decoders: Vec<f32>,
        /// Number of decoded values.
        dims: usize,
    },
    /// A population's raw neuron outputs (spikes or rates).
    Neurons(usize),
}

/// Where a link's signal goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A node's input (summed with other links).
    Node(usize),
    /// A population's input vector, encoded by its encoders.
    Population(usize),
    /// A population's input currents, one per neuron.
    Neurons(usize),
    /// The input of learning rule `r` of the network (the error of PES),
    /// read when the rule updates, after the step's neurons.
    Rule(usize),
}

/// The linear map from the (sliced, function-applied) source signal to the
/// target's (sliced) input.
#[derive(Debug, Clone, PartialEq)]
pub enum Transform {
    /// `y = x`.
    Identity,
    /// `y = s x`.
    Scalar(f64),
    /// `y_i = d_i x_i` (e.g. per-neuron gains on a connection into neurons).
    Diagonal(Vec<f64>),
    /// `y = M x` with `M` of shape `out × in` (column-major, so a column per
    /// source element, which event-driven spike delivery reads).
    Dense(DMatrix<f64>),
    /// `y = M x` for a map through the discrete Fourier transform, applied
    /// by a real FFT (`M` is [`Fourier::matrix`]).
    Fourier(Fourier),
}

/// A function applied at run time to a node's sliced output.
pub type LinkFn = Arc<dyn Fn(&[f64], &mut [f64]) -> Result<(), usize> + Send + Sync>;

/// One signal path: source → slice → function → transform → synapse → slice → target.
#[derive(Clone)]
pub struct Link {
    /// Name for errors and reports.
    pub label: String,
    /// Signal source.
    pub source: Source,
    /// Elements of the source signal taken, in order (`None`: all).
    pub pre_slice: Option<Vec<usize>>,
    /// A function of the sliced node output with its output size (node
    /// sources only; decoded sources have functions folded into decoders).
    pub function: Option<(LinkFn, usize)>,
    /// Linear map into the target's sliced input.
    pub transform: Transform,
    /// Filter on the transformed signal; `None` delivers it in the same step.
    pub synapse: Option<DiscreteFilter>,
    /// Signal destination.
    pub target: Target,
    /// Elements of the target input written, in order (`None`: all).
    pub post_slice: Option<Vec<usize>>,
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link")
            .field("label", &self.label)
            .field("source", &self.source)
            .field("pre_slice", &self.pre_slice)
            .field("function", &self.function.as_ref().map(|(_, n)| n))
            .field("transform", &self.transform)
            .field("synapse", &self.synapse)
            .field("target", &self.target)
            .field("post_slice", &self.post_slice)
            .finish()
    }
}

impl Link {
    /// Size of the signal after slicing and the function: the transform's input.
    pub fn mid_dims(&self, net: &CompiledNetwork) -> Result<usize, SimError> {
        if let Some((_, n)) = &self.function {
            return Ok(*n);
        }
        match &self.pre_slice {
            Some(s) => Ok(s.len()),
            None => net.source_dims(&self.source),
        }
    }

    /// Size of the transformed signal: what the synapse filters.
    pub fn out_dims(&self, net: &CompiledNetwork) -> Result<usize, SimError> {
        match &self.transform {
            Transform::Dense(m) => Ok(m.nrows()),
            Transform::Fourier(f) => Ok(f.rows()),
            _ => self.mid_dims(net),
        }
    }

    pub(crate) fn validate(&self, net: &CompiledNetwork) -> Result<(), SimError> {
        let bad = |what: String| {
            Err(SimError::InvalidNetwork(format!(
                "link `{}`: {what}",
                self.label
            )))
        };
        let src = net.source_dims(&self.source)?;
        if let Source::Decoded {
            pop,
            decoders,
            dims,
        } = &self.source
        {
            if net.population(*pop)?.n.checked_mul(*dims) != Some(decoders.len()) {
                return bad("decoder matrix does not match the population size".into());
            }
        }
        if let Some(s) = &self.pre_slice {
            if let Some(&i) = s.iter().find(|&&i| i >= src) {
                return bad(format!("pre slice index {i} out of range for {src} values"));
            }
        }
        if self.function.is_some() && !matches!(self.source, Source::Node(_)) {
            return bad("run-time functions apply to node sources only".into());
        }
        let mid = self.mid_dims(net)?;
        match &self.transform {
            Transform::Dense(m) if m.ncols() != mid => {
                return bad(format!(
                    "transform has {} columns for {mid} inputs",
                    m.ncols()
                ));
            }
            Transform::Fourier(f) if f.cols() != mid => {
                return bad(format!(
                    "Fourier transform takes {} inputs, not {mid}",
                    f.cols()
                ));
            }
            Transform::Diagonal(d) if d.len() != mid => {
                return bad(format!(
                    "diagonal transform of {} for {mid} inputs",
                    d.len()
                ));
            }
            _ => {}
        }
        let out = self.out_dims(net)?;
        let tgt = net.target_dims(&self.target)?;
        match &self.post_slice {
            Some(s) if s.len() != out => bad(format!("post slice of {} for {out} values", s.len())),
            Some(s) => match s.iter().find(|&&i| i >= tgt) {
                Some(i) => bad(format!(
                    "post slice index {i} out of range for {tgt} inputs"
                )),
                None => Ok(()),
            },
            None if out != tgt => bad(format!("{out} values into a target of {tgt}")),
            None => Ok(()),
        }
    }
}
