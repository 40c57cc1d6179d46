//! Populations share a block only when their neuron types promise, by an
//! explicit key, to step identically; a type that says nothing never shares.

use super::key;
use crate::error::NeuronError;
use crate::network::{Population, ProbeSpec, ProbeTarget};
use crate::neurons::{BlockKey, NeuronState, NeuronType};
use crate::{CompiledNetwork, Simulator};
use rand::{RngCore, SeedableRng};
use std::sync::Arc;

/// A leaky accumulator, `v ← v + dt (J − leak v)`, output `v`. Its `Debug`
/// omits `leak` on purpose: two values with different leaks print alike.
#[derive(Clone, Copy)]
struct Leaky {
    leak: f32,
    /// Whether it gives a block key (of its leak) or keeps the default.
    keyed: bool,
}

impl std::fmt::Debug for Leaky {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Leaky")
    }
}

impl NeuronType for Leaky {
    fn name(&self) -> &'static str {
        "Leaky"
    }
    fn spiking(&self) -> bool {
        false
    }
    fn state_names(&self) -> &'static [&'static str] {
        &["voltage"]
    }
    fn validate(&self) -> Result<(), NeuronError> {
        Ok(())
    }
    fn initial_state(&self, n: usize, _rng: &mut dyn RngCore) -> NeuronState {
        NeuronState::zeros(n, 1)
    }
    fn rates(&self, j: &[f64], out: &mut [f64]) {
        out.copy_from_slice(j);
    }
    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let v = state.var_mut(0);
        for ((v, &j), o) in v.iter_mut().zip(j).zip(output.iter_mut()) {
            *v += dt * (j - self.leak * *v);
            *o = *v;
        }
    }
    fn block_key(&self) -> Option<BlockKey> {
        self.keyed
            .then(|| BlockKey::new("Leaky", &[f64::from(self.leak)]))
    }
}

/// Two 3-neuron populations of `a` and `b`, both driven by a bias current of
/// 1, with a probe of each one's voltage.
fn two_populations(a: Arc<dyn NeuronType>, b: Arc<dyn NeuronType>) -> CompiledNetwork {
    let mut net = CompiledNetwork::new(0.001);
    for (label, neuron_type) in [("a", a), ("b", b)] {
        let n = 3;
        net.populations.push(Population {
            noise: None,
            label: label.into(),
            initial_state: neuron_type
                .initial_state(n, &mut rand_chacha::ChaCha8Rng::seed_from_u64(0)),
            neuron_type,
            n,
            dims: 0,
            encoders: Vec::new(),
            bias: vec![1.0; n],
        });
    }
    for pop in 0..2 {
        net.probes.push(ProbeSpec {
            label: format!("v{pop}"),
            target: ProbeTarget::State { pop, var: 0 },
            synapse: None,
            sample_every: None,
        });
    }
    net
}

/// `v` after `steps` steps of `v ← v + dt (1 − leak v)` from 0, in f32 as
/// the type computes it.
fn expected_voltage(leak: f32, steps: usize) -> f32 {
    (0..steps).fold(0.0f32, |v, _| v + 0.001 * (1.0 - leak * v))
}

#[test]
fn types_without_a_key_whose_debug_hides_a_parameter_step_with_their_own() {
    let slow = Leaky {
        leak: 1.0,
        keyed: false,
    };
    let fast = Leaky {
        leak: 200.0,
        keyed: false,
    };
    assert_eq!(format!("{slow:?}"), format!("{fast:?}"));
    let mut sim =
        Simulator::from_compiled(two_populations(Arc::new(slow), Arc::new(fast))).unwrap();
    assert_eq!(sim.plan.blocks.len(), 2, "no key, no shared block");
    sim.run_steps(50).unwrap();
    for (probe, leak) in [(0, 1.0), (1, 200.0)] {
        let v = sim.data(key(probe)).unwrap();
        let want = expected_voltage(leak, 50);
        for i in 0..3 {
            assert_eq!(v[(49, i)] as f32, want, "population {probe}, neuron {i}");
        }
    }
    // The two really differ: a shared block would have given one of them
    // the other's leak.
    assert!(expected_voltage(1.0, 50) > 2.0 * expected_voltage(200.0, 50));
}

#[test]
fn equal_keys_share_a_block_and_different_keys_do_not() {
    let keyed = |leak| -> Arc<dyn NeuronType> { Arc::new(Leaky { leak, keyed: true }) };
    let same = Simulator::from_compiled(two_populations(keyed(5.0), keyed(5.0))).unwrap();
    assert_eq!(same.plan.blocks.len(), 1);
    let mut other = Simulator::from_compiled(two_populations(keyed(5.0), keyed(6.0))).unwrap();
    assert_eq!(other.plan.blocks.len(), 2);
    other.run_steps(10).unwrap();
    let v1 = other.data(key(1)).unwrap();
    assert_eq!(v1[(9, 0)] as f32, expected_voltage(6.0, 10));
    // One value shared by both populations needs no key.
    let one: Arc<dyn NeuronType> = Arc::new(Leaky {
        leak: 5.0,
        keyed: false,
    });
    let shared = Simulator::from_compiled(two_populations(Arc::clone(&one), one)).unwrap();
    assert_eq!(shared.plan.blocks.len(), 1);
}
