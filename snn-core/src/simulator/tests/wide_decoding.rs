//! A decoding wider than the dense limit is done event-driven by the block
//! holding the population (on its thread, right after the step), or when
//! read for a population cut over several blocks; either way it is the
//! sum of the spiking neurons' decoder rows in neuron order.

use super::key;
use crate::network::{NodeKind, NodeSpec, Population, ProbeSpec, ProbeTarget, Source};
use crate::neurons::{NeuronType, LIF};
use crate::simulator::block::BLOCK_SIZE;
use crate::simulator::decode::{Decoding, DENSE_MAX_DIMS};
use crate::{CompiledNetwork, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

const DIMS: usize = DENSE_MAX_DIMS + 4;

/// A population of `n` neurons with `DIMS`-D input from a node of sines,
/// probed as spikes and as its decoded value (decoders varied per neuron
/// and dimension).
fn wide_net(n: usize) -> (CompiledNetwork, Vec<f32>) {
    let lif = LIF::default();
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "sines".into(),
        size_in: 0,
        size_out: DIMS,
        kind: NodeKind::Function(Arc::new(|t, _, out| {
            for (d, o) in out.iter_mut().enumerate() {
                *o = (7.0 * t + d as f64).sin();
            }
            Ok(())
        })),
    });
    net.populations.push(Population {
        noise: None,
        label: "wide".into(),
        neuron_type: Arc::new(lif),
        n,
        dims: DIMS,
        encoders: (0..n * DIMS)
            .map(|k| ((k * 7919) % 13) as f32 * 0.5 - 3.0)
            .collect(),
        bias: (0..n).map(|i| 1.0 + (i % 17) as f32 * 0.1).collect(),
        initial_state: lif.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(2)),
    });
    net.links.push(crate::network::Link {
        label: "sines -> wide".into(),
        source: Source::Node(0),
        pre_slice: None,
        function: None,
        transform: crate::network::Transform::Identity,
        synapse: None,
        target: crate::network::Target::Population(0),
        post_slice: None,
    });
    let decoders: Vec<f32> = (0..n * DIMS)
        .map(|k| ((k * 104_729) % 101) as f32 * 1e-4 - 5e-3)
        .collect();
    for (label, source) in [
        ("spikes", Source::Neurons(0)),
        (
            "decoded",
            Source::Decoded {
                pop: 0,
                decoders: decoders.clone(),
                dims: DIMS,
            },
        ),
    ] {
        net.probes.push(ProbeSpec {
            label: label.into(),
            target: ProbeTarget::Source(source),
            synapse: None,
            sample_every: None,
        });
    }
    (net, decoders)
}

#[test]
fn wide_decodings_are_the_spiking_neurons_rows_summed_in_order() {
    // 300 neurons sit in one block, which decodes them; 5000 are cut over
    // four blocks and decoded when read.
    for (n, by_block) in [(300, true), (BLOCK_SIZE + 904, false)] {
        let (net, decoders) = wide_net(n);
        let mut sim = Simulator::from_compiled(net).unwrap();
        let planned = sim.plan.probes[1].decoding.clone();
        assert_eq!(
            matches!(planned, Some(Decoding::Dense(_))),
            by_block,
            "{n} neurons"
        );
        sim.run_steps(200).unwrap();
        let (spikes, decoded) = (sim.data(key(0)).unwrap(), sim.data(key(1)).unwrap());
        let mut spiking = 0;
        for step in 0..200 {
            let mut want = [0.0f64; DIMS];
            for i in (0..n).filter(|&i| spikes[(step, i)] != 0.0) {
                spiking += 1;
                for (d, w) in want.iter_mut().enumerate() {
                    *w += spikes[(step, i)] * f64::from(decoders[i * DIMS + d]);
                }
            }
            for (d, &w) in want.iter().enumerate() {
                assert_eq!(decoded[(step, d)], w, "{n} neurons, step {step}, dim {d}");
            }
        }
        assert!(spiking > 10 * n, "the population spikes ({spiking})");
    }
}
