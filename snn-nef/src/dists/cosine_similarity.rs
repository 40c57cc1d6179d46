//! The distribution of the cosine similarity of two random unit vectors
//! (Nengo's `CosineSimilarity`): what a semantic-pointer state sees.

use super::uniform::check_sample_size;
use super::Distribution;
use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::{Beta, Distribution as _};

const NAME: &str = "CosineSimilarity";

/// `x · y` for `x`, `y` independent and uniform on the unit sphere of
/// `dimensions` dimensions, i.e. one coordinate of a uniform unit vector:
/// `±√B` with `B ~ Beta(1/2, (D - 1)/2)` and a fair sign, density
/// `∝ (1 - s²)^{(D-3)/2}` on `[-1, 1]`, variance `1/D`. As intercepts and
/// evaluation points of a sub-ensemble of a `D`-dimensional state (Nengo
/// SPA uses `D + 2`), it puts them where a stored pointer's components
/// actually fall. Needs `dimensions ≥ 2`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CosineSimilarity {
    /// The vectors' dimensions.
    pub dimensions: usize,
}

impl CosineSimilarity {
    /// The similarity of random `dimensions`-vectors.
    pub const fn new(dimensions: usize) -> Self {
        Self { dimensions }
    }
}

impl Distribution for CosineSimilarity {
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError> {
        if self.dimensions < 2 {
            return Err(DistributionError::InvalidParameter {
                dist: NAME,
                reason: format!("dimensions = {}: needs at least 2", self.dimensions),
            });
        }
        let len = check_sample_size(NAME, n, d)?;
        let beta = Beta::new(0.5, (self.dimensions as f64 - 1.0) / 2.0).map_err(|e| {
            DistributionError::InvalidParameter {
                dist: NAME,
                reason: e.to_string(),
            }
        })?;
        let values: Vec<f64> = (0..len)
            .map(|_| {
                let sign = if rng.random::<bool>() { 1.0 } else { -1.0 };
                sign * beta.sample(&mut *rng).sqrt()
            })
            .collect();
        Ok(DMatrix::from_row_iterator(n, d, values))
    }
}
