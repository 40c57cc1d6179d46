//! Cost of one `NeuronType::step` over a whole population, per neuron model.
//!
//! The neuron update is the innermost loop of every simulation step, so a
//! slowdown in any model's kernel shows up here first, before it is diluted
//! by encoding, decoding and synapses in `Simulator::step`. Throughput is in
//! neurons, so criterion reports the cost of one neuron-step.
//!
//! Currents are what the `neurons` benchmark model feeds: each neuron tuned
//! with the model's own `gain_bias` to Nengo's default max rates U(200, 400)
//! Hz and intercepts U(-1, 0.9), encoder ±1, driven by `x = 0.5`. That puts
//! every model in its working range (about a third of the neurons silent,
//! the rest firing up to a few hundred Hz), whatever its current scale;
//! currents picked by hand would leave Izhikevich subthreshold and the
//! rectified-linear models almost silent. The state starts at
//! `initial_state` and is stepped on across iterations, as in a simulation.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use snn_core::neurons::{
    AdaptiveLIF, AdaptiveLIFRate, Encoding, Izhikevich, LIFRate, NeuronType, RectifiedLinear,
    SpikingRectifiedLinear, IAF, LIF,
};
use std::hint::black_box;
use std::time::Duration;

/// Population sizes: one that fits in L1/L2 cache and one that streams from
/// memory (the `neurons` benchmark model's size).
const SIZES: [usize; 2] = [1_000, 100_000];

/// Nengo's default step, 1 ms.
const DT: f32 = 0.001;

/// The input current of each of `n` neurons of `neuron` when representing
/// `x = 0.5`, tuned as `Ensemble::new`'s defaults would (low-discrepancy
/// spreads instead of random draws, so every run sees the same currents).
fn tuned_currents(neuron: &dyn NeuronType, n: usize) -> Vec<f32> {
    let spread = |i: usize, step: f64| ((i + 1) as f64 * step).fract();
    let max_rates: Vec<f64> = (0..n)
        .map(|i| 200.0 + 200.0 * spread(i, 0.618_034))
        .collect();
    let intercepts: Vec<f64> = (0..n).map(|i| -1.0 + 1.9 * spread(i, 0.754_878)).collect();
    let (gain, bias) = neuron
        .gain_bias(&max_rates, &intercepts)
        .unwrap_or_else(|e| panic!("{}: gain_bias failed: {e}", neuron.name()));
    (0..n)
        .map(|i| {
            let encoder = if i % 2 == 0 { 1.0 } else { -1.0 };
            (gain[i] * encoder * 0.5 + bias[i]) as f32
        })
        .collect()
}

fn neuron_step(c: &mut Criterion) {
    let models: [&dyn NeuronType; 8] = [
        &LIF::default(),
        &AdaptiveLIF::default(),
        &Izhikevich::default(),
        &IAF::default(),
        &SpikingRectifiedLinear::default(),
        &LIFRate::default(),
        &AdaptiveLIFRate::default(),
        &RectifiedLinear::default(),
    ];
    let mut group = c.benchmark_group("neuron_step");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for neuron in models {
        for n in SIZES {
            let j = tuned_currents(neuron, n);
            let mut state = neuron.initial_state(n, &mut ChaCha8Rng::seed_from_u64(0));
            let mut out = vec![0.0f32; n];
            group.throughput(Throughput::Elements(n as u64));
            group.bench_function(BenchmarkId::new(neuron.name(), n), |b| {
                b.iter(|| {
                    neuron.step(DT, black_box(&j), &mut state, &mut out);
                    black_box(&out);
                })
            });
        }
    }
    group.finish();
}

/// The LIF step as the simulator runs a large one-dimensional population:
/// voltage and refractory time packed into one value per neuron, and each
/// current `e_i x + b_i` computed inside the update loop
/// (`NeuronType::working_state`, `NeuronType::step_encoded`). Encoders and
/// biases reproduce [`tuned_currents`] at `x = 0.5`.
fn lif_packed_encoded(c: &mut Criterion) {
    let lif = LIF::default();
    let mut group = c.benchmark_group("neuron_step_packed_encoded");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for n in SIZES {
        let j = tuned_currents(&lif, n);
        // Split each current into a bias and a ±1 encoder times x = 0.5.
        let encoders: Vec<f32> = (0..n)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let bias: Vec<f32> = j.iter().zip(&encoders).map(|(j, e)| j - 0.5 * e).collect();
        let state = lif.initial_state(n, &mut ChaCha8Rng::seed_from_u64(0));
        let mut state = lif.working_state(state, DT, &[false, false]);
        let (mut scratch, mut out) = (vec![0.0f32; n], vec![0.0f32; n]);
        let x = [0.5f32];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("LIF", n), |b| {
            b.iter(|| {
                let input = Encoding {
                    encoders: &encoders,
                    bias: &bias,
                    x: black_box(&x),
                };
                lif.step_encoded(DT, input, &mut scratch, &mut state, &mut out);
                black_box(&out);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, neuron_step, lif_packed_encoded);
criterion_main!(benches);
