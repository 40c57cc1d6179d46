//! The third NEF principle in the examples: integrator and oscillator
//! against Nengo 4.1 on the same experiments, and the other dynamics
//! examples against the behaviour they must show.
//!
//! Nengo's figures: `python scripts/nengo_examples.py integrator --seeds $(seq 0 99)`
//! and `… oscillator --seeds $(seq 0 49)` (Nengo 4.1.0, dt = 1 ms). As in
//! `tests/accuracy.rs`, means over the same seeds are compared, allowing
//! two standard errors of the difference (the seed changes the network).

#[path = "../examples/controlled_oscillator.rs"]
mod controlled_oscillator;
#[path = "../examples/integrator.rs"]
mod integrator;
#[path = "../examples/lorenz.rs"]
mod lorenz;
#[path = "../examples/oscillator.rs"]
mod oscillator;
#[path = "../examples/working_memory.rs"]
mod working_memory;

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

/// Two standard errors of a difference of two means of `n` seeds each.
fn tolerance(sd: f64, n: usize) -> f64 {
    2.0 * (2.0f64).sqrt() * sd / (n as f64).sqrt()
}

#[test]
fn integrator_holds_and_drifts_no_worse_than_nengo() {
    let runs: Vec<(f64, f64)> = (0..100)
        .map(|s| integrator::integrator_hold(s).unwrap())
        .collect();
    let held: Vec<f64> = runs.iter().map(|r| r.0.abs()).collect();
    let drift: Vec<f64> = runs.iter().map(|r| r.1.abs()).collect();
    let (h, h_sd) = mean_sd(&held);
    let (d, d_sd) = mean_sd(&drift);
    // Nengo 4.1, seeds 0–99: mean |held error| 0.00782, mean |drift| 0.0512.
    assert!(
        h <= 0.00782 + tolerance(h_sd, 100),
        "mean |held error| {h:.5}"
    );
    assert!(d <= 0.0512 + tolerance(d_sd, 100), "mean |drift| {d:.4}");
}

#[test]
fn oscillator_keeps_frequency_and_amplitude_like_nengo() {
    let runs: Vec<(f64, f64, f64)> = (0..50).map(|s| oscillator::oscillate(s).unwrap()).collect();
    let freq_err: Vec<f64> = runs.iter().map(|r| (r.0 - 1.0).abs()).collect();
    let late_amp: Vec<f64> = runs.iter().map(|r| r.2).collect();
    let (f, f_sd) = mean_sd(&freq_err);
    let (a, a_sd) = mean_sd(&late_amp);
    // Nengo 4.1, seeds 0–49: mean |f - 1 Hz| 0.00293, mean radius over 4–5 s 0.815.
    assert!(
        f <= 0.00293 + tolerance(f_sd, 50),
        "mean |frequency error| {f:.5}"
    );
    assert!(
        a >= 0.815 - tolerance(a_sd, 50),
        "mean radius over 4–5 s {a:.3}"
    );
}

#[test]
fn controlled_oscillator_follows_its_control_input() {
    let (slow, fast) = controlled_oscillator::controlled_frequencies(0).unwrap();
    assert!(
        (slow - 1.0).abs() < 0.06,
        "control 0.5: {slow} Hz, expected 1"
    );
    assert!(
        (fast - 2.0).abs() < 0.1,
        "control 1.0: {fast} Hz, expected 2"
    );
}

#[test]
fn lorenz_attractor_stays_on_the_butterfly() {
    let (mean_z, [x, y, z_min, z_max]) = lorenz::attractor(0).unwrap();
    // The true attractor: mean z ≈ 23.5, |x| < 20, |y| < 28, 0 < z < 50.
    // The neural one is an approximation; it must stay chaotic and bounded
    // on the same wings, not collapse to a fixed point or run away.
    assert!((18.0..32.0).contains(&mean_z), "mean z {mean_z}");
    assert!(
        x > 8.0 && x < 25.0 && y > 8.0 && y < 32.0,
        "|x| ≤ {x}, |y| ≤ {y}"
    );
    assert!(
        z_min > -5.0 && z_max < 55.0 && z_max - z_min > 15.0,
        "z in [{z_min}, {z_max}]"
    );
}

#[test]
fn working_memory_holds_its_value_while_the_gate_is_closed() {
    for seed in 0..3 {
        let (_, error, drift) = working_memory::gated_memory(seed).unwrap();
        // An ungated integrator would take in ∫ cos(πt) over 0.5–2 s = -0.318.
        assert!(error.abs() < 0.05, "seed {seed}: stored error {error}");
        assert!(drift.abs() < 0.1, "seed {seed}: moved {drift} while closed");
    }
}
