//! `snn-bench MODEL SIZE [--threads N] [--seconds S] [--cache DIR]`: builds
//! and runs one benchmark model of `docs/benchmarks.md` and prints one
//! JSON line with the fields of Nengo's side, `scripts/nengo_bench.py` (`model, size,
//! neurons, build_s, sim_s_per_sim_s, rmse`) plus `threads` and
//! `peak_rss_mb`. Without `--cache` the build is cold, as Nengo's script
//! (which turns its decoder cache off) measures it.
//!
//! `snn-bench soak SIZE [--seconds S] [--every S] [--threads N]` is the
//! memory soak of [`soak`]: a long run with every probe streamed, printing
//! the resident memory sampled along the way (one JSON line).
//!
//! `snn-bench checkpoint MODEL SIZE [--seconds S] [--threads N]` times
//! saving and resuming a run of a model ([`checkpoint`]).

mod bandwidth;
mod checkpoint;
mod models;
mod soak;

use snn::Simulator;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug)]
struct Args {
    model: String,
    size: usize,
    threads: usize,
    seconds: f64,
    /// Whether `--seconds` was given (else `seconds` is the default).
    seconds_given: bool,
    /// Folder of the decoder cache, if one is used.
    cache: Option<String>,
}

fn usage() -> String {
    "usage: snn-bench MODEL SIZE [--threads N] [--seconds S] [--cache DIR]\n       snn-bench soak SIZE [--seconds S] [--every S] [--threads N]\n       snn-bench checkpoint MODEL SIZE [--seconds S] [--threads N]\n       snn-bench bandwidth\n  MODEL: neurons | channel | ensemble_array | integrator | oscillator | learning | stdp | circconv | spa_memory\n  SIZE: total number of neurons (circconv, spa_memory: the dimension)\n  --threads: simulator threads (default: the machine's available parallelism)\n  --cache: keep and reuse solved decoders in DIR (default: none, a cold build)\n  soak: the channel model with streamed probes for S simulated seconds (default 3600),\n        resident memory sampled every S simulated seconds (--every, default 60)".into()
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let model = args.next().ok_or_else(usage)?;
    let size = args.next().ok_or_else(usage)?;
    let size: usize = size
        .parse()
        .map_err(|_| format!("SIZE must be a positive integer, got `{size}`"))?;
    if size == 0 {
        return Err("SIZE must be at least 1".into());
    }
    let mut threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut seconds = 1.0;
    let mut seconds_given = false;
    let mut cache = None;
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--threads" => {
                threads = value
                    .parse()
                    .ok()
                    .filter(|&t: &usize| t > 0)
                    .ok_or_else(|| format!("--threads must be a positive integer, got `{value}`"))?
            }
            "--seconds" => {
                seconds_given = true;
                seconds = value
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| format!("--seconds must be a positive number, got `{value}`"))?
            }
            "--cache" => cache = Some(value),
            other => return Err(format!("unknown option `{other}`\n{}", usage())),
        }
    }
    Ok(Args {
        model,
        size,
        threads,
        seconds,
        seconds_given,
        cache,
    })
}

/// The arguments of `snn-bench soak` (after the word `soak`).
fn parse_soak(mut args: impl Iterator<Item = String>) -> Result<soak::SoakArgs, String> {
    let size = args.next().ok_or_else(usage)?;
    let size: usize = size
        .parse()
        .ok()
        .filter(|&n: &usize| n >= 2)
        .ok_or_else(|| format!("soak SIZE must be an integer of at least 2, got `{size}`"))?;
    let mut soak = soak::SoakArgs {
        size,
        seconds: 3600.0,
        every: 60.0,
        threads: std::thread::available_parallelism().map_or(1, usize::from),
    };
    let positive = |flag: &str, value: &str| {
        value
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s > 0.0)
            .ok_or_else(|| format!("{flag} must be a positive number, got `{value}`"))
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--seconds" => soak.seconds = positive(&flag, &value)?,
            "--every" => soak.every = positive(&flag, &value)?,
            "--threads" => {
                soak.threads = value
                    .parse()
                    .ok()
                    .filter(|&t: &usize| t > 0)
                    .ok_or_else(|| format!("--threads must be a positive integer, got `{value}`"))?
            }
            other => return Err(format!("unknown option `{other}`\n{}", usage())),
        }
    }
    Ok(soak)
}

/// Peak resident memory of this process (MB), from `/proc/self/status`.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn run(args: &Args) -> Result<serde_json::Value, String> {
    let model = models::build(&args.model, args.size)?;
    let mut options = snn::nef::BuildOptions::default();
    if let Some(dir) = &args.cache {
        let cache = snn::nef::DecoderCache::new(dir).map_err(|e| e.to_string())?;
        options = options.decoder_cache(cache);
    }
    let start = Instant::now();
    let built = model.net.build(options).map_err(|e| e.to_string())?;
    let mut sim = Simulator::new(&built).map_err(|e| e.to_string())?;
    sim.set_threads(args.threads).map_err(|e| e.to_string())?;
    let build_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    sim.run(args.seconds).map_err(|e| e.to_string())?;
    let run_s = start.elapsed().as_secs_f64();
    let rmse = match &model.score {
        Some(score) => Some(score(&sim).map_err(|e| e.to_string())?),
        None => None,
    };
    Ok(serde_json::json!({
        "model": args.model,
        "size": args.size,
        "neurons": model.neurons,
        "build_s": (build_s * 1e4).round() / 1e4,
        "sim_s_per_sim_s": (run_s / args.seconds * 1e4).round() / 1e4,
        "rmse": rmse,
        "threads": sim.threads(),
        "peak_rss_mb": peak_rss_mb().map(|m| (m * 10.0).round() / 10.0),
    }))
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("bandwidth") {
        for line in bandwidth::report() {
            println!("{line}");
        }
        return ExitCode::SUCCESS;
    }
    if std::env::args().nth(1).as_deref() == Some("checkpoint") {
        let report = parse(std::env::args().skip(2)).and_then(|a| {
            checkpoint::run(&checkpoint::CheckpointArgs {
                model: a.model,
                size: a.size,
                seconds: if a.seconds_given { a.seconds } else { 0.1 },
                threads: a.threads,
            })
        });
        return match report {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("snn-bench checkpoint: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if std::env::args().nth(1).as_deref() == Some("soak") {
        let report = parse_soak(std::env::args().skip(2)).and_then(|a| soak::run(&a));
        return match report {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("snn-bench soak: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("snn-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Result<Args, String> {
        parse(s.split_whitespace().map(String::from))
    }

    #[test]
    fn arguments_are_parsed_and_bad_ones_explained() {
        let a = args("channel 2000 --threads 2 --seconds 0.5").unwrap();
        assert_eq!(
            (a.model.as_str(), a.size, a.threads, a.seconds),
            ("channel", 2000, 2, 0.5)
        );
        assert!(args("channel").unwrap_err().contains("usage"));
        assert!(args("channel zero").unwrap_err().contains("SIZE"));
        assert!(args("channel 0").is_err());
        assert!(args("channel 10 --threads 0")
            .unwrap_err()
            .contains("--threads"));
        assert!(args("channel 10 --seconds -1")
            .unwrap_err()
            .contains("--seconds"));
        assert!(args("channel 10 --fast 1")
            .unwrap_err()
            .contains("unknown option"));
        assert_eq!(
            args("channel 10 --cache /tmp/decoders")
                .unwrap()
                .cache
                .as_deref(),
            Some("/tmp/decoders")
        );
        assert!(args("channel 10 --cache").unwrap_err().contains("--cache"));
        let err = models::build("bogus", 10).err().unwrap_or_default();
        assert!(err.contains("unknown model"), "{err}");
    }

    #[test]
    fn soak_arguments_default_to_an_hour_and_bad_ones_are_explained() {
        let soak = |s: &str| parse_soak(s.split_whitespace().map(String::from));
        let a = soak("10000").unwrap();
        assert_eq!((a.size, a.seconds, a.every), (10000, 3600.0, 60.0));
        let a = soak("200 --seconds 2 --every 0.5 --threads 1").unwrap();
        assert_eq!((a.size, a.seconds, a.every, a.threads), (200, 2.0, 0.5, 1));
        assert!(soak("").unwrap_err().contains("usage"));
        assert!(soak("1").unwrap_err().contains("at least 2"));
        assert!(soak("200 --every 0").unwrap_err().contains("--every"));
        assert!(soak("200 --seconds nan").unwrap_err().contains("--seconds"));
        assert!(soak("200 --cache x")
            .unwrap_err()
            .contains("unknown option"));
    }

    #[test]
    fn a_short_soak_streams_every_sample_and_samples_memory_each_interval() {
        let report = soak::run(&soak::SoakArgs {
            size: 100,
            seconds: 0.3,
            every: 0.1,
            threads: 1,
        })
        .unwrap();
        // 300 steps: every step for spikes and the decoded value, every
        // 10 ms for the CSV file (a header and 30 rows).
        assert_eq!(report["spike_samples"], 300);
        assert_eq!(report["decoded_samples"], 300);
        assert_eq!(report["nonfinite_values"], 0);
        assert!(report["spikes"].as_u64().unwrap() > 0);
        assert!(report["csv_bytes"].as_u64().unwrap() > 30 * 4);
        assert_eq!(report["rss_mb"].as_array().unwrap().len(), 3);
        let (first, last, max) = (
            report["rss_first_mb"].as_f64().unwrap(),
            report["rss_last_mb"].as_f64().unwrap(),
            report["rss_max_mb"].as_f64().unwrap(),
        );
        assert!(first > 0.0 && max >= first.max(last), "{report}");
        let growth = report["rss_growth_mb"].as_f64().unwrap();
        assert!((growth - (last - first)).abs() <= 0.11, "{report}");
    }

    #[test]
    fn every_model_runs_and_reports_its_fields() {
        for (model, size) in [
            ("neurons", 200),
            ("channel", 200),
            ("ensemble_array", 200),
            ("integrator", 200),
            ("oscillator", 200),
            ("learning", 300),
            ("stdp", 200),
            ("circconv", 4),
            ("spa_memory", 16),
        ] {
            let line = run(&Args {
                model: model.into(),
                size,
                threads: 1,
                seconds: 0.05,
                seconds_given: true,
                cache: None,
            })
            .unwrap();
            let neurons = match model {
                // SIZE is the dimension: 4 (D/2 + 1) products of 2 × 25.
                "circconv" => 600,
                // 16 × 50 in the state, 4 · 9 products of 2 × 100.
                "spa_memory" => 800 + 7200,
                _ => size,
            };
            assert_eq!(line["neurons"], neurons, "{model}");
            assert!(line["sim_s_per_sim_s"].as_f64().unwrap() > 0.0);
            let scored = !matches!(model, "neurons" | "oscillator" | "stdp" | "spa_memory");
            assert_eq!(line["rmse"].is_number(), scored, "{model}");
        }
    }

    #[test]
    fn a_checkpointed_model_resumes_identically() {
        for model in ["channel", "integrator"] {
            let line = checkpoint::run(&checkpoint::CheckpointArgs {
                model: model.into(),
                size: 200,
                seconds: 0.05,
                threads: 1,
            })
            .unwrap();
            assert_eq!(line["identical"], true, "{model}: {line}");
            assert_eq!(line["steps_before_save"], 50);
            assert!(
                line["checkpoint_bytes"].as_u64().unwrap() > 200 * 4,
                "{line}"
            );
        }
    }
}
