//! A node that computes from no input, read only through filters and
//! probes, is computed alongside the blocks of the largest stage (on any
//! thread): the same bits as computing it first, and its errors still
//! name it.

use super::key;
use crate::network::{
    Link, NodeFn as StimFn, NodeKind, NodeSpec, Population, ProbeSpec, ProbeTarget, Source, Target,
    Transform,
};
use crate::neurons::{NeuronType, LIF};
use crate::synapses::{Lowpass, Synapse};
use crate::{CompiledNetwork, SimError, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

const N: usize = 3000;

/// Two 3000-neuron populations (one stage, large enough for two threads)
/// driven through Lowpass links by a 2-D stimulus `stim`, their decoded
/// values and the stimulus probed. With `with_input` the stimulus has a
/// 1-D input (a constant times 0, which it ignores), so it cannot be
/// computed alongside the blocks and runs first, as any node does.
fn net(stim: StimFn, with_input: bool) -> CompiledNetwork {
    let lif = LIF::default();
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "stim".into(),
        size_in: usize::from(with_input),
        size_out: 2,
        kind: NodeKind::Function(stim),
    });
    net.nodes.push(NodeSpec {
        label: "zero".into(),
        size_in: 0,
        size_out: 1,
        kind: NodeKind::Constant(vec![0.0]),
    });
    let link = |label: &str, source, target, synapse: bool| Link {
        label: label.into(),
        source,
        pre_slice: None,
        function: None,
        transform: Transform::Identity,
        synapse: synapse.then(|| Lowpass(0.005).discretize(0.001).unwrap()),
        target,
        post_slice: None,
    };
    if with_input {
        let mut zero = link("zero -> stim", Source::Node(1), Target::Node(0), false);
        zero.transform = Transform::Scalar(0.0);
        net.links.push(zero);
    }
    for k in 0..2 {
        net.populations.push(Population {
            noise: None,
            label: format!("p{k}"),
            neuron_type: Arc::new(lif),
            n: N,
            dims: 1,
            encoders: (0..N)
                .map(|i| if i % 2 == 0 { 2.0 } else { -2.0 })
                .collect(),
            bias: (0..N).map(|i| 0.8 + (i % 23) as f32 * 0.05).collect(),
            initial_state: lif
                .initial_state(N, &mut rand_chacha::ChaCha8Rng::seed_from_u64(k as u64)),
        });
        let mut input = link(
            &format!("stim -> p{k}"),
            Source::Node(0),
            Target::Population(k),
            true,
        );
        input.pre_slice = Some(vec![k]);
        net.links.push(input);
        net.probes.push(ProbeSpec {
            label: format!("p{k}"),
            target: ProbeTarget::Source(Source::Decoded {
                pop: k,
                decoders: (0..N).map(|i| (i as f32 - 1500.0) * 1e-6).collect(),
                dims: 1,
            }),
            synapse: None,
            sample_every: None,
        });
    }
    net.probes.push(ProbeSpec {
        label: "stim".into(),
        target: ProbeTarget::Source(Source::Node(0)),
        synapse: None,
        sample_every: None,
    });
    net
}

fn sines() -> StimFn {
    Arc::new(|t, _, out| {
        out[0] = (8.0 * t).sin();
        out[1] = (5.0 * t).cos();
        Ok(())
    })
}

#[test]
fn a_stimulus_computed_alongside_the_blocks_gives_the_bits_of_computing_it_first() {
    for threads in [1, 2] {
        let mut runs = [net(sines(), false), net(sines(), true)].map(|n| {
            let mut sim = Simulator::from_compiled(n).unwrap();
            sim.set_threads(threads).unwrap();
            sim
        });
        assert!(runs[0].plan.deferred[0], "computed alongside the blocks");
        assert!(!runs[1].plan.deferred[0], "a node with an input runs first");
        assert!(
            !runs[0].plan.deferred[1],
            "a constant has nothing to compute"
        );
        for sim in &mut runs {
            sim.run_steps(300).unwrap();
        }
        for probe in 0..3 {
            let (a, b) = (
                runs[0].data(key(probe)).unwrap(),
                runs[1].data(key(probe)).unwrap(),
            );
            assert!(
                a.iter().any(|v| v.abs() > 1e-3),
                "probe {probe} sees a signal"
            );
            let bits =
                |m: &nalgebra::DMatrix<f64>| m.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a), bits(&b), "{threads} threads, probe {probe}");
        }
    }
}

#[test]
fn a_stimulus_computed_alongside_the_blocks_still_reports_its_errors() {
    let bad_value: StimFn = Arc::new(|t, _, out| {
        out[0] = if t > 0.0025 { f64::NAN } else { 0.5 };
        out[1] = 0.0;
        Ok(())
    });
    let bad_length: StimFn = Arc::new(|t, _, out| {
        out.fill(0.0);
        if t > 0.0045 {
            return Err(3);
        }
        Ok(())
    });
    for threads in [1, 2] {
        let mut sim = Simulator::from_compiled(net(Arc::clone(&bad_value), false)).unwrap();
        sim.set_threads(threads).unwrap();
        assert!(sim.plan.deferred[0]);
        let err = sim.run_steps(10).unwrap_err();
        assert!(
            matches!(&err, SimError::NodeNonFinite { node, index: 0, t, .. }
                if node == "stim" && (t - 0.003).abs() < 1e-12),
            "{err:?}"
        );
        let mut sim = Simulator::from_compiled(net(Arc::clone(&bad_length), false)).unwrap();
        sim.set_threads(threads).unwrap();
        let err = sim.run_steps(10).unwrap_err();
        assert!(
            matches!(&err, SimError::NodeOutputLength { node, expected: 2, got: 3, t }
                if node == "stim" && (t - 0.005).abs() < 1e-12),
            "{err:?}"
        );
    }
}
