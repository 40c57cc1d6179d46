//! How noise in the neurons changes what an integrator holds: the
//! integrator of `integrator.rs` (100 LIF neurons, recurrent Lowpass(0.1))
//! built twice, once quiet and once with white noise added to every
//! neuron's input current (`Ensemble.noise`, Nengo's
//! `WhiteNoise(Gaussian(0, 0.1))`, scaled by `1/sqrt(dt)`).
//!
//! Input 1.0 for 0.1 ≤ t < 0.6 s integrates to 0.5; then 2 s of zero
//! input. Prints, for both, the held value's error (mean over 0.6–0.7 s
//! minus 0.5) and its drift (mean over 2.5–2.6 s minus the held value):
//! noise makes the held value wander, a random walk on top of the drift
//! the decoders' error already causes. Run with a seed as argument
//! (default 0).

use nalgebra::DMatrix;
use snn::analysis::mean_between;
use snn::nef::LinearSystem;
use snn::prelude::*;

/// Held-value error and drift of the integrator with neuron noise of
/// standard deviation `sigma`.
fn hold(seed: u64, sigma: f64) -> Result<(f64, f64), snn::Error> {
    let tau = 0.1;
    let map = LinearSystem::new(DMatrix::zeros(1, 1), DMatrix::identity(1, 1))?.map_lowpass(tau)?;
    let net = network! {
        seed = seed;
        node u = |t| if (0.1..0.6).contains(&t) { 1.0 } else { 0.0 };
        ensemble x { neurons: 100, noise: WhiteNoise::new(Gaussian::new(0.0, sigma)) };
        u -> x { transform: &map.input_transform, synapse: tau };
        x -> x { transform: &map.recurrent_transform, synapse: tau };
        probe p = x { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(2.6)?;
    let x = sim.data_dim(net.p, 0)?;
    let held = mean_between(&x, sim.dt(), 0.6, 0.7);
    let late = mean_between(&x, sim.dt(), 2.5, 2.6);
    Ok((held - 0.5, late - held))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (quiet_error, quiet_drift) = hold(seed, 0.0)?;
    let (noisy_error, noisy_drift) = hold(seed, 0.1)?;
    println!("seed: {seed}");
    println!("noise_std: 0.1");
    println!("held_error_quiet: {quiet_error:.4}");
    println!("drift_quiet: {quiet_drift:.4}");
    println!("held_error_noisy: {noisy_error:.4}");
    println!("drift_noisy: {noisy_drift:.4}");
    Ok(())
}
