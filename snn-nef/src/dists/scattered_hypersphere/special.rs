//! The inverse CDF of one spherical coordinate, the special function behind
//! the spherical coordinate transform.
//!
//! For a point drawn uniformly on the unit sphere of `R^(k+1)`, the polar
//! angle `θ ∈ [0, π]` measured from one axis has density
//! `sin^(k-1)(θ) / B(k/2, 1/2)`. On `[0, π/2]` its CDF is
//! `F(θ) = ½ · I_{sin²θ}(k/2, ½)`, with `I` the regularized incomplete beta
//! function, and `F(π - θ) = 1 - F(θ)` by symmetry. Nengo's "sct" method
//! inverts `I` with SciPy's `betaincinv` and "sct-approx" interpolates a table
//! of it; here `F` is inverted exactly (to a few ulps, also in the far tails
//! where `betaincinv` followed by `arcsin √·` loses digits), by Newton's
//! method on `ln I` as a function of `θ`, kept inside a bisection bracket,
//! with `I` evaluated by its continued fraction.

use std::f64::consts::{FRAC_PI_2, PI};

/// Relative accuracy the Newton iteration and the continued fraction aim for.
const EPS: f64 = f64::EPSILON;
/// Floor that keeps the Lentz recurrences away from division by zero.
const TINY: f64 = 1e-300;
/// Cap on continued-fraction terms; at most about `√k` are needed (a few in
/// practice), so `k` in the millions still converges well inside it.
const MAX_TERMS: usize = 100_000;
/// Cap on Newton/bisection steps; bisection alone halves a bracket of width
/// π/2 down to a few ulps in about 60 steps, Newton needs a handful.
const MAX_STEPS: usize = 200;

/// The inverse CDF of the polar angle of a uniform point on the sphere of
/// `R^(k+1)`, normalized to `[0, 1]` (the angle divided by π): Nengo's
/// `ScatteredHypersphere.spherical_coords_ppf(k, y)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CoordinateInverseCdf {
    /// `k`, the exponent of `sin^(k-1)` plus one.
    dims: usize,
    /// `ln B(k/2, 1/2)`, the log of the density's normalizer.
    ln_beta: f64,
}

impl CoordinateInverseCdf {
    /// The inverse CDFs for `k = 1, …, max_dims` (entry `k - 1` is for `k`),
    /// in O(`max_dims`): `B(½, ½) = π`, `B(1, ½) = 2` and
    /// `B(a + 1, ½) = B(a, ½) · a / (a + ½)`.
    pub(crate) fn up_to(max_dims: usize) -> Vec<Self> {
        let mut ln_beta = [PI.ln(), 2f64.ln()];
        (1..=max_dims)
            .map(|dims| {
                let parity = (dims - 1) % 2;
                if dims > 2 {
                    // Step `a = (dims - 2) / 2` up to `dims / 2`.
                    let a = (dims - 2) as f64 / 2.0;
                    ln_beta[parity] += (a / (a + 0.5)).ln();
                }
                Self {
                    dims,
                    ln_beta: ln_beta[parity],
                }
            })
            .collect()
    }

    /// The coordinate `x ∈ [0, 1]` with `P(θ/π ≤ x) = y`, for `y ∈ [0, 1]`.
    /// Cost: O(√k) per continued fraction, a handful of Newton steps.
    pub(crate) fn quantile(&self, y: f64) -> f64 {
        let y = y.clamp(0.0, 1.0);
        if self.dims == 1 {
            // The density is flat: the angle is uniform on [0, π].
            return y;
        }
        let upper = y >= 0.5;
        let tail = if upper { 1.0 - y } else { y };
        let x = self.half_angle(2.0 * tail) / PI;
        if upper {
            1.0 - x
        } else {
            x
        }
    }

    /// The angle `θ ∈ [0, π/2]` with `I_{sin²θ}(k/2, ½) = p`, by Newton's
    /// method on `ln I_{sin²θ} = ln p`. The density `sin^(k-1)` is
    /// log-concave, so `ln I` is concave in `θ`: after at most one step the
    /// iterates rise monotonically onto the root, even deep in the tail where
    /// Newton on `I` itself would crawl.
    fn half_angle(&self, p: f64) -> f64 {
        if p <= 0.0 {
            return 0.0;
        }
        if p >= 1.0 {
            return FRAC_PI_2;
        }
        let (k, ln_p) = (self.dims as f64, p.ln());
        let (mut lo, mut hi) = (0.0, FRAC_PI_2);
        let mut theta = initial_guess(p, k);
        for _ in 0..MAX_STEPS {
            let ln_cdf = self.ln_half_cdf(theta);
            let residual = ln_cdf - ln_p;
            if residual == 0.0 {
                return theta;
            }
            if residual < 0.0 {
                lo = theta;
            } else {
                hi = theta;
            }
            // d/dθ I_{sin²θ}(k/2, ½) = 2 sin^(k-1)θ / B(k/2, ½); divide by I.
            let ln_slope = 2f64.ln() + (k - 1.0) * theta.sin().ln() - self.ln_beta - ln_cdf;
            let newton = theta - residual / ln_slope.exp();
            if (newton - theta).abs() <= 4.0 * EPS * theta {
                return newton;
            }
            theta = if newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            };
            if hi - lo <= 4.0 * EPS * hi {
                break;
            }
        }
        theta
    }

    /// `ln I_{sin²θ}(k/2, ½)` for `θ ∈ [0, π/2]`, taking `x = sin²θ` and its
    /// complement `cos²θ` from the angle so that neither loses digits, and
    /// staying in logarithms so that the far tail does not underflow.
    fn ln_half_cdf(&self, theta: f64) -> f64 {
        let (sin, cos) = theta.sin_cos();
        if sin <= 0.0 {
            return f64::NEG_INFINITY;
        }
        if cos <= 0.0 {
            return 0.0;
        }
        let (a, b) = (self.dims as f64 / 2.0, 0.5);
        let (x, y) = (sin * sin, cos * cos);
        let ln_front = 2.0 * a * sin.ln() + 2.0 * b * cos.ln() - self.ln_beta;
        // The continued fraction converges fast below the mean of Beta(a, b);
        // above it, use I_x(a, b) = 1 - I_{1-x}(b, a).
        if x < (a + 1.0) / (a + b + 2.0) {
            ln_front + (beta_fraction(a, b, x) / a).ln()
        } else {
            (-ln_front.exp() * beta_fraction(b, a, y) / b).ln_1p()
        }
    }
}

/// A starting angle from the normal approximation of the angle's law,
/// `θ ≈ π/2 + z / √(k - 1)` with `z` the standard normal quantile of `p/2`
/// (Tukey-lambda approximation, good to about 1% in the body); Newton's
/// method corrects it.
fn initial_guess(p: f64, k: f64) -> f64 {
    let q = 0.5 * p;
    let z = 4.91 * (q.powf(0.14) - (1.0 - q).powf(0.14));
    let theta = FRAC_PI_2 + z / (k - 1.0).sqrt();
    if theta > 0.0 && theta < FRAC_PI_2 {
        theta
    } else {
        0.5 * FRAC_PI_2
    }
}

/// The continued fraction of the regularized incomplete beta function,
/// `I_x(a, b) = x^a (1-x)^b / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …)))` with
/// `d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1))` and
/// `d_{2m} = m (b-m) x / ((a+2m-1)(a+2m))`, evaluated by the modified Lentz
/// method. Returns the fraction `1/(1+ d₁/(1+ …))`.
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut fraction = d;
    for m in 1..=MAX_TERMS {
        let m = m as f64;
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        let mut delta = 1.0;
        for coefficient in [even, odd] {
            d = 1.0 / guard(1.0 + coefficient * d);
            c = guard(1.0 + coefficient / c);
            delta = d * c;
            fraction *= delta;
        }
        if (delta - 1.0).abs() <= EPS {
            break;
        }
    }
    fraction
}
