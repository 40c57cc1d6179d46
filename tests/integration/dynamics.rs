//! The third NEF principle in the examples: integrator and oscillator
//! against Nengo 4.1 on the same experiments, and the other dynamics
//! examples against the behaviour they must show.
//!
//! Nengo's figures: `python scripts/nengo_examples.py integrator --seeds $(seq 0 99)`
//! and `… oscillator --seeds $(seq 0 49)` (Nengo 4.1.0, dt = 1 ms). As in
//! `tests/integration/accuracy.rs`, means over the same seeds are compared, allowing
//! two standard errors of the difference (the seed changes the network).

#[path = "../../examples/controlled_oscillator.rs"]
mod controlled_oscillator;
#[path = "../../examples/integrator.rs"]
mod integrator;
#[path = "../../examples/lorenz.rs"]
mod lorenz;
#[path = "../../examples/oscillator.rs"]
mod oscillator;
#[path = "../../examples/working_memory.rs"]
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

/// An integrator and an oscillator through second-order synapses, mapped
/// with the general all-pole mapping.
mod higher_order_synapses {
    use nalgebra::DMatrix;
    use snn::analysis::{mean_between, rotation_frequency};
    use snn::nef::LinearSystem;
    use snn::prelude::*;
    use std::f64::consts::PI;

    #[test]
    fn integrator_through_an_alpha_synapse_holds_its_integral() -> Result<(), snn::Error> {
        let syn = Alpha(0.05);
        let sys = LinearSystem::new(DMatrix::zeros(1, 1), DMatrix::identity(1, 1))?;
        let map = sys.map_synapse(&syn.transfer_function()?)?;
        // 1/H(s) = (τs + 1)²: A' = I, B' = 2τ (plus τ² on du/dt, whose
        // integral over a pulse that returns to zero is zero).
        assert!((map.input_transform[(0, 0)] - 0.1).abs() < 1e-12);
        let mut held = Vec::new();
        for seed in 0..5 {
            let net = network! {
                seed = seed;
                node u = |t| if (0.1..0.6).contains(&t) { 1.0 } else { 0.0 };
                ensemble x { neurons: 200 };
                u -> x { transform: &map.input_transform, synapse: syn };
                x -> x { transform: &map.recurrent_transform, synapse: syn };
                probe p = x { synapse: 0.01 };
            }?;
            let mut sim = Simulator::new(&net)?;
            sim.run(1.0)?;
            held.push(mean_between(
                sim.data(net.p)?.as_slice(),
                sim.dt(),
                0.8,
                0.9,
            ));
        }
        let mean = held.iter().sum::<f64>() / held.len() as f64;
        assert!((mean - 0.5).abs() < 0.05, "held {held:?}");
        Ok(())
    }

    #[test]
    fn oscillator_through_a_double_exponential_keeps_its_frequency() -> Result<(), snn::Error> {
        let syn = DoubleExp(0.02, 0.1);
        let w = 2.0 * PI;
        let sys = LinearSystem::new(
            DMatrix::from_row_slice(2, 2, &[0.0, -w, w, 0.0]),
            DMatrix::identity(2, 2),
        )?;
        let map = sys.map_synapse(&syn.transfer_function()?)?;
        let net = network! {
            seed = 1;
            node kick = |t| if t < 0.1 { [1.0, 0.0] } else { [0.0, 0.0] };
            ensemble osc { neurons: 400, dimensions: 2 };
            kick -> osc;
            osc -> osc { transform: &map.recurrent_transform, synapse: syn };
            probe p = osc { synapse: 0.01 };
        }?;
        let mut sim = Simulator::new(&net)?;
        sim.run(4.0)?;
        let data = sim.data(net.p)?;
        let (x, y): (Vec<f64>, Vec<f64>) = data.row_iter().map(|r| (r[0], r[1])).unzip();
        let f = rotation_frequency(&x, &y, sim.dt(), 1.0);
        assert!((f - 1.0).abs() < 0.05, "frequency {f}");
        Ok(())
    }
}

/// The discrete Lowpass mapping against the continuous one, on a loop of
/// nodes (no neurons), where the simulator's own discrete dynamics are all
/// there is: `x[k+1] = a x[k] + (1 - a) A' x[k]`.
mod discrete_mapping {
    use nalgebra::DMatrix;
    use snn::analysis::rotation_frequency;
    use snn::nef::{LinearSystem, SynapseMapping};
    use snn::prelude::*;
    use std::f64::consts::PI;

    fn node_loop_frequency(map: &SynapseMapping) -> Result<f64, snn::Error> {
        let recurrent = &map.recurrent_transform;
        let net = network! {
            node kick = |t| if t <= 0.001 { [1.0, 0.0] } else { [0.0, 0.0] };
            node state { size_in: 2 };
            kick -> state { synapse: None };
            state -> state { transform: recurrent, synapse: 0.1 };
            probe p = state;
        }?;
        let mut sim = Simulator::new(&net)?;
        sim.run(3.0)?;
        let data = sim.data(net.p)?;
        let (x, y): (Vec<f64>, Vec<f64>) = data.row_iter().map(|r| (r[0], r[1])).unzip();
        Ok(rotation_frequency(&x, &y, sim.dt(), 1.0))
    }

    #[test]
    fn discrete_lowpass_mapping_is_exact_for_the_simulators_filter() -> Result<(), snn::Error> {
        let w = 2.0 * PI;
        let sys = LinearSystem::new(
            DMatrix::from_row_slice(2, 2, &[0.0, -w, w, 0.0]),
            DMatrix::identity(2, 2),
        )?;
        let exact = node_loop_frequency(&sys.map_lowpass_discrete(0.1, 0.001)?)?;
        assert!((exact - 1.0).abs() < 1e-9, "discrete mapping: {exact} Hz");
        // τA + I rotates by (1 - a) τ ω per step, about ω dt (1 - dt / 2τ):
        // half a percent slow at dt = 1 ms, τ = 0.1 s.
        let approx = node_loop_frequency(&sys.map_lowpass(0.1)?)?;
        assert!(
            (approx - 0.995).abs() < 2e-4,
            "continuous mapping: {approx} Hz"
        );
        Ok(())
    }
}
