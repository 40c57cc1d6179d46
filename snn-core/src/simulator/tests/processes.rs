//! Process nodes and population noise in the simulator: streams that
//! restart on reset, do not depend on threads, and reach the neurons.

use super::key;
use crate::network::{NodeKind, NodeSpec, Population, ProbeSpec, ProbeTarget, Source};
use crate::neurons::{NeuronType, LIF};
use crate::processes::{NoiseDist, NoiseRng, ProcessStep, WhiteNoiseStep};
use crate::{CompiledNetwork, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

fn gaussian(dims: usize, seed: u64, mean: f64) -> Arc<dyn ProcessStep> {
    Arc::new(WhiteNoiseStep {
        name: "WhiteNoise",
        dist: NoiseDist::Gaussian { mean, std: 1.0 },
        gain: 1.0,
        filter: None,
        dims,
        seed,
    })
}

/// A 3-D noise node, probed.
fn noise_node(seed: u64) -> CompiledNetwork {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "noise".into(),
        size_in: 0,
        size_out: 3,
        kind: NodeKind::Process(gaussian(3, seed, 0.0)),
    });
    net.probes.push(ProbeSpec {
        label: "noise".into(),
        target: ProbeTarget::Source(Source::Node(0)),
        synapse: None,
        sample_every: None,
    });
    net
}

#[test]
fn a_process_node_outputs_its_stream_step_by_step_and_again_after_reset() {
    let net = noise_node(11);
    let mut sim = Simulator::new(&net).unwrap();
    sim.run_steps(50).unwrap();
    let first = sim.data(key(0)).unwrap();
    // The same stream drawn by hand: one fill of 3 per step, from the
    // stream of the first (only) chunk.
    let mut rng = NoiseRng::chunk(11, 0);
    for row in 0..50 {
        let mut z = [0.0; 3];
        rng.fill_normal(&mut z);
        for (d, &z) in z.iter().enumerate() {
            assert_eq!(first[(row, d)], z, "step {row}, dimension {d}");
        }
    }
    sim.reset().unwrap();
    sim.run_steps(50).unwrap();
    assert_eq!(sim.data(key(0)).unwrap(), first);
    let mut other = Simulator::new(&noise_node(12)).unwrap();
    other.run_steps(50).unwrap();
    assert_ne!(other.data(key(0)).unwrap(), first);
}

/// `n` LIF neurons without input, of bias `bias`, with `noise` on every
/// neuron and one probe of `target` (the population's input currents or
/// spikes).
fn noisy_lif(
    n: usize,
    bias: f32,
    noise: Arc<dyn ProcessStep>,
    target: ProbeTarget,
) -> CompiledNetwork {
    let lif = LIF::default();
    let mut net = CompiledNetwork::new(0.001);
    net.populations.push(Population {
        noise: Some(noise),
        label: "ens".into(),
        neuron_type: Arc::new(lif),
        n,
        dims: 0,
        encoders: Vec::new(),
        bias: vec![bias; n],
        initial_state: lif.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(5)),
    });
    net.probes.push(ProbeSpec {
        label: "probe".into(),
        target,
        synapse: None,
        sample_every: None,
    });
    net
}

/// `n` LIF neurons without input or bias, with unit Gaussian noise of
/// seed 9 and a probe of their input currents.
fn noise_currents(n: usize) -> CompiledNetwork {
    noisy_lif(n, 0.0, gaussian(n, 9, 0.0), ProbeTarget::InputCurrent(0))
}

#[test]
fn neuron_noise_is_the_stream_a_node_of_the_same_process_gives_in_any_layout() {
    // 10 000 neurons are cut into four blocks (at multiples of the noise
    // chunk), 300 fit one; each block draws its own chunks of the stream.
    for n in [300, 10_000] {
        let mut sim = Simulator::new(&noise_currents(n)).unwrap();
        sim.set_threads(2).unwrap();
        sim.run_steps(5).unwrap();
        let currents = sim.data(key(0)).unwrap();
        let process = gaussian(n, 9, 0.0);
        let mut state = process.initial_state();
        let mut out = vec![0.0; n];
        for row in 0..5 {
            process.step(0.0, &[], &mut state, &mut out);
            for (i, &z) in out.iter().enumerate() {
                assert_eq!(currents[(row, i)], z, "n {n}, step {row}, neuron {i}");
            }
        }
    }
}

/// 8000 LIF neurons without input (bias below threshold), with noise of
/// mean `mean` on every neuron, and a probe of their spikes.
fn noisy_population(mean: f64) -> CompiledNetwork {
    let n = 8000;
    let spikes = ProbeTarget::Source(Source::Neurons(0));
    noisy_lif(n, 0.9, gaussian(n, 5, mean), spikes)
}

fn mean_rate(sim: &Simulator) -> f64 {
    let d = sim.data(key(0)).unwrap();
    d.iter().sum::<f64>() * sim.dt() / (d.nrows() as f64 * d.ncols() as f64 * sim.dt())
}

#[test]
fn noise_of_positive_mean_raises_the_rate_and_negative_mean_lowers_it() {
    let rate = |mean| {
        let mut sim = Simulator::new(&noisy_population(mean)).unwrap();
        sim.run(0.3).unwrap();
        mean_rate(&sim)
    };
    let (low, zero, high) = (rate(-0.5), rate(0.0), rate(0.5));
    // J = 0.9 + noise: silent without noise, but unit noise makes the
    // neurons fire now and then; a mean of 0.5 pushes J above threshold.
    assert!(zero > 1.0, "unit noise alone makes neurons fire: {zero} Hz");
    assert!(high > 2.0 * zero, "{high} Hz against {zero} Hz");
    assert!(low < 0.5 * zero, "{low} Hz against {zero} Hz");
}

#[test]
fn population_noise_is_the_same_on_one_and_two_threads_and_after_reset() {
    let net = noisy_population(0.2);
    let mut one = Simulator::new(&net).unwrap();
    one.set_threads(1).unwrap();
    one.run(0.1).unwrap();
    let mut two = Simulator::new(&net).unwrap();
    two.set_threads(2).unwrap();
    two.run(0.1).unwrap();
    assert_eq!(one.data(key(0)).unwrap(), two.data(key(0)).unwrap());
    let before = one.data(key(0)).unwrap();
    one.reset().unwrap();
    one.run(0.1).unwrap();
    assert_eq!(one.data(key(0)).unwrap(), before);
}

#[test]
fn neuron_noise_beyond_f32_currents_is_refused_when_the_simulator_is_made() {
    let mut net = noisy_population(0.0);
    net.populations[0].noise = Some(Arc::new(WhiteNoiseStep {
        name: "WhiteNoise",
        dist: NoiseDist::Gaussian {
            mean: 0.0,
            std: 1e38,
        },
        gain: 1.0,
        filter: None,
        dims: 8000,
        seed: 1,
    }));
    let Err(err) = Simulator::new(&net) else {
        panic!("noise of std 1e38 overflows f32 currents");
    };
    let message = err.to_string();
    assert!(
        message.contains("population `ens`") && message.contains("noise `WhiteNoise`"),
        "{message}"
    );
}
