//! The model of Nengo's learning examples (learn-communication-channel,
//! learn-square), shared by `learn_communication_channel` and
//! `learn_square` and by the tests that hold them to Nengo's numbers.
//!
//! `pre` represents a white-noise signal (period 60 s, up to 5 Hz);
//! `pre -> post` starts out computing random values and PES (Nengo's
//! default rate 1e-4) learns it to compute the target (`pre` itself, or
//! its square) from the error `post - target` an `error` ensemble carries.
//! After 10 s the error ensemble is inhibited (-2 on every neuron), which
//! stops the learning; the next 5 s show what was learned.

use snn::prelude::*;

/// What one run gives.
pub struct Learned {
    /// Time of every step.
    pub t: Vec<f64>,
    /// `pre`, `post` (both through Lowpass(0.01)) and the target, per
    /// dimension.
    pub pre: Vec<Vec<f64>>,
    pub post: Vec<Vec<f64>>,
    pub target: Vec<Vec<f64>>,
    /// RMSE of post against the target after learning stopped (t > 10 s).
    pub rmse_after: f64,
    /// The same over the first second, before much was learned.
    pub rmse_first_second: f64,
}

/// A value in [0, 1) that depends on `x` and `k` only: the "random
/// function" Nengo's examples start the connection with.
fn pseudo_random(x: &[f64], k: usize) -> f64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ k as u64;
    for v in x {
        h = (h ^ v.to_bits()).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 31;
    }
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Runs the model: `dims` dimensions, `n` neurons per ensemble, target
/// `pre` squared when `square`.
pub fn run(seed: u64, dims: usize, n: usize, square: bool) -> Result<Learned, snn::Error> {
    let inhibit = vec![vec![-1.0]; n];
    let net = network! {
        seed = seed;
        node inp { output: WhiteSignal::new(60.0, 5.0), size_out: dims };
        ensemble pre { neurons: n, dimensions: dims };
        ensemble post { neurons: n, dimensions: dims };
        ensemble error { neurons: n, dimensions: dims };
        inp -> pre;
        connection learned = pre -> post {
            function: move |x| (0..dims).map(|k| pseudo_random(x, k)).collect::<Vec<f64>>(),
            learning_rule: PES::default(),
        };
        post -> error;
        pre -> error {
            function: move |x| if square { x.iter().map(|v| v * v).collect() } else { x.to_vec() },
            transform: -1.0,
        };
        error -> learned.learning_rule;
        node inhib = |t| if t > 10.0 { 2.0 } else { 0.0 };
        inhib -> error.neurons { transform: inhibit };
        probe pre_p = pre { synapse: 0.01 };
        probe post_p = post { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(15.0)?;
    let t = sim.trange();
    let pre: Vec<Vec<f64>> = (0..dims)
        .map(|d| sim.data_dim(net.pre_p, d))
        .collect::<Result<_, _>>()?;
    let post: Vec<Vec<f64>> = (0..dims)
        .map(|d| sim.data_dim(net.post_p, d))
        .collect::<Result<_, _>>()?;
    let target: Vec<Vec<f64>> = pre
        .iter()
        .map(|p| p.iter().map(|&v| if square { v * v } else { v }).collect())
        .collect();
    let rmse_over = |keep: &dyn Fn(f64) -> bool| {
        let (mut sum, mut count) = (0.0, 0usize);
        for d in 0..dims {
            for (i, &ti) in t.iter().enumerate() {
                if keep(ti) {
                    sum += (post[d][i] - target[d][i]).powi(2);
                    count += 1;
                }
            }
        }
        (sum / count as f64).sqrt()
    };
    Ok(Learned {
        rmse_after: rmse_over(&|t| t > 10.0),
        rmse_first_second: rmse_over(&|t| t <= 1.0),
        t,
        pre,
        post,
        target,
    })
}
