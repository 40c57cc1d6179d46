//! Small numeric helpers for judging simulation results.

use snn_core::synapses::Synapse;
use snn_core::SynapseError;

/// Root-mean-square difference of two equally long signals
/// (`sqrt(mean((a - b)^2))`); NaN when they are empty or differ in length.
pub fn rmse(a: &[f64], b: &[f64]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return f64::NAN;
    }
    let sum: f64 = a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum();
    (sum / a.len() as f64).sqrt()
}

/// `signal` passed through `synapse` discretized at `dt`, from zero state,
/// with no added delay (`y[k]` depends on `x[0..=k]`, Nengo's `filt`).
pub fn filt(synapse: &dyn Synapse, signal: &[f64], dt: f64) -> Result<Vec<f64>, SynapseError> {
    Ok(synapse.discretize(dt)?.filt(signal))
}
