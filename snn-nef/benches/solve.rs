//! Cost of the decoder solve, `LstsqL2::solve`, on the activity matrices a
//! default one-dimensional ensemble produces.
//!
//! Solving decoders dominates the build of large models, so this guards the
//! build time the way `simulator_step` guards the run time. The activities
//! are real LIF tuning curves (`Ensemble::new(n, 1)`'s default tuning) at
//! Nengo's default number of evaluation points, `max(750, 2 n)`, evenly
//! spaced over [-1, 1], and the target is the identity `y = x`. Both sizes
//! (1000 × 500 and 4000 × 2000) reach `LstsqL2::ITERATIVE_MIN_SIZE` on both
//! sides, so `solve` takes the Nyström-preconditioned conjugate-gradient
//! path. Throughput is in neurons.

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use nalgebra::DMatrix;
use snn_nef::solvers::{LstsqL2, Solver};
use snn_nef::{tuning_curves, BuildOptions, Ensemble, Network};
use std::hint::black_box;
use std::time::Duration;

const SIZES: [usize; 2] = [500, 2_000];

/// The activities (m × n) and identity targets (m × 1) of an `n`-neuron
/// ensemble at `m = max(750, 2 n)` evenly spaced points.
fn system(n: usize) -> (DMatrix<f64>, DMatrix<f64>) {
    let m = Ensemble::default_n_eval_points(n, 1);
    let x = DMatrix::from_fn(m, 1, |p, _| -1.0 + 2.0 * p as f64 / (m - 1) as f64);
    let mut net = Network::with_seed(0);
    let ens = net
        .ensemble("ens", Ensemble::new(n, 1))
        .expect("valid ensemble");
    let curves = tuning_curves(
        &net.build(BuildOptions::default()).expect("build"),
        ens,
        Some(x.clone()),
    )
    .expect("tuning curves");
    (curves.activities, x)
}

fn solve(c: &mut Criterion) {
    let solver = LstsqL2::default();
    let mut group = c.benchmark_group("solve");
    // A 2000-neuron solve takes most of a second: flat sampling and a
    // budget of about ten of them.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(8));
    for n in SIZES {
        let (a, y) = system(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("LstsqL2", n), |b| {
            b.iter(|| {
                solver
                    .solve(black_box(&a), black_box(&y))
                    .expect("solvable")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, solve);
criterion_main!(benches);
