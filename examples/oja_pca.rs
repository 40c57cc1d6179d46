//! Oja's rule extracts the first principal component of its inputs (of
//! the uncentered rates: the top eigenvector of their correlation matrix,
//! here at 44°, between the mean rates' 45° and the variation's 30°): two
//! rate neurons carry a 2-D signal, one neuron reads them through
//! Oja-learned weights that start at 90°.
//!
//! Prints the component's angle, the weights' angle at the start and the
//! end and their alignment with the component (|cos|), and draws the
//! weights' angle over time in `target/plots/oja_pca.png`. Run with a seed
//! as argument (default 0).

#[allow(dead_code)] // the example reads only some of the shared fields
#[path = "shared/oja_pca.rs"]
mod oja_pca;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = oja_pca::run(seed, 4.0)?;
    let angle = |v: &nalgebra::DVector<f64>| v[1].atan2(v[0]).to_degrees();
    println!("seed: {seed}");
    println!(
        "component_angle_deg: {:.2}",
        angle(&run.component).rem_euclid(180.0)
    );
    println!("weights_angle_start_deg: {:.2}", angle(&run.first));
    println!("weights_angle_end_deg: {:.2}", angle(&run.last));
    println!("alignment_start: {:.4}", run.alignment(&run.first));
    println!("alignment_end: {:.4}", run.alignment(&run.last));
    println!("weights_norm_end: {:.4}", run.last.norm());
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("oja_pca.png")?;
        let target = vec![angle(&run.component).rem_euclid(180.0); run.t.len()];
        plot::timeseries(
            &path,
            &format!("Oja's rule: the weights' angle turns to the first principal component (seed {seed})"),
            &run.t,
            &[Series::new("weights' angle (deg)", &run.angle)],
            Some(&[Series::new("component (deg)", &target)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
