//! Cost of one whole `Simulator::step` of the `neurons` benchmark model:
//! 100k default LIF neurons representing a constant 0.5, nothing decoded.
//!
//! This is the model whose step time docs/benchmarks.md compares with Nengo, so
//! a regression anywhere on its path (node, encoding, LIF kernel, block
//! scheduling, the worker pool) shows up here. Built exactly as
//! `snn-bench`'s `neurons` model, with the NEF builder. Timed on one thread
//! and on two, since the threaded path has its own costs (waking workers,
//! splitting blocks). Throughput is in neurons, so criterion reports the
//! cost per neuron-step.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use snn_core::Simulator;
use snn_nef::{Connection, Ensemble, Network, Node};
use std::time::Duration;

const N: usize = 100_000;

/// The `neurons` model of `snn-bench/src/models.rs`.
fn neurons_model(n: usize) -> Network {
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", Node::constant(0.5)).expect("node");
    let ens = net.ensemble("ens", Ensemble::new(n, 1)).expect("ensemble");
    net.connect(Connection::new(stim, ens)).expect("connection");
    net
}

fn neurons_model_step(c: &mut Criterion) {
    let net = neurons_model(N);
    let mut group = c.benchmark_group("neurons_model_step");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Elements(N as u64));
    for threads in [1, 2] {
        let mut sim = Simulator::new(&net).expect("build");
        sim.set_threads(threads).expect("thread count");
        group.bench_function(BenchmarkId::new("threads", threads), |b| {
            b.iter(|| sim.step().expect("step"))
        });
    }
    group.finish();
}

criterion_group!(benches, neurons_model_step);
criterion_main!(benches);
