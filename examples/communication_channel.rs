//! A communication channel: a sine wave represented by one ensemble of 100
//! LIF neurons and passed on to a second one, declared with `network!`.
//!
//! Prints the RMSE of the second ensemble's decoded value against the input
//! filtered as the signal path filters it (two Lowpass(0.005) synapses and
//! the probe's Lowpass(0.01)), the definition Nengo's benchmark uses, and
//! draws both against time in `target/plots/communication_channel.png`.
//! Run with a seed as argument to try others (default 0). The same model
//! with the builder API underneath is `builder_api.rs`.

use snn::analysis::{filt, rmse};
use snn::prelude::*;
use std::f64::consts::PI;

/// What one run of the channel recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct ChannelRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The second ensemble's decoded value.
    pub output: Vec<f64>,
    /// The input filtered as the signal path filters it.
    pub ideal: Vec<f64>,
}

impl ChannelRun {
    /// RMSE of the output against the ideal.
    pub fn rmse(&self) -> f64 {
        rmse(&self.output, &self.ideal)
    }
}

/// Builds and runs the channel for one seed.
pub fn run_channel(seed: u64) -> Result<ChannelRun, snn::Error> {
    let net = network! {
        seed = seed;
        node stim = |t| (2.0 * PI * t).sin();
        ensemble a { neurons: 100 };
        ensemble b { neurons: 100 };
        stim -> a;
        a -> b;
        probe input = stim;
        probe output = b { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(1.0)?;

    let dt = sim.dt();
    let input = sim.data_dim(net.input, 0)?;
    let path: [&dyn Synapse; 3] = [&Lowpass(0.005), &Lowpass(0.005), &Lowpass(0.01)];
    Ok(ChannelRun {
        t: sim.trange(),
        output: sim.data_dim(net.output, 0)?,
        ideal: filt(&input, &path, dt)?,
    })
}

/// Builds and runs the channel for one seed; returns the RMSE.
pub fn channel_rmse(seed: u64) -> Result<f64, snn::Error> {
    Ok(run_channel(seed)?.rmse())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_channel(seed)?;
    println!("seed: {seed}");
    println!("neurons: 200");
    println!("rmse: {:.4}", run.rmse());
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("communication_channel.png")?;
        plot::timeseries(
            &path,
            &format!("Communication channel: b's decoded value against the ideal (seed {seed})"),
            &run.t,
            &[Series::new("decoded b", &run.output)],
            Some(&[Series::new("ideal", &run.ideal)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
