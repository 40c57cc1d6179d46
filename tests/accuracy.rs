//! The examples' accuracy against Nengo 4.1 on the same experiments.
//!
//! Nengo's figures were measured with `scripts/nengo_examples.py EXPERIMENT`
//! (Nengo 4.1.0, seeds 0–4, dt = 1 ms), which builds the same models and
//! computes the same ideal signals as the examples. Our mean over the same
//! seeds must be no worse, and so must our worst seed.

#[path = "../examples/communication_channel.rs"]
mod communication_channel;
#[path = "../examples/multiplication.rs"]
mod multiplication;
#[path = "../examples/squaring.rs"]
mod squaring;

/// Mean and worst RMSE over seeds 0–4.
fn mean_and_worst(run: impl Fn(u64) -> Result<f64, snn::Error>) -> (f64, f64) {
    let rmses: Vec<f64> = (0..5).map(|s| run(s).expect("the example runs")).collect();
    let mean = rmses.iter().sum::<f64>() / rmses.len() as f64;
    (mean, rmses.iter().copied().fold(0.0, f64::max))
}

fn assert_no_worse(name: &str, ours: (f64, f64), nengo: (f64, f64)) {
    assert!(
        ours.0 <= nengo.0 && ours.1 <= nengo.1,
        "{name}: our mean/worst RMSE {:.4}/{:.4} vs Nengo's {:.4}/{:.4}",
        ours.0,
        ours.1,
        nengo.0,
        nengo.1
    );
}

#[test]
fn communication_channel_is_no_worse_than_nengo() {
    let ours = mean_and_worst(communication_channel::channel_rmse);
    assert_no_worse("communication_channel", ours, (0.02220, 0.02518));
}

#[test]
fn squaring_is_no_worse_than_nengo() {
    let ours = mean_and_worst(squaring::squaring_rmse);
    assert_no_worse("squaring", ours, (0.02964, 0.03837));
}

#[test]
fn multiplication_is_no_worse_than_nengo() {
    let ours = mean_and_worst(multiplication::multiplication_rmse);
    assert_no_worse("multiplication", ours, (0.03134, 0.03668));
}
