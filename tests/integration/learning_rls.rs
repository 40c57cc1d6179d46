//! RLS against Nengo 4.1's `_test_rls_network`: 100 neurons learn a random
//! linear map of `sin(2π 5 t)` for 0.5 s, the error is gated off, and over
//! the next 0.25 s the learned output is compared with the same map
//! decoded offline and with the ideal, by normalized RMSE (Nengo's
//! bounds).

use nalgebra::DMatrix;
use snn::prelude::*;
use std::sync::Arc;

/// Nengo's `nrmse(a, b)`: `rms(a - b) / rms(b)`.
fn nrmse(a: &DMatrix<f64>, b: &DMatrix<f64>) -> f64 {
    let rms = |m: &DMatrix<f64>| (m.iter().map(|x| x * x).sum::<f64>() / m.len() as f64).sqrt();
    rms(&(a - b)) / rms(b)
}

/// `(on vs off, on vs ideal, off vs ideal)` over the test period.
fn rls(
    neuron_type: Arc<dyn NeuronType>,
    dims: usize,
    rate: f64,
    tau: Option<f64>,
    seed: u64,
) -> (f64, f64, f64) {
    let (t_train, t_test) = (0.5, 0.25);
    // A fixed "random" map (Nengo draws it from a normal distribution).
    let transform = DMatrix::from_fn(dims, 1, |r, _| {
        [0.8, -1.3, 0.5, 1.7, -0.4][r % 5] * (1.0 + r as f64 / 10.0)
    });
    let rule = match tau {
        Some(t) => RLS::new(rate).pre_synapse(t),
        None => RLS::new(rate).pre_synapse(None),
    };
    let mut net = Network::with_seed(seed);
    let u = net
        .node(
            "u",
            Node::time(|t| (5.0 * 2.0 * std::f64::consts::PI * t).sin()),
        )
        .unwrap();
    let x = net
        .ensemble("x", Ensemble::new(100, 1).neuron_type_arc(neuron_type))
        .unwrap();
    let y = net.node("y", Node::passthrough(dims)).unwrap();
    let y_on = net.node("y_on", Node::passthrough(dims)).unwrap();
    let y_off = net.node("y_off", Node::passthrough(dims)).unwrap();
    let e = net
        .node(
            "e",
            Node::time_input(dims, move |t, e: &[f64]| {
                if t < t_train {
                    e.to_vec()
                } else {
                    vec![0.0; e.len()]
                }
            }),
        )
        .unwrap();
    net.connect(
        Connection::new(u, y)
            .synapse(None)
            .transform(transform.clone()),
    )
    .unwrap();
    net.connect(Connection::new(u, x).synapse(None)).unwrap();
    let on = net
        .connect(
            Connection::new(x, y_on)
                .synapse(None)
                .function(move |_: &[f64]| vec![0.0; dims])
                .learning_rule(rule),
        )
        .unwrap();
    net.connect(Connection::new(y, e).synapse(None).transform(-1.0))
        .unwrap();
    net.connect(Connection::new(y_on, e).synapse(None)).unwrap();
    net.connect(Connection::new(e, on.learning_rule()).synapse(tau.map(Lowpass)))
        .unwrap();
    net.connect(Connection::new(x, y_off).synapse(None).transform(transform))
        .unwrap();
    let probe = |net: &mut Network, n| net.probe(Probe::new(n).synapse(tau.map(Lowpass))).unwrap();
    let (p_y, p_on, p_off) = (
        probe(&mut net, y),
        probe(&mut net, y_on),
        probe(&mut net, y_off),
    );
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(t_train + t_test).unwrap();
    let test = |p| {
        let d = sim.data(p).unwrap();
        let first = (t_train / sim.dt()).round() as usize - 1;
        d.rows(first, d.nrows() - first).into_owned()
    };
    let (y, on, off) = (test(p_y), test(p_on), test(p_off));
    (nrmse(&on, &off), nrmse(&on, &y), nrmse(&off, &y))
}

fn check(name: &str, got: (f64, f64, f64), tols: [f64; 3]) {
    let got = [got.0, got.1, got.2];
    for (k, what) in ["on vs off", "on vs ideal", "off vs ideal"]
        .iter()
        .enumerate()
    {
        assert!(
            got[k] < tols[k],
            "{name}: {what} nrmse {} >= {}",
            got[k],
            tols[k]
        );
    }
}

#[test]
fn rls_learns_a_linear_map_of_a_sine_as_nengo_tests_it() {
    // test_rls_scalar_rate, test_rls_multidim and test_rls_scalar_spiking.
    check(
        "LIFRate, 1-D, rate 100",
        rls(Arc::new(LIFRate::default()), 1, 100.0, None, 1),
        [0.02, 3e-3, 0.02],
    );
    check(
        "LIFRate, 11-D, rate 100",
        rls(Arc::new(LIFRate::default()), 11, 100.0, None, 2),
        [0.02, 3e-3, 0.02],
    );
    check(
        "LIF, 1-D, rate 0.05, tau 0.01",
        rls(Arc::new(LIF::default()), 1, 0.05, Some(0.01), 3),
        [0.04, 0.05, 0.04],
    );
}
