//! Learning to square (Nengo's learn-square example): 100-neuron 1-D
//! ensembles; `pre -> post` starts as a random function and PES learns
//! `x²` from the error `post - pre²` for 10 s; then the error ensemble is
//! inhibited and learning stops.
//!
//! Prints the RMSE of post against pre² over the first second and after
//! learning stopped (t > 10 s), and draws pre, post and pre² in
//! `target/plots/learn_square.png`. Run with a seed as argument to try
//! others (default 0).

#[allow(dead_code)] // each example reads only some of the shared fields
#[path = "shared/learned.rs"]
mod learned;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = learned::run(seed, 1, 100, true)?;
    println!("seed: {seed}");
    println!("rmse_first_second: {:.4}", run.rmse_first_second);
    println!("rmse_after_learning: {:.4}", run.rmse_after);
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("learn_square.png")?;
        plot::timeseries(
            &path,
            &format!(
                "Learned square: pre, post and pre², error inhibited after 10 s (seed {seed})"
            ),
            &run.t,
            &[
                Series::new("pre", &run.pre[0]),
                Series::new("post", &run.post[0]),
            ],
            Some(&[Series::new("pre²", &run.target[0])]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
