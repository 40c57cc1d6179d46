//! Multiplication: two inputs, `x = sin(2πt)` and `y = cos(πt)`, are
//! represented together by a 2-D ensemble of 200 neurons (radius 1.5, so
//! that `(x, y)` stays inside it), and the connection to a 1-D ensemble
//! decodes their product.
//!
//! Prints the RMSE of the product's decoded value against the ideal: the
//! product of the inputs filtered by the first synapse, then filtered by the
//! second synapse and the probe (Lowpass 0.005, 0.005, 0.01); draws both,
//! with the inputs, in `target/plots/multiplication.png`.
//! Run with a seed as argument to try others (default 0).

use snn::analysis::{filt, rmse};
use snn::prelude::*;
use std::f64::consts::PI;

/// What one run of the multiplication network recorded.
#[cfg_attr(not(feature = "plot"), allow(dead_code))] // some fields are only plotted
pub struct ProductRun {
    /// Sample times (s).
    pub t: Vec<f64>,
    /// The inputs `x` and `y`.
    pub inputs: [Vec<f64>; 2],
    /// `prod`'s decoded value, ≈ `x·y`.
    pub output: Vec<f64>,
    /// `x·y` filtered as the signal path filters it.
    pub ideal: Vec<f64>,
}

impl ProductRun {
    /// RMSE of the output against the ideal.
    pub fn rmse(&self) -> f64 {
        rmse(&self.output, &self.ideal)
    }
}

/// Builds and runs the multiplication network for one seed.
pub fn run_multiplication(seed: u64) -> Result<ProductRun, snn::Error> {
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
    let mut sim = Simulator::new(&net)?;
    sim.run(2.0)?;
    let (p_x, p_y, p_prod) = (net.p_x, net.p_y, net.p_prod);

    let dt = sim.dt();
    let (x, y) = (sim.data_dim(p_x, 0)?, sim.data_dim(p_y, 0)?);
    let fx = filt(&x, &[&Lowpass(0.005)], dt)?;
    let fy = filt(&y, &[&Lowpass(0.005)], dt)?;
    let xy: Vec<f64> = fx.iter().zip(&fy).map(|(a, b)| a * b).collect();
    Ok(ProductRun {
        t: sim.trange(),
        inputs: [x, y],
        output: sim.data_dim(p_prod, 0)?,
        ideal: filt(&xy, &[&Lowpass(0.005), &Lowpass(0.01)], dt)?,
    })
}

/// Builds and runs the multiplication network for one seed; returns the RMSE.
pub fn multiplication_rmse(seed: u64) -> Result<f64, snn::Error> {
    Ok(run_multiplication(seed)?.rmse())
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = run_multiplication(seed)?;
    println!("seed: {seed}");
    println!("neurons: 300");
    println!("rmse: {:.4}", run.rmse());
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("multiplication.png")?;
        plot::timeseries(
            &path,
            &format!("Multiplication: prod decodes x·y (seed {seed})"),
            &run.t,
            &[
                Series::new("decoded x·y", &run.output),
                Series::new("input x = sin(2πt)", &run.inputs[0]),
                Series::new("input y = cos(πt)", &run.inputs[1]),
            ],
            Some(&[Series::new("ideal x·y", &run.ideal)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
