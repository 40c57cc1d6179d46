//! Squaring: ensemble `a` represents a sine wave `x`, and the connection to
//! ensemble `b` decodes `x²` from `a`'s spikes.
//!
//! Prints the RMSE of `b`'s decoded value against the ideal: the input
//! filtered by the first synapse, squared, then filtered by the second
//! synapse and the probe (Lowpass 0.005, 0.005, 0.01).
//! Run with a seed as argument to try others (default 0).

use snn::analysis::{filt, rmse};
use snn::prelude::*;
use std::f64::consts::PI;

/// Builds and runs the squaring network for one seed; returns the RMSE.
pub fn squaring_rmse(seed: u64) -> Result<f64, snn::Error> {
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
    let mut sim = Simulator::new(&net.network)?;
    sim.run(2.0)?;
    let (p_in, p_b) = (net.p_in, net.p_b);

    let dt = sim.dt();
    let x = filt(sim.data(p_in)?.as_slice(), &[&Lowpass(0.005)], dt)?;
    let squared: Vec<f64> = x.iter().map(|v| v * v).collect();
    let ideal = filt(&squared, &[&Lowpass(0.005), &Lowpass(0.01)], dt)?;
    Ok(rmse(sim.data(p_b)?.as_slice(), &ideal))
}

#[allow(dead_code)]
fn main() -> Result<(), snn::Error> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let rmse = squaring_rmse(seed)?;
    println!("seed: {seed}");
    println!("rmse: {rmse:.4}");
    Ok(())
}
