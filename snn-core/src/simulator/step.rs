//! One step of the simulation: nodes and populations in stage order, then
//! the filters, then the probes.

use super::block::BlockState;
use super::block::BLOCK_SIZE;
use super::exec::Exec;
use super::finite::{self, all_finite};
use super::kernels;
use super::links::{add_into, eval_link, Scratch};
use super::order::Stage;
use super::plan::LinkPlan;
use super::plan::Plan;
use super::pool::Pool;
use super::recorder::Learning;
use super::state::{LinkState, Neurons, NodeState, SimState};
use super::terms::{PlainPopulation, SumBatch};
use crate::error::SimError;
use crate::network::{CompiledNetwork, Link, NodeKind, NodeSpec, ProbeTarget, Target};
use crate::processes::ProcessState;

/// Neurons a stage needs before spreading its blocks over threads is even
/// tried; above it, the stage's first steps time both ways and keep the
/// faster (`tuner`).
pub(crate) const PARALLEL_MIN_NEURONS: usize = BLOCK_SIZE;

/// What a step reads (the network and the plan) and what it writes (the
/// state, and the scratch and sinks of `exec`).
pub(crate) struct Step<'a> {
    pub net: &'a CompiledNetwork,
    pub plan: &'a Plan,
    pub state: &'a mut SimState,
    pub exec: &'a mut Exec,
}

impl Step<'_> {
    /// Advances the state by one step.
    pub fn run(&mut self) -> Result<(), SimError> {
        let step = self.state.n_steps + 1;
        let t = step as f64 * self.net.dt;
        let plan = self.plan;
        for (k, stage) in plan.stages.iter().enumerate() {
            match stage {
                // Computed by the blocks' step of its host stage.
                Stage::Node(n) if plan.deferred[*n] => {}
                Stage::Node(n) => self.step_node(*n, t)?,
                Stage::Populations(_) => {
                    for &p in &plan.gathered[k] {
                        self.gather_population_in_full(p, t)?;
                    }
                    self.step_neurons(k, t)?;
                }
            }
        }
        self.gather_rule_inputs(t)?;
        let (net, state, exec) = (self.net, &mut *self.state, &mut *self.exec);
        let neurons = plan.neurons(&state.blocks);
        for (&l, fast) in plan.filtered.iter().zip(&plan.filter_terms) {
            // A plain read into a first-order filter is updated in place;
            // on a value that is not finite it falls to the general path,
            // which names the link.
            if let (Some(fast), Some(fs)) = (fast, &mut state.links[l].filter) {
                if fast.update((&state.nodes, &state.blocks), fs.output_mut()) {
                    continue;
                }
            }
            let link = &net.links[l];
            let ls = &mut state.links[l];
            let mut filter = ls.filter.take();
            let decoding = &plan.links[l];
            let inputs = (&state.nodes[..], &neurons);
            let means = (&mut exec.scratch, exec.pool.as_ref());
            let result = carried(link, decoding, ls, inputs, means, t).map(|value| {
                if let (Some(f), Some(fs)) = (&link.synapse, &mut filter) {
                    f.update(fs, value);
                }
            });
            ls.filter = filter;
            result?;
        }
        // A probe of a learned matrix records the one this step used (as
        // Nengo's probes of `weights` and `scaled_encoders` do), so it reads
        // before the rules change it; the rules' own signals after.
        self.record_probes(step, t, true)?;
        self.update_rules(t)?;
        self.record_probes(step, t, false)?;
        let state = &mut *self.state;
        state.n_steps = step;
        Ok(())
    }

    /// Records the probes of learned matrices (`learned`) or the others.
    fn record_probes(&mut self, step: u64, t: f64, learned: bool) -> Result<(), SimError> {
        let (net, plan, state, exec) = (self.net, self.plan, &mut *self.state, &mut *self.exec);
        let neurons = plan.neurons(&state.blocks);
        for (((spec, pp), ps), sink) in net
            .probes
            .iter()
            .zip(&plan.probes)
            .zip(&mut state.probes)
            .zip(&mut exec.sinks)
        {
            let reads_learned = matches!(
                spec.target,
                ProbeTarget::Weights(_) | ProbeTarget::Encoders(_)
            );
            if reads_learned != learned {
                continue;
            }
            pp.record(
                spec,
                ps,
                sink.as_mut(),
                step,
                t,
                &state.nodes,
                &neurons,
                Learning {
                    net,
                    links: &state.links,
                    rules: &state.rules,
                    encoders: &state.encoders,
                },
            )
            .map_err(|e| SimError::ProbeSink {
                probe: spec.label.clone(),
                t,
                message: e.to_string(),
            })?;
        }
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
        let (net, plan) = (self.net, self.plan);
        let state = &mut *self.state;
        let neurons = plan.neurons(&state.blocks);
        for &l in links_of {
            let link = &net.links[l];
            let ls = &mut state.links[l];
            match &ls.filter {
                Some(fs) => {
                    let value = fs.output();
                    if !all_finite(value) {
                        return Err(link_non_finite(link, "the output of its synapse", value, t));
                    }
                    target(link.target, value, link.post_slice.as_deref());
                }
                None => {
                    let decoding = &plan.links[l];
                    let inputs = (&state.nodes[..], &neurons);
                    let means = (&mut self.exec.scratch, self.exec.pool.as_ref());
                    let value = carried(link, decoding, ls, inputs, means, t)?;
                    target(link.target, value, link.post_slice.as_deref());
                }
            }
        }
        Ok(())
    }

    /// Sums every learning rule's input (its error) for this step, before the
    /// links' filters move on, so a rule reads its filtered input as a node
    /// or population does: the filter's output from the last step.
    fn gather_rule_inputs(&mut self, t: f64) -> Result<(), SimError> {
        let (net, plan) = (self.net, self.plan);
        for (r, spec) in net.rules.iter().enumerate() {
            let mut input = std::mem::take(&mut self.state.rules[r].input);
            input.fill(spec.rule.input_baseline());
            let res = self.gather(&plan.rule_links[r], t, |_, v, s| add_into(v, s, &mut input));
            self.state.rules[r].input = input;
            res?;
        }
        Ok(())
    }

    fn step_node(&mut self, n: usize, t: f64) -> Result<(), SimError> {
        let mut input = std::mem::take(&mut self.state.nodes[n].input);
        kernels::zero(&mut input);
        let plain = match self.plan.node_terms[n] {
            Some(at) => {
                let s = &*self.state;
                for term in self.plan.terms.of(at) {
                    term.add_into((&s.nodes, &s.links, &s.blocks), &mut input);
                }
                all_finite(&input)
            }
            None => false,
        };
        // Summed the general way when a term's sum is not finite, so the
        // link at fault is found and named.
        let res = if plain {
            Ok(())
        } else {
            kernels::zero(&mut input);
            self.gather(&self.plan.node_links[n], t, |_, v, s| {
                add_into(v, s, &mut input)
            })
        };
        let spec = &self.net.nodes[n];
        let node = &mut self.state.nodes[n];
        if let Err(e) = res {
            node.input = input;
            return Err(e);
        }
        if !all_finite(&input) {
            let err = input_non_finite(
                format!("node `{}`", spec.label),
                "the sum of its inputs",
                &input,
                t,
            );
            node.input = input;
            return Err(err);
        }
        if matches!(spec.kind, NodeKind::Passthrough) {
            // Its output is its summed input: the two buffers trade places
            // (the old output is zeroed and summed into next step), which
            // saves copying a junction of many ensembles' values.
            std::mem::swap(&mut node.output, &mut input);
            node.input = input;
            return Ok(());
        }
        let res = compute_node(spec, t, &input, &mut node.output, node.process.as_mut());
        node.input = input;
        res
    }

    /// Sums the inputs of population `p` for this step (one its block does
    /// not sum itself, `Plan::gathered`) link by link, with every signal
    /// checked, direct currents, noise and encoder rules, and copies them
    /// (its `x` and direct currents) into every block holding its neurons.
    fn gather_population_in_full(&mut self, p: usize, t: f64) -> Result<(), SimError> {
        // Sums go to buffers only this thread touches; then each value is
        // written once where the block stepping the population reads it
        // (no write here shares a cache line with a worker's reads).
        let mut x = std::mem::take(&mut self.exec.inputs[p]);
        let mut current = std::mem::take(&mut self.exec.direct[p]);
        kernels::zero(&mut x);
        if !current.is_empty() {
            current.fill(0.0);
        }
        let plan = self.plan;
        let res = self.gather(&plan.pop_links[p], t, |target, v, s| match target {
            Target::Neurons(_) => add_into(v, s, &mut current),
            _ => add_into(v, s, &mut x),
        });
        // An encoder rule reads the population's whole input vector of this
        // step, as Nengo's Voja reads the ensemble's input signal (the sum
        // of every connection into it).
        for &r in &plan.encoder_rules[p] {
            self.state.rules[r].pre.copy_from_slice(&x);
        }
        let learned = plan.learned_encoders[p];
        if learned && res.is_ok() {
            // J_i += Σ_d E[i, d] x_d, with the encoders as learned so far.
            let dims = x.len();
            let encoders = &self.state.encoders[p];
            for (j, e) in current.iter_mut().zip(encoders.chunks_exact(dims.max(1))) {
                *j += e.iter().zip(&x).map(|(a, b)| a * b).sum::<f64>();
            }
        }
        if let (Some(noise), Some(ns)) = (&self.net.populations[p].noise, &mut self.state.noise[p])
        {
            if res.is_ok() {
                noise.add_step(t, ns, &mut current, &mut self.exec.noise_scratch);
            }
        }
        let res = res.and_then(|()| {
            // Learned encoders are applied above, in f64: the currents
            // carry the whole input.
            let encoded: &[f64] = if learned { &[] } else { &x };
            if all_finite(&x) && self.plan.bounds[p].holds(encoded, &current) {
                return Ok(());
            }
            let object = format!("population `{}`", self.net.populations[p].label);
            Err(if !all_finite(&x) {
                input_non_finite(object, "the sum of its inputs", &x, t)
            } else if !all_finite(&current) {
                input_non_finite(object, "the sum of its direct currents", &current, t)
            } else {
                let (index, value) = finite::largest(if learned { &current } else { &x });
                SimError::InputNonFinite {
                    object,
                    what: "its input, too large for its f32 input currents (|J| < 3.4e38),",
                    index,
                    value,
                    t,
                }
            })
        });
        let blocks = &mut self.state.blocks;
        for part in &self.plan.pops[p].parts {
            let block = &mut blocks[part.block];
            if !learned {
                let dst = &mut block.inputs[part.x_offset..part.x_offset + x.len()];
                for (d, &v) in dst.iter_mut().zip(&x) {
                    *d = v as f32;
                }
            }
            if !current.is_empty() {
                block.direct[part.offset..part.offset + part.len]
                    .copy_from_slice(&current[part.start..part.start + part.len]);
            }
        }
        self.exec.inputs[p] = x;
        self.exec.direct[p] = current;
        res
    }

    /// Steps the neurons of every block of stage `k`, in parallel when the
    /// stage is large and threads are allowed.
    fn step_neurons(&mut self, k: usize, t: f64) -> Result<(), SimError> {
        let dt = self.net.dt as f32;
        let plan = self.plan;
        let range = plan.stage_blocks[k].clone();
        let blocks = &plan.blocks[range.clone()];
        let sums = &plan.block_sums[range.clone()];
        let batches = &plan.block_batches[range.clone()];
        // The nodes computed alongside this stage's blocks leave the state
        // for the stage (nothing the blocks read).
        let net = self.net;
        let mut work: Vec<NodeWork> = plan.stage_nodes[k]
            .iter()
            .map(|&n| {
                let node = &mut self.state.nodes[n];
                NodeWork {
                    node: n,
                    output: std::mem::take(&mut node.output),
                    process: node.process.take(),
                    result: Ok(()),
                }
            })
            .collect();
        let run_node = |w: &mut NodeWork| {
            let (n, output, process) = (w.node, &mut w.output, w.process.as_mut());
            w.result = compute_node(&net.nodes[n], t, &[], output, process);
        };
        let SimState {
            nodes,
            blocks: all_states,
            links,
            ..
        } = &mut *self.state;
        let (earlier, states) = all_states.split_at_mut(range.start);
        let states = &mut states[..range.len()];
        let sources = (&nodes[..], &links[..], &earlier[..]);
        // A block sums its own plain populations' inputs, then steps; a
        // sum that fails its check leaves the block unstepped.
        let step_block = |i: usize, s: &mut BlockState, j: Option<&mut Vec<f32>>| {
            s.input_failed = !sum_block_inputs(plan, (&sums[i], &batches[i]), sources, s);
            if s.input_failed {
                s.failure = None;
                return;
            }
            match j {
                Some(j) => s.failure = blocks[i].step_with(dt, s, j),
                None => blocks[i].step(dt, s),
            }
        };
        let size: usize = blocks.iter().map(|b| b.len()).sum();
        let exec = &mut *self.exec;
        let eligible = exec.threads > 1 && blocks.len() > 1 && size >= PARALLEL_MIN_NEURONS;
        let tuner = &mut exec.tuners[k];
        let parallel = eligible && tuner.parallel();
        let timer = (eligible && tuner.measuring()).then(std::time::Instant::now);
        let threads = exec.threads;
        let mut took_part = 1;
        if parallel {
            let pool = exec.pool.get_or_insert_with(|| Pool::new(threads));
            if work.is_empty() {
                took_part = pool.for_each_mut(states, &|i, s| step_block(i, s, None));
            } else {
                // The nodes last, so a thread that finishes its blocks
                // early takes them.
                let mut tasks: Vec<Task<'_>> = states
                    .iter_mut()
                    .map(Task::Block)
                    .chain(work.iter_mut().map(Task::Node))
                    .collect();
                took_part = pool.for_each_mut(&mut tasks, &|i, task| match task {
                    Task::Block(s) => step_block(i, s, None),
                    Task::Node(w) => run_node(w),
                });
            }
        } else {
            for (i, s) in states.iter_mut().enumerate() {
                step_block(i, s, Some(&mut exec.currents));
                if s.failure.is_some() || s.input_failed {
                    break;
                }
            }
            work.iter_mut().for_each(run_node);
        }
        // The nodes back in the state; the first to fail is the step's error.
        let mut node_error = Ok(());
        for w in work {
            let node = &mut nodes[w.node];
            node.output = w.output;
            node.process = w.process;
            if node_error.is_ok() {
                node_error = w.result;
            }
        }
        node_error?;
        if let Some(start) = timer {
            let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
            tuner.record(parallel, nanos, (took_part, threads));
        } else if eligible {
            tuner.tick();
        }
        // An input that failed its check is summed again the general way,
        // which names the link or population at fault.
        let mut failed = Vec::new();
        for (s, sums) in states.iter_mut().zip(sums) {
            if std::mem::take(&mut s.input_failed) {
                failed.extend(sums.iter().map(|plain| plain.pop as usize));
            }
        }
        for &p in &failed {
            self.gather_population_in_full(p, t)?;
        }
        if let Some(&p) = failed.first() {
            // The general path checks all the terms' check does and more,
            // so it has returned an error above; should it not, the block
            // did not step and the run must not go on as if it had.
            return Err(SimError::InputNonFinite {
                object: format!("population `{}`", self.net.populations[p].label),
                what: "the sum of its inputs",
                index: 0,
                value: f64::NAN,
                t,
            });
        }
        let failure = self.state.blocks[range]
            .iter()
            .zip(blocks)
            .find_map(|(s, b)| s.failure.map(|i| b.locate(i)));
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

thread_local! {
    /// The summed input of the population a block is summing.
    static SUM: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Sums the inputs of the plain populations `sums` of a block from their
/// terms into its state's inputs, batch by batch (`batches`, see
/// [`SumBatch`](super::terms::SumBatch)); false at the first sum failing
/// its check (then the step sums that block's populations the general
/// way).
fn sum_block_inputs(
    plan: &Plan,
    (sums, batches): (&[PlainPopulation], &[SumBatch]),
    sources: (&[NodeState], &[LinkState], &[BlockState]),
    s: &mut BlockState,
) -> bool {
    if sums.is_empty() {
        return true;
    }
    SUM.with_borrow_mut(|x| {
        for batch in batches {
            let plains = &sums[batch.start as usize..batch.end as usize];
            let (Some(term), [first, _, ..]) = (batch.term, plains) else {
                // One population alone.
                for plain in plains {
                    x.clear();
                    x.resize(plain.dims as usize, 0.0);
                    for term in plan.terms.of((plain.first, plain.count)) {
                        term.add_into(sources, x);
                    }
                    if !plan.bounds[plain.pop as usize].holds_encoded(x) {
                        return false;
                    }
                    let at = plain.x_offset as usize;
                    for (d, &v) in s.inputs[at..at + x.len()].iter_mut().zip(x.iter()) {
                        *d = v as f32;
                    }
                }
                continue;
            };
            x.clear();
            x.resize(term.len as usize, 0.0);
            term.add_into(sources, x);
            let base = first.x_offset as usize;
            for plain in plains {
                let at = plain.x_offset as usize - base;
                let mine = &x[at..at + plain.dims as usize];
                if !plan.bounds[plain.pop as usize].holds_encoded(mine) {
                    return false;
                }
            }
            for (d, &v) in s.inputs[base..base + x.len()].iter_mut().zip(x.iter()) {
                *d = v as f32;
            }
        }
        true
    })
}

/// A node's output of this step from its summed `input`: a function's or
/// a process's, checked (a wrong length or a value that is not finite is
/// an error naming the node).
fn compute_node(
    spec: &NodeSpec,
    t: f64,
    input: &[f64],
    output: &mut [f64],
    process: Option<&mut ProcessState>,
) -> Result<(), SimError> {
    match &spec.kind {
        NodeKind::Constant(_) => return Ok(()),
        NodeKind::Passthrough => {
            kernels::copy(output, input);
            return Ok(());
        }
        NodeKind::Function(f) => {
            f(t, input, output).map_err(|got| SimError::NodeOutputLength {
                node: spec.label.clone(),
                expected: spec.size_out,
                got,
                t,
            })?;
        }
        NodeKind::Process(p) => {
            let state = process.expect("a process node has its state");
            p.step(t, input, state, output);
        }
    }
    match output.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        Some((index, &value)) => Err(SimError::NodeNonFinite {
            node: spec.label.clone(),
            index,
            value,
            t,
        }),
        None => Ok(()),
    }
}

/// A node computed alongside the blocks of a stage ([`Plan::stage_nodes`]),
/// its output and process state taken out of the state for the stage.
struct NodeWork {
    node: usize,
    output: Vec<f64>,
    process: Option<ProcessState>,
    result: Result<(), SimError>,
}

/// One task of a stage: a block to step, or a node to compute.
enum Task<'s> {
    Block(&'s mut BlockState),
    Node(&'s mut NodeWork),
}

/// The value `link` carries this step ([`eval_link`]), checked: a
/// run-time function of the wrong length or a non-finite value is an error
/// naming the link.
fn carried<'a>(
    link: &Link,
    decoding: &LinkPlan,
    ls: &'a mut LinkState,
    (nodes, neurons): (&'a [NodeState], &Neurons<'_>),
    means: (&'a mut Scratch, Option<&Pool>),
    t: f64,
) -> Result<&'a [f64], SimError> {
    let value = eval_link(link, decoding, ls, nodes, neurons, means)
        .map_err(|got| link_fn_error(link, got, t))?;
    if !all_finite(value) {
        return Err(link_non_finite(link, "the value it carries", value, t));
    }
    Ok(value)
}

/// The error for a non-finite signal of `link` (after `all_finite` failed).
fn link_non_finite(link: &Link, stage: &'static str, value: &[f64], t: f64) -> SimError {
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

fn link_fn_error(link: &Link, got: usize, t: f64) -> SimError {
    SimError::LinkFunctionLength {
        link: link.label.clone(),
        expected: link.function.as_ref().map_or(0, |(_, n)| *n),
        got,
        t,
    }
}
