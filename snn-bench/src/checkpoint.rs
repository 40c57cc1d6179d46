//! `snn-bench checkpoint MODEL SIZE [--seconds S] [--threads N]`: how long
//! saving and resuming a run of a benchmark model takes, and proof that the
//! resumed run continues bit for bit.
//!
//! The model runs for S simulated seconds (default 0.1) and is saved to a
//! checkpoint in the system's temporary folder (deleted at the end); the
//! checkpoint is resumed (which builds the model again, as a new process
//! would); then the original and the resumed simulator both run another
//! 0.1 s and every probe's data is compared. Prints one JSON line:
//! `save_s` (the save alone), `resume_s` (build and load), `build_s` (a
//! plain build of the same model, to tell the load from the build),
//! `checkpoint_bytes` and `checkpoint_mb`, and `identical`.

use crate::models;
use snn::core::ProbeKey;
use snn::Simulator;
use std::time::Instant;

/// What `snn-bench checkpoint` is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckpointArgs {
    /// The benchmark model and its total neurons.
    pub model: String,
    pub size: usize,
    /// Simulated seconds before the save.
    pub seconds: f64,
    /// Simulator threads.
    pub threads: usize,
}

/// Runs the measurement and returns its JSON line.
pub fn run(args: &CheckpointArgs) -> Result<serde_json::Value, String> {
    let model = models::build(&args.model, args.size)?;
    let start = Instant::now();
    let mut sim = Simulator::new(&model.net).map_err(|e| e.to_string())?;
    let build_s = start.elapsed().as_secs_f64();
    sim.set_threads(args.threads).map_err(|e| e.to_string())?;
    sim.run(args.seconds).map_err(|e| e.to_string())?;

    let path = std::env::temp_dir().join(format!(
        "snn-bench-{}-{}-{}.ckpt",
        args.model,
        args.size,
        std::process::id()
    ));
    let saved_at = sim.n_steps();
    let start = Instant::now();
    sim.save_checkpoint(&path).map_err(|e| e.to_string())?;
    let save_s = start.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path).map_err(|e| e.to_string())?.len();

    let start = Instant::now();
    let resumed = Simulator::resume(&model.net, &path);
    let resume_s = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&path);
    let mut resumed = resumed.map_err(|e| e.to_string())?;
    resumed
        .set_threads(args.threads)
        .map_err(|e| e.to_string())?;

    sim.run(0.1).map_err(|e| e.to_string())?;
    resumed.run(0.1).map_err(|e| e.to_string())?;
    let owner = sim.network().owner;
    let mut identical = sim.n_steps() == resumed.n_steps();
    for index in 0..sim.network().probes.len() {
        let a = sim.data(ProbeKey { owner, index });
        let b = resumed.data(ProbeKey {
            owner: resumed.network().owner,
            index,
        });
        identical &= a.map_err(|e| e.to_string())? == b.map_err(|e| e.to_string())?;
    }
    let round = |s: f64| (s * 1e4).round() / 1e4;
    Ok(serde_json::json!({
        "model": args.model,
        "size": args.size,
        "neurons": model.neurons,
        "steps_before_save": saved_at,
        "checkpoint_bytes": bytes,
        "checkpoint_mb": (bytes as f64 / 1e4).round() / 100.0,
        "save_s": round(save_s),
        "resume_s": round(resume_s),
        "build_s": round(build_s),
        "identical": identical,
        "threads": sim.threads(),
    }))
}
