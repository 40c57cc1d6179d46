//! Probe samples and their times travel together.

use super::{clock_net, key};
use crate::Simulator;

/// Every held sample of the clock's probe must carry the time it holds.
fn assert_times_label_samples(sim: &Simulator) {
    let data = sim.data(key(0)).unwrap();
    let times = sim.probe_trange(key(0)).unwrap();
    assert_eq!(times.len(), data.nrows(), "one time per row");
    for (i, &t) in times.iter().enumerate() {
        assert_eq!(t, data[(i, 0)], "row {i} is labelled {t}");
    }
}

#[test]
fn probe_times_after_take_data_label_the_samples_held() {
    let mut sim = Simulator::from_compiled(clock_net(0.001, None)).unwrap();
    sim.run_steps(10).unwrap();
    let (t, d) = sim.take_data(key(0)).unwrap();
    assert_eq!(t.len(), 10);
    assert_eq!(t, d.column(0).iter().copied().collect::<Vec<_>>());
    sim.run_steps(10).unwrap();
    assert_eq!(sim.data(key(0)).unwrap().nrows(), 10);
    assert_eq!(sim.probe_trange(key(0)).unwrap()[0], 11.0 * 0.001);
    assert_times_label_samples(&sim);
    let (t, _) = sim.take_data(key(0)).unwrap();
    assert_eq!(t.first(), Some(&(11.0 * 0.001)));
}

#[test]
fn probe_times_after_streaming_skip_the_streamed_samples() {
    let mut sim = Simulator::from_compiled(clock_net(0.001, None)).unwrap();
    sim.run_steps(5).unwrap();
    let mut streamed = Vec::new();
    let (tx, rx) = std::sync::mpsc::channel();
    sim.stream(key(0), move |t: f64, v: &[f64]| tx.send((t, v[0])))
        .unwrap();
    sim.run_steps(10).unwrap();
    sim.finish_stream(key(0)).unwrap();
    streamed.extend(rx.try_iter());
    assert_eq!(streamed.len(), 10);
    assert!(streamed.iter().all(|(t, v)| t == v));
    sim.run_steps(5).unwrap();
    // 5 stored before streaming, 5 after: 10 rows and their 10 times.
    assert_times_label_samples(&sim);
    assert_eq!(sim.data(key(0)).unwrap().nrows(), 10);
    assert_eq!(sim.probe_trange(key(0)).unwrap()[5], 16.0 * 0.001);
}

#[test]
fn probe_times_with_sample_every_label_the_samples_held() {
    // Every 2.5 steps, as Nengo samples: steps 3, 5, 8, 10, 13, ... (8 in 20).
    let mut sim = Simulator::from_compiled(clock_net(0.001, Some(0.0025))).unwrap();
    sim.run_steps(7).unwrap();
    let (t, d) = sim.take_data(key(0)).unwrap();
    assert_eq!(t, d.column(0).iter().copied().collect::<Vec<_>>());
    sim.run_steps(13).unwrap();
    assert_times_label_samples(&sim);
    let all: Vec<f64> = t
        .into_iter()
        .chain(sim.probe_trange(key(0)).unwrap())
        .collect();
    assert_eq!(all.len(), 8, "{all:?}");
}
