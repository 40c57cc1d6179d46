//! Maps from the unit cube `[0, 1]^m` onto the unit sphere of `R^(m+1)`,
//! taking a uniform (or quasi-uniform) cube to a uniform (or evenly
//! scattered) sphere. Fang & Wang, *Number-theoretic methods in
//! statistics* (1994), §1.5.2–1.5.3 and §4.3.

use super::special::CoordinateInverseCdf;
use nalgebra::DMatrix;
use std::f64::consts::{PI, TAU};

/// The spherical coordinate transform (SCT). Each cube coordinate `u_j` is
/// sent through the inverse CDF of the `j`-th spherical angle
/// (`θ_j = π F⁻¹_{m-j}(u_j)` for `j < m-1`, density `∝ sin^(m-j-1)`; the
/// last angle is `θ = 2π u`, uniform), then to Cartesian coordinates:
/// `x_0 = cos θ_0`, `x_k = sin θ_0 ⋯ sin θ_(k-1) cos θ_k`,
/// `x_m = sin θ_0 ⋯ sin θ_(m-1)`. Nengo's `spherical_transform_sct`.
/// Cost: O(n m √m) (one inverse CDF per coordinate).
pub(crate) fn sct(cube: &DMatrix<f64>) -> DMatrix<f64> {
    let (n, m) = cube.shape();
    let inverse_cdfs = CoordinateInverseCdf::up_to(m);
    let mut sphere = DMatrix::zeros(n, m + 1);
    for i in 0..n {
        let mut sines = 1.0;
        for j in 0..m {
            let coordinate = inverse_cdfs[m - j - 1].quantile(cube[(i, j)]);
            let turn = if j + 1 == m { TAU } else { PI };
            let (sin, cos) = (turn * coordinate).sin_cos();
            sphere[(i, j)] = sines * cos;
            sines *= sin;
        }
        sphere[(i, m)] = sines;
    }
    sphere
}

/// The Tashiro–Fang–Wang–Wong transform (TFWW, Fang & Wang §4.3, with the
/// odd-dimension case of eq. 1.5.28). For `s = m + 1` output dimensions it
/// splits the point into `⌊s/2⌋` planar pairs whose squared radii are the
/// spacings `g_(j+1) - g_j` of `g_0 = 0`, `g_(s/2) = 1` and
/// `g_j = g_(j+1) u_(j-1)^(1/j)` (exponent `2/(2j+1)` for odd `s`), and puts
/// each pair at angle `2π u`; odd `s` splits its first pair into a height
/// `d_0 (1 - 2u)` and a ring. No special functions: cost O(n m).
/// Nengo's `spherical_transform_tfww`.
pub(crate) fn tfww(cube: &DMatrix<f64>) -> DMatrix<f64> {
    let (n, m) = cube.shape();
    let s = m + 1;
    let mut sphere = DMatrix::zeros(n, s);
    let even = s % 2 == 0;
    let half = s / 2;
    let mut g = vec![0.0; half + 1];
    let mut radii = vec![0.0; half];
    for i in 0..n {
        let u = |j: usize| cube[(i, j)];
        g[half] = 1.0;
        for j in (1..half).rev() {
            let exponent = if even {
                1.0 / j as f64
            } else {
                2.0 / (2 * j + 1) as f64
            };
            g[j] = g[j + 1] * u(j - 1).powf(exponent);
        }
        g[0] = 0.0;
        for (j, radius) in radii.iter_mut().enumerate() {
            *radius = (g[j + 1] - g[j]).max(0.0).sqrt();
        }
        // Angles come from the columns from `half - 1` on.
        let angle = |k: usize| u(half - 1 + k);
        if even {
            for (k, &radius) in radii.iter().enumerate() {
                let (sin, cos) = (TAU * angle(k)).sin_cos();
                sphere[(i, 2 * k)] = radius * cos;
                sphere[(i, 2 * k + 1)] = radius * sin;
            }
        } else {
            let height = angle(0);
            let ring = 2.0 * radii[0] * (height * (1.0 - height)).max(0.0).sqrt();
            let (sin, cos) = (TAU * angle(1)).sin_cos();
            sphere[(i, 0)] = radii[0] * (1.0 - 2.0 * height);
            sphere[(i, 1)] = ring * cos;
            sphere[(i, 2)] = ring * sin;
            for (k, &radius) in radii.iter().enumerate().skip(1) {
                let (sin, cos) = (TAU * angle(k + 1)).sin_cos();
                sphere[(i, 2 * k + 1)] = radius * cos;
                sphere[(i, 2 * k + 2)] = radius * sin;
            }
        }
    }
    sphere
}
