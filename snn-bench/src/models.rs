//! The benchmark models, defined exactly as in `docs/benchmarks.md` and
//! Nengo's side, `scripts/nengo_bench.py`.

use nalgebra::DMatrix;
use snn::analysis::filt;
use snn::prelude::*;
use std::f64::consts::PI;

/// Nengo's default connection synapse and the probes' synapse.
const SYN: f64 = 0.005;
const PROBE_TAU: f64 = 0.01;

/// Scores a finished simulation (RMSE against the model's ideal signal).
pub type Score = Box<dyn Fn(&Simulator) -> Result<f64, snn::Error>>;

/// A built benchmark model and how to score its run.
pub struct Model {
    /// The network.
    pub net: Network,
    /// Total number of neurons.
    pub neurons: usize,
    /// Scores a finished simulation (RMSE against the ideal), if defined.
    pub score: Option<Score>,
}

/// The model called `name` with `size` neurons in all.
pub fn build(name: &str, size: usize) -> Result<Model, String> {
    let model = match name {
        "neurons" => neurons(size),
        "channel" => channel(size),
        "ensemble_array" => ensemble_array(size),
        "integrator" => integrator(size),
        "oscillator" => oscillator(size),
        "learning" => learning(size),
        "stdp" => stdp(size),
        "circconv" => circconv(size),
        "spa_memory" => spa_memory(size),
        other => {
            return Err(format!(
                "unknown model `{other}`; expected neurons, channel, ensemble_array, integrator, oscillator, learning, stdp, circconv or spa_memory"
            ))
        }
    };
    model.map_err(|e| e.to_string())
}

/// RMSE of a probe against its input filtered by two Lowpass(0.005) and the
/// probe's Lowpass(0.01), dimension by dimension.
fn filtered_rmse(sim: &Simulator, input: ProbeId, output: ProbeId) -> Result<f64, snn::Error> {
    let (x, y) = (sim.data(input)?, sim.data(output)?);
    let path: [&dyn Synapse; 3] = [&Lowpass(SYN), &Lowpass(SYN), &Lowpass(PROBE_TAU)];
    let mut sum = 0.0;
    for d in 0..x.ncols() {
        let col: Vec<f64> = x.column(d).iter().copied().collect();
        let ideal = filt(&col, &path, sim.dt())?;
        sum += y
            .column(d)
            .iter()
            .zip(&ideal)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>();
    }
    Ok((sum / x.len() as f64).sqrt())
}

/// The node `sin(2πt + 2πi/n)` for `i = 0..n`: the input of the array
/// and learning models.
fn phased_sines(n: usize) -> Node {
    let phases: Vec<f64> = (0..n).map(|i| 2.0 * PI * i as f64 / n as f64).collect();
    Node::time(move |t| {
        phases
            .iter()
            .map(|p| (2.0 * PI * t + p).sin())
            .collect::<Vec<f64>>()
    })
}

fn neurons(size: usize) -> Result<Model, snn::Error> {
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", Node::constant(0.5))?;
    let ens = net.ensemble("ens", Ensemble::new(size, 1))?;
    net.connect(Connection::new(stim, ens))?;
    Ok(Model {
        net,
        neurons: size,
        score: None,
    })
}

fn channel(size: usize) -> Result<Model, snn::Error> {
    let half = size / 2;
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", Node::time(|t| (2.0 * PI * t).sin()))?;
    let a = net.ensemble("a", Ensemble::new(half, 1))?;
    let b = net.ensemble("b", Ensemble::new(half, 1))?;
    net.connect(Connection::new(stim, a))?;
    net.connect(Connection::new(a, b))?;
    let p = net.probe(Probe::new(b).synapse(PROBE_TAU))?;
    let p_in = net.probe(Probe::new(stim))?;
    Ok(Model {
        net,
        neurons: 2 * half,
        score: Some(Box::new(move |sim| filtered_rmse(sim, p_in, p))),
    })
}

fn ensemble_array(size: usize) -> Result<Model, snn::Error> {
    let n = (size / 100).max(1);
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", phased_sines(n))?;
    // Nengo's `EnsembleArray`: unfiltered inside, so the two filtered
    // connections are stim -> a and a -> b.
    let a = net.add("a", EnsembleArray::new(50, n))?;
    let b = net.add("b", EnsembleArray::new(50, n))?;
    net.connect(Connection::new(stim, a.input))?;
    net.connect(Connection::new(a.output, b.input))?;
    let p = net.probe(Probe::new(b.output).synapse(PROBE_TAU))?;
    let p_in = net.probe(Probe::new(stim))?;
    Ok(Model {
        net,
        neurons: 2 * 50 * n,
        score: Some(Box::new(move |sim| filtered_rmse(sim, p_in, p))),
    })
}

fn integrator(size: usize) -> Result<Model, snn::Error> {
    let tau = 0.1;
    let mut net = Network::with_seed(0);
    let u = net.node(
        "u",
        Node::time(|t| if (0.2..0.4).contains(&t) { 1.0 } else { 0.0 }),
    )?;
    let ens = net.ensemble("ens", Ensemble::new(size, 1))?;
    net.connect(Connection::new(u, ens).transform(tau).synapse(tau))?;
    net.connect(Connection::new(ens, ens).synapse(tau))?;
    let p = net.probe(Probe::new(ens).synapse(PROBE_TAU))?;
    let p_u = net.probe(Probe::new(u))?;
    let score = move |sim: &Simulator| -> Result<f64, snn::Error> {
        let (u, y) = (sim.data(p_u)?, sim.data(p)?);
        let mut integral = 0.0;
        let mut sum = 0.0;
        for (ui, yi) in u.iter().zip(y.iter()) {
            integral += ui * sim.dt();
            sum += (integral - yi) * (integral - yi);
        }
        Ok((sum / u.len() as f64).sqrt())
    };
    Ok(Model {
        net,
        neurons: size,
        score: Some(Box::new(score)),
    })
}

fn oscillator(size: usize) -> Result<Model, snn::Error> {
    let (tau, w) = (0.1, 2.0 * PI);
    let mut net = Network::with_seed(0);
    let kick = net.node(
        "kick",
        Node::time(|t| if t < 0.1 { [1.0, 0.0] } else { [0.0, 0.0] }),
    )?;
    let ens = net.ensemble("ens", Ensemble::new(size, 2))?;
    net.connect(Connection::new(kick, ens))?;
    let recurrent = DMatrix::from_row_slice(2, 2, &[1.0, -w * tau, w * tau, 1.0]);
    net.connect(Connection::new(ens, ens).transform(recurrent).synapse(tau))?;
    net.probe(Probe::new(ens).synapse(PROBE_TAU))?;
    Ok(Model {
        net,
        neurons: size,
        score: None,
    })
}

/// SIZE/300 learned channels (the learning benchmark of nengo_benchmarks):
/// each a 100-neuron 1-D `pre` given a phase-shifted sine, a `pre -> post`
/// connection that starts computing 0 and learns the identity by
/// PES(1e-4) from a 100-neuron `error = post - pre`.
fn learning(size: usize) -> Result<Model, snn::Error> {
    let n = (size / 300).max(1);
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", phased_sines(n))?;
    let out = net.node("out", Node::passthrough(n))?;
    for i in 0..n {
        let pre = net.ensemble(&format!("pre{i}"), Ensemble::new(100, 1))?;
        let post = net.ensemble(&format!("post{i}"), Ensemble::new(100, 1))?;
        let error = net.ensemble(&format!("error{i}"), Ensemble::new(100, 1))?;
        net.connect(Connection::new(stim.at(i), pre))?;
        let learned = net.connect(
            Connection::new(pre, post)
                .function(|_: &[f64]| vec![0.0])
                .learning_rule(PES::new(1e-4)),
        )?;
        net.connect(Connection::new(post, error))?;
        net.connect(Connection::new(pre, error).transform(-1.0))?;
        net.connect(Connection::new(error, learned.learning_rule()))?;
        net.connect(Connection::new(post, out.at(i)).synapse(None))?;
    }
    let p = net.probe(Probe::new(out).synapse(PROBE_TAU))?;
    let p_in = net.probe(Probe::new(stim))?;
    Ok(Model {
        net,
        neurons: 300 * n,
        score: Some(Box::new(move |sim| filtered_rmse(sim, p_in, p))),
    })
}

/// SIZE/200 groups of spike-timing-dependent plasticity on neuron-to-neuron
/// weights: each a 100-neuron 1-D `pre` given a phase-shifted sine, its
/// neurons joined to a 100-neuron `post`'s through weights
/// `((100 r + c) · 37 mod 101) / 101 · 1e-3`, learned by
/// `STDP(a_plus = 1e-5)` bounded to [0, 2e-3]; `post` is probed. Not scored.
fn stdp(size: usize) -> Result<Model, snn::Error> {
    let n = (size / 200).max(1);
    let mut net = Network::with_seed(0);
    let stim = net.node("stim", phased_sines(n))?;
    let weights = DMatrix::from_fn(100, 100, |r, c| {
        ((100 * r + c) * 37 % 101) as f64 / 101.0 * 1e-3
    });
    for i in 0..n {
        let pre = net.ensemble(&format!("pre{i}"), Ensemble::new(100, 1))?;
        let post = net.ensemble(&format!("post{i}"), Ensemble::new(100, 1))?;
        net.connect(Connection::new(stim.at(i), pre))?;
        net.connect(
            Connection::new(pre.neurons(), post.neurons())
                .transform(weights.clone())
                .learning_rule(STDP::new(1e-5).bounds(0.0, 2e-3)),
        )?;
        net.probe(Probe::new(post).synapse(PROBE_TAU))?;
    }
    Ok(Model {
        net,
        neurons: 200 * n,
        score: None,
    })
}

/// A deterministic pseudo-random unit vector of `d` values (`seed` picks
/// it), the same in `scripts/nengo_bench.py`: `((7919 k + 104729 seed) mod
/// 1009) / 1009 - 0.5`, normalized.
pub fn pseudo_random_unit(d: usize, seed: usize) -> Vec<f64> {
    let v: Vec<f64> = (0..d)
        .map(|k| ((7919 * k + 104_729 * seed) % 1009) as f64 / 1009.0 - 0.5)
        .collect();
    let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    v.iter().map(|x| x / norm).collect()
}

/// SIZE is the dimension D: a `CircularConvolution` of 50 neurons per
/// product dimension (Nengo's: `4 (D/2 + 1)` products, 100 neurons each
/// counting both squares) binding two constant unit vectors, probed;
/// scored against their exact circular convolution after 0.2 s.
fn circconv(size: usize) -> Result<Model, snn::Error> {
    let d = size.max(1);
    let (a, b) = (pseudo_random_unit(d, 1), pseudo_random_unit(d, 2));
    let exact = snn::nef::networks::circconv(&a, &b, false, false);
    let mut net = Network::with_seed(0);
    let input_a = net.node("a", Node::constant(a))?;
    let input_b = net.node("b", Node::constant(b))?;
    let cconv = net.add("cconv", CircularConvolution::new(50, d))?;
    net.connect(Connection::new(input_a, cconv.input_a))?;
    net.connect(Connection::new(input_b, cconv.input_b))?;
    let p = net.probe(Probe::new(cconv.output).synapse(PROBE_TAU))?;
    let neurons = 2 * 25 * CircularConvolution::product_dimensions(d);
    let score = move |sim: &Simulator| -> Result<f64, snn::Error> {
        late_rmse(&sim.data(p)?, &exact, sim.dt())
    };
    Ok(Model {
        net,
        neurons,
        score: Some(Box::new(score)),
    })
}

/// RMSE of the samples after 0.2 s against a constant vector.
fn late_rmse(data: &DMatrix<f64>, ideal: &[f64], dt: f64) -> Result<f64, snn::Error> {
    let first = ((0.2 / dt).round() as usize).min(data.nrows().saturating_sub(1));
    let rows = data.nrows() - first;
    let sum: f64 = (first..data.nrows())
        .map(|r| {
            ideal
                .iter()
                .enumerate()
                .map(|(c, v)| (data[(r, c)] - v).powi(2))
                .sum::<f64>()
        })
        .sum();
    Ok((sum / (rows * ideal.len()) as f64).sqrt())
}

/// SIZE is the dimension D (a multiple of 16): a D-dimensional SPA `State`
/// with feedback 1 through Lowpass(0.1) (16-D sub-ensembles of 800
/// neurons, cosine-similarity intercepts and evaluation points) given
/// pointer A for 50 ms, whose output is bound to a constant pointer B by
/// a `Bind` of 200 neurons per product; the binding probed. At D = 256:
/// 116 k neurons in 1 048 ensembles. Not scored.
fn spa_memory(size: usize) -> Result<Model, snn::Error> {
    let d = (size / 16).max(1) * 16;
    let (a, b) = (pseudo_random_unit(d, 1), pseudo_random_unit(d, 2));
    let mut net = Network::with_seed(0);
    let zero = vec![0.0; d];
    let cue = net.node(
        "cue",
        Node::time(move |t| if t < 0.05 { a.clone() } else { zero.clone() }),
    )?;
    let other = net.node("b", Node::constant(b))?;
    let memory = net.add(
        "memory",
        spa::State::with_dimensions(d)
            .represent_cc_identity(false)
            .feedback(1.0),
    )?;
    let bind = net.add("bind", spa::Bind::with_dimensions(d))?;
    net.connect(Connection::new(cue, memory.input))?;
    net.connect(Connection::new(memory.output, bind.input_left))?;
    net.connect(Connection::new(other, bind.input_right))?;
    net.probe(Probe::new(bind.output).synapse(PROBE_TAU))?;
    let neurons = 50 * d + 2 * 100 * CircularConvolution::product_dimensions(d);
    Ok(Model {
        net,
        neurons,
        score: None,
    })
}
