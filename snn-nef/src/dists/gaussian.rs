//! The normal distribution.

use super::uniform::check_sample_size;
use super::Distribution;
use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand_distr::{Distribution as _, Normal};

const NAME: &str = "Gaussian";

/// Every entry drawn independently from the normal distribution with
/// density `exp(-(x - mean)² / (2 std²)) / (std √(2π))`; `std = 0` gives the
/// constant `mean`. Draws are `mean + std · z` with `z` standard normal
/// (ziggurat method). Cost: O(n d).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gaussian {
    /// The mean.
    pub mean: f64,
    /// The standard deviation, `≥ 0`.
    pub std: f64,
}

impl Gaussian {
    /// The normal distribution with this mean and standard deviation.
    pub const fn new(mean: f64, std: f64) -> Self {
        Self { mean, std }
    }
}

impl Distribution for Gaussian {
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError> {
        let invalid = |reason: &str| DistributionError::InvalidParameter {
            dist: NAME,
            reason: format!("mean = {}, std = {}: {reason}", self.mean, self.std),
        };
        if !self.mean.is_finite() || !self.std.is_finite() {
            return Err(invalid("parameters must be finite"));
        }
        if self.std < 0.0 {
            return Err(invalid("std must be non-negative"));
        }
        let len = check_sample_size(NAME, n, d)?;
        let normal = Normal::new(self.mean, self.std).map_err(|e| invalid(&e.to_string()))?;
        Ok(DMatrix::from_row_iterator(
            n,
            d,
            normal.sample_iter(&mut *rng).take(len),
        ))
    }
}
