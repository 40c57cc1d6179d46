//! Independent uniform points on or in the unit hypersphere.

use super::uniform::check_sample_size;
use super::Distribution;
use crate::error::DistributionError;
use crate::rng::NefRng;
use nalgebra::DMatrix;
use rand::Rng;
use rand_distr::StandardNormal;

const NAME: &str = "UniformHypersphere";

/// Independent points uniform on the unit sphere (`surface`) or in the unit
/// ball of `R^d`.
///
/// Surface: `x = g / ‖g‖` with `g` a standard normal vector, uniform on the
/// sphere because the normal density is rotation invariant (a `g` of norm
/// zero is drawn again). Ball: `x · r` with `r = u^(1/d)`,
/// `u ~ U[ρ^d, 1)` (`ρ` = `min_magnitude`), so that
/// `P(r ≤ t) = (t^d - ρ^d) / (1 - ρ^d)`, the fraction of the shell
/// `ρ ≤ ‖x‖ ≤ 1` inside radius `t`. Nengo's `UniformHypersphere`: all the
/// directions are drawn first (row by row), then all the radii.
/// Cost: O(n d).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UniformHypersphere {
    /// On the surface (`‖x‖ = 1`) rather than in the ball (`‖x‖ ≤ 1`).
    pub surface: bool,
    /// Smallest norm of a ball sample, in `[0, 1)`; ignored on the surface.
    pub min_magnitude: f64,
}

impl UniformHypersphere {
    /// Points uniform on the unit sphere.
    pub const fn surface() -> Self {
        Self {
            surface: true,
            min_magnitude: 0.0,
        }
    }

    /// Points uniform in the unit ball.
    pub const fn volume() -> Self {
        Self {
            surface: false,
            min_magnitude: 0.0,
        }
    }

    /// The same distribution with ball samples of norm at least `min_magnitude`.
    pub const fn with_min_magnitude(self, min_magnitude: f64) -> Self {
        Self {
            min_magnitude,
            ..self
        }
    }
}

impl Distribution for UniformHypersphere {
    fn sample(
        &self,
        n: usize,
        d: usize,
        rng: &mut NefRng,
    ) -> Result<DMatrix<f64>, DistributionError> {
        if !(0.0..1.0).contains(&self.min_magnitude) {
            return Err(DistributionError::InvalidParameter {
                dist: NAME,
                reason: format!("min_magnitude = {} must be in [0, 1)", self.min_magnitude),
            });
        }
        if d == 0 {
            return Err(DistributionError::Dimension {
                dist: NAME,
                d,
                reason: "a hypersphere needs at least one dimension".into(),
            });
        }
        check_sample_size(NAME, n, d)?;
        let mut points = DMatrix::zeros(n, d);
        for mut row in points.row_iter_mut() {
            loop {
                row.iter_mut().for_each(|x| *x = rng.sample(StandardNormal));
                let norm = row.norm();
                if norm > 0.0 {
                    row /= norm;
                    break;
                }
            }
        }
        if !self.surface {
            let floor = self.min_magnitude.powf(d as f64);
            for mut row in points.row_iter_mut() {
                let u = floor + (1.0 - floor) * rng.random::<f64>();
                row *= u.powf(1.0 / d as f64);
            }
        }
        Ok(points)
    }
}
