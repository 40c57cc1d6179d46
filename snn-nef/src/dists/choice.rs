//! A discrete distribution over given options (scalars or vectors).

use super::uniform::check_sample_size;
use super::Distribution;
use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand::Rng;

const NAME: &str = "Choice";

/// Each sample is one row of `options` (`k × d`), row `i` with probability
/// `w_i / Σ w` (equal probabilities without `weights`). A draw takes
/// `u ~ U[0, Σ w)` and returns the first row whose cumulative weight exceeds
/// `u`, so rows of weight zero are never drawn. Cost: O(k d) to check, then
/// O(n (log k + d)).
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The options, one per row.
    pub options: DMatrix<f64>,
    /// One non-negative weight per option, not all zero; `None` for equal weights.
    pub weights: Option<Vec<f64>>,
}

impl Choice {
    /// Equally likely options, one per row of `options`.
    pub fn new(options: DMatrix<f64>) -> Self {
        Self {
            options,
            weights: None,
        }
    }

    /// Equally likely scalar options (a `k × 1` matrix; sample with `d = 1`).
    pub fn from_scalars(values: &[f64]) -> Self {
        Self::new(DMatrix::from_column_slice(values.len(), 1, values))
    }

    /// Equally likely vector options; errors if the rows differ in length.
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<Self, DistributionError> {
        let width = rows.first().map_or(0, |row| row.as_ref().len());
        if let Some((i, row)) = rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.as_ref().len() != width)
        {
            return Err(invalid(format!(
                "option 0 has {width} values but option {i} has {}",
                row.as_ref().len()
            )));
        }
        let values = rows.iter().flat_map(|row| row.as_ref().iter().copied());
        Ok(Self::new(DMatrix::from_row_iterator(
            rows.len(),
            width,
            values,
        )))
    }

    /// The same options drawn with probabilities proportional to `weights`.
    pub fn with_weights(self, weights: Vec<f64>) -> Self {
        Self {
            weights: Some(weights),
            ..self
        }
    }

    /// The running sums of the weights (all ones without weights), checked.
    fn cumulative_weights(&self) -> Result<Vec<f64>, DistributionError> {
        let k = self.options.nrows();
        if k == 0 || self.options.ncols() == 0 {
            return Err(invalid(format!(
                "options are {k}×{}: need at least one option of at least one value",
                self.options.ncols()
            )));
        }
        if let Some(index) = self.options.iter().position(|v| !v.is_finite()) {
            let (row, col) = (index % k, index / k);
            return Err(invalid(format!(
                "option {row} has a non-finite value at column {col}"
            )));
        }
        let Some(weights) = &self.weights else {
            return Ok((1..=k).map(|i| i as f64).collect());
        };
        if weights.len() != k {
            return Err(invalid(format!(
                "{} weights for {k} options",
                weights.len()
            )));
        }
        if let Some((i, w)) = weights
            .iter()
            .enumerate()
            .find(|(_, w)| !(w.is_finite() && **w >= 0.0))
        {
            return Err(invalid(format!(
                "weight {i} = {w} must be finite and non-negative"
            )));
        }
        let cumulative: Vec<f64> = weights
            .iter()
            .scan(0.0, |total, w| {
                *total += w;
                Some(*total)
            })
            .collect();
        let total = cumulative.last().copied().unwrap_or(0.0);
        if total > 0.0 && total.is_finite() {
            Ok(cumulative)
        } else {
            Err(invalid(format!(
                "weights sum to {total}: need a positive, finite sum"
            )))
        }
    }
}

fn invalid(reason: String) -> DistributionError {
    DistributionError::InvalidParameter { dist: NAME, reason }
}

impl Distribution for Choice {
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError> {
        let cumulative = self.cumulative_weights()?;
        let width = self.options.ncols();
        if d != width {
            return Err(DistributionError::Dimension {
                dist: NAME,
                d,
                reason: format!("the options are {}×{width}", self.options.nrows()),
            });
        }
        check_sample_size(NAME, n, d)?;
        let total = cumulative[cumulative.len() - 1];
        // The last option of positive weight, for a `u` that rounds up to the total.
        let last = cumulative.iter().position(|&c| c == total).unwrap_or(0);
        let rows: Vec<usize> = (0..n)
            .map(|_| {
                let u = rng.random::<f64>() * total;
                cumulative.partition_point(|&c| c <= u).min(last)
            })
            .collect();
        Ok(DMatrix::from_fn(n, d, |i, j| self.options[(rows[i], j)]))
    }
}
