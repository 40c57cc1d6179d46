//! AdaptiveLIF and AdaptiveLIFRate against Nengo 4.1, single neurons at
//! constant current from a zero state, `dt = 1 ms`, 1 s.
//!
//! The numbers were recorded with (float64, Nengo's default precision):
//!
//! ```python
//! with nengo.Network(seed=0) as net:
//!     ens = nengo.Ensemble(1, 1, neuron_type=T, gain=np.ones(1), bias=np.array([J]))
//!     p = nengo.Probe(ens.neurons); pa = nengo.Probe(ens.neurons, "adaptation")
//! with nengo.Simulator(net, dt=0.001) as sim:
//!     sim.run(1.0)
//! ```
//!
//! with `T = nengo.AdaptiveLIF(initial_state={"voltage": Choice([0])})` or
//! `T = nengo.AdaptiveLIFRate()`, all other parameters at their defaults.
//! Re-running at float32 (`nengo.rc["precision"]["bits"] = "32"`) gives the
//! same spike counts, and adaptation and rates equal to ~1e-6 relative.

use snn_core::neurons::{AdaptiveLIF, AdaptiveLIFRate, NeuronState, NeuronType};

const DT: f32 = 0.001;
const STEPS: usize = 1000;

/// Output of every step and the final adaptation of one neuron from zero state.
fn run<N: NeuronType>(neuron: &N, j: f32) -> (Vec<f32>, f64) {
    let n_vars = neuron.state_names().len();
    let mut state = NeuronState::zeros(1, n_vars);
    let mut out = [0.0f32];
    let outputs = (0..STEPS)
        .map(|_| {
            neuron.step(DT, &[j], &mut state, &mut out);
            out[0]
        })
        .collect();
    (outputs, f64::from(state.var(n_vars - 1)[0]))
}

fn assert_rel(actual: f64, expected: f64, rtol: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= rtol * expected.abs(),
        "{what}: {actual} vs Nengo's {expected}"
    );
}

#[test]
fn adaptive_lif_spike_counts_match_nengo_exactly() {
    // (J, spikes in 1 s, spikes in the first 0.5 s, adaptation at 1 s)
    let nengo = [
        (1.5f32, 35, 19, 0.217421877),
        (2.0, 54, 29, 0.334554612),
        (5.0, 141, 73, 0.879894088),
        (10.0, 231, 118, 1.44857761),
    ];
    for (j, count, first_half, adaptation) in nengo {
        let (out, n) = run(&AdaptiveLIF::default(), j);
        let spikes: Vec<bool> = out.iter().map(|&o| o > 0.0).collect();
        assert_eq!(spikes.iter().filter(|&&s| s).count(), count, "J = {j}");
        let early = spikes[..500].iter().filter(|&&s| s).count();
        assert_eq!(early, first_half, "J = {j}, first half");
        assert_rel(n, adaptation, 1e-5, &format!("adaptation at J = {j}"));
    }
}

#[test]
fn adaptive_lif_spike_steps_match_nengo_at_j_2() {
    // np.nonzero(sim.data[p][:, 0])[0] for J = 2.
    let nengo: [usize; 54] = [
        13, 29, 45, 62, 78, 94, 111, 127, 144, 161, 177, 194, 211, 229, 246, 263, 281, 298, 316,
        333, 351, 369, 387, 405, 423, 442, 460, 478, 497, 515, 534, 553, 572, 591, 610, 629, 648,
        667, 686, 706, 725, 745, 764, 784, 804, 824, 844, 863, 883, 904, 924, 944, 964, 984,
    ];
    let (out, _) = run(&AdaptiveLIF::default(), 2.0);
    let ours: Vec<usize> = (0..STEPS).filter(|&k| out[k] > 0.0).collect();
    assert_eq!(ours, nengo);
}

#[test]
fn adaptive_lif_rate_trajectory_matches_nengo() {
    // (J, first output, last output, mean output, adaptation at 1 s)
    let nengo = [
        (1.5f32, 41.7149069, 31.0191819, 35.1920758, 0.217236917),
        (2.0, 63.0400022, 49.0098233, 54.5239067, 0.337813681),
        (5.0, 154.729995, 132.203947, 141.398969, 0.882795269),
        (10.0, 243.474262, 222.796139, 231.465782, 1.45314308),
    ];
    for (j, first, last, mean, adaptation) in nengo {
        let (out, n) = run(&AdaptiveLIFRate::default(), j);
        let avg = out.iter().map(|&o| f64::from(o)).sum::<f64>() / STEPS as f64;
        assert_rel(
            f64::from(out[0]),
            first,
            1e-6,
            &format!("first rate at J = {j}"),
        );
        assert_rel(
            f64::from(out[STEPS - 1]),
            last,
            1e-5,
            &format!("last rate at J = {j}"),
        );
        assert_rel(avg, mean, 1e-5, &format!("mean rate at J = {j}"));
        assert_rel(n, adaptation, 1e-5, &format!("adaptation at J = {j}"));
    }
}
