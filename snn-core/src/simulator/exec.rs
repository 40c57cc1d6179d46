//! The means of a run: threads, the worker pool, scratch buffers and where
//! streamed samples go. None of it is simulation state; none of it changes
//! a result.

use super::links::Scratch;
use super::pool::Pool;
use super::progress::Progress;
use super::recorder::Sink;
use super::tuner::StageTuner;

/// How a simulator runs its steps.
#[derive(Debug)]
pub(crate) struct Exec {
    /// Threads that step the neurons of large stages.
    pub threads: usize,
    /// Worker threads, started on the first step that can use them.
    pub pool: Option<Pool>,
    /// For each stage, whether its blocks run faster on one thread or all.
    pub tuners: Vec<StageTuner>,
    /// Input currents of the block being stepped (serial stages).
    pub currents: Vec<f32>,
    /// Buffers for links that slice or apply a function.
    pub scratch: Scratch,
    /// For noise processes that write their output before adding it.
    pub noise_scratch: Vec<f64>,
    /// Each population's summed input vector of this step.
    pub inputs: Vec<Vec<f64>>,
    /// Each population's summed direct currents (empty when it has none).
    pub direct: Vec<Vec<f64>>,
    /// For each probe, the sink its samples stream to, if any. Sinks
    /// outlive a reset: streaming probes keep streaming.
    pub sinks: Vec<Option<Sink>>,
    /// When runs report progress.
    pub progress: Progress,
}

impl Exec {
    /// Buffers for a network of populations of `(dims, neurons, direct)`,
    /// `stages` stages and `probes` probes, run on `threads` threads.
    pub fn new(
        threads: usize,
        pops: impl Iterator<Item = (usize, usize, bool)>,
        stages: usize,
        probes: usize,
    ) -> Self {
        let (inputs, direct) = pops
            .map(|(dims, n, direct)| (vec![0.0; dims], vec![0.0; if direct { n } else { 0 }]))
            .unzip();
        Self {
            threads,
            pool: None,
            tuners: vec![StageTuner::default(); stages],
            currents: Vec::new(),
            scratch: Scratch::default(),
            noise_scratch: Vec::new(),
            inputs,
            direct,
            sinks: std::iter::repeat_with(|| None).take(probes).collect(),
            progress: Progress::default(),
        }
    }

    /// Runs on `threads` threads from now on (a new pool, timed anew).
    pub fn set_threads(&mut self, threads: usize) {
        if threads != self.threads {
            self.threads = threads;
            self.pool = None;
            let stages = self.tuners.len();
            self.tuners = vec![StageTuner::default(); stages];
        }
    }
}
