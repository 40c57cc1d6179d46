//! Probes of learning rules (Nengo's `probeable` of each rule type): each
//! signal against the formula it is defined by, and the attributes a rule
//! does not have refused by name.

use nalgebra::DMatrix;
use snn::prelude::*;

/// 10-neuron pre and post joined neuron to neuron by `rule`, pre driven by
/// a sine.
fn weight_net(
    rule: impl LearningRuleType + 'static,
) -> Result<(Network, ConnectionId, [EnsembleId; 2]), snn::Error> {
    let mut net = Network::with_seed(4);
    let u = net.node("u", Node::time(|t: f64| (8.0 * t).sin()))?;
    let pre = net.ensemble("pre", Ensemble::new(10, 1))?;
    let post = net.ensemble("post", Ensemble::new(10, 1))?;
    net.connect(Connection::new(u, pre))?;
    let w = DMatrix::from_fn(10, 10, |r, c| ((r * 7 + c * 3) % 11) as f64 * 1e-4);
    let conn = net.connect(
        Connection::new(pre.neurons(), post.neurons())
            .transform(w)
            .learning_rule(rule),
    )?;
    Ok((net, conn, [pre, post]))
}

/// `y_k = a y_{k-1} + (1 - a) x_k` with `a = e^{-dt/tau}`: Nengo's
/// discretized Lowpass, which the pre, post and theta filters are.
fn lowpass(x: &DMatrix<f64>, tau: f64, dt: f64) -> DMatrix<f64> {
    let a = (-dt / tau).exp();
    let mut y = DMatrix::zeros(x.nrows(), x.ncols());
    for k in 0..x.nrows() {
        for c in 0..x.ncols() {
            let prev = if k == 0 { 0.0 } else { y[(k - 1, c)] };
            y[(k, c)] = a * prev + (1.0 - a) * x[(k, c)];
        }
    }
    y
}

fn assert_close(name: &str, a: &DMatrix<f64>, b: &DMatrix<f64>, tol: f64) {
    assert_eq!(a.shape(), b.shape(), "{name}");
    let scale = b.amax().max(1e-12);
    let worst = (a - b).amax();
    assert!(
        worst <= tol * scale,
        "{name}: off by {worst:e} of {scale:e}"
    );
}

#[test]
fn bcm_probes_give_the_filtered_activities_the_threshold_and_the_change() -> Result<(), snn::Error>
{
    let (mut net, conn, [pre, post]) = weight_net(BCM::new(1e-6))?;
    let rule = conn.learning_rule();
    let pre = net.probe(Probe::spikes(pre))?;
    let post = net.probe(Probe::spikes(post))?;
    let pre_f = net.probe(Probe::learning_rule(rule, "pre_filtered"))?;
    let post_f = net.probe(Probe::learning_rule(rule, "post_filtered"))?;
    let theta = net.probe(Probe::learning_rule(rule, "theta"))?;
    let delta = net.probe(Probe::learning_rule(rule, "delta"))?;
    let weights = net.probe(Probe::weights(conn))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.3)?;
    let dt = 1e-3;
    let pf = lowpass(&sim.data(pre)?, 0.005, dt);
    let qf = lowpass(&sim.data(post)?, 0.005, dt);
    assert_close("pre_filtered", &sim.data(pre_f)?, &pf, 1e-5);
    assert_close("post_filtered", &sim.data(post_f)?, &qf, 1e-5);
    // theta: the post activities through Lowpass(1.0).
    assert_close("theta", &sim.data(theta)?, &lowpass(&qf, 1.0, dt), 1e-5);
    // delta_ji = kappa a_j (a_j - theta_j) a_i, kappa = rate dt, in the
    // probes' layout (pre neuron i's 10 values together).
    let (th, d) = (sim.data(theta)?, sim.data(delta)?);
    let mut want = DMatrix::zeros(d.nrows(), 100);
    for k in 0..d.nrows() {
        for i in 0..10 {
            for j in 0..10 {
                want[(k, i * 10 + j)] =
                    1e-6 * dt * qf[(k, j)] * (qf[(k, j)] - th[(k, j)]) * pf[(k, i)];
            }
        }
    }
    assert_close("delta", &d, &want, 1e-4);
    assert!(d.amax() > 0.0);
    // Each step's change is in the next step's weights.
    let w = sim.data(weights)?;
    let steps = w.rows(1, w.nrows() - 1) - w.rows(0, w.nrows() - 1);
    assert_close(
        "weights",
        &steps,
        &d.rows(0, d.nrows() - 1).clone_owned(),
        1e-9,
    );
    Ok(())
}

#[test]
fn pes_probes_give_the_error_and_the_activities() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(2);
    let u = net.node("u", Node::time(|t: f64| [(6.0 * t).sin(), 0.3]))?;
    let a = net.ensemble("a", Ensemble::new(30, 2))?;
    let b = net.node("b", Node::passthrough(2))?;
    net.connect(Connection::new(u, a))?;
    let c = net.connect(Connection::new(a, b).learning_rule(PES::new(1e-4)))?;
    let err = net.node("err", Node::time(|t: f64| [t, -2.0 * t]))?;
    net.connect(Connection::new(err, c.learning_rule()).synapse(None))?;
    let pe = net.probe(Probe::learning_rule(c.learning_rule(), "error"))?;
    let pa = net.probe(Probe::learning_rule(c.learning_rule(), "activities"))?;
    let spikes = net.probe(Probe::spikes(a))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.1)?;
    let e = sim.data(pe)?;
    for (k, t) in sim.trange().into_iter().enumerate() {
        assert!((e[(k, 0)] - t).abs() < 1e-12 && (e[(k, 1)] + 2.0 * t).abs() < 1e-12);
    }
    assert_close(
        "activities",
        &sim.data(pa)?,
        &lowpass(&sim.data(spikes)?, 0.005, 1e-3),
        1e-5,
    );
    Ok(())
}

#[test]
fn rls_inv_gamma_stays_symmetric_and_starts_at_rate_dt_over_n() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(3);
    let u = net.node("u", Node::time(|t: f64| (10.0 * t).sin()))?;
    let a = net.ensemble("a", Ensemble::new(12, 1).neuron_type(LIFRate::default()))?;
    let b = net.node("b", Node::passthrough(1))?;
    net.connect(Connection::new(u, a))?;
    let c = net.connect(Connection::new(a, b).learning_rule(RLS::new(1e-2)))?;
    net.connect(Connection::new(b, c.learning_rule()))?;
    net.connect(Connection::new(u, c.learning_rule()).transform(-1.0))?;
    let p = net.probe(Probe::learning_rule(c.learning_rule(), "inv_gamma"))?;
    let pre = net.probe(Probe::learning_rule(c.learning_rule(), "pre_filtered"))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.05)?;
    let (g, r) = (sim.data(p)?, sim.data(pre)?);
    assert_eq!(g.ncols(), 144);
    // Before any activity P is I rate dt / n; one Sherman-Morrison step
    // later P r = P0 r / (1 + r^T P0 r).
    let p0 = 1e-2 * 1e-3 / 12.0;
    let first = (0..r.nrows()).find(|&k| r.row(k).amax() > 0.0).unwrap();
    let before = if first == 0 { None } else { Some(first - 1) };
    if let Some(k) = before {
        for i in 0..12 {
            for j in 0..12 {
                let want = if i == j { p0 } else { 0.0 };
                assert!((g[(k, i * 12 + j)] - want).abs() < 1e-18);
            }
        }
    }
    let rk = r.row(first).transpose();
    let pk = DMatrix::from_row_slice(12, 12, g.row(first).clone_owned().as_slice());
    let rr = rk.dot(&rk);
    let want = &rk * (p0 / (1.0 + p0 * rr));
    assert!((pk * &rk - want).amax() <= 1e-9 * p0 * rk.amax());
    for k in 0..g.nrows() {
        let pk = DMatrix::from_row_slice(12, 12, g.row(k).clone_owned().as_slice());
        assert!((&pk - pk.transpose()).amax() <= 1e-12 * p0);
    }
    Ok(())
}

#[test]
fn a_signal_a_rule_does_not_have_is_an_error_listing_what_it_has() -> Result<(), snn::Error> {
    let (mut net, conn, _) = weight_net(Oja::default())?;
    let err = net
        .probe(Probe::learning_rule(conn.learning_rule(), "theta"))
        .expect_err("Oja has no theta")
        .to_string();
    assert!(
        err.contains("theta") && err.contains("post_filtered"),
        "{err}"
    );
    let err = net
        .probe(Probe::learning_rule(conn.learning_rule_at(1), "delta"))
        .expect_err("one rule only")
        .to_string();
    assert!(err.contains("1 learning rule"), "{err}");
    Ok(())
}
