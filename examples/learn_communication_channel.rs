//! Learning a communication channel (Nengo's learn-communication-channel
//! example): 60-neuron 2-D ensembles; `pre -> post` starts as a random
//! function and PES learns the identity from the error `post - pre` for
//! 10 s; then the error ensemble is inhibited and learning stops.
//!
//! Prints the RMSE of post against pre over the first second and after
//! learning stopped (t > 10 s), and draws pre and post in
//! `target/plots/learn_communication_channel.png`. Run with a seed as
//! argument to try others (default 0).

#[allow(dead_code)] // each example reads only some of the shared fields
#[path = "shared/learned.rs"]
mod learned;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = learned::run(seed, 2, 60, false)?;
    println!("seed: {seed}");
    println!("rmse_first_second: {:.4}", run.rmse_first_second);
    println!("rmse_after_learning: {:.4}", run.rmse_after);
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("learn_communication_channel.png")?;
        plot::timeseries(
            &path,
            &format!("Learned channel: pre and post, error inhibited after 10 s (seed {seed})"),
            &run.t,
            &[
                Series::new("pre[0]", &run.pre[0]),
                Series::new("post[0]", &run.post[0]),
                Series::new("pre[1]", &run.pre[1]),
                Series::new("post[1]", &run.post[1]),
            ],
            None,
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
