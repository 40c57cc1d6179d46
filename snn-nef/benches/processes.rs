//! Build-time cost of processes: a `WhiteSignal` of 1000 dimensions over a
//! 10 s period at dt = 1 ms up to 5 Hz (102 000 coefficients drawn, 1000
//! inverse FFTs of 10 000 points, 80 MB of samples), which the issue bounds
//! at 50 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use snn_nef::processes::{Process, WhiteSignal};
use std::time::Duration;

fn white_signal(c: &mut Criterion) {
    let mut group = c.benchmark_group("white_signal");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let signal = WhiteSignal::new(10.0, 5.0);
    group.bench_function("1000_dims_10_s", |b| {
        b.iter(|| signal.make_step(1000, 0.001, 1).expect("valid signal"))
    });
    group.finish();
}

criterion_group!(benches, white_signal);
criterion_main!(benches);
