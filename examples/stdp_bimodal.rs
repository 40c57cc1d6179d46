//! STDP makes synaptic weights bimodal (Song, Miller & Abbott 2000): 1000
//! Poisson inputs at 15 Hz onto one conductance-based LIF neuron, pair-based
//! STDP with depression slightly stronger than potentiation, the paper's
//! parameters, 1000 s.
//!
//! Prints the share of weights within 10% of a bound at the start and the
//! end, how many are near 0 and near w_max, and the neuron's rate over the
//! first and last 10 s; draws the histogram of the final weights in
//! `target/plots/stdp_bimodal.png`. Run with a seed as argument (default 0)
//! and optionally the simulated seconds (default 1000).

#[path = "shared/stdp_song.rs"]
mod stdp_song;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000.0);
    let run = stdp_song::run(seed, seconds)?;
    let low = run
        .last
        .iter()
        .filter(|&&w| w <= 0.1 * stdp_song::W_MAX)
        .count();
    let high = run
        .last
        .iter()
        .filter(|&&w| w >= 0.9 * stdp_song::W_MAX)
        .count();
    println!("seed: {seed}");
    println!("seconds: {seconds}");
    println!(
        "share_at_bounds_start: {:.3}",
        stdp_song::share_at_bounds(&run.initial)
    );
    println!(
        "share_at_bounds_end: {:.3}",
        stdp_song::share_at_bounds(&run.last)
    );
    println!("near_zero: {low}");
    println!("near_w_max: {high}");
    println!("rate_first_10s: {:.2}", run.rate_first);
    println!("rate_last_10s: {:.2}", run.rate_last);
    #[cfg(feature = "plot")]
    {
        let path = snn::plot::output_path("stdp_bimodal.png")?;
        let scaled: Vec<f64> = run.last.iter().map(|w| w / stdp_song::W_MAX).collect();
        snn::plot::histogram(
            &path,
            &format!("STDP weights after {seconds} s (seed {seed})"),
            "weight / w_max",
            &scaled,
            40,
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
