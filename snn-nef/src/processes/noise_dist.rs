//! The distributions white noise may draw from, and their checks.

use crate::dists::{Gaussian, Uniform};
use crate::error::ProcessError;
use snn_core::processes::NoiseDist;

/// A distribution white noise can draw every step: [`Gaussian`] or
/// [`Uniform`] (drawn by the simulator's vectorized stream).
pub trait IntoNoiseDist {
    /// The run-time form, or why there is none.
    fn into_noise_dist(self) -> Result<NoiseDist, ProcessError>;
}

impl IntoNoiseDist for Gaussian {
    fn into_noise_dist(self) -> Result<NoiseDist, ProcessError> {
        Ok(NoiseDist::Gaussian {
            mean: self.mean,
            std: self.std,
        })
    }
}

impl IntoNoiseDist for Uniform {
    fn into_noise_dist(self) -> Result<NoiseDist, ProcessError> {
        if self.integer {
            return Err(ProcessError::InvalidParameter {
                process: "WhiteNoise",
                param: "dist",
                value: format!("{self:?}"),
                reason: "integer uniform noise is not supported; use a real Uniform".into(),
            });
        }
        Ok(NoiseDist::Uniform {
            low: self.low,
            high: self.high,
        })
    }
}

impl IntoNoiseDist for NoiseDist {
    fn into_noise_dist(self) -> Result<NoiseDist, ProcessError> {
        Ok(self)
    }
}

/// `Err` unless the distribution's parameters are finite and ordered, so
/// no sample can be NaN.
pub(crate) fn check_dist(process: &'static str, dist: &NoiseDist) -> Result<(), ProcessError> {
    let bad = |reason: &str| ProcessError::InvalidParameter {
        process,
        param: "dist",
        value: format!("{dist:?}"),
        reason: reason.into(),
    };
    match *dist {
        NoiseDist::Gaussian { mean, std } => {
            if !(mean.is_finite() && std.is_finite()) {
                return Err(bad("mean and std must be finite"));
            }
            if std < 0.0 {
                return Err(bad("std must be non-negative"));
            }
        }
        NoiseDist::Uniform { low, high } => {
            if !(low.is_finite() && high.is_finite()) {
                return Err(bad("low and high must be finite"));
            }
            if low > high {
                return Err(bad("low must not exceed high"));
            }
        }
    }
    Ok(())
}
