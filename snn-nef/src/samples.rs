//! Parameters given either as a distribution or as explicit values.

use crate::dists::Distribution;
use crate::error::{BuildError, DistributionError};
use crate::rng::NefRng;
use nalgebra::DMatrix;
use std::sync::Arc;

/// A parameter that is sampled from a distribution or given outright (one
/// row per neuron or per evaluation point).
#[derive(Debug, Clone)]
pub enum Samples {
    /// Drawn from a distribution with the object's seed.
    Dist(Arc<dyn Distribution>),
    /// Given values, `rows × dims`.
    Values(DMatrix<f64>),
}

impl Samples {
    /// `n` rows of `d` values: sampled, or the given values after checking
    /// their shape. `what` names the parameter in errors.
    pub(crate) fn draw(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
        owner: &str,
        what: &'static str,
    ) -> Result<DMatrix<f64>, BuildError> {
        match self {
            Self::Dist(dist) => dist.sample(n, d, rng).map_err(|source: DistributionError| {
                BuildError::Distribution {
                    object: owner.to_string(),
                    param: what,
                    source,
                }
            }),
            Self::Values(m) => {
                if m.nrows() != n || m.ncols() != d {
                    return Err(BuildError::Shape {
                        object: owner.to_string(),
                        what: what.to_string(),
                        expected: format!("{n}×{d}"),
                        got: format!("{}×{}", m.nrows(), m.ncols()),
                    });
                }
                Ok(m.clone())
            }
        }
    }

    /// The number of given rows, if values were given.
    pub(crate) fn given_rows(&self) -> Option<usize> {
        match self {
            Self::Values(m) => Some(m.nrows()),
            Self::Dist(_) => None,
        }
    }
}

/// Anything accepted where [`Samples`] are: a distribution, a `Vec<f64>`
/// (one value per row), rows as `Vec<Vec<f64>>` or arrays, or a matrix.
pub trait IntoSamples {
    /// The converted parameter.
    fn into_samples(self) -> Samples;
}

impl<D: Distribution + 'static> IntoSamples for D {
    fn into_samples(self) -> Samples {
        Samples::Dist(Arc::new(self))
    }
}

impl IntoSamples for Samples {
    fn into_samples(self) -> Samples {
        self
    }
}

impl IntoSamples for DMatrix<f64> {
    fn into_samples(self) -> Samples {
        Samples::Values(self)
    }
}

impl IntoSamples for Vec<f64> {
    fn into_samples(self) -> Samples {
        Samples::Values(DMatrix::from_column_slice(self.len(), 1, &self))
    }
}

impl IntoSamples for &[f64] {
    fn into_samples(self) -> Samples {
        Samples::Values(DMatrix::from_column_slice(self.len(), 1, self))
    }
}

impl<const D: usize> IntoSamples for Vec<[f64; D]> {
    fn into_samples(self) -> Samples {
        let flat: Vec<f64> = self.iter().flatten().copied().collect();
        Samples::Values(DMatrix::from_row_slice(self.len(), D, &flat))
    }
}

impl<const N: usize, const D: usize> IntoSamples for [[f64; D]; N] {
    fn into_samples(self) -> Samples {
        self.to_vec().into_samples()
    }
}

impl IntoSamples for Vec<Vec<f64>> {
    /// Ragged rows are padded with NaN, which the build then reports as a
    /// shape error naming the parameter.
    fn into_samples(self) -> Samples {
        let d = self.iter().map(Vec::len).max().unwrap_or(0);
        if self.iter().any(|r| r.len() != d) {
            return Samples::Values(DMatrix::from_element(self.len(), d + 1, f64::NAN));
        }
        let flat: Vec<f64> = self.iter().flatten().copied().collect();
        Samples::Values(DMatrix::from_row_slice(self.len(), d, &flat))
    }
}
