//! Statistical tests of the hypersphere distributions, with fixed seeds:
//! norms, radius laws, and how much more evenly `ScatteredHypersphere`
//! covers the sphere than independent points.

use nalgebra::DMatrix;
use snn_nef::dists::{Distribution, ScatterMethod, ScatteredHypersphere, UniformHypersphere};
use snn_nef::rng::rng_from_seed;
use std::f64::consts::PI;

fn draw(dist: &dyn Distribution, n: usize, d: usize, seed: u64) -> DMatrix<f64> {
    dist.sample(n, d, &mut rng_from_seed(seed))
        .expect("valid distribution")
}

fn mean_and_variance(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    (
        mean,
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0),
    )
}

fn norms(points: &DMatrix<f64>) -> Vec<f64> {
    points.row_iter().map(|p| p.norm()).collect()
}

/// Kolmogorov distance between the empirical law of `values` and `cdf`.
fn ks_distance(mut values: Vec<f64>, cdf: impl Fn(f64) -> f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len() as f64;
    let gaps = values.iter().enumerate().map(|(i, &v)| {
        let f = cdf(v);
        (f - i as f64 / n).abs().max((f - (i + 1) as f64 / n).abs())
    });
    gaps.fold(0.0, f64::max)
}

/// The CDF of a one-dimensional law.
type Law = dyn Fn(f64) -> f64;

/// Largest distance from a probe point to its nearest sample.
fn covering_radius(samples: &DMatrix<f64>, probes: &DMatrix<f64>) -> f64 {
    let mut radius: f64 = 0.0;
    for probe in probes.row_iter() {
        let nearest = samples
            .row_iter()
            .map(|s| (s - probe).norm())
            .fold(f64::INFINITY, f64::min);
        radius = radius.max(nearest);
    }
    radius
}

/// Largest Kolmogorov distance of the projections onto 50 directions from
/// their exact law `cdf` (the same in every direction).
fn projection_discrepancy(samples: &DMatrix<f64>, cdf: impl Fn(f64) -> f64) -> f64 {
    let directions = draw(&UniformHypersphere::surface(), 50, samples.ncols(), 77);
    let project = |v| samples.row_iter().map(|s| s.dot(&v)).collect::<Vec<_>>();
    directions
        .row_iter()
        .map(|v| ks_distance(project(v), &cdf))
        .fold(0.0, f64::max)
}

#[test]
fn uniform_surface_has_unit_norms_zero_mean_and_isotropic_spread() {
    let samples = draw(&UniformHypersphere::surface(), 20_000, 3, 7);
    assert!(norms(&samples).iter().all(|r| (r - 1.0).abs() < 1e-12));
    for column in samples.column_iter() {
        let (mean, variance) = mean_and_variance(column.as_slice());
        assert!(mean.abs() < 0.015 && (variance - 1.0 / 3.0).abs() < 0.01);
    }
}

#[test]
fn uniform_volume_radius_law_is_r_to_the_d() {
    for d in [1, 2, 3, 5] {
        let radii = norms(&draw(&UniformHypersphere::volume(), 20_000, d, 8));
        assert!(radii.iter().all(|&r| r <= 1.0));
        // Empirical quantiles against the quantiles q^(1/d) of P(r ≤ t) = t^d.
        let mut sorted = radii.clone();
        sorted.sort_by(f64::total_cmp);
        for q in [0.1_f64, 0.25, 0.5, 0.75, 0.9] {
            let empirical = sorted[(q * 20_000.0) as usize];
            assert!(
                (empirical - q.powf(1.0 / d as f64)).abs() < 0.01,
                "d = {d}, q = {q}"
            );
        }
        assert!(ks_distance(radii, |t| t.powi(d as i32)) < 0.012, "d = {d}");
    }
}

#[test]
fn min_magnitude_gives_the_shell_radius_law() {
    let (rho, d) = (0.4_f64, 3);
    let shell_cdf = |t: f64| (t.powi(3) - rho.powi(3)) / (1.0 - rho.powi(3));
    let uniform = norms(&draw(
        &UniformHypersphere::volume().with_min_magnitude(rho),
        20_000,
        d,
        9,
    ));
    let scattered = norms(&draw(
        &ScatteredHypersphere::volume().with_min_magnitude(rho),
        2_000,
        d,
        9,
    ));
    assert!(uniform
        .iter()
        .chain(&scattered)
        .all(|&r| (rho..=1.0).contains(&r)));
    assert!(ks_distance(uniform, shell_cdf) < 0.012);
    assert!(ks_distance(scattered, shell_cdf) < 0.005);
}

#[test]
fn scattered_surface_has_unit_norms_and_near_zero_mean() {
    for method in [ScatterMethod::Sct, ScatterMethod::Tfww] {
        for d in 2..=7 {
            let samples = draw(
                &ScatteredHypersphere::surface().with_method(method),
                1_000,
                d,
                10,
            );
            assert!(
                norms(&samples).iter().all(|r| (r - 1.0).abs() < 1e-12),
                "{method:?} d = {d}"
            );
            let mean = samples.row_sum() / 1_000.0;
            assert!(mean.norm() < 0.03, "{method:?} d = {d}: mean {mean}");
        }
    }
}

#[test]
fn scattered_volume_radius_law_is_far_closer_to_r_to_the_d_than_random() {
    for d in [2, 3, 5] {
        let scattered = ks_distance(
            norms(&draw(&ScatteredHypersphere::volume(), 1_000, d, 11)),
            |t| t.powi(d as i32),
        );
        let random = ks_distance(
            norms(&draw(&UniformHypersphere::volume(), 1_000, d, 11)),
            |t| t.powi(d as i32),
        );
        assert!(
            scattered < 0.006 && scattered < random / 4.0,
            "d = {d}: {scattered} vs {random}"
        );
    }
}

#[test]
fn scattered_points_cover_the_sphere_better_than_random_points() {
    // Covering radius (largest hole) against 20 000 probe points, over 4 seeds.
    let cases = [(2, 100, 0.05, 0.10), (3, 200, 0.30, 0.34)];
    for (d, n, scattered_bound, random_floor) in cases {
        let probes = draw(&UniformHypersphere::surface(), 20_000, d, 999);
        for seed in 0..4 {
            let scattered =
                covering_radius(&draw(&ScatteredHypersphere::surface(), n, d, seed), &probes);
            let random =
                covering_radius(&draw(&UniformHypersphere::surface(), n, d, seed), &probes);
            assert!(
                scattered < scattered_bound && random > random_floor,
                "d = {d}: {scattered} vs {random}"
            );
        }
    }
}

#[test]
fn scattered_points_have_lower_discrepancy_than_random_points() {
    // Exact laws of one coordinate: uniform on the 3-sphere surface, in the disk, in the 3-ball.
    let sphere = |t: f64| (1.0 + t) / 2.0;
    let disk = |t: f64| 1.0 - (t.clamp(-1.0, 1.0).acos() - t * (1.0 - t * t).max(0.0).sqrt()) / PI;
    let ball = |t: f64| (2.0 + 3.0 * t - t.powi(3)) / 4.0;
    let cases: [(bool, usize, &Law); 3] =
        [(true, 3, &sphere), (false, 2, &disk), (false, 3, &ball)];
    for (surface, d, cdf) in cases {
        let (mut scattered, mut random) = (Vec::new(), Vec::new());
        for seed in 0..6 {
            let even = ScatteredHypersphere {
                surface,
                ..ScatteredHypersphere::volume()
            };
            let independent = UniformHypersphere {
                surface,
                min_magnitude: 0.0,
            };
            scattered.push(projection_discrepancy(&draw(&even, 300, d, seed), cdf));
            random.push(projection_discrepancy(
                &draw(&independent, 300, d, seed),
                cdf,
            ));
        }
        let (worst, mean) = (
            scattered.iter().copied().fold(0.0, f64::max),
            mean_and_variance(&scattered).0,
        );
        let random_mean = mean_and_variance(&random).0;
        assert!(
            worst < 0.045 && mean < random_mean / 1.8,
            "surface {surface}, d = {d}: {scattered:?} vs {random:?}"
        );
    }
}

#[test]
fn scattered_one_dimensional_surface_is_balanced_signs() {
    let samples = draw(&ScatteredHypersphere::surface(), 10, 1, 12);
    assert!(samples.iter().all(|&x| x == 1.0 || x == -1.0));
    assert_eq!(samples.iter().filter(|&&x| x > 0.0).count(), 5);
}

#[test]
fn scattered_one_dimensional_volume_tiles_both_halves() {
    let samples = draw(
        &ScatteredHypersphere::volume().with_min_magnitude(0.2),
        10,
        1,
        13,
    );
    assert_eq!(samples.iter().filter(|&&x| x > 0.0).count(), 5);
    for sign in [1.0, -1.0] {
        let mut half: Vec<f64> = samples
            .iter()
            .map(|x| x * sign)
            .filter(|&x| x > 0.0)
            .collect();
        half.sort_by(f64::total_cmp);
        assert!(half[0] >= 0.2 && half[4] < 1.0);
        // Five magnitudes evenly spaced, 0.8 / 5 apart.
        assert!(
            half.windows(2).all(|w| (w[1] - w[0] - 0.16).abs() < 1e-12),
            "{half:?}"
        );
    }
}

#[test]
fn scattered_sampling_stays_inside_the_ball_in_high_dimension() {
    let samples = draw(&ScatteredHypersphere::volume(), 1_000, 64, 14);
    assert!(norms(&samples).iter().all(|&r| r <= 1.0 + 1e-12));
}
