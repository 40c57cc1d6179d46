//! A harmonic oscillator: a 2-D ensemble of 200 LIF neurons whose recurrent
//! connection through Lowpass(0.1) implements `dx/dt = [[0, -ω], [ω, 0]] x`
//! with ω = 2π rad/s (1 Hz), mapped onto the synapse by
//! `LinearSystem::map_lowpass` (`A' = τ A + I`). A kick `[1, 0]` for the
//! first 0.1 s starts it.
//!
//! Prints the frequency (slope of the unwrapped phase after 1 s) and the
//! mean amplitude over 1–2 s and 4–5 s.
//! Run with a seed as argument to try others (default 0).

use nalgebra::DMatrix;
use snn::analysis::{mean_radius, rotation_frequency};
use snn::nef::LinearSystem;
use snn::prelude::*;
use std::f64::consts::PI;

/// Frequency (Hz) and mean radius over 1–2 s and 4–5 s for one seed.
pub fn oscillate(seed: u64) -> Result<(f64, f64, f64), snn::Error> {
    let (tau, w) = (0.1, 2.0 * PI);
    let system = LinearSystem::new(
        DMatrix::from_row_slice(2, 2, &[0.0, -w, w, 0.0]),
        DMatrix::identity(2, 2),
    )?;
    let recurrent = system.map_lowpass(tau)?.recurrent;
    let net = network! {
        seed = seed;
        node kick = |t| if t < 0.1 { [1.0, 0.0] } else { [0.0, 0.0] };
        ensemble osc { neurons: 200, dimensions: 2 };
        kick -> osc;
        osc -> osc { transform: recurrent, synapse: tau };
        probe p = osc { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net.network)?;
    sim.run(5.0)?;
    let data = sim.data(net.p)?;
    let (x, y): (Vec<f64>, Vec<f64>) = data.row_iter().map(|r| (r[0], r[1])).unzip();
    let dt = sim.dt();
    Ok((
        rotation_frequency(&x, &y, dt, 1.0),
        mean_radius(&x, &y, dt, 1.0, 2.0),
        mean_radius(&x, &y, dt, 4.0, 5.0),
    ))
}

#[allow(dead_code)]
fn main() -> Result<(), snn::Error> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (freq, r1, r4) = oscillate(seed)?;
    println!("seed: {seed}");
    println!("frequency_hz: {freq:.4}");
    println!("amplitude_1_2s: {r1:.3}");
    println!("amplitude_4_5s: {r4:.3}");
    Ok(())
}
