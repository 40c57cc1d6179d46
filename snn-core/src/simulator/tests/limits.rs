//! Steps, runs and sizes the simulator cannot honour are refused up front
//! with a typed error: no freeze, no unbounded growth, no abort.

use super::{clock_net, clock_node, key};
use crate::network::{NodeKind, NodeSpec, Population, DT_RESOLUTION};
use crate::neurons::{NeuronType, LIF};
use crate::simulator::memory;
use crate::{CompiledNetwork, SimError, Simulator};
use rand::SeedableRng;
use std::sync::Arc;

#[test]
fn dt_below_f32_resolution_is_refused_with_its_own_error() {
    for dt in [1e-46, 1e-12, 5.9e-8, DT_RESOLUTION] {
        let expected = SimError::DtBelowResolution {
            dt,
            resolution: DT_RESOLUTION,
        };
        let err = Simulator::with_dt(&clock_net(0.001, None), dt).unwrap_err();
        assert_eq!(err, expected);
        let err = Simulator::from_compiled(clock_net(dt, None)).unwrap_err();
        assert_eq!(err, expected);
        // The rule: a refused step does not move a one-second f32 clock.
        assert_eq!(1.0f32 + dt as f32, 1.0);
    }
    let smallest = DT_RESOLUTION * (1.0 + 1e-6);
    assert!(1.0f32 + smallest as f32 > 1.0);
    Simulator::with_dt(&clock_net(0.001, None), smallest).unwrap();
}

#[test]
fn lif_neurons_at_the_smallest_accepted_dt_still_move() {
    let lif = LIF::default();
    let mut net = CompiledNetwork::new(DT_RESOLUTION * (1.0 + 1e-6));
    net.populations.push(Population {
        noise: None,
        label: "ens".into(),
        neuron_type: Arc::new(lif),
        n: 4,
        dims: 0,
        encoders: Vec::new(),
        bias: vec![2.0; 4],
        initial_state: lif.initial_state(4, &mut rand_chacha::ChaCha8Rng::seed_from_u64(1)),
    });
    net.probes.push(crate::network::ProbeSpec {
        label: "v".into(),
        target: crate::network::ProbeTarget::State { pop: 0, var: 0 },
        synapse: None,
        sample_every: None,
    });
    let mut sim = Simulator::from_compiled(net).unwrap();
    sim.run_steps(3).unwrap();
    let v = sim.data(key(0)).unwrap();
    for i in 0..4 {
        // dv = (J - v) (1 - exp(-dt / tau_rc)): about 2 * 2.98e-6 per step.
        assert!(v[(2, i)] > v[(0, i)], "neuron {i} froze: {v}");
    }
}

#[test]
fn run_of_1e12_seconds_is_refused_before_recording_anything() {
    let mut sim = Simulator::from_compiled(clock_net(0.001, None)).unwrap();
    for err in [
        sim.run(1e12).unwrap_err(),
        sim.run_steps(u64::MAX).unwrap_err(),
    ] {
        match &err {
            SimError::ProbeMemory { bytes, limit, .. } => {
                assert!(*bytes > u128::from(*limit));
                assert_eq!(*limit, memory::memory_limit());
            }
            other => panic!("{other:?}"),
        }
        let text = err.to_string();
        assert!(
            text.contains("stream") && text.contains("sample_every"),
            "{text}"
        );
    }
    assert_eq!(sim.n_steps(), 0);
    assert_eq!(sim.data(key(0)).unwrap().nrows(), 0);
}

#[test]
fn run_memory_counts_held_data_and_thins_with_sample_every_but_not_streams() {
    let limit = memory::memory_limit();
    // One 1-D sample is 16 bytes (time and value): just over the limit fails.
    let steps = limit / 16 + 1;
    let sim = Simulator::from_compiled(clock_net(0.001, None)).unwrap();
    assert!(memory::check_run(&sim.plan.probes, &sim.state, &sim.exec.sinks, steps).is_err());
    assert!(memory::check_run(&sim.plan.probes, &sim.state, &sim.exec.sinks, steps - 2).is_ok());
    // Sampled every 10 steps, ten times the run fits.
    let sparse = Simulator::from_compiled(clock_net(0.001, Some(0.01))).unwrap();
    assert!(memory::check_run(
        &sparse.plan.probes,
        &sparse.state,
        &sparse.exec.sinks,
        steps * 9
    )
    .is_ok());
    // A streamed probe holds nothing, however long the run.
    let mut streamed = Simulator::from_compiled(clock_net(0.001, None)).unwrap();
    streamed
        .stream(key(0), |_: f64, _: &[f64]| Ok::<(), std::io::Error>(()))
        .unwrap();
    assert!(memory::check_run(
        &streamed.plan.probes,
        &streamed.state,
        &streamed.exec.sinks,
        u64::MAX
    )
    .is_ok());
}

#[test]
fn run_whose_step_count_overflows_is_refused() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(clock_node("clock"));
    let mut sim = Simulator::from_compiled(net).unwrap();
    assert!(matches!(sim.run(1e30), Err(SimError::TooManySteps { .. })));
    sim.run_steps(1).unwrap();
    assert_eq!(
        sim.run_steps(u64::MAX),
        Err(SimError::TooManySteps {
            steps: u64::MAX as f64,
            done: 1
        })
    );
}

#[test]
fn node_of_absurd_size_is_refused_naming_it() {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(NodeSpec {
        label: "huge".into(),
        size_in: 0,
        size_out: usize::MAX / 2,
        kind: NodeKind::Function(Arc::new(|_, _, _| Ok(()))),
    });
    let err = Simulator::from_compiled(net).unwrap_err();
    match err {
        SimError::TooLarge { object, bytes, .. } => {
            assert_eq!(object, "node `huge`");
            assert_eq!(bytes, (usize::MAX / 2) as u128 * 8);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn population_of_absurd_dimensions_is_refused_not_aborted() {
    let lif = LIF::default();
    let pop = |n: usize, dims: usize| Population {
        noise: None,
        label: "wide".into(),
        neuron_type: Arc::new(lif),
        n,
        dims,
        encoders: Vec::new(),
        bias: vec![0.0; n],
        initial_state: lif.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(1)),
    };
    // No neurons, so no encoders, but an input vector of usize::MAX values.
    let mut net = CompiledNetwork::new(0.001);
    net.populations.push(pop(0, usize::MAX));
    let err = Simulator::from_compiled(net).unwrap_err();
    assert!(
        matches!(&err, SimError::TooLarge { object, .. } if object == "population `wide`"),
        "{err:?}"
    );
    // n * dims overflows usize: refused as inconsistent, not a panic.
    let mut net = CompiledNetwork::new(0.001);
    net.populations.push(pop(2, usize::MAX / 2 + 1));
    let err = Simulator::from_compiled(net).unwrap_err();
    assert!(
        matches!(&err, SimError::InvalidNetwork(m) if m.contains("`wide`")),
        "{err:?}"
    );
}
