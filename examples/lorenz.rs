//! The Lorenz attractor (σ = 10, β = 8/3, ρ = 28) in a 3-D ensemble of 2000
//! LIF neurons: the recurrent connection computes `x + τ f(x)` through
//! Lowpass(τ) (`nonlinear_lowpass`), with `z` shifted by ρ so the state is
//! centred in the ensemble's radius of 60.
//!
//! Prints the time-averaged `z` over 2–10 s (about 23.5 on the true
//! attractor) and the largest excursions, which must stay on the butterfly;
//! draws `z` against `x` (the butterfly) in `target/plots/lorenz.png`.

use snn::nef::nonlinear_lowpass;
use snn::prelude::*;

/// Lorenz derivative with `z` stored as `z - rho`.
fn lorenz(s: &[f64]) -> Vec<f64> {
    let (sigma, beta, rho) = (10.0, 8.0 / 3.0, 28.0);
    let (x, y, z) = (s[0], s[1], s[2] + rho);
    vec![sigma * (y - x), x * (rho - z) - y, x * y - beta * z]
}

/// What one run of the Lorenz network recorded, one value per step.
pub struct LorenzRun {
    /// The decoded `x`.
    pub x: Vec<f64>,
    /// The decoded `y`.
    pub y: Vec<f64>,
    /// The decoded `z` (stored as `z - 28`, shifted back).
    pub z: Vec<f64>,
}

impl LorenzRun {
    /// Time-averaged z and the extremes (max |x|, max |y|, min z, max z)
    /// over 2–10 s (from step 2000).
    pub fn measures(&self) -> (f64, [f64; 4]) {
        let late = |v: &[f64]| v[2000..].to_vec();
        let (x, y, z) = (late(&self.x), late(&self.y), late(&self.z));
        let mean_z = z.iter().sum::<f64>() / z.len() as f64;
        let max_abs = |v: &[f64]| v.iter().fold(0.0, |m: f64, a| m.max(a.abs()));
        let extremes = [
            max_abs(&x),
            max_abs(&y),
            z.iter().copied().fold(f64::INFINITY, f64::min),
            z.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        ];
        (mean_z, extremes)
    }
}

/// Builds and runs the Lorenz network for one seed (10 s).
pub fn run_lorenz(seed: u64) -> Result<LorenzRun, snn::Error> {
    let tau = 0.1;
    let net = network! {
        seed = seed;
        ensemble state { neurons: 2000, dimensions: 3, radius: 60.0 };
        state -> state { function: nonlinear_lowpass(tau, lorenz), synapse: tau };
        probe p = state { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(10.0)?;
    Ok(LorenzRun {
        x: sim.data_dim(net.p, 0)?,
        y: sim.data_dim(net.p, 1)?,
        z: sim.data_dim(net.p, 2)?.iter().map(|z| z + 28.0).collect(),
    })
}

/// Time-averaged z and the extremes (max |x|, max |y|, min z, max z) over 2–10 s.
pub fn attractor(seed: u64) -> Result<(f64, [f64; 4]), snn::Error> {
    Ok(run_lorenz(seed)?.measures())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_lorenz(seed)?;
    let (mean_z, [x, y, z_min, z_max]) = run.measures();
    println!("seed: {seed}");
    println!("mean_z: {mean_z:.2}");
    println!("max_abs_x: {x:.2}");
    println!("max_abs_y: {y:.2}");
    println!("min_z: {z_min:.2}");
    println!("max_z: {z_max:.2}");
    #[cfg(feature = "plot")]
    {
        use snn::plot;
        let path = plot::output_path("lorenz.png")?;
        plot::phase(
            &path,
            &format!("Lorenz attractor in 2000 neurons, 0–10 s (seed {seed})"),
            &run.x,
            &run.z,
            ("x", "z"),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
