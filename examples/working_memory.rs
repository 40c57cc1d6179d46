//! Working memory: an integrator that stores its input only while a gate is
//! open. The input reaches the memory through a `gate` ensemble; an
//! inhibitory node connected to the gate's neurons (`gate.neurons`) silences
//! it, so the memory then holds its value while the input keeps changing.
//!
//! The input `cos(πt)` is integrated while the gate is open (t < 0.5 s):
//! ideally `sin(π/2)/π ≈ 0.318`. Prints the stored value, its error, and how
//! much it moved in the 1.5 s after the gate closed (while an ungated
//! integrator would have taken in `∫ cos(πt) dt` over 0.5–2 s = -0.318);
//! draws the stored value, the input and the gate in
//! `target/plots/working_memory.png`.

use nalgebra::DMatrix;
use snn::analysis::mean_between;
use snn::prelude::*;
use std::f64::consts::PI;

/// What one run of the working memory recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct MemoryRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The input to store.
    pub input: Vec<f64>,
    /// The gate signal: 1 (closed, inhibiting the gate) from 0.5 s on.
    pub closed: Vec<f64>,
    /// The memory's decoded value.
    pub stored: Vec<f64>,
    /// The time step (s).
    pub dt: f64,
}

impl MemoryRun {
    /// Stored value (mean over 0.6–0.7 s), its error, and its change by 1.9–2.0 s.
    pub fn measures(&self) -> (f64, f64, f64) {
        let held = mean_between(&self.stored, self.dt, 0.6, 0.7);
        let late = mean_between(&self.stored, self.dt, 1.9, 2.0);
        (held, held - 1.0 / PI, late - held)
    }
}

/// Builds and runs the gated memory for one seed.
pub fn run_memory(seed: u64) -> Result<MemoryRun, snn::Error> {
    let tau = 0.1;
    let inhibit = DMatrix::from_element(100, 1, -5.0);
    let net = network! {
        seed = seed;
        node input = |t| (PI * t).cos();
        node close = |t| if t >= 0.5 { 1.0 } else { 0.0 };
        ensemble gate { neurons: 100 };
        ensemble memory { neurons: 200 };
        input -> gate { synapse: None };
        close -> gate.neurons { transform: inhibit, synapse: None };
        gate -> memory { transform: tau, synapse: tau };
        memory -> memory { synapse: tau };
        probe p_input = input;
        probe p_close = close;
        probe stored = memory { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(2.0)?;
    Ok(MemoryRun {
        t: sim.trange(),
        input: sim.data_dim(net.p_input, 0)?,
        closed: sim.data_dim(net.p_close, 0)?,
        stored: sim.data_dim(net.stored, 0)?,
        dt: sim.dt(),
    })
}

/// Stored value (mean over 0.6–0.7 s), its error, and its change by 1.9–2.0 s.
pub fn gated_memory(seed: u64) -> Result<(f64, f64, f64), snn::Error> {
    Ok(run_memory(seed)?.measures())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_memory(seed)?;
    let (held, error, drift) = run.measures();
    println!("seed: {seed}");
    println!("stored: {held:.4}");
    println!("stored_error: {error:.4}");
    println!("drift_while_closed: {drift:.4}");
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        // ∫₀ᵗ cos(πs) ds while the gate is open, then held.
        let ideal: Vec<f64> = run.t.iter().map(|t| (PI * t.min(0.5)).sin() / PI).collect();
        let path = plot::output_path("working_memory.png")?;
        plot::timeseries(
            &path,
            &format!("Working memory: the gate closes at 0.5 s, the memory holds (seed {seed})"),
            &run.t,
            &[
                Series::new("stored (decoded)", &run.stored),
                Series::new("input cos(πt)", &run.input),
                Series::new("gate closed", &run.closed),
            ],
            Some(&[Series::new("ideal ∫u dt, gated", &ideal)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
