//! A communication channel driven by band-limited white noise: a
//! `WhiteSignal` (period 5 s, up to 5 Hz, rms 0.5) represented by one
//! ensemble of 100 LIF neurons and passed on to a second, declared with
//! `network!`. The input is Nengo's usual test signal: every frequency up
//! to 5 Hz at once, so the channel is tested on more than one sine.
//!
//! Prints the RMSE of the second ensemble's decoded value against the input
//! filtered as the signal path filters it (two Lowpass(0.005) synapses and
//! the probe's Lowpass(0.01)), and draws input, output and ideal in
//! `target/plots/white_signal_channel.png`. Run with a seed as argument to
//! try others (default 0).

use snn::analysis::{filt, rmse};
use snn::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let net = network! {
        seed = seed;
        node stim = WhiteSignal::new(5.0, 5.0).rms(0.5);
        ensemble a { neurons: 100 };
        ensemble b { neurons: 100 };
        stim -> a;
        a -> b;
        probe input = stim;
        probe output = b { synapse: 0.01 };
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(5.0)?;
    let dt = sim.dt();
    let input = sim.data_dim(net.input, 0)?;
    let output = sim.data_dim(net.output, 0)?;
    let path: [&dyn Synapse; 3] = [&Lowpass(0.005), &Lowpass(0.005), &Lowpass(0.01)];
    let ideal = filt(&input, &path, dt)?;
    let input_rms = (input.iter().map(|x| x * x).sum::<f64>() / input.len() as f64).sqrt();
    println!("seed: {seed}");
    println!("neurons: 200");
    println!("input_rms: {input_rms:.4}");
    println!("rmse: {:.4}", rmse(&output, &ideal));
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("white_signal_channel.png")?;
        plot::timeseries(
            &path,
            &format!(
                "Channel on a 5 Hz white signal: input, b's decoded value, ideal (seed {seed})"
            ),
            &sim.trange(),
            &[
                Series::new("input", &input),
                Series::new("decoded b", &output),
            ],
            Some(&[Series::new("ideal", &ideal)]),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
