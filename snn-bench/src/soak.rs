//! `snn-bench soak SIZE [--seconds S] [--every S]`: a long run whose probes
//! are all streamed, checking that resident memory stays flat.
//!
//! The model is the `channel` benchmark (sin(2πt) → A → B, SIZE/2 neurons
//! each) with three streamed probes: B's decoded value every 10 ms into a
//! [`CsvSink`] on a temporary file (deleted at the end), A's spikes every
//! step and B's decoded value every step into counting sinks. Nothing is
//! kept in memory, so after the first interval the resident set size
//! (`VmRSS`) should not grow with simulated time; it is sampled every
//! `--every` simulated seconds (default 60) and reported as first, last,
//! largest and growth (last − first), in MB.

use snn::io::{column_names, CsvSink};
use snn::prelude::*;
use snn::ProbeSink;
use std::f64::consts::PI;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// What a soak run is asked to do.
#[derive(Debug, Clone, PartialEq)]
pub struct SoakArgs {
    /// Total neurons.
    pub size: usize,
    /// Simulated seconds in all.
    pub seconds: f64,
    /// Simulated seconds between two memory samples.
    pub every: f64,
    /// Simulator threads.
    pub threads: usize,
}

/// Resident set size of this process (MB), from `/proc/self/status`.
pub fn rss_mb() -> Option<f64> {
    status_kb("VmRSS:").map(|kb| kb / 1024.0)
}

fn status_kb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Counters shared between a counting sink and the report: samples
/// received, values that are non-zero (spikes, for a spike probe) and
/// values that are not finite.
#[derive(Default, Clone)]
struct Counts(Arc<[AtomicU64; 3]>);

impl Counts {
    /// A sink that only counts what it is sent.
    fn sink(&self) -> impl ProbeSink {
        let counts = Arc::clone(&self.0);
        move |_t: f64, values: &[f64]| {
            let nonzero = values.iter().filter(|v| **v != 0.0).count() as u64;
            let nonfinite = values.iter().filter(|v| !v.is_finite()).count() as u64;
            counts[0].fetch_add(1, Ordering::Relaxed);
            counts[1].fetch_add(nonzero, Ordering::Relaxed);
            counts[2].fetch_add(nonfinite, Ordering::Relaxed);
            Ok::<(), std::io::Error>(())
        }
    }

    fn samples(&self) -> u64 {
        self.0[0].load(Ordering::Relaxed)
    }

    fn nonzero(&self) -> u64 {
        self.0[1].load(Ordering::Relaxed)
    }

    fn nonfinite(&self) -> u64 {
        self.0[2].load(Ordering::Relaxed)
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let s = 10f64.powi(digits);
    (x * s).round() / s
}

/// The `channel` benchmark model with streamed probes instead of stored
/// ones: B's decoded value every 10 ms (for the CSV file), A's spikes and
/// B's decoded value every step.
struct Soak {
    net: Network,
    csv: ProbeId,
    spikes: ProbeId,
    decoded: ProbeId,
}

fn model(size: usize) -> Result<Soak, BuildError> {
    let half = size / 2;
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", Node::time(|t| (2.0 * PI * t).sin()))?;
    let a = net.ensemble("a", Ensemble::new(half, 1))?;
    let b = net.ensemble("b", Ensemble::new(half, 1))?;
    net.connect(Connection::new(stim, a))?;
    net.connect(Connection::new(a, b))?;
    let csv = net.probe(Probe::new(b).synapse(0.01).sample_every(0.01))?;
    let spikes = net.probe(Probe::spikes(a))?;
    let decoded = net.probe(Probe::new(b).synapse(0.01))?;
    Ok(Soak {
        net,
        csv,
        spikes,
        decoded,
    })
}

/// Runs the soak and returns its report (one JSON object).
pub fn run(args: &SoakArgs) -> Result<serde_json::Value, String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let soak = model(args.size).map_err(|e| err(&e))?;
    let start = Instant::now();
    let mut sim = Simulator::new(&soak.net).map_err(|e| err(&e))?;
    sim.set_threads(args.threads).map_err(|e| err(&e))?;
    let build_s = start.elapsed().as_secs_f64();

    let path = std::env::temp_dir().join(format!("snn-soak-{}.csv", std::process::id()));
    let csv = CsvSink::create(&path, &column_names("b", 1)).map_err(|e| err(&e))?;
    sim.stream(soak.csv, csv).map_err(|e| err(&e))?;
    let spike_count = Counts::default();
    let decoded_count = Counts::default();
    sim.stream(soak.spikes, spike_count.sink())
        .map_err(|e| err(&e))?;
    sim.stream(soak.decoded, decoded_count.sink())
        .map_err(|e| err(&e))?;

    let intervals = (args.seconds / args.every).ceil().max(1.0) as usize;
    let mut rss = Vec::with_capacity(intervals);
    let start = Instant::now();
    let mut done = 0.0;
    for _ in 0..intervals {
        let chunk = (args.seconds - done).min(args.every);
        sim.run(chunk).map_err(|e| err(&e))?;
        done += chunk;
        let now = rss_mb().unwrap_or(f64::NAN);
        eprintln!("soak: {done:>7.0} s simulated, rss {now:.1} MB");
        rss.push(now);
    }
    let run_s = start.elapsed().as_secs_f64();
    for probe in [soak.csv, soak.spikes, soak.decoded] {
        sim.finish_stream(probe).map_err(|e| err(&e))?;
    }
    let csv_bytes = std::fs::metadata(&path).map(|m| m.len());
    let _ = std::fs::remove_file(&path);
    let csv_bytes = csv_bytes.map_err(|e| format!("{}: {e}", path.display()))?;

    let (first, last) = (rss[0], rss[rss.len() - 1]);
    let max = rss.iter().copied().fold(f64::NAN, f64::max);
    Ok(serde_json::json!({
        "model": "soak",
        "size": args.size,
        "neurons": 2 * (args.size / 2),
        "seconds": done,
        "threads": sim.threads(),
        "build_s": round(build_s, 3),
        "run_s": round(run_s, 2),
        "sim_s_per_sim_s": round(run_s / done, 5),
        "spike_samples": spike_count.samples(),
        "spikes": spike_count.nonzero(),
        "decoded_samples": decoded_count.samples(),
        "nonfinite_values": spike_count.nonfinite() + decoded_count.nonfinite(),
        "csv_bytes": csv_bytes,
        "rss_every_s": args.every,
        "rss_first_mb": round(first, 1),
        "rss_last_mb": round(last, 1),
        "rss_max_mb": round(max, 1),
        "rss_growth_mb": round(last - first, 1),
        "peak_rss_mb": status_kb("VmHWM:").map(|kb| round(kb / 1024.0, 1)),
        "rss_mb": rss.iter().map(|v| round(*v, 1)).collect::<Vec<_>>(),
    }))
}
