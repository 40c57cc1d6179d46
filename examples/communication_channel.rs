//! A communication channel: a sine wave represented by one ensemble of 100
//! LIF neurons and passed on to a second one, declared with `network!`.
//!
//! Prints the RMSE of the second ensemble's decoded value against the input
//! filtered as the signal path filters it (two Lowpass(0.005) synapses and
//! the probe's Lowpass(0.01)), the definition Nengo's benchmark uses.
//! Run with a seed as argument to try others (default 0). The same model
//! with the builder API underneath is `builder_api.rs`.

use snn::analysis::{filt, rmse};
use snn::prelude::*;
use std::f64::consts::PI;

/// Builds and runs the channel for one seed; returns the RMSE.
pub fn channel_rmse(seed: u64) -> Result<f64, snn::Error> {
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
    let mut sim = Simulator::new(&net.network)?;
    sim.run(1.0)?;

    let dt = sim.dt();
    let input = sim.data(net.input)?;
    let path: [&dyn Synapse; 3] = [&Lowpass(0.005), &Lowpass(0.005), &Lowpass(0.01)];
    let ideal = filt(input.as_slice(), &path, dt)?;
    Ok(rmse(sim.data(net.output)?.as_slice(), &ideal))
}

#[allow(dead_code)]
fn main() -> Result<(), snn::Error> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let rmse = channel_rmse(seed)?;
    println!("seed: {seed}");
    println!("neurons: 200");
    println!("rmse: {rmse:.4}");
    Ok(())
}
