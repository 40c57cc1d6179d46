//! The order of computation within a step, checked against Nengo 4.1.
//!
//! Reference values come from Nengo 4.1.0 running, for 4 steps at dt = 1 ms:
//! `u = Node(lambda t: t)`, `Connection(u, n2, synapse=None)`,
//! `Connection(u, n3, synapse=Lowpass(0.005))`, `Probe(u, synapse=0.005)`,
//! and `u -> e.neurons` (transform 1000, one RectifiedLinear neuron with gain 1,
//! bias 0) followed by `e.neurons -> n5` with synapse 0.005.

use snn::prelude::*;

const NENGO_FILTERED: [f64; 4] = [0.0, 0.000_181_27, 0.000_510_95, 0.000_962_14];

fn column(sim: &Simulator, p: ProbeId) -> Vec<f64> {
    sim.data(p).unwrap().column(0).iter().copied().collect()
}

#[test]
fn filtered_and_unfiltered_paths_have_nengos_step_timing() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::time(|t| t))?;
    let n2 = net.node("n2", Node::passthrough(1))?;
    let n3 = net.node("n3", Node::passthrough(1))?;
    net.connect(Connection::new(u, n2).synapse(None))?;
    net.connect(Connection::new(u, n3).synapse(Lowpass(0.005)))?;
    let e = net.ensemble(
        "e",
        Ensemble::new(1, 1)
            .neuron_type(RectifiedLinear::default())
            .encoders(vec![1.0])
            .gain_bias(vec![1.0], vec![0.0]),
    )?;
    net.connect(
        Connection::new(u, e.neurons())
            .transform(1000.0)
            .synapse(None),
    )?;
    let n5 = net.node("n5", Node::passthrough(1))?;
    net.connect(Connection::new(e.neurons(), n5).synapse(0.005))?;

    let pu = net.probe(Probe::new(u))?;
    let p2 = net.probe(Probe::new(n2))?;
    let p3 = net.probe(Probe::new(n3))?;
    let p4 = net.probe(Probe::new(u).synapse(0.005))?;
    let pe = net.probe(Probe::new(e.neurons()))?;
    let pj = net.probe(Probe::input(e))?;
    let p5 = net.probe(Probe::new(n5))?;

    let mut sim = Simulator::new(&net)?;
    sim.run_steps(4)?;
    assert_eq!(sim.trange(), vec![0.001, 0.002, 0.003, 0.004]);
    let t = [0.001, 0.002, 0.003, 0.004];
    let close = |a: &[f64], b: &[f64], tol: f64| a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol);
    assert!(
        close(&column(&sim, pu), &t, 1e-15),
        "node output at t = k dt"
    );
    assert!(close(&column(&sim, p2), &t, 1e-15), "unfiltered: same step");
    assert!(
        close(&column(&sim, p3), &NENGO_FILTERED, 1e-8),
        "filtered: one step late"
    );
    assert!(
        close(&column(&sim, p4), &NENGO_FILTERED, 1e-8),
        "filtered probe: one step late"
    );
    assert!(
        close(&column(&sim, pe), &[1.0, 2.0, 3.0, 4.0], 1e-5),
        "neurons: same step"
    );
    assert!(
        close(&column(&sim, pj), &[1.0, 2.0, 3.0, 4.0], 1e-5),
        "input current"
    );
    let n5_expected: Vec<f64> = NENGO_FILTERED.iter().map(|v| v * 1000.0).collect();
    assert!(
        close(&column(&sim, p5), &n5_expected, 1e-5),
        "neurons -> node, filtered"
    );
    Ok(())
}

#[test]
fn sample_every_keeps_every_tenth_step() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(0);
    let u = net.node("u", Node::time(|t| t))?;
    let p = net.probe(Probe::new(u).sample_every(0.01))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.1)?;
    let data = sim.data(p)?;
    let times = sim.probe_trange(p)?;
    assert_eq!(data.nrows(), 10);
    assert_eq!(times.len(), 10);
    for (k, &t) in times.iter().enumerate() {
        assert!((t - 0.01 * (k + 1) as f64).abs() < 1e-12);
        assert!((data[(k, 0)] - t).abs() < 1e-12);
    }
    Ok(())
}

#[test]
fn reset_returns_to_time_zero_and_replays_identically() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(3);
    let u = net.node("u", Node::time(|t| (10.0 * t).sin()))?;
    let a = net.ensemble("a", Ensemble::new(30, 1))?;
    net.connect(Connection::new(u, a))?;
    let p = net.probe(Probe::spikes(a))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.2)?;
    let first = sim.data(p)?;
    sim.reset()?;
    assert_eq!(sim.time(), 0.0);
    assert_eq!(sim.data(p)?.nrows(), 0);
    sim.run(0.2)?;
    assert_eq!(sim.data(p)?, first);
    Ok(())
}
