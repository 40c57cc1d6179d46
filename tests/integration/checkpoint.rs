//! A NEF model saved to a checkpoint mid-run and resumed continues bit for
//! bit, whether the resumed model is built afresh or read from the decoder
//! cache, on one thread or two, streaming probes included; a checkpoint of
//! another model (another seed) is refused.

use snn::prelude::*;
use snn::CheckpointError;
use std::f64::consts::PI;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "snn-facade-checkpoint-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A sine into 4200 neurons (several blocks, so two threads step them in
/// parallel) feeding a 100-neuron integrator; probes of the integrator's
/// filtered value, the input ensemble's spikes every 5 ms, and its decoded
/// value (which streams).
struct Model {
    net: Network,
    probes: [ProbeId; 3],
}

fn model(seed: u64) -> Result<Model, snn::Error> {
    let mut net = Network::with_seed(seed);
    let stim = net.node("stim", Node::time(|t| (2.0 * PI * t).sin()))?;
    let a = net.ensemble("a", Ensemble::new(4200, 1))?;
    let b = net.ensemble("b", Ensemble::new(100, 1))?;
    net.connect(Connection::new(stim, a))?;
    net.connect(Connection::new(a, b).transform(0.1).synapse(0.1))?;
    net.connect(Connection::new(b, b).synapse(0.1))?;
    let probes = [
        net.probe(Probe::new(b).synapse(0.01))?,
        net.probe(Probe::spikes(a).sample_every(0.005))?,
        net.probe(Probe::new(a))?,
    ];
    Ok(Model { net, probes })
}

type Samples = Arc<Mutex<Vec<(f64, Vec<f64>)>>>;

fn stream_into(sim: &mut Simulator, probe: ProbeId, samples: &Samples) -> Result<(), snn::Error> {
    let samples = Arc::clone(samples);
    sim.stream(probe, move |t, v: &[f64]| {
        samples.lock().unwrap().push((t, v.to_vec()));
        Ok::<(), std::convert::Infallible>(())
    })?;
    Ok(())
}

#[test]
fn a_nef_run_resumed_from_a_checkpoint_and_the_decoder_cache_continues_bit_for_bit(
) -> Result<(), snn::Error> {
    let dir = folder("resume");
    let m = model(3)?;
    let [value, spikes, streamed] = m.probes;

    let mut whole = Simulator::new(&m.net)?;
    whole.set_threads(1)?;
    let all: Samples = Samples::default();
    stream_into(&mut whole, streamed, &all)?;
    whole.run(0.3)?;

    for threads in [1, 2] {
        let cache = DecoderCache::new(dir.join(format!("decoders-{threads}")))?;
        let options = || BuildOptions::default().decoder_cache(cache.clone());
        let path = dir.join(format!("run-{threads}.ckpt"));

        let mut first = Simulator::new(&m.net.build(options())?)?;
        first.set_threads(threads)?;
        let before: Samples = Samples::default();
        stream_into(&mut first, streamed, &before)?;
        first.run(0.1)?;
        first.save_checkpoint(&path)?;
        drop(first);

        // A later process: the same model, its decoders read from the cache.
        let again = model(3)?;
        let built = again.net.build(options())?;
        let mut resumed = Simulator::resume(&built, &path)?;
        resumed.set_threads(threads)?;
        assert_eq!(resumed.n_steps(), 100);
        let after: Samples = Samples::default();
        stream_into(&mut resumed, again.probes[2], &after)?;
        resumed.run(0.2)?;

        let [v, s, _] = again.probes;
        assert_eq!(resumed.data(v)?, whole.data(value)?, "{threads} threads");
        assert_eq!(resumed.data(s)?, whole.data(spikes)?, "{threads} threads");
        assert_eq!(resumed.probe_trange(s)?, whole.probe_trange(spikes)?);
        let mut joined = before.lock().unwrap().clone();
        joined.extend(after.lock().unwrap().iter().cloned());
        assert_eq!(joined, *all.lock().unwrap(), "{threads} threads");
    }

    // Another seed draws other neurons: another model.
    let other = model(4)?;
    match Simulator::resume(&other.net, dir.join("run-1.ckpt")) {
        Err(snn::nef::BuildError::Sim(SimError::Checkpoint { problem, .. })) => {
            assert!(
                matches!(problem, CheckpointError::OtherModel { .. }),
                "{problem:?}"
            )
        }
        other => panic!(
            "expected the other model to be refused, got {:?}",
            other.err()
        ),
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
