//! The examples' accuracy against Nengo 4.1 on the same experiments.
//!
//! Nengo's figures were measured with
//! `python scripts/nengo_examples.py EXPERIMENT --seeds $(seq 0 99)`
//! (Nengo 4.1.0, dt = 1 ms), which builds the same models and computes the
//! same ideal signals as the examples. A seed draws a different network in
//! each simulator, and the RMSE varies by about 10% from seed to seed, so
//! the comparison is between means over the same 100 seeds: ours must not
//! exceed Nengo's by more than two standard errors of the difference of two
//! such means (sqrt(2) sd / sqrt(100) each). Given Nengo's own parameters
//! our simulator reproduces its spike trains (`tests/integration/nengo_spike_match.rs`),
//! so what remains here is the spread of random networks.

#[path = "../../examples/builder_api.rs"]
mod builder_api;
#[path = "../../examples/communication_channel.rs"]
mod communication_channel;
#[path = "../../examples/multiplication.rs"]
mod multiplication;
#[path = "../../examples/squaring.rs"]
mod squaring;

const SEEDS: u64 = 100;

/// Mean and standard deviation of the RMSE over seeds 0–99.
fn mean_and_sd(run: impl Fn(u64) -> Result<f64, snn::Error>) -> (f64, f64) {
    let rmses: Vec<f64> = (0..SEEDS)
        .map(|s| run(s).expect("the example runs"))
        .collect();
    let n = rmses.len() as f64;
    let mean = rmses.iter().sum::<f64>() / n;
    let var = rmses.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

fn assert_no_worse(name: &str, (mean, sd): (f64, f64), nengo_mean: f64) {
    let tolerance = 2.0 * (2.0f64).sqrt() * sd / (SEEDS as f64).sqrt();
    assert!(
        mean <= nengo_mean + tolerance,
        "{name}: our mean RMSE {mean:.5} (sd {sd:.5}) vs Nengo's {nengo_mean:.5} (+{tolerance:.5} allowed)"
    );
}

#[test]
fn communication_channel_is_no_worse_than_nengo() {
    let ours = mean_and_sd(communication_channel::channel_rmse);
    assert_no_worse("communication_channel", ours, 0.022061);
}

#[test]
fn dsl_and_builder_channels_agree_bit_for_bit() {
    for seed in 0..3 {
        let dsl = communication_channel::channel_rmse(seed).unwrap();
        let builder = builder_api::builder_channel_rmse(seed).unwrap();
        assert_eq!(dsl.to_bits(), builder.to_bits(), "seed {seed}");
    }
}

#[test]
fn squaring_is_no_worse_than_nengo() {
    let ours = mean_and_sd(squaring::squaring_rmse);
    assert_no_worse("squaring", ours, 0.029068);
}

#[test]
fn multiplication_is_no_worse_than_nengo() {
    let ours = mean_and_sd(multiplication::multiplication_rmse);
    assert_no_worse("multiplication", ours, 0.030637);
}
