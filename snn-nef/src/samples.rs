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
    /// Rows given with different lengths: row `row` has `len` values where
    /// row 0 has `expected`. Reported as a shape error when the object is
    /// added.
    Ragged {
        /// The first row whose length differs.
        row: usize,
        /// Its length.
        len: usize,
        /// The length of row 0.
        expected: usize,
    },
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
            Self::Ragged { row, len, expected } => Err(ragged(owner, what, *row, *len, *expected)),
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
            Self::Dist(_) | Self::Ragged { .. } => None,
        }
    }

    /// The shape error of ragged rows (`None` for any other parameter).
    pub(crate) fn ragged_error(&self, owner: &str, what: &str) -> Option<BuildError> {
        match self {
            Self::Ragged { row, len, expected } => Some(ragged(owner, what, *row, *len, *expected)),
            _ => None,
        }
    }
}

/// The shape error of rows given with different lengths.
pub(crate) fn ragged(
    owner: &str,
    what: &str,
    row: usize,
    len: usize,
    expected: usize,
) -> BuildError {
    BuildError::Shape {
        object: owner.to_string(),
        what: format!("row {row} of {what}"),
        expected: format!("{expected} values, like row 0"),
        got: format!("{len} values"),
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
    /// Rows of different lengths become [`Samples::Ragged`], which the
    /// network reports as a shape error naming the parameter and the row.
    fn into_samples(self) -> Samples {
        let d = self.first().map_or(0, Vec::len);
        if let Some(row) = self.iter().position(|r| r.len() != d) {
            return Samples::Ragged {
                row,
                len: self[row].len(),
                expected: d,
            };
        }
        let flat: Vec<f64> = self.iter().flatten().copied().collect();
        Samples::Values(DMatrix::from_row_slice(self.len(), d, &flat))
    }
}
