//! Typed errors of the NEF compiler.

use thiserror::Error;

/// A distribution that cannot be sampled as asked.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DistributionError {
    /// A parameter out of range (low > high, negative std, empty choice…).
    #[error("{dist}: {reason}")]
    InvalidParameter {
        /// The distribution's name.
        dist: &'static str,
        /// What is wrong, with the offending value.
        reason: String,
    },
    /// Samples asked of a dimension the distribution cannot give.
    #[error("{dist}: cannot draw {d}-dimensional samples: {reason}")]
    Dimension {
        /// The distribution's name.
        dist: &'static str,
        /// The requested dimension.
        d: usize,
        /// Why not.
        reason: String,
    },
}

/// A decoder solve that cannot be done.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SolverError {
    /// Activities and targets with different numbers of rows, or empty.
    #[error("{solver}: activities are {a_rows}×{a_cols} but targets are {y_rows}×{y_cols}")]
    Shape {
        /// The solver's name.
        solver: &'static str,
        /// Rows of the activity matrix.
        a_rows: usize,
        /// Columns of the activity matrix.
        a_cols: usize,
        /// Rows of the target matrix.
        y_rows: usize,
        /// Columns of the target matrix.
        y_cols: usize,
    },
    /// A NaN or infinity in the activities or targets.
    #[error("{solver}: {what} contain a non-finite value at row {row}, column {col}")]
    NonFinite {
        /// The solver's name.
        solver: &'static str,
        /// "activities" or "targets".
        what: &'static str,
        /// Row of the offending value.
        row: usize,
        /// Column of the offending value.
        col: usize,
    },
    /// A parameter out of range (negative regularization…).
    #[error("{solver}: parameter `{param}` = {value} is invalid: {reason}")]
    InvalidParameter {
        /// The solver's name.
        solver: &'static str,
        /// The parameter's name.
        param: &'static str,
        /// The offending value.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// The regularized system could not be factorized.
    #[error("{solver}: the regularized Gram matrix is not positive definite (is the regularization zero with silent neurons?)")]
    Singular {
        /// The solver's name.
        solver: &'static str,
    },
}

/// Why a process cannot be made or run, naming the process and the value.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProcessError {
    /// A parameter out of its range.
    #[error("{process}: `{param}` = {value} is invalid: {reason}")]
    InvalidParameter {
        /// The process kind (`"WhiteSignal"`).
        process: &'static str,
        /// The parameter.
        param: &'static str,
        /// The offending value, as written.
        value: String,
        /// What it must satisfy.
        reason: String,
    },
    /// An output size the process cannot produce.
    #[error("{process}: it outputs {produces} values per step, not the {requested} asked for")]
    Size {
        /// The process kind.
        process: &'static str,
        /// What it outputs.
        produces: usize,
        /// What the node or ensemble asked for.
        requested: usize,
    },
    /// The synapse of a filtered process cannot be discretized.
    #[error("{process}: `synapse`: {source}")]
    Synapse {
        /// The process kind.
        process: &'static str,
        /// The synapse's error.
        source: snn_core::SynapseError,
    },
}

/// A mistake in a model, found when it is declared or built. Every variant
/// names the object and the offending value.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum BuildError {
    /// A process (a node's output, an ensemble's noise) that cannot be made.
    #[error("{object}: {source}")]
    Process {
        /// The node or ensemble (its noise).
        object: String,
        /// The process's error.
        source: ProcessError,
    },
    /// A parameter of an object out of its range.
    #[error("{object}: `{param}` = {value} is invalid: {reason}")]
    InvalidParameter {
        /// The object's name.
        object: String,
        /// The parameter.
        param: &'static str,
        /// The offending value, as written.
        value: String,
        /// What it must satisfy.
        reason: String,
    },
    /// A matrix or vector of the wrong shape.
    #[error("{object}: {what} must be {expected}, got {got}")]
    Shape {
        /// The object's name.
        object: String,
        /// What has the wrong shape.
        what: String,
        /// The shape it must have.
        expected: String,
        /// The shape it has.
        got: String,
    },
    /// A NaN or infinity among the values given for a parameter (max rates,
    /// intercepts, encoders, gains and biases, evaluation points, initial
    /// state, transforms, constant node outputs, system matrices). One
    /// variant for all of them so the message always names where it is.
    #[error("{object}: `{parameter}` has the non-finite value {value} at row {}, column {}; every value must be finite", index.0, index.1)]
    NonFinite {
        /// The object's name.
        object: String,
        /// The parameter holding the value.
        parameter: String,
        /// `(row, column)` of the value: `(i, 0)` for per-neuron or
        /// per-element vectors, `(0, 0)` for a scalar.
        index: (usize, usize),
        /// The offending value.
        value: f64,
    },
    /// A slice index past the end of the object it selects from.
    #[error("{object}: slice index {index} is out of range for {size} elements")]
    SliceOutOfRange {
        /// The sliced object's name.
        object: String,
        /// The offending index.
        index: usize,
        /// The object's size.
        size: usize,
    },
    /// An object whose arrays would exceed the build's size cap
    /// ([`MAX_ELEMENTS`](crate::limits::MAX_ELEMENTS) values each).
    #[error("{object}: {what} of {size} values exceed the limit of {limit} values per array")]
    TooLarge {
        /// The object's name.
        object: String,
        /// The array ("encoders", "evaluation points", …).
        what: &'static str,
        /// Its requested shape, as `rows × cols`.
        size: String,
        /// The cap.
        limit: usize,
    },
    /// The neurons of a direct-mode ensemble used (connected, probed, given
    /// an initial state): it has none.
    #[error("ensemble `{ensemble}` is in Direct mode and has no neurons to connect or probe; use its decoded value")]
    NoNeurons {
        /// The ensemble's name.
        ensemble: String,
    },
    /// A slice that selects no element: an empty or reversed range, or an
    /// empty list of indices.
    #[error("{object}: the selection {selection} picks no element; a slice needs at least one")]
    EmptySlice {
        /// The sliced object's name.
        object: String,
        /// The selection as written (`2..1`, `[]`).
        selection: String,
    },
    /// A handle from another network, or one that does not exist.
    #[error("{kind} #{index} does not belong to this network")]
    UnknownObject {
        /// "ensemble", "node", …
        kind: &'static str,
        /// The handle's index.
        index: usize,
    },
    /// A built model simulated at another step than it was built for: its
    /// decoders and synapse mappings hold only for the build's `dt`.
    #[error(
        "the model was built for dt = {built}, not dt = {asked}; simulate it with \
         `Simulator::new(&built)`, which steps at the build's dt, or build it again with \
         `BuildOptions::default().dt({asked})`"
    )]
    BuiltForOtherDt {
        /// The build's step.
        built: f64,
        /// The step asked for.
        asked: f64,
    },
    /// A build asked to run its parallel work on a number of threads it
    /// cannot have (zero, or a thread pool the system refuses).
    #[error("build option threads = {threads} is invalid: {reason}")]
    Threads {
        /// The number of threads asked for.
        threads: usize,
        /// Why it cannot be used.
        reason: String,
    },
    /// Two objects with one name in the same network.
    #[error("the name `{0}` is already used in this network")]
    DuplicateName(String),
    /// A probe of an attribute the object does not have.
    #[error("{object} has no attribute `{attr}` to probe; it has: {}", available.join(", "))]
    MissingAttribute {
        /// The probed object's name.
        object: String,
        /// The requested attribute.
        attr: String,
        /// What it does have.
        available: Vec<String>,
    },
    /// A neuron type that rejects its parameters or tuning.
    #[error("ensemble `{ensemble}`: {source}")]
    Neuron {
        /// The ensemble's name.
        ensemble: String,
        /// The neuron type's error.
        source: snn_core::NeuronError,
    },
    /// A distribution that cannot be sampled.
    #[error("{object}: `{param}`: {source}")]
    Distribution {
        /// The object's name.
        object: String,
        /// The parameter drawn from it.
        param: &'static str,
        /// The distribution's error.
        source: DistributionError,
    },
    /// A decoder solve that failed.
    #[error("{object}: {source}")]
    Solver {
        /// The connection or probe's name.
        object: String,
        /// The solver's error.
        source: SolverError,
    },
    /// A synapse that cannot be used.
    #[error("{object}: {source}")]
    Synapse {
        /// The connection or probe's name.
        object: String,
        /// The synapse's error.
        source: snn_core::SynapseError,
    },
    /// The decoder cache's folder could not be created, read or written.
    #[error("decoder cache `{}`: cannot {action}: {reason}", path.display())]
    DecoderCache {
        /// The file or folder concerned.
        path: std::path::PathBuf,
        /// What was being done ("create the folder", "write", …).
        action: &'static str,
        /// The operating system's message.
        reason: String,
    },
    /// The compiled network was rejected by the simulator.
    #[error(transparent)]
    Sim(#[from] snn_core::SimError),
}

/// A [`BuildError::InvalidParameter`] of `object`: the one constructor
/// every check of a declaration uses.
pub(crate) fn invalid_parameter(
    object: &str,
    param: &'static str,
    value: impl ToString,
    reason: &str,
) -> BuildError {
    BuildError::InvalidParameter {
        object: object.to_string(),
        param,
        value: value.to_string(),
        reason: reason.to_string(),
    }
}
