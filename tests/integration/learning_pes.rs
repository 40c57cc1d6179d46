//! PES against the figures of Nengo 4.1's own tests
//! (`nengo/tests/test_learning_rules.py`, `_test_pes`): 200-neuron 2-D
//! pre, post and error ensembles, PES(1e-3), a constant input; after 0.4 s
//! the output is within 0.05 of the target and the error within 0.05 of 0,
//! for every neuron type and every form of connection.

use nalgebra::DMatrix;
use snn::prelude::*;
use std::sync::Arc;

/// How the learning connection is made.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// Ensemble to ensemble, computing the swapped input (learned back to
    /// the input itself).
    EnsEns,
    /// The same with a weight solver (neuron-to-neuron weights learned).
    WeightSolver,
    /// `pre.neurons -> post.neurons`, weights uniform in [0, 4e-4), PES(7e-4).
    NeuronNeuron,
    /// `pre.neurons -> post`, weights uniform in [0, 1e-4).
    NeuronEns,
    /// `pre -> post.neurons` through ones, PES(1e-4).
    EnsNeuron,
    /// `pre -> post[0]` computing `x0 - x1`, learning `x0² + x1²`.
    Sliced,
}

/// What one run of `_test_pes` gives.
struct Outcome {
    /// Post's value and the error (filtered by 0.03) after 0.4 s.
    post: DMatrix<f64>,
    error: DMatrix<f64>,
    target: Vec<f64>,
    /// The learned weights every 10 ms.
    weights: DMatrix<f64>,
}

/// Runs Nengo's `_test_pes` for `neuron_type` and `form`.
fn pes(neuron_type: Arc<dyn NeuronType>, form: Form, seed: u64) -> Result<Outcome, snn::Error> {
    let n = 200;
    let vin = [0.5, -0.5];
    let vout: Vec<f64> = if form == Form::Sliced {
        vec![vin[0] * vin[0] + vin[1] * vin[1]]
    } else {
        vin.to_vec()
    };
    let mut net = Network::with_seed(seed);
    let ens = |dims| Ensemble::new(n, dims).neuron_type_arc(neuron_type.clone());
    let stim = net.node("stim", Node::constant(vin))?;
    let target = net.node("target", Node::constant(vout.clone()))?;
    let pre = net.ensemble("pre", ens(2))?;
    let post = net.ensemble("post", ens(2))?;
    let error = net.ensemble("error", ens(vout.len()))?;
    net.connect(Connection::new(stim, pre))?;
    // A fixed spread of values in [0, high) (Nengo draws them uniformly).
    let spread = |rows, cols, high: f64| {
        DMatrix::from_fn(rows, cols, |r, c| {
            let k = (r * cols + c) as u64;
            (k.wrapping_mul(2_654_435_761) % 10_007) as f64 / 10_007.0 * high
        })
    };
    let rule = PES::new(match form {
        Form::NeuronNeuron => 7e-4,
        Form::EnsNeuron => 1e-4,
        _ => 1e-3,
    });
    let learn = match form {
        Form::EnsEns => Connection::new(pre, post).function(|x: &[f64]| vec![x[1], x[0]]),
        Form::WeightSolver => Connection::new(pre, post)
            .function(|x: &[f64]| vec![x[1], x[0]])
            .solver(LstsqL2::default().weights(true)),
        Form::NeuronNeuron => {
            Connection::new(pre.neurons(), post.neurons()).transform(spread(n, n, 4e-4))
        }
        Form::NeuronEns => Connection::new(pre.neurons(), post).transform(spread(2, n, 1e-4)),
        Form::EnsNeuron => {
            Connection::new(pre, post.neurons()).transform(DMatrix::from_element(n, 2, 1.0))
        }
        Form::Sliced => Connection::new(pre, post.at(0)).function(|x: &[f64]| vec![x[0] - x[1]]),
    };
    let conn = net.connect(learn.learning_rule(rule))?;
    let post_part: snn::nef::Endpoint = if form == Form::Sliced {
        post.at(0)
    } else {
        post.into()
    };
    net.connect(Connection::new(target, error).transform(-1.0))?;
    net.connect(Connection::new(post_part.clone(), error))?;
    net.connect(Connection::new(error, conn.learning_rule()))?;
    let post_p = if form == Form::Sliced {
        // Post's first dimension, through a node that picks it.
        let pick = net.node("pick", Node::passthrough(1))?;
        net.connect(Connection::new(post.at(0), pick).synapse(None))?;
        net.probe(Probe::new(pick).synapse(0.03))?
    } else {
        net.probe(Probe::new(post).synapse(0.03))?
    };
    let error_p = net.probe(Probe::new(error).synapse(0.03))?;
    let weights_p = net.probe(Probe::weights(conn).sample_every(0.01))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.5)?;
    let late = |d: DMatrix<f64>| d.rows(401, 99).into_owned();
    Ok(Outcome {
        post: late(sim.data(post_p)?),
        error: late(sim.data(error_p)?),
        target: vout,
        weights: sim.data(weights_p)?,
    })
}

fn check(neuron_type: Arc<dyn NeuronType>, form: Form) {
    let name = format!("{neuron_type:?} {form:?}");
    let Outcome {
        post,
        error,
        target,
        weights,
    } = pes(neuron_type, form, 1).expect("the model builds and runs");
    for (r, row) in post.row_iter().enumerate() {
        for (d, &v) in row.iter().enumerate() {
            assert!(
                (v - target[d]).abs() <= 0.05,
                "{name}: post[{d}] = {v} at row {r}"
            );
        }
    }
    let worst = error.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    assert!(worst <= 0.05, "{name}: error reaches {worst}");
    let first = weights.row(0);
    let last = weights.row(weights.nrows() - 1);
    assert!(
        first
            .iter()
            .zip(last.iter())
            .any(|(a, b)| (a - b).abs() > 1e-5),
        "{name}: the weights did not change"
    );
}

#[test]
fn pes_learns_the_input_back_for_every_neuron_type() {
    let types: Vec<Arc<dyn NeuronType>> = vec![
        Arc::new(LIF::default()),
        Arc::new(LIFRate::default()),
        Arc::new(RectifiedLinear::default()),
        Arc::new(SpikingRectifiedLinear::default()),
        Arc::new(Sigmoid::default()),
        Arc::new(Tanh::default()),
        Arc::new(RegularSpiking::new(Tanh::default())),
    ];
    for t in types {
        check(t, Form::EnsEns);
    }
}

#[test]
fn pes_learns_on_every_form_of_connection() {
    for form in [
        Form::WeightSolver,
        Form::NeuronNeuron,
        Form::NeuronEns,
        Form::EnsNeuron,
        Form::Sliced,
    ] {
        check(Arc::new(LIF::default()), form);
    }
}
