//! Probes that stream their samples or hand them out in chunks give exactly
//! the samples a stored probe keeps, and keep no memory of their own.

use snn::io::{column_names, CsvSink};
use snn::prelude::*;
use std::f64::consts::PI;
use std::sync::{Arc, Mutex};

fn model() -> (Network, ProbeId, ProbeId) {
    let mut net = Network::with_seed(5);
    let stim = net
        .node("stim", Node::time(|t| (2.0 * PI * t).sin()))
        .unwrap();
    let a = net.ensemble("a", Ensemble::new(80, 2)).unwrap();
    net.connect(Connection::new(stim, a.at(0))).unwrap();
    let decoded = net
        .probe(Probe::new(a).synapse(0.01).sample_every(0.003))
        .unwrap();
    let spikes = net.probe(Probe::spikes(a)).unwrap();
    (net, decoded, spikes)
}

fn bits(m: &nalgebra::DMatrix<f64>) -> Vec<u64> {
    m.iter().map(|v| v.to_bits()).collect()
}

#[test]
fn a_streamed_probe_sends_exactly_the_stored_samples() {
    let (net, decoded, _) = model();
    let mut stored = Simulator::new(&net).unwrap();
    stored.run(0.3).unwrap();
    let want = stored.data(decoded).unwrap();
    let want_t = stored.probe_trange(decoded).unwrap();

    let mut streamed = Simulator::new(&net).unwrap();
    let got: Arc<Mutex<(Vec<f64>, Vec<f64>)>> = Arc::default();
    let sink = Arc::clone(&got);
    streamed
        .stream(decoded, move |t: f64, v: &[f64]| {
            let mut g = sink.lock().unwrap();
            g.0.push(t);
            g.1.extend_from_slice(v);
            Ok::<(), std::io::Error>(())
        })
        .unwrap();
    streamed.run(0.3).unwrap();
    let got = got.lock().unwrap();
    assert_eq!(got.0, want_t);
    let got = nalgebra::DMatrix::from_row_slice(got.0.len(), 2, &got.1);
    assert_eq!(bits(&got), bits(&want));
    assert!(matches!(
        streamed.data(decoded),
        Err(snn::SimError::ProbeStreamed { .. })
    ));
}

#[test]
fn taking_data_in_chunks_gives_the_whole_run_and_frees_it() {
    let (net, _, spikes) = model();
    let mut whole = Simulator::new(&net).unwrap();
    whole.run(0.25).unwrap();
    let want = whole.data(spikes).unwrap();

    let mut chunked = Simulator::new(&net).unwrap();
    let mut rows = Vec::new();
    let mut times = Vec::new();
    for _ in 0..5 {
        chunked.run(0.05).unwrap();
        let (t, d) = chunked.take_data(spikes).unwrap();
        assert_eq!(d.nrows(), 50);
        assert_eq!(
            chunked.data(spikes).unwrap().nrows(),
            0,
            "taken data is freed"
        );
        times.extend(t);
        rows.push(d);
    }
    assert_eq!(times, whole.probe_trange(spikes).unwrap());
    let joined: Vec<u64> = rows
        .iter()
        .flat_map(|d| {
            (0..d.nrows())
                .flat_map(move |r| d.row(r).iter().map(|v| v.to_bits()).collect::<Vec<_>>())
        })
        .collect();
    let want_rows: Vec<u64> = (0..want.nrows())
        .flat_map(|r| want.row(r).iter().map(|v| v.to_bits()).collect::<Vec<_>>())
        .collect();
    assert_eq!(joined, want_rows);
}

#[test]
fn a_csv_sink_writes_every_sample_and_reads_back() {
    let (net, decoded, _) = model();
    let mut sim = Simulator::new(&net).unwrap();
    let path = std::env::temp_dir().join(format!("snn-stream-{}.csv", std::process::id()));
    sim.stream(
        decoded,
        CsvSink::create(&path, &column_names("a", 2)).unwrap(),
    )
    .unwrap();
    sim.run(0.3).unwrap();
    sim.finish_stream(decoded).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("t,a_0,a_1"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|x| x.parse().unwrap()).collect())
        .collect();
    let mut stored = Simulator::new(&net).unwrap();
    stored.run(0.3).unwrap();
    let want = stored.data(decoded).unwrap();
    assert_eq!(rows.len(), want.nrows());
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(row[1].to_bits(), want[(r, 0)].to_bits());
        assert_eq!(row[2].to_bits(), want[(r, 1)].to_bits());
    }
}

#[test]
fn a_failing_sink_stops_the_run_with_the_probe_named() {
    let (net, decoded, _) = model();
    let mut sim = Simulator::new(&net).unwrap();
    let mut calls = 0;
    sim.stream(decoded, move |_t: f64, _v: &[f64]| {
        calls += 1;
        if calls > 3 {
            Err(std::io::Error::other("disk full"))
        } else {
            Ok(())
        }
    })
    .unwrap();
    let err = sim.run(0.1).unwrap_err();
    match err {
        snn::SimError::ProbeSink { probe, message, .. } => {
            assert!(message.contains("disk full"));
            assert!(!probe.is_empty());
        }
        other => panic!("unexpected error {other}"),
    }
}

#[test]
fn a_sink_of_the_wrong_width_is_an_error_not_a_short_row() {
    let (net, decoded, _) = model();
    let mut sim = Simulator::new(&net).unwrap();
    let path = std::env::temp_dir().join(format!("snn-stream-w-{}.csv", std::process::id()));
    sim.stream(
        decoded,
        CsvSink::create(&path, &column_names("a", 3)).unwrap(),
    )
    .unwrap();
    let err = sim.run(0.01).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(err, snn::SimError::ProbeSink { .. }), "{err}");
}
