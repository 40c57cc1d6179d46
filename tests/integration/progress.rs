//! Progress reporting is display only: it never changes what is built or
//! simulated, and it writes only when asked. Tests run without a terminal,
//! where `Auto` is silent and `Always` writes status lines on stderr (see
//! `snn-core/src/simulator/progress.rs`, which unit-tests what is shown
//! when); stderr is the process's own, so the writing runs are child
//! processes (this test binary, running only [`child_builds_and_runs`])
//! whose stderr is read here.

use snn::prelude::*;
use std::process::Command;

/// The child's settings: `build,run` progress (`always` or `never`).
const CHILD_SETTINGS: &str = "SNN_TEST_PROGRESS_CHILD";

fn model() -> (Network, ProbeId) {
    let mut net = Network::with_seed(5);
    let stim = net.node("stim", Node::time(|t| (5.0 * t).sin())).unwrap();
    let a = net.ensemble("a", Ensemble::new(60, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(60, 1)).unwrap();
    net.connect(Connection::new(stim, a)).unwrap();
    net.connect(Connection::new(a, b).function(|x| x[0] * x[0]))
        .unwrap();
    let p = net.probe(Probe::new(b).synapse(0.01)).unwrap();
    (net, p)
}

/// Builds [`model`] and runs it for 0.3 s with the given settings; the
/// probe's values, by their bits, one per line.
fn simulate(build: Progress, run: Progress) -> Vec<u64> {
    let (net, p) = model();
    let built = net.build(BuildOptions::default().progress(build)).unwrap();
    let mut sim = Simulator::new(&built).unwrap();
    sim.set_progress(run);
    sim.run(0.3).unwrap();
    sim.data(p).unwrap().iter().map(|v| v.to_bits()).collect()
}

/// The child process of [`run_child`]: simulates with the settings of
/// `SNN_TEST_PROGRESS_CHILD` and prints the probe's bits on stdout. Run
/// alone (no settings) it simulates silently, which must also succeed.
#[test]
fn child_builds_and_runs() {
    let settings = std::env::var(CHILD_SETTINGS).unwrap_or_else(|_| "never,never".into());
    let parse = |s: &str| Progress::parse(s).expect("always or never");
    let (build, run) = settings.split_once(',').expect("build,run");
    for bits in simulate(parse(build), parse(run)) {
        println!("bits {bits}");
    }
}

/// What the child with `build,run` settings wrote: the probe's bits
/// (stdout) and its stderr.
fn run_child(settings: &str) -> (Vec<u64>, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "progress::child_builds_and_runs",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_SETTINGS, settings)
        .env_remove("SNN_PROGRESS")
        .env("TERM", "dumb")
        .output()
        .unwrap();
    assert!(out.status.success(), "child failed: {out:?}");
    let bits = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        // The harness's "test … " may start the first line.
        .filter_map(|l| l.rsplit_once("bits ").map(|(_, b)| b))
        .map(|b| b.parse().unwrap())
        .collect::<Vec<u64>>();
    assert_eq!(bits.len(), 300, "one value per step");
    (bits, String::from_utf8(out.stderr).unwrap())
}

/// The lines of the child's stderr written by progress reports.
fn reports(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("snn: ")).collect()
}

#[test]
fn simulator_progress_defaults_to_auto_and_writing_it_does_not_change_results() {
    let (net, _) = model();
    let sim = Simulator::new(&net).unwrap();
    assert_eq!(sim.progress(), Progress::Auto);
    let quiet = simulate(Progress::Never, Progress::Never);
    let (written, stderr) = run_child("never,always");
    let lines = reports(&stderr);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("snn: simulated 0.300 s in")),
        "{stderr}"
    );
    assert!(
        lines.iter().all(|l| !l.contains("building")),
        "no build report was asked for: {stderr}"
    );
    assert_eq!(written, quiet);
}

#[test]
fn build_progress_writes_only_when_asked_and_does_not_change_the_build() {
    let quiet = simulate(Progress::Never, Progress::Never);
    // Two ensembles, two connections and one probe: five items.
    let (written, stderr) = run_child("always,never");
    let lines = reports(&stderr);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("snn: building: 5 done in")),
        "{stderr}"
    );
    assert!(
        lines.iter().all(|l| !l.contains("simulat")),
        "no run report was asked for: {stderr}"
    );
    assert_eq!(written, quiet);
    let (silent, stderr) = run_child("never,never");
    assert_eq!(reports(&stderr), Vec::<&str>::new(), "{stderr}");
    assert_eq!(silent, quiet);
}

#[test]
fn a_failed_build_reports_its_error_not_a_progress_problem() {
    let mut net = Network::with_seed(0);
    let a = net.ensemble("a", Ensemble::new(20, 1)).unwrap();
    net.connect(Connection::new(a, a).function(|_| f64::NAN))
        .unwrap();
    let err = net
        .build(BuildOptions::default().progress(Progress::Never))
        .unwrap_err();
    assert!(err.to_string().contains("finite"), "{err}");
}
