//! Statistical tests of the scalar distributions and the contract every
//! distribution keeps (determinism, empty samples, errors), with fixed seeds.

use nalgebra::DMatrix;
use snn_nef::dists::{
    Choice, Distribution, Exponential, Gaussian, ScatteredHypersphere, Uniform, UniformHypersphere,
};
use snn_nef::rng::rng_from_seed;
use snn_nef::DistributionError;

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

#[test]
fn uniform_mean_and_variance_match_theory() {
    let samples = draw(&Uniform::new(-2.0, 3.0), 20_000, 2, 1);
    assert!(samples.iter().all(|&x| (-2.0..3.0).contains(&x)));
    let (mean, variance) = mean_and_variance(samples.as_slice());
    assert!((mean - 0.5).abs() < 0.03, "mean {mean}");
    assert!((variance - 25.0 / 12.0).abs() < 0.05, "variance {variance}");
}

#[test]
fn exponential_mean_variance_and_clipping_match_theory() {
    // shift + Exp(scale): mean shift + scale, variance scale².
    let samples = draw(&Exponential::new(0.5, 1.0, f64::INFINITY), 40_000, 1, 2);
    assert!(samples.iter().all(|&x| x >= 1.0));
    let (mean, variance) = mean_and_variance(samples.as_slice());
    assert!((mean - 1.5).abs() < 0.01, "mean {mean}");
    assert!((variance - 0.25).abs() < 0.01, "variance {variance}");
    // Clipped below high: P(X > 1 - 0) = e^{-1/0.15} of the associative
    // memory's Exponential(0.15, 0, 1) land just below 1.
    let clipped = draw(&Exponential::new(0.15, 0.0, 1.0), 100_000, 1, 3);
    assert!(clipped.iter().all(|&x| (0.0..1.0).contains(&x)));
    let top = clipped
        .iter()
        .filter(|&&x| x == f64::from_bits(1f64.to_bits() - 1))
        .count() as f64
        / 1e5;
    let expected = (-1.0f64 / 0.15).exp();
    assert!(
        (top - expected).abs() < 4e-4,
        "{top} at the top, expected {expected}"
    );
    for bad in [
        Exponential::new(0.0, 0.0, 1.0),
        Exponential::new(f64::NAN, 0.0, 1.0),
        Exponential::new(1.0, 2.0, 1.0),
        Exponential::new(1.0, f64::INFINITY, f64::INFINITY),
    ] {
        let err = bad.sample(3, 1, &mut rng_from_seed(0)).unwrap_err();
        assert!(err.to_string().contains("Exponential"), "{err}");
    }
}

#[test]
fn integer_uniform_draws_each_integer_equally_often() {
    let samples = draw(&Uniform::new(-3.0, 4.0).integer(), 70_000, 1, 2);
    for k in -3..4 {
        let frequency = samples.iter().filter(|&&x| x == f64::from(k)).count() as f64 / 70_000.0;
        assert!((frequency - 1.0 / 7.0).abs() < 0.006, "{k}: {frequency}");
    }
    assert!(samples
        .iter()
        .all(|&x| x.fract() == 0.0 && (-3.0..4.0).contains(&x)));
}

#[test]
fn uniform_with_equal_bounds_is_constant() {
    assert_eq!(
        draw(&Uniform::new(1.5, 1.5), 3, 2, 3),
        DMatrix::from_element(3, 2, 1.5)
    );
}

#[test]
fn gaussian_mean_std_and_one_sigma_mass_match_theory() {
    let samples = draw(&Gaussian::new(1.5, 0.7), 40_000, 1, 4);
    let (mean, variance) = mean_and_variance(samples.as_slice());
    assert!((mean - 1.5).abs() < 0.015, "mean {mean}");
    assert!(
        (variance.sqrt() - 0.7).abs() < 0.01,
        "std {}",
        variance.sqrt()
    );
    let within = samples.iter().filter(|x| (*x - 1.5).abs() < 0.7).count() as f64 / 40_000.0;
    assert!(
        (within - 0.6827).abs() < 0.01,
        "mass within one sigma {within}"
    );
}

#[test]
fn choice_frequencies_match_weights_and_rows_stay_whole() {
    let options = [[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0], [5.0, 5.0]];
    let choice = Choice::from_rows(&options)
        .unwrap()
        .with_weights(vec![1.0, 3.0, 0.0, 4.0]);
    let samples = draw(&choice, 40_000, 2, 5);
    for (option, weight) in options.iter().zip([1.0, 3.0, 0.0, 4.0]) {
        let hits = samples
            .row_iter()
            .filter(|r| r[0] == option[0] && r[1] == option[1])
            .count();
        let frequency = hits as f64 / 40_000.0;
        assert!(
            (frequency - weight / 8.0).abs() < 0.01,
            "{option:?}: {frequency}"
        );
    }
}

#[test]
fn choice_without_weights_is_uniform_over_scalars() {
    let samples = draw(&Choice::from_scalars(&[2.0, 4.0, 8.0]), 30_000, 1, 6);
    for value in [2.0, 4.0, 8.0] {
        let frequency = samples.iter().filter(|&&x| x == value).count() as f64 / 30_000.0;
        assert!((frequency - 1.0 / 3.0).abs() < 0.01, "{value}: {frequency}");
    }
}

fn all_distributions() -> Vec<(Box<dyn Distribution>, usize)> {
    vec![
        (Box::new(Uniform::new(0.0, 1.0)), 3),
        (Box::new(Uniform::new(0.0, 9.0).integer()), 3),
        (Box::new(Gaussian::new(0.0, 1.0)), 3),
        (Box::new(Exponential::new(0.5, 1.0, f64::INFINITY)), 2),
        (
            Box::new(Choice::from_scalars(&[1.0, 2.0]).with_weights(vec![1.0, 2.0])),
            1,
        ),
        (Box::new(UniformHypersphere::volume()), 3),
        (Box::new(ScatteredHypersphere::surface()), 4),
        (Box::new(ScatteredHypersphere::volume()), 1),
    ]
}

#[test]
fn same_seed_gives_the_same_samples_and_another_seed_does_not() {
    for (dist, d) in all_distributions() {
        assert_eq!(
            draw(dist.as_ref(), 50, d, 42),
            draw(dist.as_ref(), 50, d, 42),
            "{dist:?}"
        );
        assert_ne!(
            draw(dist.as_ref(), 50, d, 42),
            draw(dist.as_ref(), 50, d, 43),
            "{dist:?}"
        );
    }
}

#[test]
fn zero_samples_give_an_empty_matrix_of_the_right_width() {
    for (dist, d) in all_distributions() {
        assert_eq!(draw(dist.as_ref(), 0, d, 1).shape(), (0, d), "{dist:?}");
    }
}

#[test]
fn invalid_parameters_and_dimensions_are_errors() {
    let invalid: Vec<(Box<dyn Distribution>, usize)> = vec![
        (Box::new(Uniform::new(f64::NAN, 1.0)), 1),
        (Box::new(Uniform::new(2.0, 1.0)), 1),
        (Box::new(Uniform::new(-f64::MAX, f64::MAX)), 1),
        (Box::new(Uniform::new(0.5, 3.0).integer()), 1),
        (Box::new(Uniform::new(2.0, 2.0).integer()), 1),
        (Box::new(Gaussian::new(0.0, -1.0)), 1),
        (Box::new(Gaussian::new(f64::INFINITY, 1.0)), 1),
        (Box::new(Choice::from_scalars(&[])), 1),
        (Box::new(Choice::from_scalars(&[1.0, f64::NAN])), 1),
        (
            Box::new(Choice::from_scalars(&[1.0, 2.0]).with_weights(vec![1.0])),
            1,
        ),
        (
            Box::new(Choice::from_scalars(&[1.0, 2.0]).with_weights(vec![1.0, -1.0])),
            1,
        ),
        (
            Box::new(Choice::from_scalars(&[1.0, 2.0]).with_weights(vec![0.0, 0.0])),
            1,
        ),
        (
            Box::new(Choice::from_scalars(&[1.0, 2.0]).with_weights(vec![1.0, f64::NAN])),
            1,
        ),
        (
            Box::new(Choice::from_scalars(&[1.0, 2.0]).with_weights(vec![f64::MAX, f64::MAX])),
            1,
        ),
        (Box::new(Choice::from_scalars(&[1.0, 2.0])), 2),
        (Box::new(UniformHypersphere::volume()), 0),
        (
            Box::new(UniformHypersphere::volume().with_min_magnitude(1.0)),
            2,
        ),
        (Box::new(ScatteredHypersphere::surface()), 0),
        (
            Box::new(ScatteredHypersphere::volume().with_min_magnitude(-0.1)),
            2,
        ),
        (
            Box::new(ScatteredHypersphere::volume().with_min_magnitude(f64::NAN)),
            2,
        ),
        (Box::new(Gaussian::new(0.0, 1.0)), usize::MAX),
        (Box::new(UniformHypersphere::surface()), usize::MAX / 2),
        (Box::new(ScatteredHypersphere::surface()), 1 << 33),
    ];
    for (dist, d) in invalid {
        let result = dist.sample(2, d, &mut rng_from_seed(0));
        assert!(result.is_err(), "{dist:?} with d = {d} gave {result:?}");
    }
    let ragged = Choice::from_rows(&[vec![1.0, 2.0], vec![3.0]]);
    assert!(matches!(
        ragged,
        Err(DistributionError::InvalidParameter { dist: "Choice", .. })
    ));
    let wrong_width = Choice::from_scalars(&[1.0]).sample(1, 3, &mut rng_from_seed(0));
    assert!(matches!(
        wrong_width,
        Err(DistributionError::Dimension { d: 3, .. })
    ));
}
