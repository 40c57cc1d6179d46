//! The simulator: steps a compiled network and records its probes.

mod decode;
mod encode;
mod finite;
mod memory;
mod order;
mod pool;
mod probes;
pub mod progress;
mod recorder;
mod shard;
mod signals;
mod tuner;

#[cfg(test)]
mod tests;

use crate::error::SimError;
use crate::network::{CompiledNetwork, Model, NodeKind, Origin, ProbeTarget, Source, Target};
use decode::{plan_decoding, DENSE_MAX_DIMS};
use finite::{all_finite, CurrentBound};
pub use memory::{memory_limit, FALLBACK_MEMORY_LIMIT};
use order::{stages, step_order, Stage};
use pool::Pool;
pub use progress::Progress;
use progress::Tracker;
use recorder::Recorder;
pub use recorder::{ProbeSink, SinkError};
use shard::{Kept, Layout, Shard, SHARD_SIZE};
use signals::{add_into, eval_link, LinkState, NodeState, PopState, Populations, Scratch};
use std::sync::{Mutex, PoisonError};

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
    net: CompiledNetwork,
    owner: u64,
    stages: Vec<Stage>,
    /// For each stage, its blocks of neurons.
    stage_shards: Vec<std::ops::Range<usize>>,
    /// For each stage, whether its blocks run faster on one thread or all.
    tuners: Vec<tuner::StageTuner>,
    node_links: Vec<Vec<usize>>,
    pop_links: Vec<Vec<usize>>,
    filtered: Vec<usize>,
    n_steps: u64,
    nodes: Vec<NodeState>,
    pops: Populations,
    links: Vec<LinkState>,
    probes: Vec<Recorder>,
    scratch: Scratch,
    progress: Progress,
    threads: usize,
    /// Input currents of the block being stepped (serial stages).
    currents: Vec<f32>,
    /// Each population's summed input vector of this step.
    inputs: Vec<Vec<f64>>,
    /// Each population's summed direct currents (empty when it has none).
    currents_in: Vec<Vec<f64>>,
    /// Worker threads, started on the first step that can use them.
    pool: Option<Pool>,
    /// For each population, what bounds its currents (finiteness check).
    bounds: Vec<CurrentBound>,
    /// What the model kept of its build ([`Model::compile_kept`]).
    origin: Option<Origin>,
}

/// Neurons a stage needs before spreading its blocks over threads is even
/// tried; above it, the stage's first steps time both ways and keep the
/// faster (`tuner`).
const PARALLEL_MIN_NEURONS: usize = SHARD_SIZE;

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
    /// Builds `model` with Nengo's default `dt` of 1 ms.
    pub fn new<M: Model + ?Sized>(model: &M) -> Result<Self, M::Error> {
        Self::with_dt(model, DEFAULT_DT)
    }

    /// Builds `model` with step `dt` (seconds).
    pub fn with_dt<M: Model + ?Sized>(model: &M, dt: f64) -> Result<Self, M::Error> {
        crate::network::check_dt(dt)?;
        let (net, origin) = model.compile_kept(dt)?;
        let mut sim = Self::from_compiled(net)?;
        sim.origin = origin;
        Ok(sim)
    }

    /// A simulator of an already compiled network.
    pub fn from_compiled(net: CompiledNetwork) -> Result<Self, SimError> {
        net.validate()?;
        memory::check_network(&net)?;
        let order = step_order(&net)?;
        let stages = stages(&net, &order);
        let mut node_links = vec![Vec::new(); net.nodes.len()];
        let mut pop_links = vec![Vec::new(); net.populations.len()];
        for (i, link) in net.links.iter().enumerate() {
            match link.target {
                Target::Node(n) => node_links[n].push(i),
                Target::Population(p) | Target::Neurons(p) => pop_links[p].push(i),
            }
        }
        let filtered = (0..net.links.len())
            .filter(|&i| net.links[i].synapse.is_some())
            .collect();
        let owner = net.owner;
        let mut sim = Self {
            owner,
            stages,
            stage_shards: Vec::new(),
            tuners: Vec::new(),
            node_links,
            pop_links,
            filtered,
            n_steps: 0,
            nodes: Vec::new(),
            pops: Populations::default(),
            links: Vec::new(),
            probes: Vec::new(),
            scratch: Scratch::default(),
            progress: Progress::default(),
            threads: default_threads(),
            currents: Vec::new(),
            inputs: Vec::new(),
            currents_in: Vec::new(),
            pool: None,
            bounds: net.populations.iter().map(CurrentBound::of).collect(),
            origin: None,
            net,
        };
        sim.reset()?;
        Ok(sim)
    }

    /// Returns every state to time 0 and discards recorded data.
    pub fn reset(&mut self) -> Result<(), SimError> {
        let net = &self.net;
        self.n_steps = 0;
        self.nodes = net
            .nodes
            .iter()
            .map(|n| NodeState {
                input: vec![0.0; n.size_in],
                output: match &n.kind {
                    NodeKind::Constant(v) => v.clone(),
                    _ => vec![0.0; n.size_out],
                },
            })
            .collect();
        let mut keep = vec![Kept::default(); net.populations.len()];
        for source in net
            .links
            .iter()
            .map(|l| &l.source)
            .chain(net.probes.iter().filter_map(|p| match &p.target {
                ProbeTarget::Source(s) => Some(s),
                _ => None,
            }))
        {
            match source {
                Source::Neurons(pop) => keep[*pop].outputs = true,
                Source::Decoded { pop, dims, .. } if *dims > DENSE_MAX_DIMS => {
                    keep[*pop].outputs = true
                }
                _ => {}
            }
        }
        for (kept, links) in keep.iter_mut().zip(&self.pop_links) {
            kept.direct = links
                .iter()
                .any(|&l| matches!(net.links[l].target, Target::Neurons(_)));
        }
        for probe in &net.probes {
            match probe.target {
                ProbeTarget::InputCurrent(p) => keep[p].currents = true,
                ProbeTarget::State { pop, var } => keep[pop].read_state_var(var),
                ProbeTarget::Source(_) => {}
            }
        }
        let layout = Layout::new(net, &self.stages, &keep);
        let pops = net
            .populations
            .iter()
            .zip(&keep)
            .zip(layout.parts)
            .map(|((p, kept), parts)| PopState {
                current_in: if kept.direct {
                    vec![0.0; p.n]
                } else {
                    Vec::new()
                },
                n: p.n,
                parts,
            })
            .collect();
        self.pops = Populations {
            pops,
            shards: layout.shards,
        };
        let pops = &mut self.pops;
        self.stage_shards = layout.stage_shards;
        if self.tuners.len() != self.stages.len() {
            self.tuners = vec![tuner::StageTuner::default(); self.stages.len()];
        }
        self.inputs = net.populations.iter().map(|p| vec![0.0; p.dims]).collect();
        self.currents_in = pops.pops.iter().map(|p| p.current_in.clone()).collect();
        self.links = net
            .links
            .iter()
            .map(|l| {
                let out = l.out_dims(net)?;
                Ok(LinkState {
                    mid: vec![0.0; l.mid_dims(net)?],
                    value: vec![0.0; out],
                    filter: l.synapse.as_ref().map(|f| f.state(out)),
                    decoding: plan_decoding(&l.source, net, pops),
                })
            })
            .collect::<Result<_, SimError>>()?;
        // Streaming probes keep streaming after a reset.
        let mut sinks: Vec<_> = self.probes.iter_mut().map(|r| r.sink.take()).collect();
        sinks.resize_with(net.probes.len(), || None);
        self.probes = net
            .probes
            .iter()
            .zip(sinks)
            .map(|(p, sink)| {
                let dims = p.dims(net)?;
                Ok(Recorder {
                    dims,
                    period: p.sample_every.map_or(1.0, |s| s / net.dt),
                    value: vec![0.0; dims],
                    filter: p.synapse.as_ref().map(|f| f.state(dims)),
                    decoding: match &p.target {
                        ProbeTarget::Source(s) => plan_decoding(s, net, pops),
                        _ => None,
                    },
                    data: Vec::new(),
                    times: Vec::new(),
                    sink,
                })
            })
            .collect::<Result<_, SimError>>()?;
        Ok(())
    }

    /// The time step (s).
    pub fn dt(&self) -> f64 {
        self.net.dt
    }

    /// Simulated time (s): steps taken times `dt`.
    pub fn time(&self) -> f64 {
        self.n_steps as f64 * self.net.dt
    }

    /// Number of steps taken since the last reset.
    pub fn n_steps(&self) -> u64 {
        self.n_steps
    }

    /// Threads that step the neurons of large stages (see [`set_threads`](Self::set_threads)).
    pub fn threads(&self) -> usize {
        self.threads
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
        if threads != self.threads {
            self.threads = threads;
            self.pool = None;
            self.tuners = vec![tuner::StageTuner::default(); self.stages.len()];
        }
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
                done: self.n_steps,
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
        if self.n_steps.checked_add(n).is_none() {
            return Err(SimError::TooManySteps {
                steps: n as f64,
                done: self.n_steps,
            });
        }
        memory::check_run(&self.probes, self.n_steps, n)?;
        let mut tracker = Tracker::steps(self.progress, n, self.time(), self.net.dt);
        for done in 1..=n {
            self.step()?;
            tracker.tick(done);
        }
        tracker.finish();
        Ok(())
    }

    /// Advances the simulation by one step.
    pub fn step(&mut self) -> Result<(), SimError> {
        let step = self.n_steps + 1;
        let t = step as f64 * self.net.dt;
        for k in 0..self.stages.len() {
            match &self.stages[k] {
                Stage::Node(n) => self.step_node(*n, t)?,
                Stage::Populations(ps) => {
                    let ps = std::sync::Arc::clone(ps);
                    for &p in ps.iter() {
                        self.gather_population(p, t)?;
                    }
                    self.step_neurons(k, t)?;
                }
            }
        }
        for &l in &self.filtered {
            let link = &self.net.links[l];
            let state = &mut self.links[l];
            let mut filter = state.filter.take();
            let result = eval_link(link, state, &self.nodes, &self.pops, &mut self.scratch)
                .map_err(|got| link_fn_error(link, got, t))
                .and_then(|value| {
                    if !all_finite(value) {
                        return Err(link_non_finite(link, "the value it carries", value, t));
                    }
                    if let (Some(f), Some(fs)) = (&link.synapse, &mut filter) {
                        f.update(fs, value);
                    }
                    Ok(())
                });
            state.filter = filter;
            result?;
        }
        for (spec, rec) in self.net.probes.iter().zip(&mut self.probes) {
            rec.record(spec, step, t, &self.nodes, &self.pops)
                .map_err(|e| SimError::ProbeSink {
                    probe: spec.label.clone(),
                    t,
                    message: e.to_string(),
                })?;
        }
        self.n_steps = step;
        Ok(())
    }

    /// Sums the incoming links of a unit into `target`: a filtered link gives
    /// its filter's output from the last step, an unfiltered one its value now.
    fn gather(
        &mut self,
        links_of: &[usize],
        t: f64,
        mut target: impl FnMut(Target, &[f64], Option<&[usize]>),
    ) -> Result<(), SimError> {
        for &l in links_of {
            let link = &self.net.links[l];
            let state = &mut self.links[l];
            match &state.filter {
                Some(fs) => {
                    let value = fs.output();
                    if !all_finite(value) {
                        return Err(link_non_finite(link, "the output of its synapse", value, t));
                    }
                    target(link.target, value, link.post_slice.as_deref());
                }
                None => {
                    let value = eval_link(link, state, &self.nodes, &self.pops, &mut self.scratch)
                        .map_err(|got| link_fn_error(link, got, t))?;
                    if !all_finite(value) {
                        return Err(link_non_finite(link, "the value it carries", value, t));
                    }
                    target(link.target, value, link.post_slice.as_deref());
                }
            }
        }
        Ok(())
    }

    fn step_node(&mut self, n: usize, t: f64) -> Result<(), SimError> {
        let links_of = std::mem::take(&mut self.node_links[n]);
        let mut input = std::mem::take(&mut self.nodes[n].input);
        signals::zero(&mut input);
        let res = self.gather(&links_of, t, |_, v, s| add_into(v, s, &mut input));
        self.node_links[n] = links_of;
        let spec = &self.net.nodes[n];
        if let Err(e) = res {
            self.nodes[n].input = input;
            return Err(e);
        }
        if !all_finite(&input) {
            let err = input_non_finite(
                format!("node `{}`", spec.label),
                "the sum of its inputs",
                &input,
                t,
            );
            self.nodes[n].input = input;
            return Err(err);
        }
        let node = &mut self.nodes[n];
        match &spec.kind {
            NodeKind::Constant(_) => {}
            NodeKind::Passthrough => signals::copy(&mut node.output, &input),
            NodeKind::Function(f) => {
                f(t, &input, &mut node.output).map_err(|got| SimError::NodeOutputLength {
                    node: spec.label.clone(),
                    expected: spec.size_out,
                    got,
                    t,
                })?;
                if let Some((index, &value)) =
                    node.output.iter().enumerate().find(|(_, v)| !v.is_finite())
                {
                    return Err(SimError::NodeNonFinite {
                        node: spec.label.clone(),
                        index,
                        value,
                        t,
                    });
                }
            }
        }
        node.input = input;
        Ok(())
    }

    /// Sums the inputs of population `p` for this step into its `x` and
    /// direct currents.
    fn gather_population(&mut self, p: usize, t: f64) -> Result<(), SimError> {
        // Sums go to buffers only this thread touches; then each value is
        // written once where the block stepping the population reads it
        // (no write here shares a cache line with a worker's reads).
        let links_of = std::mem::take(&mut self.pop_links[p]);
        let mut x = std::mem::take(&mut self.inputs[p]);
        let mut current = std::mem::take(&mut self.currents_in[p]);
        signals::zero(&mut x);
        if !current.is_empty() {
            current.fill(0.0);
        }
        let res = self.gather(&links_of, t, |target, v, s| match target {
            Target::Neurons(_) => add_into(v, s, &mut current),
            _ => add_into(v, s, &mut x),
        });
        self.pop_links[p] = links_of;
        let res = res.and_then(|()| {
            if self.bounds[p].holds(&x, &current) {
                return Ok(());
            }
            let object = format!("population `{}`", self.net.populations[p].label);
            Err(if !all_finite(&x) {
                input_non_finite(object, "the sum of its inputs", &x, t)
            } else if !all_finite(&current) {
                input_non_finite(object, "the sum of its direct currents", &current, t)
            } else {
                let (index, value) = finite::largest(&x);
                SimError::InputNonFinite {
                    object,
                    what: "its input, too large for its f32 input currents (|J| < 3.4e38),",
                    index,
                    value,
                    t,
                }
            })
        });
        let Populations { pops, shards } = &mut self.pops;
        for part in &pops[p].parts {
            let dst = &mut shards[part.shard].inputs[part.x_offset..part.x_offset + x.len()];
            for (d, &v) in dst.iter_mut().zip(&x) {
                *d = v as f32;
            }
        }
        if !current.is_empty() {
            pops[p].current_in.copy_from_slice(&current);
        }
        self.inputs[p] = x;
        self.currents_in[p] = current;
        res
    }

    /// Steps the neurons of every population of stage `k`, in parallel when
    /// the stage is large and threads are allowed.
    fn step_neurons(&mut self, k: usize, t: f64) -> Result<(), SimError> {
        let dt = self.net.dt as f32;
        let range = self.stage_shards[k].clone();
        let Populations { pops, shards } = &mut self.pops;
        let shards = &mut shards[range];
        let size: usize = shards.iter().map(Shard::len).sum();
        let eligible = self.threads > 1 && shards.len() > 1 && size >= PARALLEL_MIN_NEURONS;
        let tuner = &mut self.tuners[k];
        let parallel = eligible && tuner.parallel();
        let timer = (eligible && tuner.measuring()).then(std::time::Instant::now);
        let failure = if parallel {
            let pool = self.pool.get_or_insert_with(|| Pool::new(self.threads));
            // Each block with the first non-finite neuron it reports.
            let cells: Vec<BlockCell<'_>> = shards
                .iter_mut()
                .map(|s| CacheLine(Mutex::new((s, None))))
                .collect();
            let pops: &[PopState] = pops;
            pool.run(cells.len(), &|i| {
                let mut cell = cells[i].0.lock().unwrap_or_else(PoisonError::into_inner);
                cell.1 = cell.0.step(dt, pops);
            });
            cells
                .into_iter()
                .find_map(|c| c.0.into_inner().unwrap_or_else(PoisonError::into_inner).1)
        } else {
            shards
                .iter_mut()
                .find_map(|shard| shard.step_with(dt, pops, &mut self.currents))
        };
        if let Some(start) = timer {
            let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
            tuner.record(parallel, nanos);
        }
        match failure {
            Some((p, neuron)) => Err(SimError::NonFiniteNeuronState {
                population: self.net.populations[p].label.clone(),
                neuron,
                t,
            }),
            None => Ok(()),
        }
    }
}

/// A block handed to the pool, with the (population, neuron) of the first
/// non-finite state its step reports.
/// Each on its own cache line, so the threads locking neighbouring blocks
/// do not pass one line back and forth.
type BlockCell<'a> = CacheLine<Mutex<(&'a mut Shard, Option<(usize, usize)>)>>;

/// A value aligned to its own (pair of) cache lines.
#[repr(align(128))]
struct CacheLine<T>(T);

/// The error for a non-finite signal of `link` (after `all_finite` failed).
fn link_non_finite(
    link: &crate::network::Link,
    stage: &'static str,
    value: &[f64],
    t: f64,
) -> SimError {
    let (index, value) = finite::first_non_finite(value).unwrap_or((0, f64::NAN));
    SimError::LinkNonFinite {
        link: link.label.clone(),
        stage,
        index,
        value,
        t,
    }
}

/// The error for a non-finite summed input of `object`.
fn input_non_finite(object: String, what: &'static str, value: &[f64], t: f64) -> SimError {
    let (index, value) = finite::first_non_finite(value).unwrap_or((0, f64::NAN));
    SimError::InputNonFinite {
        object,
        what,
        index,
        value,
        t,
    }
}

fn link_fn_error(link: &crate::network::Link, got: usize, t: f64) -> SimError {
    SimError::LinkFunctionLength {
        link: link.label.clone(),
        expected: link.function.as_ref().map_or(0, |(_, n)| *n),
        got,
        t,
    }
}
