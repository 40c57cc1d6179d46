//! Squaring: ensemble `a` represents a sine wave `x`, and the connection to
//! ensemble `b` decodes `x²` from `a`'s spikes.
//!
//! Prints the RMSE of `b`'s decoded value against the ideal: the input
//! filtered by the first synapse, squared, then filtered by the second
//! synapse and the probe (Lowpass 0.005, 0.005, 0.01); draws both, with
//! the input, in `target/plots/squaring.png`.
//! Run with a seed as argument to try others (default 0).

use snn::analysis::{filt, rmse};
use snn::prelude::*;
use std::f64::consts::PI;

/// What one run of the squaring network recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct SquaringRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The input `x`.
    pub input: Vec<f64>,
    /// `b`'s decoded value, ≈ `x²`.
    pub output: Vec<f64>,
    /// `x²` filtered as the signal path filters it.
    pub ideal: Vec<f64>,
}

impl SquaringRun {
    /// RMSE of the output against the ideal.
    pub fn rmse(&self) -> f64 {
        rmse(&self.output, &self.ideal)
    }
}

/// Builds and runs the squaring network for one seed.
pub fn run_squaring(seed: u64) -> Result<SquaringRun, snn::Error> {
    let net = network! {
        seed = seed;
        node stim = |t| (2.0 * PI * t).sin();
        ensemble a { neurons: 100 };
        ensemble b { neurons: 100 };
        stim -> a;
        a -> b { function: |x| x[0] * x[0] };
        probe p_in = stim;
        probe p_b = b { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(2.0)?;
    let (p_in, p_b) = (net.p_in, net.p_b);

    let dt = sim.dt();
    let input = sim.data_dim(p_in, 0)?;
    let x = filt(&input, &[&Lowpass(0.005)], dt)?;
    let squared: Vec<f64> = x.iter().map(|v| v * v).collect();
    Ok(SquaringRun {
        t: sim.trange(),
        input,
        output: sim.data_dim(p_b, 0)?,
        ideal: filt(&squared, &[&Lowpass(0.005), &Lowpass(0.01)], dt)?,
    })
}

/// Builds and runs the squaring network for one seed; returns the RMSE.
pub fn squaring_rmse(seed: u64) -> Result<f64, snn::Error> {
    Ok(run_squaring(seed)?.rmse())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_squaring(seed)?;
    println!("seed: {seed}");
    println!("rmse: {:.4}", run.rmse());
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("squaring.png")?;
        plot::timeseries(
            &path,
            &format!("Squaring: b decodes x² from a's spikes (seed {seed})"),
            &run.t,
            &[
                Series::new("decoded x²", &run.output),
                Series::new("input x", &run.input),
            ],
            Some(&[Series::new("ideal x²", &run.ideal)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
