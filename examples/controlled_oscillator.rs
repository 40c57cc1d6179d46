//! A controlled oscillator: a 3-D ensemble holds the oscillator's state
//! `(x0, x1)` and a control value `c`; its recurrent connection computes the
//! nonlinear dynamics `dx/dt = [[0, -ω c], [ω c, 0]] x` with ω = 4π rad/s
//! (2 Hz at `c = 1`), so the frequency follows the control input.
//!
//! The control is 0.5 (1 Hz) for the first 2.5 s and 1.0 (2 Hz) after.
//! Prints the measured frequency in each half; draws the state and the
//! control against time in `target/plots/controlled_oscillator.png`.

use snn::analysis::rotation_frequency;
use snn::prelude::*;
use std::f64::consts::PI;

/// What one run of the controlled oscillator recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct ControlledRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The decoded oscillator state `(x₀, x₁)`, one vector per dimension.
    pub x: [Vec<f64>; 2],
    /// The control input `c`.
    pub control: Vec<f64>,
    /// The time step (s).
    pub dt: f64,
}

impl ControlledRun {
    /// Measured frequencies (Hz) with control 0.5 (1–2.5 s) and 1.0 (3–5 s).
    pub fn frequencies(&self) -> (f64, f64) {
        let ([x, y], dt) = (&self.x, self.dt);
        let slow = rotation_frequency(&x[..2500], &y[..2500], dt, 1.0);
        let fast = rotation_frequency(x, y, dt, 3.0);
        (slow, fast)
    }
}

/// Builds and runs the controlled oscillator for one seed.
pub fn run_controlled(seed: u64) -> Result<ControlledRun, snn::Error> {
    let (tau, w_max) = (0.1, 4.0 * PI);
    let net = network! {
        seed = seed;
        node kick = |t| if t < 0.1 { [1.0, 0.0] } else { [0.0, 0.0] };
        node control = |t| if t < 2.5 { 0.5 } else { 1.0 };
        ensemble osc { neurons: 600, dimensions: 3, radius: 1.5 };
        kick -> osc[0..2];
        control -> osc[2];
        // Through Lowpass(tau): x + tau * dx/dt, into the oscillator part only.
        osc -> osc[0..2] {
            function: move |x| [x[0] - tau * w_max * x[2] * x[1], x[1] + tau * w_max * x[2] * x[0]],
            synapse: tau,
        };
        probe p_control = control;
        probe p = osc { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(5.0)?;
    let (x, y) = (sim.data_dim(net.p, 0)?, sim.data_dim(net.p, 1)?);
    Ok(ControlledRun {
        t: sim.trange(),
        x: [x, y],
        control: sim.data_dim(net.p_control, 0)?,
        dt: sim.dt(),
    })
}

/// Measured frequencies (Hz) with control 0.5 (1–2.5 s) and 1.0 (3–5 s).
pub fn controlled_frequencies(seed: u64) -> Result<(f64, f64), snn::Error> {
    Ok(run_controlled(seed)?.frequencies())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_controlled(seed)?;
    let (slow, fast) = run.frequencies();
    println!("seed: {seed}");
    println!("frequency_at_control_0.5: {slow:.3}");
    println!("frequency_at_control_1.0: {fast:.3}");
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let [x0, x1] = &run.x;
        let path = plot::output_path("controlled_oscillator.png")?;
        plot::timeseries(
            &path,
            &format!("Controlled oscillator: 1 Hz at c = 0.5, 2 Hz at c = 1 (seed {seed})"),
            &run.t,
            &[
                Series::new("decoded x₀", x0),
                Series::new("decoded x₁", x1),
                Series::new("control c", &run.control),
            ],
            None,
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
