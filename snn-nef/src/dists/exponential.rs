//! The exponential distribution, shifted and clipped (Nengo's
//! `Exponential`, the associative memory's intercepts).

use super::uniform::check_sample_size;
use super::Distribution;
use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand_distr::{Distribution as _, Exp};

const NAME: &str = "Exponential";

/// `shift + X`, `X ~ Exp(1 / scale)` (density `e^{-x/scale} / scale`, mean
/// `scale`), clipped into `[shift, high)`: values past `high` become the
/// largest float below it. With a small `scale` most values lie just above
/// `shift` (an associative memory's intercepts near 0, so its neurons
/// fire as soon as their item is present). Cost: O(n d).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exponential {
    /// The mean of the unshifted draw; finite and `> 0`.
    pub scale: f64,
    /// Added to every draw (the lowest value).
    pub shift: f64,
    /// The values' upper bound (excluded); `f64::INFINITY` for none.
    pub high: f64,
}

impl Exponential {
    /// `shift + Exp(scale)` clipped below `high`.
    pub const fn new(scale: f64, shift: f64, high: f64) -> Self {
        Self { scale, shift, high }
    }

    fn invalid(&self, reason: &str) -> DistributionError {
        DistributionError::InvalidParameter {
            dist: NAME,
            reason: format!(
                "scale = {}, shift = {}, high = {}: {reason}",
                self.scale, self.shift, self.high
            ),
        }
    }
}

impl Distribution for Exponential {
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError> {
        if !(self.scale.is_finite() && self.scale > 0.0) {
            return Err(self.invalid("scale must be finite and positive"));
        }
        if !self.shift.is_finite() || self.high.is_nan() || self.high <= self.shift {
            return Err(self.invalid("shift must be finite and below high"));
        }
        let len = check_sample_size(NAME, n, d)?;
        let draw = Exp::new(1.0 / self.scale).map_err(|_| self.invalid("scale out of range"))?;
        let top = next_below(self.high);
        let values = draw
            .sample_iter(&mut *rng)
            .take(len)
            .map(|x: f64| (self.shift + x).clamp(self.shift, top));
        Ok(DMatrix::from_row_iterator(n, d, values))
    }
}

/// The largest `f64` below `x` (`f64::next_down`, which is newer than this
/// crate's minimum Rust version); `x` is not NaN.
fn next_below(x: f64) -> f64 {
    if x == f64::INFINITY {
        f64::MAX
    } else if x == 0.0 {
        -f64::from_bits(1)
    } else if x > 0.0 {
        f64::from_bits(x.to_bits() - 1)
    } else {
        f64::from_bits(x.to_bits() + 1)
    }
}
