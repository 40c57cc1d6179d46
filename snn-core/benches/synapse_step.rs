//! Cost of one `DiscreteFilter::update` per synapse kind and signal width.
//!
//! Every filtered link updates its synapse once per simulation step, so this
//! is the per-link overhead of the simulator. Throughput is in signal
//! dimensions, so criterion reports the cost of filtering one value.
//!
//! Widths: 16 (a decoded vector; the cost is mostly per-call overhead),
//! 1 000 and 100 000 (neuron-to-neuron connections, where the filter is one
//! pass per state variable over the signal). Lowpass takes the first-order
//! path, Alpha and DoubleExp the second-order state-space path.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use snn_core::synapses::{Alpha, DoubleExp, Lowpass, Synapse};
use std::hint::black_box;
use std::time::Duration;

const WIDTHS: [usize; 3] = [16, 1_000, 100_000];

/// Nengo's default step, 1 ms.
const DT: f64 = 0.001;

fn synapse_step(c: &mut Criterion) {
    let synapses: [&dyn Synapse; 3] = [&Lowpass(0.005), &Alpha(0.005), &DoubleExp(0.002, 0.01)];
    let mut group = c.benchmark_group("synapse_step");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for synapse in synapses {
        let filter = synapse.discretize(DT).expect("valid synapse");
        for dims in WIDTHS {
            // A steady non-zero input: a decaying state would reach
            // subnormal numbers, whose slow arithmetic no simulation sees.
            let input: Vec<f64> = (0..dims).map(|i| 0.5 + (i % 7) as f64 * 0.1).collect();
            let mut state = filter.state(dims);
            group.throughput(Throughput::Elements(dims as u64));
            group.bench_function(BenchmarkId::new(synapse.name(), dims), |b| {
                b.iter(|| {
                    filter.update(&mut state, black_box(&input));
                    black_box(state.output());
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, synapse_step);
criterion_main!(benches);
