//! Nodes: inputs and user functions inside the network.

use crate::error::SimError;
use crate::processes::ProcessStep;
use nalgebra::DVector;
use std::fmt;
use std::sync::Arc;

/// A node's function: `(t, input, output)`, returning `Err(len)` when the
/// closure produced `len` values instead of `output.len()`.
pub type NodeFn = Arc<dyn Fn(f64, &[f64], &mut [f64]) -> Result<(), usize> + Send + Sync>;

/// What a node computes each step.
#[derive(Clone)]
pub enum NodeKind {
    /// A fixed output.
    Constant(Vec<f64>),
    /// A closure of time and input.
    Function(NodeFn),
    /// Output equals input (a named junction of signals).
    Passthrough,
    /// A process: noise, a sampled signal, a function of time, with a
    /// state of its own in the simulator's.
    Process(Arc<dyn ProcessStep>),
}

impl fmt::Debug for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Constant(v) => f.debug_tuple("Constant").field(v).finish(),
            Self::Function(_) => f.write_str("Function(..)"),
            Self::Passthrough => f.write_str("Passthrough"),
            Self::Process(p) => write!(f, "Process({})", p.name()),
        }
    }
}

/// A node of the compiled network.
#[derive(Debug, Clone)]
pub struct NodeSpec {
    /// Name for errors and reports.
    pub label: String,
    /// Size of the summed input.
    pub size_in: usize,
    /// Size of the output.
    pub size_out: usize,
    /// What it computes.
    pub kind: NodeKind,
}

impl NodeSpec {
    pub(crate) fn validate(&self) -> Result<(), SimError> {
        if let NodeKind::Constant(v) = &self.kind {
            if let Some((i, x)) = v.iter().enumerate().find(|(_, x)| !x.is_finite()) {
                return Err(SimError::InvalidNetwork(format!(
                    "node `{}`: constant output {x} in dimension {i} is not finite",
                    self.label
                )));
            }
        }
        let ok = match &self.kind {
            NodeKind::Constant(v) => v.len() == self.size_out && self.size_in == 0,
            NodeKind::Function(_) | NodeKind::Process(_) => true,
            NodeKind::Passthrough => self.size_in == self.size_out,
        };
        if ok {
            Ok(())
        } else {
            Err(SimError::InvalidNetwork(format!(
                "node `{}`: sizes {} in, {} out do not fit {:?}",
                self.label, self.size_in, self.size_out, self.kind
            )))
        }
    }
}

/// A value a node closure may return: a scalar, an array, a `Vec` or a
/// vector. Its length is checked against the node's output size every step.
pub trait NodeOutput {
    /// Number of values.
    fn len(&self) -> usize;
    /// Copies the values into `out` (of length [`len`](Self::len)).
    fn write_into(&self, out: &mut [f64]);
    /// True when there are no values.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl NodeOutput for f64 {
    fn len(&self) -> usize {
        1
    }
    fn write_into(&self, out: &mut [f64]) {
        out[0] = *self;
    }
}

impl<const N: usize> NodeOutput for [f64; N] {
    fn len(&self) -> usize {
        N
    }
    fn write_into(&self, out: &mut [f64]) {
        out.copy_from_slice(self);
    }
}

impl NodeOutput for Vec<f64> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }
    fn write_into(&self, out: &mut [f64]) {
        out.copy_from_slice(self);
    }
}

impl NodeOutput for &[f64] {
    fn len(&self) -> usize {
        <[f64]>::len(self)
    }
    fn write_into(&self, out: &mut [f64]) {
        out.copy_from_slice(self);
    }
}

impl NodeOutput for DVector<f64> {
    fn len(&self) -> usize {
        self.nrows()
    }
    fn write_into(&self, out: &mut [f64]) {
        out.copy_from_slice(self.as_slice());
    }
}
