//! An integrator: 100 LIF neurons with a recurrent connection through
//! Lowpass(0.1) hold whatever their input accumulates (the third NEF
//! principle with `dx/dt = u`, mapped onto the synapse by
//! `LinearSystem::map_lowpass`).
//!
//! Input 1.0 for 0.1 ≤ t < 0.6 s integrates to 0.5; then 2 s of zero input.
//! Prints the held value's error (mean over 0.6–0.7 s, minus 0.5) and its
//! drift (mean over 2.5–2.6 s minus mean over 0.6–0.7 s).
//! Run with a seed as argument to try others (default 0).

use nalgebra::DMatrix;
use snn::analysis::mean_between;
use snn::nef::LinearSystem;
use snn::prelude::*;

/// Held-value error and drift for one seed.
pub fn integrator_hold(seed: u64) -> Result<(f64, f64), snn::Error> {
    let tau = 0.1;
    let map = LinearSystem::new(DMatrix::zeros(1, 1), DMatrix::identity(1, 1))?.map_lowpass(tau)?;
    let net = network! {
        seed = seed;
        node u = |t| if (0.1..0.6).contains(&t) { 1.0 } else { 0.0 };
        ensemble x { neurons: 100 };
        u -> x { transform: map.input.clone(), synapse: tau };
        x -> x { transform: map.recurrent.clone(), synapse: tau };
        probe p = x { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net.network)?;
    sim.run(2.6)?;
    let x = sim.data(net.p)?;
    let held = mean_between(x.as_slice(), sim.dt(), 0.6, 0.7);
    let late = mean_between(x.as_slice(), sim.dt(), 2.5, 2.6);
    Ok((held - 0.5, late - held))
}

#[allow(dead_code)]
fn main() -> Result<(), snn::Error> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (error, drift) = integrator_hold(seed)?;
    println!("seed: {seed}");
    println!("held_error: {error:.4}");
    println!("drift: {drift:.4}");
    Ok(())
}
