//! Matrix multiplication in ensemble arrays: `C = A B` for two 2 × 2
//! matrices. Products of two numbers need both in one ensemble, so an
//! array of 2-D ensembles holds every pair `(A[i, j], B[j, k])` (encoders
//! on the diagonals, radius √2), decodes `x₀ x₁`, and a transform sums the
//! products into `C`.
//!
//! Prints each element of `C` (mean of the last 0.2 s) beside the exact
//! value and their RMSE; draws `C` against the exact values in
//! `target/plots/matrix_multiplication.png`. Run with a seed (default 0).

#[path = "shared/matrix_multiplication.rs"]
mod matrix_multiplication;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = matrix_multiplication::run(seed)?;
    let (got, exact) = (run.late_mean(), matrix_multiplication::exact());
    println!("seed: {seed}");
    for e in 0..4 {
        println!("c{}{}: {:.4} (exact {:.4})", e / 2, e % 2, got[e], exact[e]);
    }
    println!("rmse: {:.4}", run.rmse());
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("matrix_multiplication.png")?;
        let columns: Vec<Vec<f64>> = run
            .c
            .column_iter()
            .map(|c| c.iter().copied().collect())
            .collect();
        let ideal: Vec<Vec<f64>> = exact.iter().map(|&v| vec![v; run.t.len()]).collect();
        let labels = ["C[0,0]", "C[0,1]", "C[1,0]", "C[1,1]"];
        let series: Vec<Series<'_>> = labels
            .iter()
            .zip(&columns)
            .map(|(l, v)| Series::new(l, v))
            .collect();
        let exact_series: Vec<Series<'_>> = labels
            .iter()
            .zip(&ideal)
            .map(|(l, v)| Series::new(l, v))
            .collect();
        plot::timeseries(
            &path,
            &format!("C = A B in ensemble arrays (dashed: exact), seed {seed}"),
            &run.t,
            &series,
            Some(&exact_series),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
