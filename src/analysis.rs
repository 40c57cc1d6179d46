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

/// Mean of `x` over samples whose time (`(k + 1) dt`) lies in `[t0, t1)`.
pub fn mean_between(x: &[f64], dt: f64, t0: f64, t1: f64) -> f64 {
    let (sum, n) = x
        .iter()
        .enumerate()
        .filter(|(k, _)| {
            let t = (*k as f64 + 1.0) * dt;
            t >= t0 - 1e-9 && t < t1 - 1e-9
        })
        .fold((0.0, 0usize), |(s, n), (_, v)| (s + v, n + 1));
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// Frequency (Hz) of a rotating 2-D signal: the least-squares slope of its
/// unwrapped phase `atan2(y, x)` over the samples from `t0` on, over 2π.
pub fn rotation_frequency(x: &[f64], y: &[f64], dt: f64, t0: f64) -> f64 {
    let start = ((t0 / dt).round() as usize).min(x.len());
    let mut phase = Vec::with_capacity(x.len() - start);
    let mut last = f64::NAN;
    let mut offset = 0.0;
    for (xi, yi) in x[start..].iter().zip(&y[start..]) {
        let p = yi.atan2(*xi);
        if last.is_finite() {
            let d = p - last;
            if d > std::f64::consts::PI {
                offset -= 2.0 * std::f64::consts::PI;
            } else if d < -std::f64::consts::PI {
                offset += 2.0 * std::f64::consts::PI;
            }
        }
        last = p;
        phase.push(p + offset);
    }
    let n = phase.len() as f64;
    if n < 2.0 {
        return f64::NAN;
    }
    let t: Vec<f64> = (0..phase.len()).map(|k| k as f64 * dt).collect();
    let (mt, mp) = (t.iter().sum::<f64>() / n, phase.iter().sum::<f64>() / n);
    let cov: f64 = t.iter().zip(&phase).map(|(a, b)| (a - mt) * (b - mp)).sum();
    let var: f64 = t.iter().map(|a| (a - mt) * (a - mt)).sum();
    cov / var / (2.0 * std::f64::consts::PI)
}

/// Mean norm of the 2-D signal `(x, y)` over `[t0, t1)`.
pub fn mean_radius(x: &[f64], y: &[f64], dt: f64, t0: f64, t1: f64) -> f64 {
    let r: Vec<f64> = x.iter().zip(y).map(|(a, b)| a.hypot(*b)).collect();
    mean_between(&r, dt, t0, t1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_frequency_of_a_pure_rotation_is_exact() {
        let dt = 0.001;
        let (x, y): (Vec<f64>, Vec<f64>) = (1..=5000)
            .map(|k| {
                let t = k as f64 * dt;
                let w = 2.0 * std::f64::consts::PI * 1.3;
                ((w * t).cos(), (w * t).sin())
            })
            .unzip();
        assert!((rotation_frequency(&x, &y, dt, 1.0) - 1.3).abs() < 1e-9);
        assert!((mean_radius(&x, &y, dt, 1.0, 2.0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn mean_between_takes_samples_at_their_step_times() {
        let x: Vec<f64> = (1..=10).map(f64::from).collect();
        // Samples at t = 0.1 … 1.0; [0.2, 0.4) holds 0.2 and 0.3.
        assert_eq!(mean_between(&x, 0.1, 0.2, 0.4), 2.5);
        assert!(mean_between(&x, 0.1, 5.0, 6.0).is_nan());
    }
}
