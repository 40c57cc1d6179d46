//! Distributions for sampling ensemble parameters (max rates, intercepts,
//! encoders, evaluation points), each seedable and reproducible.

mod choice;
mod cosine_similarity;
mod exponential;
mod gaussian;
mod scattered_hypersphere;
mod uniform;
mod uniform_hypersphere;

pub use choice::Choice;
pub use cosine_similarity::CosineSimilarity;
pub use exponential::Exponential;
pub use gaussian::Gaussian;
pub use scattered_hypersphere::{ScatterMethod, ScatteredHypersphere};
pub use uniform::Uniform;
pub use uniform_hypersphere::UniformHypersphere;

use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use std::fmt::Debug;

/// A distribution over `d`-dimensional points.
pub trait Distribution: Debug + Send + Sync {
    /// Draws `n` samples of dimension `d` as an `n × d` matrix (one sample
    /// per row). The same `rng` state gives the same samples.
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError>;
}
