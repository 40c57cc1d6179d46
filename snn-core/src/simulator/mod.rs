//! The simulator: steps a compiled network and records its probes.
//!
//! The modules use one another in one direction only: `kernels` (loops on
//! slices) <- `block` (a block of neurons and its state) <- `layout` (which
//! block holds which neurons) <- `state` (what a run changes) <- `decode`
//! <- `links` <- `recorder` <- `plan` (what is decided once) <- `exec`
//! (threads, scratch, sinks) <- `step` (one step) <- this module, the
//! public `Simulator`; `checkpoint` saves and restores its state.

mod block;
mod checkpoint;
mod decode;
mod exec;
mod finite;
mod kernels;
mod layout;
mod learn;
mod links;
mod memory;
mod order;
mod plan;
mod pool;
mod probes;
pub mod progress;
mod recorder;
mod state;
mod step;
mod terms;
mod tuner;

#[cfg(test)]
mod tests;

use crate::error::SimError;
use crate::network::{CompiledNetwork, Model, Origin};
pub use checkpoint::FORMAT_VERSION as CHECKPOINT_FORMAT_VERSION;
use exec::Exec;
pub use memory::{memory_limit, FALLBACK_MEMORY_LIMIT};
use plan::Plan;
pub use progress::Progress;
use progress::Tracker;
pub use recorder::{ProbeSink, SinkError};
use state::SimState;
use std::sync::Arc;
use step::Step;

/// Nengo's default time step (s).
pub const DEFAULT_DT: f64 = 0.001;

/// A handle to a probe's recorded data: the owner id of the network it
/// belongs to and its index there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProbeKey {
    /// The id of the model that declared the probe (0 for hand-built networks).
    pub owner: u64,
    /// The probe's index in the compiled network.
    pub index: usize,
}

/// Steps a [`CompiledNetwork`].
///
/// Each step advances time by `dt` and computes, in an order where every
/// unfiltered signal is ready before it is read: node outputs (functions of
/// the step's time `t` and their summed input) and population outputs
/// (`J = bias + E x + I`, then the neuron update). Filtered links are read as
/// they stood after the previous step and then updated with this step's
/// values, so a filter always delays by one step, as in Nengo. Probes record
/// at the end of the step.
///
/// Everything runs in a fixed order, so the same network gives bit-identical
/// results on every run. Populations that do not read each other's output
/// within a step are stepped together, their neurons in blocks spread over
/// [`threads`](Self::set_threads) threads; each block's arithmetic is the same
/// whichever thread runs it, so results are also bit-identical at any thread
/// count.
///
/// ```
/// use snn_core::network::{NodeKind, NodeSpec, ProbeSpec, ProbeTarget, Source};
/// use snn_core::synapses::{Lowpass, Synapse};
/// use snn_core::{CompiledNetwork, ProbeKey, Simulator};
///
/// # fn main() -> Result<(), snn_core::SimError> {
/// // A hand-built network: a constant node, probed through Lowpass(0.01).
/// let mut net = CompiledNetwork::new(0.001);
/// net.nodes.push(NodeSpec {
///     label: "one".into(),
///     size_in: 0,
///     size_out: 1,
///     kind: NodeKind::Constant(vec![1.0]),
/// });
/// net.probes.push(ProbeSpec {
///     label: "filtered".into(),
///     target: ProbeTarget::Source(Source::Node(0)),
///     synapse: Some(Lowpass(0.01).discretize(0.001)?),
///     sample_every: None,
/// });
/// let mut sim = Simulator::from_compiled(net)?;
/// sim.run(0.1)?;
/// let y = sim.data(ProbeKey { owner: 0, index: 0 })?;
/// // The step response of Lowpass(0.01), one step late: 1 - exp(-0.099 / 0.01).
/// assert!((y[(99, 0)] - (1.0 - (-9.9f64).exp())).abs() < 1e-9);
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Simulator {
    /// What is simulated (never changed; shared with a built model).
    net: Arc<CompiledNetwork>,
    /// What the model kept of its build ([`Model::compile_kept`]).
    origin: Option<Origin>,
    /// What was decided once about `net`: stages, blocks, links, probes.
    plan: Plan,
    /// Everything a run changes; a reset makes it anew from the plan.
    state: SimState,
    /// Threads, pool, scratch buffers and probe sinks.
    exec: Exec,
}

/// The thread count a new simulator uses: `SNN_THREADS` if set to a positive
/// integer, else the machine's available parallelism.
fn default_threads() -> usize {
    std::env::var("SNN_THREADS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

impl Simulator {
    /// Builds `model` with Nengo's default `dt` of 1 ms, or simulates an
    /// already built model at the `dt` it was built for
    /// ([`Model::built_dt`]).
    pub fn new<M: Model + ?Sized>(model: &M) -> Result<Self, M::Error> {
        Self::with_dt(model, model.built_dt().unwrap_or(DEFAULT_DT))
    }

    /// Builds `model` with step `dt` (seconds).
    pub fn with_dt<M: Model + ?Sized>(model: &M, dt: f64) -> Result<Self, M::Error> {
        crate::network::check_dt(dt)?;
        let (net, origin) = model.compile_kept(dt)?;
        let mut sim = Self::from_shared(net)?;
        sim.origin = origin;
        Ok(sim)
    }

    /// A simulator of an already compiled network.
    pub fn from_compiled(net: CompiledNetwork) -> Result<Self, SimError> {
        Self::from_shared(Arc::new(net))
    }

    /// A simulator of a compiled network shared with its owner (a built
    /// model keeps the same one, so nothing is copied).
    pub fn from_shared(net: Arc<CompiledNetwork>) -> Result<Self, SimError> {
        net.validate()?;
        memory::check_network(&net)?;
        let plan = Plan::new(&net)?;
        let state = plan.initial_state(&net);
        let exec = Exec::new(
            default_threads(),
            net.populations
                .iter()
                .zip(&plan.pops)
                .map(|(p, pp)| (p.dims, p.n, pp.direct)),
            plan.stages.len(),
            net.probes.len(),
        );
        Ok(Self {
            net,
            origin: None,
            plan,
            state,
            exec,
        })
    }

    /// Returns every state to time 0 and discards recorded data. The plan
    /// is kept (nothing is decided again), and so are the thread setting and
    /// the sinks of streaming probes, which keep streaming.
    pub fn reset(&mut self) -> Result<(), SimError> {
        self.state = self.plan.initial_state(&self.net);
        Ok(())
    }

    /// The time step (s).
    pub fn dt(&self) -> f64 {
        self.net.dt
    }

    /// Simulated time (s): steps taken times `dt`.
    pub fn time(&self) -> f64 {
        self.state.n_steps as f64 * self.net.dt
    }

    /// Number of steps taken since the last reset.
    pub fn n_steps(&self) -> u64 {
        self.state.n_steps
    }

    /// Threads that step the neurons of large stages (see [`set_threads`](Self::set_threads)).
    pub fn threads(&self) -> usize {
        self.exec.threads
    }

    /// Sets how many threads step the neurons: the calling thread plus
    /// `threads - 1` workers, started when a step first needs them (only
    /// stages of at least 4096 neurons in several blocks use them, where timing their first steps shows a gain). The default is `SNN_THREADS`
    /// or the machine's available parallelism. Results are bit-identical
    /// whatever the count.
    pub fn set_threads(&mut self, threads: usize) -> Result<(), SimError> {
        if threads == 0 {
            return Err(SimError::InvalidThreads(threads));
        }
        self.exec.set_threads(threads);
        Ok(())
    }

    /// The compiled network being simulated.
    pub fn network(&self) -> &CompiledNetwork {
        &self.net
    }

    /// What the model kept of its build ([`Model::compile_kept`]), for the
    /// model's crate to downcast (snn-nef's `built()` reads its
    /// `BuiltModel` here); `None` for a compiled network given directly.
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }

    /// Runs for `seconds` of simulated time (rounded to whole steps).
    pub fn run(&mut self, seconds: f64) -> Result<(), SimError> {
        if !(seconds.is_finite() && seconds >= 0.0) {
            return Err(SimError::InvalidDuration(seconds));
        }
        let steps = (seconds / self.net.dt).round();
        // 2^64 as f64 is exact; anything at or above it is not a u64.
        if steps >= 18_446_744_073_709_551_616.0 {
            return Err(SimError::TooManySteps {
                steps,
                done: self.state.n_steps,
            });
        }
        self.run_steps(steps as u64)
    }

    /// Runs `n` steps, reporting progress as [`set_progress`](Self::set_progress) asks.
    ///
    /// Refused up front, before any step, when the step count would
    /// overflow ([`SimError::TooManySteps`]) or when the data the probes
    /// would then hold (held now plus the samples due, one time and `dims`
    /// values each) is more than the machine's memory
    /// ([`SimError::ProbeMemory`], see [`memory_limit`]): streamed probes
    /// hold nothing and `sample_every` thins the samples.
    pub fn run_steps(&mut self, n: u64) -> Result<(), SimError> {
        if self.state.n_steps.checked_add(n).is_none() {
            return Err(SimError::TooManySteps {
                steps: n as f64,
                done: self.state.n_steps,
            });
        }
        memory::check_run(&self.plan.probes, &self.state, &self.exec.sinks, n)?;
        let mut tracker = Tracker::steps(self.exec.progress, n, self.time(), self.net.dt);
        for done in 1..=n {
            self.step()?;
            tracker.tick(done);
        }
        tracker.finish();
        Ok(())
    }

    /// Advances the simulation by one step.
    pub fn step(&mut self) -> Result<(), SimError> {
        Step {
            net: &self.net,
            plan: &self.plan,
            state: &mut self.state,
            exec: &mut self.exec,
        }
        .run()
    }
}
