//! The description of a node: a source of input or a function inside the network.

use crate::error::BuildError;
use crate::processes::Process;
use snn_core::network::{NodeFn, NodeKind, NodeOutput};
use std::fmt;
use std::sync::Arc;

/// A node: a constant, a function of time, a function of time and input, or
/// a passthrough that sums its inputs (Nengo's `Node(size_in=n)`).
///
/// Function nodes are called once when created (at `t = 0` with zero input)
/// to learn their output size, as Nengo does, so connections can be checked
/// at once.
#[derive(Clone)]
pub struct Node {
    pub(crate) kind: NodeKind,
    /// The process behind a process node (its `kind` is then made by the
    /// build, for the build's `dt` and seed).
    pub(crate) process: Option<Arc<dyn Process>>,
    pub(crate) size_in: usize,
    pub(crate) size_out: usize,
    /// The output size the user declared for a node whose output fixes its
    /// own size (a constant, a function, a passthrough), checked at build.
    pub(crate) declared_out: Option<usize>,
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Node")
            .field("kind", &self.kind)
            .field("process", &self.process)
            .field("size_in", &self.size_in)
            .field("size_out", &self.size_out)
            .finish()
    }
}

/// Wraps a closure into a node function that checks the returned length.
fn wrap<R: NodeOutput>(f: impl Fn(f64, &[f64]) -> R + Send + Sync + 'static) -> NodeFn {
    Arc::new(move |t, x, out| {
        let r = f(t, x);
        if r.len() != out.len() {
            return Err(r.len());
        }
        r.write_into(out);
        Ok(())
    })
}

impl Node {
    /// A constant output.
    pub fn constant(value: impl NodeOutput) -> Self {
        let mut v = vec![0.0; value.len()];
        value.write_into(&mut v);
        Self {
            size_out: v.len(),
            kind: NodeKind::Constant(v),
            process: None,
            size_in: 0,
            declared_out: None,
        }
    }

    /// An output that is a function of time `t` (s).
    pub fn time<R: NodeOutput>(f: impl Fn(f64) -> R + Send + Sync + 'static) -> Self {
        let size_out = f(0.0).len();
        Self {
            kind: NodeKind::Function(wrap(move |t, _| f(t))),
            process: None,
            size_in: 0,
            size_out,
            declared_out: None,
        }
    }

    /// An output that is a function of time and of the summed input
    /// (`size_in` values).
    pub fn time_input<R: NodeOutput>(
        size_in: usize,
        f: impl Fn(f64, &[f64]) -> R + Send + Sync + 'static,
    ) -> Self {
        // An input too large to allocate is not probed; the network refuses
        // the node for its size when it is added.
        let size_out = if size_in <= crate::limits::MAX_ELEMENTS {
            f(0.0, &vec![0.0; size_in]).len()
        } else {
            0
        };
        Self {
            kind: NodeKind::Function(wrap(f)),
            process: None,
            size_in,
            size_out,
            declared_out: None,
        }
    }

    /// A node whose output is its summed input.
    pub fn passthrough(size_in: usize) -> Self {
        Self {
            kind: NodeKind::Passthrough,
            process: None,
            size_in,
            size_out: size_in,
            declared_out: None,
        }
    }

    /// A node whose output is `process`, at its default output size
    /// (Nengo's `Node(process)`).
    pub fn process(process: impl Process + 'static) -> Self {
        let size_out = process.default_size_out();
        Self::process_sized(process, size_out)
    }

    /// A node whose output is `process`, `size_out` values per step (Nengo's
    /// `Node(process, size_out=d)`); a process of fixed size (a
    /// `PresentInput`, a `Piecewise`) refuses another size at build.
    pub fn process_sized(process: impl Process + 'static, size_out: usize) -> Self {
        Self {
            kind: NodeKind::Constant(Vec::new()),
            process: Some(Arc::new(process)),
            size_in: 0,
            size_out,
            declared_out: None,
        }
    }

    /// Declares the output size (Nengo's `size_out=`): the size a process
    /// node outputs (a process of fixed size refuses another at build), and
    /// for any other node a check that its output has this size (a
    /// [`BuildError::Shape`] naming the node when it has not).
    pub fn with_size_out(mut self, size_out: usize) -> Self {
        if self.process.is_some() {
            self.size_out = size_out;
        } else {
            self.declared_out = Some(size_out);
        }
        self
    }

    /// Size of the input.
    pub fn size_in(&self) -> usize {
        self.size_in
    }

    /// Size of the output.
    pub fn size_out(&self) -> usize {
        self.size_out
    }
}

impl Node {
    /// Checks its sizes and that a constant output is finite (a NaN there
    /// would reach every object it feeds, silently), naming the node `name`.
    pub(crate) fn validate(&self, name: &str) -> Result<(), BuildError> {
        crate::limits::check_elements(name, "node input", self.size_in, 1)?;
        crate::limits::check_elements(name, "node output", self.size_out, 1)?;
        if let Some(declared) = self.declared_out.filter(|&d| d != self.size_out) {
            return Err(BuildError::Shape {
                object: format!("node `{name}`"),
                what: "its output".into(),
                expected: format!("{declared} values (its declared size_out)"),
                got: self.size_out.to_string(),
            });
        }
        if let Some(p) = &self.process {
            p.check().map_err(|source| BuildError::Process {
                object: format!("node `{name}`"),
                source,
            })?;
        } else if let NodeKind::Constant(v) = &self.kind {
            crate::finite::check_values(name, "output", v)?;
        }
        Ok(())
    }
}

/// What a node's output may be given as, where one expression may be a
/// value or a process (the `network!` DSL's `node u = …;`): a constant (a
/// number, an array, a `Vec`, a slice, a vector) or any of the processes.
pub trait IntoNode {
    /// The node.
    fn into_node(self) -> Node;
}

impl Node {
    /// A node from a constant or a process ([`IntoNode`]).
    pub fn from_output(output: impl IntoNode) -> Self {
        output.into_node()
    }
}

impl IntoNode for Node {
    fn into_node(self) -> Node {
        self
    }
}

macro_rules! constant_nodes {
    ($($t:ty),*) => {$(
        impl IntoNode for $t {
            fn into_node(self) -> Node {
                Node::constant(self)
            }
        }
    )*};
}
constant_nodes!(f64, Vec<f64>, &[f64], nalgebra::DVector<f64>);

impl<const N: usize> IntoNode for [f64; N] {
    fn into_node(self) -> Node {
        Node::constant(self)
    }
}

macro_rules! process_nodes {
    ($($t:ty),*) => {$(
        impl IntoNode for $t {
            fn into_node(self) -> Node {
                Node::process(self)
            }
        }
    )*};
}
process_nodes!(
    crate::processes::WhiteSignal,
    crate::processes::WhiteNoise,
    crate::processes::FilteredNoise,
    crate::processes::BrownNoise,
    crate::processes::Piecewise,
    crate::processes::PresentInput
);
