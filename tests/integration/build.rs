//! The build's NEF math against independent computations.

use nalgebra::{DMatrix, DVector};
use snn::prelude::*;

/// LIF steady-state rate, written out here independently of the crate:
/// `1 / (tau_ref + tau_rc ln(1 + 1/(J - 1)))` above threshold.
fn lif_rate(j: f64) -> f64 {
    if j > 1.0 {
        1.0 / (0.002 + 0.02 * (1.0 / (j - 1.0)).ln_1p())
    } else {
        0.0
    }
}

#[test]
fn decoders_match_a_direct_regularized_least_squares_solve() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(5);
    let a = net.ensemble("a", Ensemble::new(60, 1).radius(2.0))?;
    let b = net.ensemble("b", Ensemble::new(10, 1))?;
    net.connect(Connection::new(a, b).function(|x| x[0] * x[0]))?;
    let model = net.build(BuildOptions::default())?;
    let ens = &model.ensembles[0];
    let x = &ens.eval_points;
    let (m, n) = (x.nrows(), ens.gain.len());
    assert_eq!(m, 750, "Nengo's default count for 60 neurons in 1-D");
    assert!(
        x.iter().all(|v| v.abs() <= 2.0),
        "eval points scaled by the radius"
    );
    let act = DMatrix::from_fn(m, n, |p, i| {
        lif_rate(ens.gain[i] * ens.encoders[(i, 0)] * x[(p, 0)] / 2.0 + ens.bias[i])
    });
    let y = DVector::from_fn(m, |p, _| x[(p, 0)] * x[(p, 0)]);
    let sigma = 0.1 * act.max();
    // The regularized problem as an augmented ordinary least-squares one,
    // solved by SVD: [A; sqrt(m) sigma I] d = [y; 0].
    let mut aug = DMatrix::zeros(m + n, n);
    aug.rows_mut(0, m).copy_from(&act);
    for i in 0..n {
        aug[(m + i, i)] = (m as f64).sqrt() * sigma;
    }
    let mut rhs = DVector::zeros(m + n);
    rhs.rows_mut(0, m).copy_from(&y);
    let direct = aug.svd(true, true).solve(&rhs, 1e-14).unwrap();
    let built = model.connections[0].decoders.as_ref().unwrap();
    let err = (built.column(0) - &direct).norm() / direct.norm();
    assert!(err < 1e-8, "relative difference {err}");
    let rmse = ((&act * &direct - &y).norm_squared() / m as f64).sqrt();
    let reported = model.connections[0].solver_rmse().unwrap();
    assert!((reported - rmse).abs() < 1e-10, "{reported} vs {rmse}");
    Ok(())
}

#[test]
fn tuning_curves_start_at_the_intercepts_and_reach_the_max_rates() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(2);
    let a = net.ensemble("a", Ensemble::new(20, 1))?;
    let built = net.build_ensemble(a)?;
    let curves = response_curves(&net.build(BuildOptions::default())?, a, 201)?;
    for i in 0..20 {
        let at_one = curves.activities[(200, i)];
        assert!((at_one - built.max_rates[i]).abs() < 1e-6 * built.max_rates[i]);
        let c = built.intercepts[i];
        for p in 0..201 {
            let x = curves.inputs[(p, 0)];
            if x < c - 1e-9 {
                assert_eq!(curves.activities[(p, i)], 0.0, "silent below the intercept");
            }
        }
    }
    let tuning = tuning_curves(&net.build(BuildOptions::default())?, a, None)?;
    assert_eq!(tuning.inputs.nrows(), 50);
    // Along its encoder, a neuron's tuning curve is its response curve.
    for i in 0..20 {
        let e = built.encoders[(i, 0)];
        let x = 1.0;
        let idx = if e > 0.0 { 49 } else { 0 };
        assert!((tuning.inputs[(idx, 0)].abs() - x).abs() < 1e-12);
        assert!(
            (tuning.activities[(idx, i)] - built.max_rates[i]).abs() < 1e-6 * built.max_rates[i]
        );
    }
    Ok(())
}

fn channel(weights: bool) -> Result<DMatrix<f64>, snn::Error> {
    let mut net = Network::with_seed(11);
    let stim = net.node("stim", Node::time(|t| (6.0 * t).sin()))?;
    let a = net.ensemble("a", Ensemble::new(80, 1))?;
    let b = net.ensemble("b", Ensemble::new(80, 1))?;
    net.connect(Connection::new(stim, a))?;
    let solver = LstsqL2::default().weights(weights);
    net.connect(Connection::new(a, b).transform(-0.5).solver(solver))?;
    let p = net.probe(Probe::new(b).synapse(0.02))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.5)?;
    Ok(sim.data(p)?)
}

#[test]
fn neuron_weight_connections_compute_what_factored_ones_do() -> Result<(), snn::Error> {
    let factored = channel(false)?;
    let weights = channel(true)?;
    let diff = snn::analysis::rmse(factored.as_slice(), weights.as_slice());
    // Same math, summed in another order: spikes may shift by rounding, so
    // compare decoded values, which agree far below the decoding error.
    assert!(diff < 0.01, "rms difference {diff}");
    let t: Vec<f64> = (1..=500)
        .map(|k| -0.5 * (6.0 * k as f64 * 1e-3).sin())
        .collect();
    assert!(snn::analysis::rmse(&weights.as_slice()[100..], &t[100..]) < 0.1);
    Ok(())
}

#[test]
fn inhibiting_the_neurons_silences_the_ensemble() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(4);
    let on = net.node("stim", Node::constant(0.5))?;
    let gate = net.node("gate", Node::time(|t| if t > 0.2 { 1.0 } else { 0.0 }))?;
    let a = net.ensemble("a", Ensemble::new(50, 1))?;
    net.connect(Connection::new(on, a))?;
    let inhibit = DMatrix::from_element(50, 1, -10.0);
    net.connect(Connection::new(gate, a.neurons()).transform(inhibit))?;
    let spikes = net.probe(Probe::spikes(a))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.4)?;
    let s = sim.data(spikes)?;
    let before: f64 = s.rows(100, 100).sum();
    let after: f64 = s.rows(300, 100).sum();
    assert!(
        before > 0.0 && after == 0.0,
        "spikes before {before}, after {after}"
    );
    Ok(())
}

#[test]
fn izhikevich_ensembles_represent_a_constant() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(1);
    let u = net.node("u", Node::constant(0.5))?;
    let a = net.ensemble(
        "a",
        Ensemble::new(100, 1).neuron_type(Izhikevich::default()),
    )?;
    net.connect(Connection::new(u, a))?;
    let p = net.probe(Probe::new(a).synapse(0.05))?;
    let v = net.probe(Probe::voltage(a))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(1.0)?;
    let x = sim.data(p)?;
    let mean = x.rows(500, 500).mean();
    assert!((mean - 0.5).abs() < 0.1, "decoded {mean}");
    assert!(sim
        .data(v)?
        .iter()
        .all(|v| v.is_finite() && *v < 30.0 + 1e-3));
    Ok(())
}
