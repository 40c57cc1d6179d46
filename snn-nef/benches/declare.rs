//! Cost of declaring a network of many objects: `n` nodes, each added with
//! a name that must be checked for uniqueness against every name taken.
//!
//! The check is a hash-set lookup, so declaring is O(n): measured here
//! (2 shared cores), 10 000 nodes in 5 ms and 100 000 in 0.1 s, where a
//! linear scan per name made it O(n²) (3.6 s for 40 000, 25 s for 100 000).
//! Throughput is in nodes, so criterion reports the cost per declaration;
//! it must stay roughly flat from 10 000 to 100 000 nodes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use snn_nef::{Network, Node};
use std::time::Duration;

/// `n` passthrough nodes named `node0`, `node1`, …
fn declare_nodes(n: usize) -> Network {
    let mut net = Network::new();
    for i in 0..n {
        net.node(&format!("node{i}"), Node::passthrough(1))
            .expect("a fresh name");
    }
    net
}

fn declare(c: &mut Criterion) {
    let mut group = c.benchmark_group("declare_nodes");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for n in [10_000, 100_000] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| declare_nodes(n))
        });
    }
    group.finish();
}

criterion_group!(benches, declare);
criterion_main!(benches);
