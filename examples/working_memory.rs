//! Working memory: an integrator that stores its input only while a gate is
//! open. The input reaches the memory through a `gate` ensemble; an
//! inhibitory node connected to the gate's neurons (`gate.neurons`) silences
//! it, so the memory then holds its value while the input keeps changing.
//!
//! The input `cos(πt)` is integrated while the gate is open (t < 0.5 s):
//! ideally `sin(π/2)/π ≈ 0.318`. Prints the stored value, its error, and how
//! much it moved in the 1.5 s after the gate closed (while an ungated
//! integrator would have taken in `∫ cos(πt) dt` over 0.5–2 s = -0.318).

use nalgebra::DMatrix;
use snn::analysis::mean_between;
use snn::prelude::*;
use std::f64::consts::PI;

/// Stored value (mean over 0.6–0.7 s), its error, and its change by 1.9–2.0 s.
pub fn gated_memory(seed: u64) -> Result<(f64, f64, f64), snn::Error> {
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
        probe stored = memory { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net.network)?;
    sim.run(2.0)?;
    let m = sim.data(net.stored)?;
    let dt = sim.dt();
    let held = mean_between(m.as_slice(), dt, 0.6, 0.7);
    let late = mean_between(m.as_slice(), dt, 1.9, 2.0);
    Ok((held, held - 1.0 / PI, late - held))
}

#[allow(dead_code)]
fn main() -> Result<(), snn::Error> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (held, error, drift) = gated_memory(seed)?;
    println!("seed: {seed}");
    println!("stored: {held:.4}");
    println!("stored_error: {error:.4}");
    println!("drift_while_closed: {drift:.4}");
    Ok(())
}
