//! The layout of neurons in blocks and the order of stages, checked
//! directly: a regression here would otherwise show only as a slowdown.

use crate::network::{Link, Population, Source, Target, Transform};
use crate::neurons::{NeuronType, LIF};
use crate::simulator::order::Stage;
use crate::synapses::{Lowpass, Synapse};
use crate::{CompiledNetwork, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

/// A 1-D LIF population of `n` neurons of model `lif`.
fn lif_population(label: &str, lif: &Arc<dyn NeuronType>, n: usize) -> Population {
    Population {
        noise: None,
        label: label.into(),
        neuron_type: Arc::clone(lif),
        n,
        dims: 1,
        encoders: vec![1.0; n],
        bias: vec![1.5; n],
        initial_state: lif.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(3)),
    }
}

fn network_of(sizes: &[usize]) -> CompiledNetwork {
    let lif: Arc<dyn NeuronType> = Arc::new(LIF::default());
    let mut net = CompiledNetwork::new(0.001);
    for (k, &n) in sizes.iter().enumerate() {
        net.populations
            .push(lif_population(&format!("p{k}"), &lif, n));
    }
    net
}

/// A population's parts as (block, first neuron in the population, length).
type Parts = Vec<(usize, usize, usize)>;

/// The sizes of the blocks, and the parts of each population.
fn layout_of(net: CompiledNetwork) -> (Vec<usize>, Vec<Parts>) {
    let sim = Simulator::from_compiled(net).unwrap();
    let sizes = sim.plan.blocks.iter().map(|b| b.len()).collect();
    let parts = sim
        .plan
        .pops
        .iter()
        .map(|p| {
            p.parts
                .iter()
                .map(|pt| (pt.block, pt.start, pt.len))
                .collect()
        })
        .collect();
    (sizes, parts)
}

#[test]
fn a_large_population_is_cut_into_a_multiple_of_four_equal_blocks() {
    // 10 000 neurons need 3 blocks of at most 4096; rounded up to 4, so that
    // two or four threads get equal shares.
    let (sizes, parts) = layout_of(network_of(&[10_000]));
    assert_eq!(sizes, vec![2500; 4]);
    assert_eq!(
        parts[0],
        vec![
            (0, 0, 2500),
            (1, 2500, 2500),
            (2, 5000, 2500),
            (3, 7500, 2500)
        ]
    );
    // 4096 fit in one block; one more neuron makes four.
    assert_eq!(layout_of(network_of(&[4096])).0, vec![4096]);
    assert_eq!(
        layout_of(network_of(&[4097])).0,
        vec![1025, 1025, 1025, 1022]
    );
}

#[test]
fn many_small_populations_of_one_model_are_packed_into_balanced_blocks() {
    // 100 × 50 = 5000 neurons: four blocks of 25 populations (balanced on
    // two or four threads, as a population of 5000 would be cut), not one
    // of 4096 and one of 904, and never a hundred blocks. 1-D populations
    // are stepped as one flat loop and lie back to back, unpadded.
    let (sizes, parts) = layout_of(network_of(&[50; 100]));
    assert_eq!(sizes, vec![25 * 50; 4]);
    for (k, p) in parts.iter().enumerate() {
        assert_eq!(p, &vec![(k / 25, 0, 50)], "population {k}");
    }
    let sim = Simulator::from_compiled(network_of(&[50; 100])).unwrap();
    let segments = sim.plan.blocks[1].segments();
    assert_eq!(segments.len(), 25);
    assert_eq!((segments[0].pop, segments[0].offset), (25, 0));
    assert_eq!((segments[24].pop, segments[24].offset), (49, 24 * 50));
    assert_eq!((segments[24].len, segments[24].run_len), (50, 50));
    // Under one block's worth, one block.
    assert_eq!(layout_of(network_of(&[50; 80])).0, vec![80 * 50]);
    // 2-D populations are stepped run by run, each padded to whole
    // vectors of 16 with resting neurons.
    let mut two_d = network_of(&[50; 100]);
    for p in &mut two_d.populations {
        p.dims = 2;
        p.encoders = vec![0.5; 2 * p.n];
    }
    let sim = Simulator::from_compiled(two_d).unwrap();
    assert_eq!(sim.plan.blocks.len(), 4);
    let segments = sim.plan.blocks[1].segments();
    assert_eq!((segments[24].offset, segments[24].run_len), (24 * 64, 64));
    assert_eq!(sim.plan.blocks[1].len(), 25 * 64);
}

#[test]
fn a_large_population_among_small_ones_gets_its_own_blocks() {
    let (sizes, parts) = layout_of(network_of(&[100, 9000, 100]));
    // The small ones before and after it each close their own block.
    assert_eq!(sizes, vec![100, 2250, 2250, 2250, 2250, 100]);
    assert_eq!(parts[0], vec![(0, 0, 100)]);
    assert_eq!(parts[1].len(), 4);
    assert_eq!(parts[2], vec![(5, 0, 100)]);
}

/// A decoded link from population `from` to population `to`, filtered or not.
fn decoded(from: usize, n: usize, to: usize, filtered: bool) -> Link {
    Link {
        label: format!("{from} -> {to}"),
        source: Source::Decoded {
            pop: from,
            decoders: vec![0.001; n],
            dims: 1,
        },
        pre_slice: None,
        function: None,
        transform: Transform::Identity,
        synapse: filtered.then(|| Lowpass(0.005).discretize(0.001).unwrap()),
        target: Target::Population(to),
        post_slice: None,
    }
}

fn stages_of(net: CompiledNetwork) -> (Vec<Stage>, Vec<std::ops::Range<usize>>) {
    let sim = Simulator::from_compiled(net).unwrap();
    (sim.plan.stages.clone(), sim.plan.stage_blocks.clone())
}

#[test]
fn an_unfiltered_chain_splits_stages_and_a_filtered_one_does_not() {
    // a -> b unfiltered: b reads a's output of this step, so a steps in a
    // stage before b; c reads nothing and joins a's stage.
    let mut net = network_of(&[10, 10, 10]);
    net.links.push(decoded(0, 10, 1, false));
    let (stages, blocks) = stages_of(net);
    assert_eq!(
        stages,
        vec![Stage::Populations(vec![0, 2]), Stage::Populations(vec![1])]
    );
    assert_eq!(blocks, vec![0..1, 1..2]);

    // Filtered, b reads a's last step: one stage, one packed block.
    let mut net = network_of(&[10, 10, 10]);
    net.links.push(decoded(0, 10, 1, true));
    let (stages, blocks) = stages_of(net);
    assert_eq!(stages, vec![Stage::Populations(vec![0, 1, 2])]);
    assert_eq!(blocks, vec![0..1]);

    // A chain a -> b -> c, all unfiltered: three stages in signal order,
    // whatever the declaration order (c, b, a here).
    let mut net = network_of(&[10, 10, 10]);
    net.links.push(decoded(2, 10, 1, false));
    net.links.push(decoded(1, 10, 0, false));
    let (stages, _) = stages_of(net);
    assert_eq!(
        stages,
        vec![
            Stage::Populations(vec![2]),
            Stage::Populations(vec![1]),
            Stage::Populations(vec![0])
        ]
    );
}

#[test]
fn a_node_waiting_for_some_populations_does_not_split_the_others_into_another_stage() {
    // An ensemble array's shape: node `out` reads population a this step,
    // population b reads node `in` (which reads nothing this step). Step
    // order alone would put `out` between a and b; b never reads `out`,
    // so both populations share one stage and one block.
    use crate::network::{NodeKind, NodeSpec};
    let passthrough = |label: &str| NodeSpec {
        label: label.into(),
        size_in: 1,
        size_out: 1,
        kind: NodeKind::Passthrough,
    };
    let mut net = network_of(&[10, 10]);
    net.nodes = vec![passthrough("out"), passthrough("in")];
    let mut to_out = decoded(0, 10, 0, false);
    to_out.target = Target::Node(0);
    let from_in = Link {
        label: "in -> b".into(),
        source: Source::Node(1),
        target: Target::Population(1),
        ..decoded(0, 10, 1, false)
    };
    net.links = vec![to_out, from_in];
    let (stages, blocks) = stages_of(net);
    assert_eq!(
        stages,
        vec![
            Stage::Node(1),
            Stage::Populations(vec![0, 1]),
            Stage::Node(0)
        ]
    );
    assert_eq!(blocks, vec![0..0, 0..1, 1..1]);
}

#[test]
fn flat_and_padded_runs_step_to_the_bits_of_the_general_path() {
    // Three 25-neuron populations driven by a sine, stepped with their
    // encoding fused in: 1-D ones as one flat loop (unpadded), 2-D ones
    // run by run, each padded to 32 with resting neurons. A probe of one
    // population's currents turns fusing and padding off (the currents are
    // then kept), so the same network steps the general way. Spikes and
    // voltages agree to the bit.
    use crate::network::{NodeKind, NodeSpec, ProbeSpec, ProbeTarget};
    let net = |dims: usize, probe_currents: bool| {
        let mut net = network_of(&[25, 25, 25]);
        for (k, p) in net.populations.iter_mut().enumerate() {
            p.dims = dims;
            p.encoders = (0..25 * dims)
                .map(|i| if (i + k) % 2 == 0 { 2.0 } else { -2.0 } / dims as f32)
                .collect();
            p.bias = (0..25).map(|i| 0.6 + i as f32 * 0.05).collect();
        }
        net.nodes.push(NodeSpec {
            label: "sine".into(),
            size_in: 0,
            size_out: dims,
            kind: NodeKind::Function(Arc::new(move |t, _, out| {
                for (d, o) in out.iter_mut().enumerate() {
                    *o = (10.0 * t + d as f64).sin();
                }
                Ok(())
            })),
        });
        for k in 0..3 {
            net.links.push(Link {
                label: format!("sine -> p{k}"),
                source: Source::Node(0),
                pre_slice: None,
                function: None,
                transform: Transform::Identity,
                synapse: None,
                target: Target::Population(k),
                post_slice: None,
            });
        }
        // Every population's spikes (so all three share one block) and one
        // population's voltages.
        let mut probes: Vec<ProbeTarget> = (0..3)
            .map(|k| ProbeTarget::Source(Source::Neurons(k)))
            .collect();
        probes.push(ProbeTarget::State { pop: 1, var: 0 });
        if probe_currents {
            probes.push(ProbeTarget::InputCurrent(0));
        }
        for (i, target) in probes.into_iter().enumerate() {
            net.probes.push(ProbeSpec {
                label: format!("probe {i}"),
                target,
                synapse: None,
                sample_every: None,
            });
        }
        net
    };
    for (dims, fused_len) in [(1, 75), (2, 3 * 32)] {
        let mut fused = Simulator::from_compiled(net(dims, false)).unwrap();
        let mut plain = Simulator::from_compiled(net(dims, true)).unwrap();
        assert_eq!(fused.plan.blocks[0].len(), fused_len, "{dims}-D");
        assert_eq!(plain.plan.blocks[0].len(), 75);
        fused.run_steps(500).unwrap();
        plain.run_steps(500).unwrap();
        for probe in 0..4 {
            let key = crate::ProbeKey {
                owner: 0,
                index: probe,
            };
            let (a, b) = (fused.data(key).unwrap(), plain.data(key).unwrap());
            assert!(a.iter().any(|&v| v != 0.0));
            assert_eq!(
                a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                b.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                "{dims}-D, probe {probe}"
            );
        }
    }
}
