//! A harmonic oscillator: a 2-D ensemble of 200 LIF neurons whose recurrent
//! connection through Lowpass(0.1) implements `dx/dt = [[0, -ω], [ω, 0]] x`
//! with ω = 2π rad/s (1 Hz), mapped onto the synapse by
//! `LinearSystem::map_lowpass` (`A' = τ A + I`). A kick `[1, 0]` for the
//! first 0.1 s starts it.
//!
//! Prints the frequency (slope of the unwrapped phase after 1 s) and the
//! mean amplitude over 1–2 s and 4–5 s; draws the state against time in
//! `target/plots/oscillator.png` and as a phase portrait (`x₁` against
//! `x₀`, a circle) in `target/plots/oscillator_phase.png`.
//! Run with a seed as argument to try others (default 0).

use nalgebra::DMatrix;
use snn::analysis::{mean_radius, rotation_frequency};
use snn::nef::LinearSystem;
use snn::prelude::*;
use std::f64::consts::PI;

/// What one run of the oscillator recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct OscillatorRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The decoded state `(x₀, x₁)`, one vector per dimension.
    pub x: [Vec<f64>; 2],
    /// The time step (s).
    pub dt: f64,
}

impl OscillatorRun {
    /// Frequency (Hz) after 1 s, and mean radius over 1–2 s and 4–5 s.
    pub fn measures(&self) -> (f64, f64, f64) {
        let ([x, y], dt) = (&self.x, self.dt);
        (
            rotation_frequency(x, y, dt, 1.0),
            mean_radius(x, y, dt, 1.0, 2.0),
            mean_radius(x, y, dt, 4.0, 5.0),
        )
    }
}

/// Builds and runs the oscillator for one seed.
pub fn run_oscillator(seed: u64) -> Result<OscillatorRun, snn::Error> {
    let (tau, w) = (0.1, 2.0 * PI);
    let system = LinearSystem::new(
        DMatrix::from_row_slice(2, 2, &[0.0, -w, w, 0.0]),
        DMatrix::identity(2, 2),
    )?;
    let recurrent = system.map_lowpass(tau)?.recurrent_transform;
    let net = network! {
        seed = seed;
        node kick = |t| if t < 0.1 { [1.0, 0.0] } else { [0.0, 0.0] };
        ensemble osc { neurons: 200, dimensions: 2 };
        kick -> osc;
        osc -> osc { transform: recurrent, synapse: tau };
        probe p = osc { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(5.0)?;
    let (x, y) = (sim.data_dim(net.p, 0)?, sim.data_dim(net.p, 1)?);
    Ok(OscillatorRun {
        t: sim.trange(),
        x: [x, y],
        dt: sim.dt(),
    })
}

/// Frequency (Hz) and mean radius over 1–2 s and 4–5 s for one seed.
pub fn oscillate(seed: u64) -> Result<(f64, f64, f64), snn::Error> {
    Ok(run_oscillator(seed)?.measures())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_oscillator(seed)?;
    let (freq, r1, r4) = run.measures();
    println!("seed: {seed}");
    println!("frequency_hz: {freq:.4}");
    println!("amplitude_1_2s: {r1:.3}");
    println!("amplitude_4_5s: {r4:.3}");
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let [x0, x1] = &run.x;
        let path = plot::output_path("oscillator.png")?;
        plot::timeseries(
            &path,
            &format!("Oscillator: a 1 Hz rotation started by a kick (seed {seed})"),
            &run.t,
            &[Series::new("decoded x₀", x0), Series::new("decoded x₁", x1)],
            None,
        )?;
        println!("plot: {}", path.display());
        let path = plot::output_path("oscillator_phase.png")?;
        plot::phase(
            &path,
            &format!("Oscillator phase portrait, 0–5 s (seed {seed})"),
            x0,
            x1,
            ("x₀", "x₁"),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
