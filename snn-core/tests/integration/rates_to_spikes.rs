//! RegularSpiking and PoissonSpiking: spike counts against their base
//! types' rates, state handling, determinism and parameter checks.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use snn_core::neurons::{
    AdaptiveLIFRate, LIFRate, NeuronState, NeuronType, PoissonSpiking, RectifiedLinear,
    RegularSpiking, Tanh, LIF,
};
use snn_core::NeuronError;

const DT: f32 = 0.001;

/// Per-neuron spike counts (impulse areas over `amplitude`) over `steps`.
fn counts<N: NeuronType>(
    n: &N,
    amplitude: f64,
    j: &[f32],
    state: &mut NeuronState,
    steps: usize,
) -> Vec<f64> {
    let mut out = vec![0.0f32; j.len()];
    let mut total = vec![0.0f64; j.len()];
    for _ in 0..steps {
        n.step(DT, j, state, &mut out);
        for (t, &o) in total.iter_mut().zip(&out) {
            *t += (f64::from(o) * f64::from(DT) / amplitude).round();
        }
    }
    total
}

#[test]
fn regular_spiking_count_is_floor_of_integrated_rate() {
    let neuron = RegularSpiking::new(LIFRate::default());
    let j = [1.2f32, 2.0, 3.3, 8.0, 40.0];
    let v0 = 0.3f32;
    let mut state = NeuronState::from_vars(vec![vec![v0; 5]]);
    let got = counts(&neuron, 1.0, &j, &mut state, 2000);
    let mut rates = [0.0f64; 5];
    neuron.rates(&j.map(f64::from), &mut rates);
    for i in 0..5 {
        let charge = f64::from(v0) + 2.0 * rates[i];
        assert!(
            (charge - charge.round()).abs() > 1e-3,
            "case too close to an integer"
        );
        assert_eq!(got[i], charge.floor(), "J = {}: rate {} Hz", j[i], rates[i]);
    }
}

#[test]
fn regular_spiking_steps_the_base_state_and_integrates_its_output() {
    let base = AdaptiveLIFRate::new(0.2, 0.05);
    let neuron = RegularSpiking {
        base,
        amplitude: 0.25,
    };
    assert_eq!(neuron.state_names(), ["adaptation", "voltage"]);
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let mut state = neuron.initial_state(3, &mut rng);
    assert_eq!((state.n_vars(), state.var(0)), (2, &[0.0f32; 3][..]));
    // A twin of the base, alone, whose rates are integrated by hand.
    let mut twin = NeuronState::zeros(3, 1);
    let mut charge: Vec<f32> = state.var(1).to_vec();
    let (j, mut out, mut rate) = ([1.5f32, 4.0, 9.0], [0.0f32; 3], [0.0f32; 3]);
    let mut expected = [0.0f64; 3];
    let mut got = [0.0f64; 3];
    for _ in 0..3000 {
        neuron.step(DT, &j, &mut state, &mut out);
        base.step(DT, &j, &mut twin, &mut rate);
        for i in 0..3 {
            charge[i] += DT * rate[i];
            expected[i] += f64::from(charge[i].floor());
            charge[i] -= charge[i].floor();
            got[i] += (f64::from(out[i]) * f64::from(DT) / 0.25).round();
        }
    }
    assert_eq!(got, expected);
    assert_eq!(
        state.var(0),
        twin.var(0),
        "the base's adaptation is stepped"
    );
    assert!(twin.var(0)[2] > 0.5, "and it has adapted");
}

#[test]
fn regular_spiking_of_negative_rates_gives_negative_spikes() {
    let neuron = RegularSpiking::new(Tanh::default());
    let mut state = NeuronState::from_vars(vec![vec![0.5]]);
    // r(-0.5) = -400 tanh(0.5) = -184.8 Hz: -184 spikes in 1 s from v = 0.5.
    let got = counts(&neuron, 1.0, &[-0.5], &mut state, 1000);
    assert_eq!(got[0], (0.5 - 400.0 * 0.5f64.tanh()).floor());
}

#[test]
fn wrappers_tune_and_rate_exactly_as_their_base() {
    let base = LIFRate::default();
    let (max_rates, intercepts) = ([120.0, 300.0], [-0.3, 0.6]);
    let expected = base.gain_bias(&max_rates, &intercepts).unwrap();
    let regular = RegularSpiking::new(base);
    let poisson = PoissonSpiking::new(base);
    assert_eq!(
        regular.gain_bias(&max_rates, &intercepts).unwrap(),
        expected
    );
    assert_eq!(
        poisson.gain_bias(&max_rates, &intercepts).unwrap(),
        expected
    );
    let (g, b) = &expected;
    let back = base.max_rates_intercepts(g, b);
    assert_eq!(regular.max_rates_intercepts(g, b), back);
    assert_eq!(poisson.max_rate_limit(), base.max_rate_limit());
    assert!(regular.spiking() && poisson.spiking());
}

/// Mean and variance of one-second spike counts of `n` Poisson neurons.
fn poisson_count_stats<B: NeuronType>(neuron: &PoissonSpiking<B>, j: f32, n: usize) -> (f64, f64) {
    let mut state = neuron.initial_state(n, &mut ChaCha8Rng::seed_from_u64(11));
    let c = counts(neuron, neuron.amplitude, &vec![j; n], &mut state, 1000);
    let mean = c.iter().sum::<f64>() / n as f64;
    let var = c.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (mean, var)
}

#[test]
fn poisson_counts_have_mean_and_variance_equal_to_the_rate() {
    // Small lambda (0.063 per step) and large lambda (2.5 per step).
    let lif = PoissonSpiking::new(LIFRate::default());
    let relu = PoissonSpiking {
        base: RectifiedLinear::default(),
        amplitude: 2.0,
    };
    let mut r = [0.0];
    lif.rates(&[2.0], &mut r);
    for (mean, var, rate, n) in [
        {
            let (m, v) = poisson_count_stats(&lif, 2.0, 2000);
            (m, v, r[0], 2000.0)
        },
        {
            let (m, v) = poisson_count_stats(&relu, 2500.0, 1000);
            (m, v, 2500.0, 1000.0)
        },
    ] {
        // The mean is within 4 standard errors; the variance/mean ratio of a
        // Poisson count is 1, with standard error about sqrt(2 / n).
        assert!(
            (mean - rate).abs() < 4.0 * (rate / n).sqrt(),
            "mean {mean} vs {rate}"
        );
        assert!(
            (var / mean - 1.0).abs() < 4.0 * (2.0 / n).sqrt(),
            "var {var}, mean {mean}"
        );
    }
}

#[test]
fn poisson_spikes_are_reproducible_from_the_initial_state() {
    let neuron = PoissonSpiking::new(Tanh::default());
    let j = [-1.0f32, -0.2, 0.0, 0.3, 2.0];
    let start = neuron.initial_state(5, &mut ChaCha8Rng::seed_from_u64(1));
    let (mut a, mut b) = (start.clone(), start);
    let a_counts = counts(&neuron, 1.0, &j, &mut a, 500);
    assert_eq!(a_counts, counts(&neuron, 1.0, &j, &mut b, 500));
    assert_eq!(a, b, "the generator state advances identically");
    assert!(
        a_counts[0] < -100.0 && a_counts[1] < 0.0,
        "negative rates spike negatively"
    );
    assert_eq!(a_counts[2], 0.0);
    let mut other = neuron.initial_state(5, &mut ChaCha8Rng::seed_from_u64(2));
    assert_ne!(counts(&neuron, 1.0, &j, &mut other, 500), a_counts);
    // A state made elsewhere (no generator) gets a fixed-seed one: still reproducible.
    let bare = || NeuronState::zeros(5, 0);
    assert_eq!(
        counts(&neuron, 1.0, &j, &mut bare(), 200),
        counts(&neuron, 1.0, &j, &mut bare(), 200)
    );
}

#[test]
fn wrapper_parameter_errors() {
    let err = RegularSpiking::new(LIF::default()).validate().unwrap_err();
    assert!(matches!(
        err,
        NeuronError::InvalidParameter {
            neuron: "RegularSpiking",
            param: "base",
            ..
        }
    ));
    let err = PoissonSpiking {
        base: LIFRate::default(),
        amplitude: 0.0,
    }
    .validate()
    .unwrap_err();
    assert!(matches!(
        err,
        NeuronError::InvalidParameter {
            param: "amplitude",
            ..
        }
    ));
    let err = RegularSpiking::new(Tanh::new(-1.0)).validate().unwrap_err();
    assert!(matches!(
        err,
        NeuronError::InvalidParameter {
            neuron: "Tanh",
            param: "tau_ref",
            ..
        }
    ));
    assert!(PoissonSpiking::new(LIF::default()).validate().is_ok());
    assert!(RegularSpiking::<AdaptiveLIFRate>::default()
        .validate()
        .is_ok());
}
