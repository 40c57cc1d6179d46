//! A run saved to a checkpoint and resumed continues bit for bit; a file
//! that is not a checkpoint of this model is refused with the reason.

use super::{clock_node, key};
use crate::error::CheckpointError;
use crate::network::{Link, Population, ProbeSpec, ProbeTarget, Source, Target, Transform};
use crate::neurons::{LIFRate, NeuronType, PoissonSpiking, LIF};
use crate::simulator::checkpoint::{temporary_path, FORMAT_VERSION};
use crate::synapses::{Lowpass, Synapse};
use crate::{CompiledNetwork, SimError, Simulator};
use nalgebra::DMatrix;
use rand::SeedableRng;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A folder of its own for one test.
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("snn-checkpoint-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn population(label: &str, neuron_type: Arc<dyn NeuronType>, n: usize, bias: f32) -> Population {
    Population {
        noise: None,
        label: label.into(),
        initial_state: neuron_type.initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(9)),
        neuron_type,
        n,
        dims: 1,
        encoders: (0..n)
            .map(|i| if i % 2 == 0 { 15.0 } else { -15.0 })
            .collect(),
        bias: (0..n).map(|i| bias + (i % 11) as f32 * 0.05).collect(),
    }
}

fn link(label: &str, source: Source, target: Target) -> Link {
    Link {
        label: label.into(),
        source,
        pre_slice: None,
        function: None,
        transform: Transform::Identity,
        synapse: Some(Lowpass(0.005).discretize(0.001).unwrap()),
        target,
        post_slice: None,
    }
}

/// A clock drives 6000 LIF neurons (four blocks, so two threads step them
/// in parallel) and 300 Poisson-spiking ones (a random generator in the
/// state), whose decoded value feeds back into the LIF population; probes
/// of a filtered decoded value, spikes every 2.5 steps, voltages and the
/// clock (which streams).
fn model(bias: f32) -> CompiledNetwork {
    let mut net = CompiledNetwork::new(0.001);
    net.nodes.push(clock_node("clock"));
    net.populations
        .push(population("lif", Arc::new(LIF::default()), 6000, bias));
    net.populations.push(population(
        "poisson",
        Arc::new(PoissonSpiking::new(LIFRate::default())),
        300,
        1.2,
    ));
    net.links
        .push(link("clock -> lif", Source::Node(0), Target::Population(0)));
    net.links.push(link(
        "clock -> poisson",
        Source::Node(0),
        Target::Population(1),
    ));
    let decoded = |pop, n| Source::Decoded {
        pop,
        decoders: (0..n).map(|i| (i % 5) as f32 * 1e-5).collect(),
        dims: 1,
    };
    net.links.push(link(
        "poisson -> lif",
        decoded(1, 300),
        Target::Population(0),
    ));
    let probes = [
        ("value", ProbeTarget::Source(decoded(0, 6000)), true, None),
        (
            "spikes",
            ProbeTarget::Source(Source::Neurons(1)),
            false,
            Some(0.0025),
        ),
        (
            "voltage",
            ProbeTarget::State { pop: 0, var: 0 },
            false,
            None,
        ),
        ("clock", ProbeTarget::Source(Source::Node(0)), false, None),
    ];
    for (label, target, filtered, sample_every) in probes {
        net.probes.push(ProbeSpec {
            label: label.into(),
            target,
            synapse: filtered.then(|| Lowpass(0.01).discretize(0.001).unwrap()),
            sample_every,
        });
    }
    net
}

type Streamed = Arc<Mutex<Vec<(f64, Vec<f64>)>>>;

/// Streams the clock probe into `into`.
fn stream_clock(sim: &mut Simulator, into: &Streamed) {
    let into = Arc::clone(into);
    sim.stream(key(3), move |t, v: &[f64]| {
        into.lock().unwrap().push((t, v.to_vec()));
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap();
}

/// The stored data of the first three probes.
fn stored(sim: &Simulator) -> Vec<DMatrix<f64>> {
    (0..3).map(|p| sim.data(key(p)).unwrap()).collect()
}

#[test]
fn a_resumed_run_continues_bit_for_bit_on_one_and_two_threads() {
    let dir = scratch_dir("bit-for-bit");
    let mut reference = Simulator::from_compiled(model(1.1)).unwrap();
    reference.set_threads(1).unwrap();
    let whole: Streamed = Streamed::default();
    stream_clock(&mut reference, &whole);
    reference.run_steps(300).unwrap();

    for threads in [1, 2] {
        for stop in [1, 137] {
            let path = dir.join(format!("run-{threads}-{stop}.ckpt"));
            let mut first = Simulator::from_compiled(model(1.1)).unwrap();
            first.set_threads(threads).unwrap();
            let before: Streamed = Streamed::default();
            stream_clock(&mut first, &before);
            first.run_steps(stop).unwrap();
            first.save_checkpoint(&path).unwrap();
            drop(first);

            let mut resumed = Simulator::resume(&model(1.1), &path).unwrap();
            assert_eq!(resumed.n_steps(), stop);
            resumed.set_threads(threads).unwrap();
            let after: Streamed = Streamed::default();
            stream_clock(&mut resumed, &after);
            resumed.run_steps(300 - stop).unwrap();

            assert_eq!(
                stored(&resumed),
                stored(&reference),
                "{threads} threads, stop {stop}"
            );
            assert_eq!(resumed.probe_trange(key(1)), reference.probe_trange(key(1)));
            let mut streamed = before.lock().unwrap().clone();
            streamed.extend(after.lock().unwrap().iter().cloned());
            assert_eq!(streamed, *whole.lock().unwrap());
            assert_eq!(resumed.state, reference.state, "every state, bit for bit");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The problem a failed resume reports, after checking that it names the file.
fn problem(result: Result<Simulator, SimError>, path: &std::path::Path) -> CheckpointError {
    match result {
        Err(e @ SimError::Checkpoint { .. }) => {
            assert!(
                e.to_string().contains(&path.display().to_string()),
                "{e} names the file"
            );
            let SimError::Checkpoint { path: p, problem } = e else {
                unreachable!()
            };
            assert_eq!(p, path);
            problem
        }
        other => panic!("expected a checkpoint error, got {other:?}"),
    }
}

#[test]
fn another_model_a_newer_format_a_cut_or_damaged_file_are_each_refused_by_name() {
    let dir = scratch_dir("refused");
    let path = dir.join("good.ckpt");
    let mut sim = Simulator::from_compiled(model(1.1)).unwrap();
    sim.run_steps(20).unwrap();
    sim.save_checkpoint(&path).unwrap();
    let good = std::fs::read(&path).unwrap();

    let other = problem(Simulator::resume(&model(1.3), &path), &path);
    assert!(
        matches!(other, CheckpointError::OtherModel { .. }),
        "{other:?}"
    );
    // The same network at another dt is another model too.
    let mut slower = model(1.1);
    slower.dt = 0.0005;
    let saved = sim.network().clone();
    let fingerprint = crate::simulator::checkpoint::fingerprint(&saved);
    assert_ne!(
        fingerprint,
        crate::simulator::checkpoint::fingerprint(&slower)
    );

    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let mut newer = good.clone();
    newer[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let p = write("newer.ckpt", &newer);
    assert_eq!(
        problem(Simulator::resume(&model(1.1), &p), &p),
        CheckpointError::NewerFormat {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        }
    );
    let mut older = good.clone();
    for found in 1..FORMAT_VERSION {
        older[8..12].copy_from_slice(&found.to_le_bytes());
        let p = write("older.ckpt", &older);
        assert_eq!(
            problem(Simulator::resume(&model(1.1), &p), &p),
            CheckpointError::OlderFormat {
                found,
                supported: FORMAT_VERSION
            }
        );
    }

    let p = write("cut.ckpt", &good[..good.len() - 10]);
    assert_eq!(
        problem(Simulator::resume(&model(1.1), &p), &p),
        CheckpointError::Truncated {
            expected: good.len() as u64,
            found: good.len() as u64 - 10
        }
    );
    let p = write("header-cut.ckpt", &good[..20]);
    assert!(matches!(
        problem(Simulator::resume(&model(1.1), &p), &p),
        CheckpointError::Truncated { found: 20, .. }
    ));

    let mut flipped = good.clone();
    let middle = 48 + (good.len() - 48) / 2;
    flipped[middle] ^= 0x10;
    let p = write("flipped.ckpt", &flipped);
    assert!(matches!(
        problem(Simulator::resume(&model(1.1), &p), &p),
        CheckpointError::Corrupt(_)
    ));

    let p = write("notes.txt", b"a shopping list, not a checkpoint");
    assert_eq!(
        problem(Simulator::resume(&model(1.1), &p), &p),
        CheckpointError::NotACheckpoint
    );

    let p = dir.join("missing.ckpt");
    assert!(matches!(
        problem(Simulator::resume(&model(1.1), &p), &p),
        CheckpointError::Io { .. }
    ));
    // The good file still resumes.
    assert_eq!(Simulator::resume(&model(1.1), &path).unwrap().n_steps(), 20);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_that_fails_part_way_leaves_the_previous_checkpoint_whole() {
    let dir = scratch_dir("atomic");
    let path = dir.join("run.ckpt");
    let mut sim = Simulator::from_compiled(model(1.1)).unwrap();
    sim.run_steps(30).unwrap();
    sim.save_checkpoint(&path).unwrap();
    let first = std::fs::read(&path).unwrap();
    // The next save cannot create its temporary file (a folder is in the
    // way): it fails, and the checkpoint on disk is untouched.
    std::fs::create_dir(temporary_path(&path)).unwrap();
    sim.run_steps(30).unwrap();
    let err = sim.save_checkpoint(&path).unwrap_err();
    assert!(matches!(
        err,
        SimError::Checkpoint {
            problem: CheckpointError::Io { .. },
            ..
        }
    ));
    assert_eq!(std::fs::read(&path).unwrap(), first);
    assert_eq!(Simulator::resume(&model(1.1), &path).unwrap().n_steps(), 30);
    // Once the way is clear, saving replaces it, and leaves nothing beside it.
    std::fs::remove_dir(temporary_path(&path)).unwrap();
    sim.save_checkpoint(&path).unwrap();
    assert_eq!(Simulator::resume(&model(1.1), &path).unwrap().n_steps(), 60);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("run.ckpt")]);
    let _ = std::fs::remove_dir_all(&dir);
}
