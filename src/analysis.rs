//! Small numeric helpers for judging simulation results.

use snn_core::synapses::Synapse;
use snn_core::SimError;

/// Root-mean-square difference of two equally long signals
/// (`sqrt(mean((a - b)^2))`); NaN when they are empty or differ in length.
pub fn rmse(a: &[f64], b: &[f64]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return f64::NAN;
    }
    let sum: f64 = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum();
    (sum / a.len() as f64).sqrt()
}

/// `signal` passed through each of `synapses` in turn, each discretized at
/// `dt` and started from zero state, with no added delay (`y[k]` depends on
/// `x[0..=k]`, Nengo's `filt`). This is how the examples build the ideal
/// signal a chain of synapses would deliver.
pub fn filt(signal: &[f64], synapses: &[&dyn Synapse], dt: f64) -> Result<Vec<f64>, crate::Error> {
    let mut y = signal.to_vec();
    for s in synapses {
        y = s.discretize(dt).map_err(SimError::from)?.filt(&y);
    }
    Ok(y)
}
