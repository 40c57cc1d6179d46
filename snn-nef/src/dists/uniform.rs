//! The uniform distribution on an interval, of reals or of integers.

use super::Distribution;
use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand_distr::{Distribution as _, Uniform as UniformDraw};

const NAME: &str = "Uniform";

/// Largest magnitude at which every integer is an exact `f64`.
const MAX_EXACT_INTEGER: f64 = 9_007_199_254_740_992.0; // 2^53

/// Every entry drawn independently and uniformly from `[low, high)`, with
/// density `1 / (high - low)`: mean `(low + high)/2`, variance
/// `(high - low)² / 12`. With `integer`, the integers `low, …, high - 1`
/// each with probability `1 / (high - low)`: variance
/// `((high - low)² - 1) / 12`. `low == high` gives the constant `low`
/// (reals only). Cost: O(n d).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uniform {
    /// Lower bound, included.
    pub low: f64,
    /// Upper bound, excluded (unless equal to `low`).
    pub high: f64,
    /// Draw integers instead of reals; `low` and `high` must then be integers.
    pub integer: bool,
}

impl Uniform {
    /// The uniform distribution of reals on `[low, high)`.
    pub const fn new(low: f64, high: f64) -> Self {
        Self {
            low,
            high,
            integer: false,
        }
    }

    /// The same bounds, drawing the integers `low, …, high - 1`.
    pub const fn integer(self) -> Self {
        Self {
            integer: true,
            ..self
        }
    }

    fn invalid(&self, reason: &str) -> DistributionError {
        DistributionError::InvalidParameter {
            dist: NAME,
            reason: format!("low = {}, high = {}: {reason}", self.low, self.high),
        }
    }
}

impl Distribution for Uniform {
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError> {
        if !self.low.is_finite() || !self.high.is_finite() {
            return Err(self.invalid("bounds must be finite"));
        }
        if self.low > self.high {
            return Err(self.invalid("low must not exceed high"));
        }
        let len = check_sample_size(NAME, n, d)?;
        if self.integer {
            let integral = |x: f64| x.fract() == 0.0 && x.abs() <= MAX_EXACT_INTEGER;
            if !integral(self.low) || !integral(self.high) {
                return Err(
                    self.invalid("integer bounds must be integers of magnitude at most 2^53")
                );
            }
            let draw = UniformDraw::new(self.low as i64, self.high as i64)
                .map_err(|_| self.invalid("integer draws need low < high"))?;
            let values = draw.sample_iter(&mut *rng).take(len).map(|k| k as f64);
            return Ok(DMatrix::from_row_iterator(n, d, values));
        }
        if self.low == self.high {
            return Ok(DMatrix::from_element(n, d, self.low));
        }
        let draw = UniformDraw::new(self.low, self.high)
            .map_err(|_| self.invalid("high - low overflows"))?;
        Ok(DMatrix::from_row_iterator(
            n,
            d,
            draw.sample_iter(&mut *rng).take(len),
        ))
    }
}

/// Checks that an `n × d` matrix of `f64` can be addressed (`n · d · 8`
/// bytes fit in `isize`) and returns `n · d`; shared by this module's
/// distributions.
pub(crate) fn check_sample_size(
    dist: &'static str,
    n: usize,
    d: usize,
) -> Result<usize, DistributionError> {
    let limit = isize::MAX as usize / std::mem::size_of::<f64>();
    n.checked_mul(d)
        .filter(|&len| len <= limit)
        .ok_or_else(|| DistributionError::Dimension {
            dist,
            d,
            reason: format!("{n} × {d} values do not fit in memory"),
        })
}
