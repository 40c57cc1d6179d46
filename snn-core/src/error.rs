//! Typed errors of the machine: bad parameters and failures while stepping.

use thiserror::Error;

/// A neuron type's parameters or tuning request cannot be honoured.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum NeuronError {
    /// A parameter is non-finite or outside its allowed range.
    #[error("{neuron}: parameter `{param}` = {value} is invalid: {reason}")]
    InvalidParameter {
        /// The neuron type's name.
        neuron: &'static str,
        /// The parameter's name.
        param: &'static str,
        /// The offending value.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// A requested max rate is above what the type can fire at.
    #[error(
        "{neuron}: max rate {rate} Hz (neuron {index}) is not reachable; the limit is {limit} Hz"
    )]
    UnreachableRate {
        /// The neuron type's name.
        neuron: &'static str,
        /// Index of the neuron asking for it.
        index: usize,
        /// The requested rate.
        rate: f64,
        /// The highest reachable rate.
        limit: f64,
    },
    /// An intercept outside [-1, 1), or a non-finite one.
    #[error("{neuron}: intercept {value} (neuron {index}) must lie in [-1, 1)")]
    InvalidIntercept {
        /// The neuron type's name.
        neuron: &'static str,
        /// Index of the neuron.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// A max rate that is not a positive finite number.
    #[error("{neuron}: max rate {value} (neuron {index}) must be positive and finite")]
    InvalidMaxRate {
        /// The neuron type's name.
        neuron: &'static str,
        /// Index of the neuron.
        index: usize,
        /// The offending value.
        value: f64,
    },
    /// The numeric inversion of the rate curve found no threshold or no
    /// current reaching the requested rate.
    #[error("{neuron}: could not find {what} by searching currents up to ±{searched}")]
    TuningFailed {
        /// The neuron type's name.
        neuron: &'static str,
        /// What was sought ("the firing threshold", "a current giving 400 Hz").
        what: String,
        /// The largest |J| tried.
        searched: f64,
    },
    /// A step `dt` the neuron type cannot take stably or at a bounded cost.
    #[error("{neuron}: cannot step with dt = {dt} s: {reason}")]
    InvalidDt {
        /// The neuron type's name.
        neuron: &'static str,
        /// The refused step (s).
        dt: f64,
        /// Why it is refused.
        reason: String,
    },
}

/// A synapse cannot be built or discretized.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SynapseError {
    /// A time constant that is negative or not finite.
    #[error("{synapse}: time constant {name} = {value} must be finite and non-negative")]
    InvalidTimeConstant {
        /// The synapse kind.
        synapse: &'static str,
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: f64,
    },
    /// A transfer function with more zeros than poles (not realizable).
    #[error("transfer function is not proper: numerator degree {num_degree} exceeds denominator degree {den_degree}")]
    NotProper {
        /// Degree of the numerator.
        num_degree: usize,
        /// Degree of the denominator.
        den_degree: usize,
    },
    /// A transfer function with a zero or non-finite coefficient where one is required.
    #[error("transfer function is invalid: {reason}")]
    InvalidTransferFunction {
        /// What is wrong.
        reason: String,
    },
    /// A step dt that is not positive and finite.
    #[error("dt = {0} must be positive and finite")]
    InvalidDt(f64),
    /// A parameter other than a time constant that is non-finite or outside
    /// its allowed range (a mixing weight outside `[0, 1]`).
    #[error("{synapse}: parameter {name} = {value} is invalid: {reason}")]
    InvalidParameter {
        /// The synapse kind.
        synapse: &'static str,
        /// The parameter's name.
        name: &'static str,
        /// The offending value.
        value: f64,
        /// What the parameter must satisfy.
        reason: &'static str,
    },
    /// A finite impulse response shorter than one simulation step, which
    /// the step cannot resolve.
    #[error("{synapse}: {name} = {value} is shorter than the step dt = {dt}")]
    ShorterThanStep {
        /// The synapse kind.
        synapse: &'static str,
        /// The parameter's name.
        name: &'static str,
        /// The offending length, in seconds.
        value: f64,
        /// The step it was discretized for.
        dt: f64,
    },
}

/// Objects of a loop named in an error before it is cut short.
const LOOP_SHOWN: usize = 6;

/// `a -> b -> c -> a`: the loop closed on its first object; a loop of more
/// than [`LOOP_SHOWN`] objects shows its first ones and its length, so a
/// loop of 10000 nodes stays one line.
fn loop_text(cycle: &[String]) -> String {
    let Some(first) = cycle.first() else {
        return "(empty loop)".into();
    };
    if cycle.len() <= LOOP_SHOWN {
        let mut parts: Vec<&str> = cycle.iter().map(String::as_str).collect();
        parts.push(first);
        return parts.join(" -> ");
    }
    let shown: Vec<&str> = cycle[..LOOP_SHOWN].iter().map(String::as_str).collect();
    format!(
        "{} -> ... ({} objects in the loop)",
        shown.join(" -> "),
        cycle.len()
    )
}

/// Why a checkpoint could not be saved or resumed (inside
/// [`SimError::Checkpoint`], which names the file).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CheckpointError {
    /// The file system refused an operation.
    #[error("could not {operation}: {message}")]
    Io {
        /// What was being done.
        operation: &'static str,
        /// The operating system's message.
        message: String,
    },
    /// The file does not start as a checkpoint does.
    #[error("it is not a checkpoint of this simulator (it does not start with SNNCKPT)")]
    NotACheckpoint,
    /// The file was written in a format newer than this version reads.
    #[error("it is in checkpoint format {found}, newer than format {supported}, the newest this version of snn-core reads")]
    NewerFormat {
        /// The file's format.
        found: u32,
        /// The newest format this version reads.
        supported: u32,
    },
    /// The file was written in an older format, whose state lacks parts
    /// this version keeps (format 1: no process or noise state; format 2:
    /// neuron noise not yet in the blocks).
    #[error("it is in checkpoint format {found}, older than format {supported}, the only one this version of snn-core reads")]
    OlderFormat {
        /// The file's format.
        found: u32,
        /// The format this version reads.
        supported: u32,
    },
    /// The file is shorter than its header says (an interrupted copy).
    #[error("it is truncated: {found} bytes where its header announces {expected}")]
    Truncated {
        /// Bytes the file should have.
        expected: u64,
        /// Bytes it has.
        found: u64,
    },
    /// The file's contents are damaged.
    #[error("it is corrupted: {0}")]
    Corrupt(String),
    /// The checkpoint was saved from a different model.
    #[error("it was saved from another model (fingerprint {saved:016x}; this model's is {model:016x}): the structure, a parameter, the seed or dt differs")]
    OtherModel {
        /// The fingerprint in the file.
        saved: u64,
        /// The fingerprint of the model given to resume.
        model: u64,
    },
}

/// A compiled network that cannot be simulated, or a simulation that must stop.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SimError {
    /// A step `dt` that is not positive and finite.
    #[error("dt = {0} must be positive and finite")]
    InvalidDt(f64),
    /// A step `dt` at or below f32 resolution, where the neurons' f32
    /// state updates would round away
    /// ([`DT_RESOLUTION`](crate::network::DT_RESOLUTION)).
    #[error("dt = {dt} s is not above {resolution} s (2^-24 s): the neurons' f32 state would not change in such a step")]
    DtBelowResolution {
        /// The refused step (s).
        dt: f64,
        /// The resolution a step must exceed (s).
        resolution: f64,
    },
    /// A run length that is negative or non-finite.
    #[error("cannot run for {0} seconds: the duration must be finite and non-negative")]
    InvalidDuration(f64),
    /// A run whose step count does not fit the u64 step counter.
    #[error("cannot run {steps} more steps after {done}: the step count would overflow u64")]
    TooManySteps {
        /// The steps asked for.
        steps: f64,
        /// Steps taken before.
        done: u64,
    },
    /// A run whose stored probe data would not fit in memory.
    #[error("running {steps} steps (after {done}) would hold {bytes} bytes of probe data, more than the {limit} bytes of memory here; stream the probes (Simulator::stream), record less often (sample_every), or run shorter stretches and take_data between them")]
    ProbeMemory {
        /// The steps asked for.
        steps: u64,
        /// Steps taken before.
        done: u64,
        /// Bytes the probes would hold at the end of the run.
        bytes: u128,
        /// The memory limit (bytes).
        limit: u64,
    },
    /// A buffer sized by the network's declared sizes would not fit in memory.
    #[error(
        "{object}: {what} would need {bytes} bytes, more than the {limit} bytes of memory here"
    )]
    TooLarge {
        /// The object, with its kind (`node \`x\``).
        object: String,
        /// Which buffers.
        what: String,
        /// The bytes they would need.
        bytes: u128,
        /// The memory limit (bytes).
        limit: u64,
    },
    /// A thread count below 1.
    #[error("thread count must be at least 1, got {0}")]
    InvalidThreads(usize),
    /// A node function returned a vector of the wrong length.
    #[error(
        "node `{node}` returned {got} values at t = {t}, but its output has {expected} dimensions"
    )]
    NodeOutputLength {
        /// The node's label.
        node: String,
        /// Its declared output size.
        expected: usize,
        /// The length it returned.
        got: usize,
        /// Simulation time of the call.
        t: f64,
    },
    /// A node function returned NaN or an infinity.
    #[error(
        "node `{node}` output {value} in dimension {index} at t = {t}; node outputs must be finite"
    )]
    NodeNonFinite {
        /// The node's label.
        node: String,
        /// The dimension holding the bad value.
        index: usize,
        /// The bad value.
        value: f64,
        /// Simulation time of the call.
        t: f64,
    },
    /// A connection's function returned a vector of the wrong length.
    #[error("the function of connection `{link}` returned {got} values at t = {t}, but it was declared with {expected}")]
    LinkFunctionLength {
        /// The connection's label.
        link: String,
        /// Its declared output size.
        expected: usize,
        /// The length it returned.
        got: usize,
        /// Simulation time of the call.
        t: f64,
    },
    /// A connection carried NaN or an infinity (from its function, its
    /// transform, its source or an unstable synapse).
    #[error("connection `{link}`: {stage} is {value} in element {index} at t = {t}; every signal must stay finite")]
    LinkNonFinite {
        /// The connection's label (`a -> b` for a model's connection).
        link: String,
        /// Which of its signals: "the value it carries" (before the
        /// synapse) or "the output of its synapse".
        stage: &'static str,
        /// The element holding the bad value.
        index: usize,
        /// The bad value.
        value: f64,
        /// Simulation time of the step.
        t: f64,
    },
    /// The summed input of a node or a population is not finite although
    /// each connection into it is (their sum overflowed), or is so large
    /// that the population's f32 input currents would overflow.
    #[error(
        "{object}: {what} is {value} in element {index} at t = {t}; every signal must stay finite"
    )]
    InputNonFinite {
        /// The object, with its kind (`population \`a\``).
        object: String,
        /// Which sum failed.
        what: &'static str,
        /// The element holding the bad (or, for an overflow, largest) value.
        index: usize,
        /// The bad value.
        value: f64,
        /// Simulation time of the step.
        t: f64,
    },
    /// A neuron's state became NaN or infinite (a diverging model).
    #[error("population `{population}`: neuron {neuron} has a non-finite state at t = {t}; its model diverged (try a smaller dt or other parameters)")]
    NonFiniteNeuronState {
        /// The population's label.
        population: String,
        /// Index of the first neuron found.
        neuron: usize,
        /// Simulation time of the step.
        t: f64,
    },
    /// A learning rule drove its link's matrix to NaN or infinity (a
    /// learning rate too large for the model).
    #[error("learning rule `{rule}`: the learned weights diverged at t = {t} (weight {index} is {value}); lower the learning rate")]
    LearningDiverged {
        /// The rule's label (its connection's).
        rule: String,
        /// Index of the first non-finite weight (`i * out + o`).
        index: usize,
        /// Its value.
        value: f64,
        /// Simulation time of the step.
        t: f64,
    },
    /// Unfiltered connections form a loop, so no step order can compute them.
    #[error(
        "unfiltered connections form a loop: {}; put a synapse on one of them",
        loop_text(cycle)
    )]
    AlgebraicLoop {
        /// Labels of the objects on one such loop, in the order the signal
        /// flows (each feeds the next, the last feeds the first).
        cycle: Vec<String>,
    },
    /// The compiled network is inconsistent (a shape or index mismatch).
    #[error("invalid compiled network: {0}")]
    InvalidNetwork(String),
    /// A probe handle that does not belong to this simulator.
    #[error("probe #{index} does not exist (this simulator has {count} probes)")]
    UnknownProbe {
        /// The handle's index.
        index: usize,
        /// How many probes there are.
        count: usize,
    },
    /// A synapse that cannot be discretized.
    #[error(transparent)]
    Synapse(#[from] SynapseError),
    /// A probe's sink failed to take a sample.
    #[error("probe `{probe}` could not stream its sample at t = {t}: {message}")]
    ProbeSink {
        /// The probe's label.
        probe: String,
        /// Simulated time of the sample (s).
        t: f64,
        /// The sink's error.
        message: String,
    },
    /// A checkpoint that could not be saved or resumed.
    #[error("checkpoint `{}`: {problem}", path.display())]
    Checkpoint {
        /// The checkpoint file.
        path: std::path::PathBuf,
        /// What went wrong.
        problem: CheckpointError,
    },
    /// `data` was asked of a probe that streams its samples to a sink.
    #[error("probe `{probe}` streams its samples to a sink, so the simulator keeps none")]
    ProbeStreamed {
        /// The probe's label.
        probe: String,
    },
    /// A neuron type with invalid parameters.
    #[error(transparent)]
    Neuron(#[from] NeuronError),
}
