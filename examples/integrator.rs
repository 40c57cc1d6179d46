//! An integrator: 100 LIF neurons with a recurrent connection through
//! Lowpass(0.1) hold whatever their input accumulates (the third NEF
//! principle with `dx/dt = u`, mapped onto the synapse by
//! `LinearSystem::map_lowpass`).
//!
//! Input 1.0 for 0.1 ≤ t < 0.6 s integrates to 0.5; then 2 s of zero input.
//! Prints the held value's error (mean over 0.6–0.7 s, minus 0.5) and its
//! drift (mean over 2.5–2.6 s minus mean over 0.6–0.7 s); draws the decoded
//! value, the ideal integral and the input in `target/plots/integrator.png`.
//! Run with a seed as argument to try others (default 0).

use nalgebra::DMatrix;
use snn::analysis::mean_between;
use snn::nef::LinearSystem;
use snn::prelude::*;

/// What one run of the integrator recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct IntegratorRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The input `u`.
    pub u: Vec<f64>,
    /// The decoded value of `x`.
    pub x: Vec<f64>,
    /// The time step (s).
    pub dt: f64,
}

impl IntegratorRun {
    /// Held-value error (mean over 0.6–0.7 s minus 0.5) and drift (mean
    /// over 2.5–2.6 s minus the held value).
    pub fn hold(&self) -> (f64, f64) {
        let held = mean_between(&self.x, self.dt, 0.6, 0.7);
        let late = mean_between(&self.x, self.dt, 2.5, 2.6);
        (held - 0.5, late - held)
    }
}

/// Builds and runs the integrator for one seed.
pub fn run_integrator(seed: u64) -> Result<IntegratorRun, snn::Error> {
    let tau = 0.1;
    let map = LinearSystem::new(DMatrix::zeros(1, 1), DMatrix::identity(1, 1))?.map_lowpass(tau)?;
    let net = network! {
        seed = seed;
        node u = |t| if (0.1..0.6).contains(&t) { 1.0 } else { 0.0 };
        ensemble x { neurons: 100 };
        u -> x { transform: &map.input_transform, synapse: tau };
        x -> x { transform: &map.recurrent_transform, synapse: tau };
        probe p_u = u;
        probe p = x { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(2.6)?;
    Ok(IntegratorRun {
        t: sim.trange(),
        u: sim.data_dim(net.p_u, 0)?,
        x: sim.data_dim(net.p, 0)?,
        dt: sim.dt(),
    })
}

/// Held-value error and drift for one seed.
pub fn integrator_hold(seed: u64) -> Result<(f64, f64), snn::Error> {
    Ok(run_integrator(seed)?.hold())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_integrator(seed)?;
    let (error, drift) = run.hold();
    println!("seed: {seed}");
    println!("held_error: {error:.4}");
    println!("drift: {drift:.4}");
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let integral: Vec<f64> = run.t.iter().map(|t| (t - 0.1).clamp(0.0, 0.5)).collect();
        let path = plot::output_path("integrator.png")?;
        plot::timeseries(
            &path,
            &format!("Integrator: x holds ∫u dt after the input stops (seed {seed})"),
            &run.t,
            &[
                Series::new("decoded x", &run.x),
                Series::new("input u", &run.u),
            ],
            Some(&[Series::new("ideal ∫u dt", &integral)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
