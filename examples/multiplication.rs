//! Multiplication: two inputs, `x = sin(2πt)` and `y = cos(πt)`, are
//! represented together by a 2-D ensemble of 200 neurons (radius 1.5, so
//! that `(x, y)` stays inside it), and the connection to a 1-D ensemble
//! decodes their product.
//!
//! Prints the RMSE of the product's decoded value against the ideal: the
//! product of the inputs filtered by the first synapse, then filtered by the
//! second synapse and the probe (Lowpass 0.005, 0.005, 0.01).
//! Run with a seed as argument to try others (default 0).

use snn::analysis::{filt, rmse};
use snn::prelude::*;
use std::f64::consts::PI;

/// Builds and runs the multiplication network for one seed; returns the RMSE.
pub fn multiplication_rmse(seed: u64) -> Result<f64, snn::Error> {
    let net = network! {
        seed = seed;
        node x = |t| (2.0 * PI * t).sin();
        node y = |t| (PI * t).cos();
        ensemble combined { neurons: 200, dimensions: 2, radius: 1.5 };
        ensemble prod { neurons: 100 };
        x -> combined[0];
        y -> combined[1];
        combined -> prod { function: |v| v[0] * v[1] };
        probe p_x = x;
        probe p_y = y;
        probe p_prod = prod { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net.network)?;
    sim.run(2.0)?;
    let (p_x, p_y, p_prod) = (net.p_x, net.p_y, net.p_prod);

    let dt = sim.dt();
    let fx = filt(sim.data(p_x)?.as_slice(), &[&Lowpass(0.005)], dt)?;
    let fy = filt(sim.data(p_y)?.as_slice(), &[&Lowpass(0.005)], dt)?;
    let xy: Vec<f64> = fx.iter().zip(&fy).map(|(a, b)| a * b).collect();
    let ideal = filt(&xy, &[&Lowpass(0.005), &Lowpass(0.01)], dt)?;
    Ok(rmse(sim.data(p_prod)?.as_slice(), &ideal))
}

#[allow(dead_code)]
fn main() -> Result<(), snn::Error> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let rmse = multiplication_rmse(seed)?;
    println!("seed: {seed}");
    println!("neurons: 300");
    println!("rmse: {rmse:.4}");
    Ok(())
}
