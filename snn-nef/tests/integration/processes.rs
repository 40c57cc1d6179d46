//! Processes against the figures of Nengo 4.1's own tests
//! (`nengo/tests/test_processes.py`): spectra, continuity, moments, exact
//! presentation times, seeding, and the errors of bad parameters.

use nalgebra::DMatrix;
use realfft::RealFftPlanner;
use snn_core::Simulator;
use snn_nef::dists::{Gaussian, Uniform};
use snn_nef::processes::{
    BrownNoise, FilteredNoise, Interpolation, Piece, Piecewise, PresentInput, Process, ProcessExt,
    WhiteNoise, WhiteSignal,
};
use snn_nef::{BuildError, Ensemble, Network, Node, Probe, ProcessError};

/// Nengo's test `psd`: for each frequency of `rfftfreq(n, dt)`, twice the
/// standard deviation over dimensions of `|rfft(values)|`, over `sqrt n`.
pub(crate) fn psd(values: &DMatrix<f64>, dt: f64) -> (Vec<f64>, Vec<f64>) {
    let (n, d) = values.shape();
    let fft = RealFftPlanner::<f64>::new().plan_fft_forward(n);
    let mut mags = vec![vec![0.0; d]; n / 2 + 1];
    for (j, column) in values.column_iter().enumerate() {
        let mut x: Vec<f64> = column.iter().copied().collect();
        let mut spectrum = fft.make_output_vec();
        fft.process(&mut x, &mut spectrum).unwrap();
        for (k, c) in spectrum.iter().enumerate() {
            mags[k][j] = c.norm();
        }
    }
    let freq = (0..=n / 2).map(|k| k as f64 / (n as f64 * dt)).collect();
    let power = mags
        .iter()
        .map(|m| 2.0 * std(m) / (n as f64).sqrt())
        .collect();
    (freq, power)
}

fn std(v: &[f64]) -> f64 {
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64).sqrt()
}

#[test]
fn white_signal_has_its_rms_and_a_flat_band_over_500_dimensions() {
    for rms in [0.5, 1.0, 100.0] {
        let values = WhiteSignal::new(1.0, 500.0)
            .rms(rms)
            .seed(3)
            .run_steps(1000, 500, 0.001)
            .unwrap();
        let all: Vec<f64> = values.iter().copied().collect();
        let s = std(&all);
        assert!((s - rms).abs() <= 0.02 * rms, "rms {rms}: std {s}");
        let (_, power) = psd(&values, 0.001);
        for (k, p) in power[1..power.len() - 1].iter().enumerate() {
            assert!(
                (p - rms).abs() <= 0.35 * rms,
                "rms {rms}: power {p} at bin {}",
                k + 1
            );
        }
    }
}

#[test]
fn white_signal_has_no_power_above_high() {
    for (high, dt) in [(10.0, 0.01f64), (5.0, 0.001), (50.0, 0.001)] {
        let rms = 0.5;
        let n = (1.0 / dt).round() as usize;
        let values = WhiteSignal::new(1.0, high)
            .rms(rms)
            .seed(4)
            .run_steps(n, 500, dt)
            .unwrap();
        for i in 0..n {
            let row: Vec<f64> = values.row(i).iter().copied().collect();
            let s = std(&row);
            assert!(
                (s - rms).abs() <= 0.15 * rms,
                "high {high}, dt {dt}: std {s} at step {i}"
            );
        }
        let (freq, power) = psd(&values, dt);
        for (f, p) in freq.iter().zip(&power) {
            if *f > high {
                assert!(*p < 0.5 * rms, "high {high}: power {p} at {f} Hz");
            }
        }
    }
}

#[test]
fn white_signal_is_continuous_across_its_period() {
    let (rms, high, dt) = (0.5, 10.0, 0.001);
    let x = WhiteSignal::new(1.0, high)
        .rms(rms)
        .seed(5)
        .run_steps(4000, 1, dt)
        .unwrap();
    let x: Vec<f64> = x.iter().copied().collect();
    let (a, f) = (2f64.sqrt() * rms, 2.0 * std::f64::consts::PI * high * dt);
    let d1 = x
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .fold(0.0, f64::max);
    let d2 = x
        .windows(3)
        .map(|w| (w[2] - 2.0 * w[1] + w[0]).abs())
        .fold(0.0, f64::max);
    assert!(d1 <= 2.0 * a * f, "max |dx| {d1} > {}", 2.0 * a * f);
    assert!(
        d2 <= 4.0 * a * f * f,
        "max |d2x| {d2} > {}",
        4.0 * a * f * f
    );
}

#[test]
fn white_signal_with_y0_starts_at_its_value_closest_to_y0() {
    for (y0, d) in [(0.0, 1), (-0.3, 3), (0.4, 1)] {
        let values = WhiteSignal::new(0.1, 500.0)
            .y0(y0)
            .seed(6)
            .run_steps(100, d, 0.001)
            .unwrap();
        for j in 0..d {
            let closest = values
                .column(j)
                .iter()
                .map(|v| (y0 - v).abs())
                .fold(f64::INFINITY, f64::min);
            assert_eq!(
                (y0 - values[(0, j)]).abs(),
                closest,
                "y0 {y0}, dimension {j}"
            );
        }
    }
}

#[test]
fn white_signal_refuses_high_below_one_over_period_and_above_nyquist() {
    let low = WhiteSignal::new(0.01, 0.009).check();
    assert!(
        matches!(
            low,
            Err(ProcessError::InvalidParameter { param: "high", .. })
        ),
        "{low:?}"
    );
    for (high, dt) in [(501.0, 0.001), (500.0, 0.002)] {
        let mut net = Network::with_seed(1);
        net.node("u", Node::process(WhiteSignal::new(1.0, high)))
            .unwrap();
        let Err(err) = Simulator::with_dt(&net, dt) else {
            panic!("high = {high} above Nyquist at dt = {dt} must fail");
        };
        assert!(
            matches!(&err, BuildError::Process { object, source: ProcessError::InvalidParameter { param: "high", .. } } if object == "node `u`"),
            "{err:?}"
        );
    }
    for bad in [f64::NAN, -1.0, f64::INFINITY] {
        assert!(WhiteSignal::new(1.0, 5.0).rms(bad).check().is_err());
        assert!(WhiteSignal::new(bad, 5.0).check().is_err());
    }
}

#[test]
fn white_noise_has_its_rms_and_a_flat_spectrum_over_800_dimensions() {
    for rms in [0.5, 1.0, 100.0] {
        let values = WhiteNoise::new(Gaussian::new(0.0, rms))
            .scale(false)
            .seed(7)
            .run_steps(300, 800, 0.001)
            .unwrap();
        let mean_rms = (0..800)
            .map(|j| (values.column(j).iter().map(|v| v * v).sum::<f64>() / 300.0).sqrt())
            .sum::<f64>()
            / 800.0;
        assert!(
            (mean_rms - rms).abs() <= 0.02 * rms,
            "rms {rms}: {mean_rms}"
        );
        let (_, power) = psd(&values, 0.001);
        for p in &power[1..power.len() - 1] {
            assert!((p - rms).abs() <= 0.2 * rms, "rms {rms}: power {p}");
        }
    }
}

#[test]
fn scaled_white_noise_is_divided_by_the_root_of_dt() {
    let a = WhiteNoise::default()
        .seed(1)
        .run_steps(10, 4, 0.001)
        .unwrap();
    let b = WhiteNoise::default()
        .scale(false)
        .seed(1)
        .run_steps(10, 4, 0.001)
        .unwrap();
    for (x, y) in a.iter().zip(b.iter()) {
        assert!((x - y / 0.001f64.sqrt()).abs() <= 1e-12 * x.abs().max(1.0));
    }
}

#[test]
fn brown_noise_spreads_as_the_root_of_time() {
    let (d, sigma, dt) = (5000, 1.5, 0.001);
    let values = BrownNoise::new(Gaussian::new(0.0, sigma))
        .seed(8)
        .run_steps(500, d, dt)
        .unwrap();
    for i in 0..500 {
        let t = (i + 1) as f64 * dt;
        let row: Vec<f64> = values.row(i).iter().copied().collect();
        let expected = sigma * t.sqrt();
        let atol = 3.5 * expected / (d as f64).sqrt();
        let mean = row.iter().sum::<f64>() / d as f64;
        assert!(mean.abs() < atol, "mean {mean} at t = {t}");
        assert!(
            (std(&row) - expected).abs() < atol,
            "std {} at t = {t}, expected {expected}",
            std(&row)
        );
    }
}

#[test]
fn filtered_noise_is_white_noise_through_its_synapse() {
    let white = WhiteNoise::default()
        .seed(2)
        .run_steps(200, 1, 0.001)
        .unwrap();
    let filtered = FilteredNoise::new(0.01, Gaussian::new(0.0, 1.0))
        .seed(2)
        .run_steps(200, 1, 0.001)
        .unwrap();
    let a = (-0.001f64 / 0.01).exp();
    let mut y = 0.0;
    for i in 0..200 {
        y = a * y + (1.0 - a) * white[(i, 0)];
        assert!((filtered[(i, 0)] - y).abs() < 1e-12, "step {i}");
    }
}

#[test]
fn noise_distributions_with_bad_parameters_are_refused() {
    assert!(WhiteNoise::new(Gaussian::new(f64::NAN, 1.0))
        .check()
        .is_err());
    assert!(WhiteNoise::new(Gaussian::new(0.0, -1.0)).check().is_err());
    assert!(WhiteNoise::new(Uniform::new(1.0, 0.0)).check().is_err());
    let mut net = Network::with_seed(1);
    let err = net
        .ensemble(
            "a",
            Ensemble::new(10, 1).noise(WhiteNoise::new(Gaussian::new(0.0, f64::INFINITY))),
        )
        .unwrap_err();
    assert!(
        matches!(&err, BuildError::Process { object, .. } if object.contains("`a`")),
        "{err:?}"
    );
}

#[test]
fn present_input_shows_each_input_for_its_time_as_nengo_indexes_it() {
    let inputs: Vec<Vec<f64>> = (0..5).map(|i| vec![i as f64, -(i as f64)]).collect();
    let (pt, dt) = (0.1, 0.001);
    let values = PresentInput::new(inputs.clone(), pt).run(1.0, dt).unwrap();
    assert_eq!(values.shape(), (1000, 2));
    for k in 0..1000 {
        let t = (k + 1) as f64 * dt;
        let i = (((t - dt) / pt + 1e-7).floor() as usize) % 5;
        assert_eq!(values[(k, 0)], inputs[i][0], "t = {t}");
        assert_eq!(values[(k, 1)], inputs[i][1], "t = {t}");
    }
    // The switch times: input 1 from t = 0.101 (step 101) on.
    assert_eq!(values[(99, 0)], 0.0);
    assert_eq!(values[(100, 0)], 1.0);
    assert!(PresentInput::new(vec![], 0.1).check().is_err());
    assert!(PresentInput::new(vec![vec![1.0], vec![1.0, 2.0]], 0.1)
        .check()
        .is_err());
    assert!(PresentInput::new(vec![vec![1.0]], -0.1).check().is_err());
    assert!(PresentInput::new(vec![vec![f64::NAN]], 0.1)
        .check()
        .is_err());
    let mut net = Network::with_seed(1);
    net.node(
        "u",
        Node::process_sized(PresentInput::new(vec![vec![1.0]], 0.1), 3),
    )
    .unwrap();
    let Err(err) = Simulator::new(&net) else {
        panic!("a size PresentInput cannot give must fail");
    };
    assert!(
        matches!(
            err,
            BuildError::Process {
                source: ProcessError::Size {
                    produces: 1,
                    requested: 3,
                    ..
                },
                ..
            }
        ),
        "{err:?}"
    );
}

/// A network with a noise node `n`, an ensemble `e` with noise, and
/// (optionally) an unrelated node declared first; probes of both.
fn seeded_network(seed: Option<u64>, extra: bool) -> (Network, snn_nef::ProbeId, snn_nef::ProbeId) {
    let mut net = match seed {
        Some(s) => Network::with_seed(s),
        None => Network::new(),
    };
    if extra {
        net.node("unrelated", Node::process(WhiteNoise::default()))
            .unwrap();
        net.ensemble(
            "also_unrelated",
            Ensemble::new(20, 1).noise(WhiteNoise::default()),
        )
        .unwrap();
    }
    let n = net
        .node("n", Node::process_sized(WhiteNoise::default(), 2))
        .unwrap();
    let e = net
        .ensemble(
            "e",
            // Its own seed fixes its encoders, gains and biases (whose seed
            // otherwise follows its position); its noise follows its name.
            Ensemble::new(50, 1)
                .seed(3)
                .noise(WhiteNoise::new(Gaussian::new(0.0, 0.1))),
        )
        .unwrap();
    let pn = net.probe(Probe::new(n)).unwrap();
    let pe = net.probe(Probe::spikes(e)).unwrap();
    (net, pn, pe)
}

fn run(net: &Network, threads: usize, probes: [snn_nef::ProbeId; 2]) -> [DMatrix<f64>; 2] {
    let mut sim = Simulator::new(net).unwrap();
    sim.set_threads(threads).unwrap();
    sim.run(0.05).unwrap();
    probes.map(|p| sim.data(p).unwrap())
}

#[test]
fn noise_is_seeded_by_the_network_seed_and_the_objects_name_only() {
    let (a, pa, qa) = seeded_network(Some(9), false);
    let (b, pb, qb) = seeded_network(Some(9), true);
    let first = run(&a, 1, [pa, qa]);
    assert!(
        first[1].iter().any(|&s| s > 0.0),
        "the noisy ensemble spikes"
    );
    // Objects declared before them change neither stream.
    let with_extra = run(&b, 1, [pb, qb]);
    assert!(
        first[0] == with_extra[0],
        "another object changed the node's noise"
    );
    assert!(
        first[1] == with_extra[1],
        "another object changed the ensemble's noise"
    );
    // Nor do the threads.
    assert!(
        first == run(&a, 2, [pa, qa]),
        "two threads changed the noise"
    );
    // Another network seed does.
    let (c, pc, qc) = seeded_network(Some(10), false);
    let other = run(&c, 1, [pc, qc]);
    assert!(
        first[0] != other[0] && first[1] != other[1],
        "another seed, same noise"
    );
    // Unseeded, every build draws anew.
    let (d, pd, qd) = seeded_network(None, false);
    assert!(
        run(&d, 1, [pd, qd])[0] != run(&d, 1, [pd, qd])[0],
        "unseeded builds repeat"
    );
}

#[test]
fn a_seeded_process_gives_the_same_stream_in_every_use() {
    let p = WhiteNoise::default().seed(42);
    let mut net = Network::new();
    let a = net.node("a", Node::process(p.clone())).unwrap();
    let b = net.node("b", Node::process(p.clone())).unwrap();
    let (pa, pb) = (
        net.probe(Probe::new(a)).unwrap(),
        net.probe(Probe::new(b)).unwrap(),
    );
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.02).unwrap();
    let alone = p.run(0.02, 0.001).unwrap();
    assert_eq!(sim.data(pa).unwrap(), alone);
    assert_eq!(sim.data(pb).unwrap(), alone);
}

#[test]
fn one_noise_process_on_two_ensembles_steps_in_each_independently_unless_seeded() {
    let currents = |noise: WhiteNoise| {
        let mut net = Network::with_seed(1);
        let mut probes = Vec::new();
        for name in ["a", "b"] {
            // The same seed: the same gains and biases, so the currents
            // differ only by the noise.
            let e = net
                .ensemble(name, Ensemble::new(40, 1).seed(7).noise(noise.clone()))
                .unwrap();
            probes.push(net.probe(Probe::input(e)).unwrap());
        }
        let mut sim = Simulator::new(&net).unwrap();
        sim.run(0.01).unwrap();
        (sim.data(probes[0]).unwrap(), sim.data(probes[1]).unwrap())
    };
    let (a, b) = currents(WhiteNoise::new(Gaussian::new(0.0, 0.1)));
    assert!(a != b, "unseeded, each ensemble has a stream of its own");
    let (a, b) = currents(WhiteNoise::new(Gaussian::new(0.0, 0.1)).seed(5));
    assert!(
        a == b,
        "seeded, both ensembles get the process's one stream"
    );
}

#[test]
fn white_signal_for_1000_dimensions_over_10_seconds_is_made() {
    // The cost is measured in the `processes` bench; here only the size.
    let step = WhiteSignal::new(10.0, 5.0)
        .make_step(1000, 0.001, 1)
        .unwrap();
    let mut state = step.initial_state();
    let mut out = vec![0.0; 1000];
    step.step(0.001, &[], &mut state, &mut out);
    assert!(out.iter().all(|v| v.is_finite()) && out.iter().any(|&v| v != 0.0));
}

/// The output of `p` at the step ending at `t` (run for 0.15 s, as Nengo's
/// Piecewise tests do).
fn at(values: &DMatrix<f64>, t: f64) -> Vec<f64> {
    let row = (t / 0.001).round() as usize - 1;
    values.row(row).iter().copied().collect()
}

#[test]
fn piecewise_holds_each_value_from_its_time_as_nengo_does() {
    let f = Piecewise::values(&[(0.05, 1.0), (0.1, 0.0)])
        .run(0.15, 0.001)
        .unwrap();
    for (t, v) in [
        (0.001, 0.0),
        (0.025, 0.0),
        (0.049, 0.0),
        (0.05, 1.0),
        (0.075, 1.0),
        (0.1, 0.0),
        (0.15, 0.0),
    ] {
        assert_eq!(at(&f, t), vec![v], "t = {t}");
    }
    let f = Piecewise::new(vec![(0.05, [1.0, 0.0].into()), (0.1, [0.0, 1.0].into())])
        .run(0.15, 0.001)
        .unwrap();
    for (t, v) in [
        (0.001, [0.0, 0.0]),
        (0.049, [0.0, 0.0]),
        (0.05, [1.0, 0.0]),
        (0.075, [1.0, 0.0]),
        (0.1, [0.0, 1.0]),
        (0.15, [0.0, 1.0]),
    ] {
        assert_eq!(at(&f, t), v.to_vec(), "t = {t}");
    }
    // Before the first key, and at t = 0: zeros.
    let step = Piecewise::values(&[(0.05, 1.0), (0.1, 0.0)])
        .make_step(1, 0.001, 0)
        .unwrap();
    let mut state = step.initial_state();
    for t in [-10.0, 0.0] {
        let mut out = [9.0];
        step.step(t, &[], &mut state, &mut out);
        assert_eq!(out, [0.0]);
    }
    // One key of two values: zeros before, ones after.
    let step = Piecewise::new(vec![(1.0, [1.0, 1.0].into())])
        .make_step(2, 0.001, 0)
        .unwrap();
    let mut out = [9.0; 2];
    step.step(0.0, &[], &mut state, &mut out);
    assert_eq!(out, [0.0; 2]);
    step.step(2.0, &[], &mut state, &mut out);
    assert_eq!(out, [1.0; 2]);
}

#[test]
fn piecewise_calls_its_functions_at_the_times_they_cover() {
    let f = Piecewise::new(vec![
        (0.05, Piece::function(|t| vec![t.sin()])),
        (0.1, Piece::function(|t| vec![t.cos()])),
    ])
    .run(0.15, 0.001)
    .unwrap();
    assert_eq!(at(&f, 0.049), vec![0.0]);
    assert_eq!(at(&f, 0.05), vec![0.05f64.sin()]);
    assert!((at(&f, 0.075)[0] - 0.075f64.sin()).abs() < 1e-15);
    assert!((at(&f, 0.1)[0] - 0.1f64.cos()).abs() < 1e-15);
    assert!((at(&f, 0.15)[0] - 0.15f64.cos()).abs() < 1e-15);
    let f = Piecewise::new(vec![
        (0.05, [1.0, 1.0, 1.0].into()),
        (0.1, Piece::function(|t| vec![t, t * t, t * t * t])),
    ])
    .run(0.15, 0.001)
    .unwrap();
    assert_eq!(at(&f, 0.075), vec![1.0; 3]);
    let v = at(&f, 0.15);
    let t = 0.15f64;
    assert!(
        (v[0] - t).abs() < 1e-15
            && (v[1] - t * t).abs() < 1e-15
            && (v[2] - t * t * t).abs() < 1e-15
    );
}

#[test]
fn every_interpolation_passes_through_the_keys() {
    let data = vec![
        (0.0, [-0.5, -0.5].into()),
        (0.05, [1.0, 0.5].into()),
        (0.075, [-1.0, -0.5].into()),
        (0.1, [-0.5, -0.25].into()),
    ];
    for interp in [
        Interpolation::Zero,
        Interpolation::Linear,
        Interpolation::Nearest,
        Interpolation::Cubic,
    ] {
        let f = Piecewise::new(data.clone())
            .interpolation(interp)
            .run(0.15, 0.001)
            .unwrap();
        for (t, v) in [
            (0.05, [1.0, 0.5]),
            (0.075, [-1.0, -0.5]),
            (0.1, [-0.5, -0.25]),
        ] {
            let got = at(&f, t);
            assert!(
                (got[0] - v[0]).abs() < 1e-12 && (got[1] - v[1]).abs() < 1e-12,
                "{interp:?} at {t}: {got:?}"
            );
        }
        if interp != Interpolation::Zero {
            // scipy's fill value outside the keys.
            assert_eq!(
                at(&f, 0.12),
                vec![0.0, 0.0],
                "{interp:?} after the last key"
            );
        }
    }
    // Linear halfway, nearest on either side of a midpoint.
    let lin = Piecewise::values(&[(0.0, 0.0), (0.1, 1.0)])
        .interpolation(Interpolation::Linear)
        .run(0.1, 0.001)
        .unwrap();
    assert!((at(&lin, 0.05)[0] - 0.5).abs() < 1e-12);
    let near = Piecewise::values(&[(0.0, 0.0), (0.1, 1.0)])
        .interpolation(Interpolation::Nearest)
        .run(0.1, 0.001)
        .unwrap();
    assert_eq!(at(&near, 0.049), vec![0.0]);
    assert_eq!(at(&near, 0.051), vec![1.0]);
}

#[test]
fn piecewise_refuses_bad_data() {
    let invalid = |p: Piecewise| matches!(p.check(), Err(ProcessError::InvalidParameter { .. }));
    assert!(invalid(Piecewise::new(vec![])), "empty");
    assert!(
        invalid(Piecewise::values(&[(0.1, 1.0), (0.05, 0.0)])),
        "out of order"
    );
    assert!(
        invalid(Piecewise::values(&[(0.1, 1.0), (0.1, 0.0)])),
        "repeated time"
    );
    assert!(invalid(Piecewise::values(&[(f64::NAN, 1.0)])), "NaN time");
    assert!(
        invalid(Piecewise::values(&[(0.1, f64::INFINITY)])),
        "infinite value"
    );
    assert!(
        invalid(Piecewise::new(vec![
            (0.05, [1.0, 0.0].into()),
            (0.1, [1.0, 0.0, 0.0].into())
        ])),
        "sizes differ"
    );
    assert!(
        invalid(Piecewise::new(vec![
            (0.5, 0.0.into()),
            (1.0, Piece::function(|t| vec![t, t * t]))
        ])),
        "function of another size"
    );
    assert!(
        invalid(
            Piecewise::new(vec![
                (0.05, 0.0.into()),
                (0.1, Piece::function(|t| vec![t]))
            ])
            .interpolation(Interpolation::Linear)
        ),
        "linear with a function"
    );
    assert!(
        invalid(Piecewise::values(&[(0.0, 0.0), (0.1, 1.0)]).interpolation(Interpolation::Cubic)),
        "cubic with two keys"
    );
    // Scalars and one-element vectors mix.
    assert!(
        Piecewise::new(vec![(0.05, [1.0].into()), (0.1, 0.0.into())])
            .check()
            .is_ok()
    );
}
