//! The LIF membrane on one `f32` per neuron instead of two.
//!
//! A large LIF population is bound by memory traffic, not arithmetic: each
//! step reads and writes every neuron's state. With `min_voltage = 0`
//! (Nengo's default) a voltage is never negative, and while a neuron is still
//! refractory at the start of the next step (`r > dt`) its voltage is
//! exactly 0 (reset by the spike, and a step with no active time leaves it
//! there). So one number holds both:
//!
//! `s = -r` when `r > dt` (refractory: `v = 0`), else `s = v ≥ 0`.
//!
//! A refractory time `r ≤ dt` is dropped: the next step is then wholly
//! active whatever `r` was (`clamp(dt - (r - dt), 0, dt) = dt`), and so is
//! every later one until a spike sets `r` again. Stepping the packed form
//! therefore gives the same bits as stepping voltage and refractory time
//! apart, at 4 bytes of state per neuron instead of 8 (the `neurons`
//! benchmark at 1M neurons moves 16 bytes per neuron per step instead of 24).
//! What is lost is the value of `refractory_time` once it no longer matters,
//! so the simulator packs a population only when no probe reads that
//! variable.

use super::layout::Layout;
use super::membrane::{LifMembrane, StepForm};

/// The packed state of neurons with voltages `voltage` and refractory times
/// `refractory`, for steps of `dt`; `None` when they cannot be packed
/// exactly (a negative voltage, or a non-zero voltage of a neuron that is
/// still refractory).
pub(super) fn pack(voltage: &[f32], refractory: &[f32], dt: f32) -> Option<Vec<f32>> {
    voltage
        .iter()
        .zip(refractory)
        .map(|(&v, &r)| {
            let packable = v >= 0.0 && (r <= dt || v == 0.0);
            packable.then_some(if r > dt { -r } else { v })
        })
        .collect()
}

/// Voltage (`var = 0`) or refractory time (`var = 1`) of packed neurons, as
/// `f64` into `out`. A refractory time that was dropped reads as 0.
pub(super) fn unpack(packed: &[f32], var: usize, out: &mut [f64]) {
    for (o, &s) in out.iter_mut().zip(packed) {
        let (v, r) = split(s);
        *o = f64::from(if var == 0 { v } else { r });
    }
}

/// `(v, r)` of one packed neuron.
#[inline(always)]
fn split(s: f32) -> (f32, f32) {
    // Two maxima: `(max(s, 0), max(-s, 0))`.
    (
        if s > 0.0 { s } else { 0.0 },
        if -s > 0.0 { -s } else { 0.0 },
    )
}

/// Packed state as a [`Layout`] of the generic loop.
pub(super) struct Packed<'a>(pub(super) &'a mut [f32]);

impl Layout for Packed<'_> {
    /// The packed values: a refractory neuron's is negative, any other's is
    /// its voltage, so those above 1 are the voltages above 1.
    #[inline(always)]
    fn voltages(&self) -> &[f32] {
        self.0
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (state, rest) = self.0.split_at_mut(mid);
        (Packed(state), Packed(rest))
    }

    /// One packed neuron: unpacked, advanced by the same arithmetic as the
    /// two-array form, packed again.
    #[inline(always)]
    fn advance<F: StepForm>(&mut self, membrane: &LifMembrane, i: usize, j: f32) -> f32 {
        let state = &mut self.0[i];
        let (mut v, mut r) = split(*state);
        let out = membrane.advance(F::FORM, j, &mut v, &mut r);
        *state = if r > membrane.dt { -r } else { v };
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::neurons::{Encoding, NeuronState, NeuronType, LIF};
    use rand::{Rng, SeedableRng};

    const DT: f32 = 0.001;

    /// `n` neurons with voltages U(0, 1), and currents from -1 to 30 (silent,
    /// near threshold, up to rates where the refractory period dominates).
    fn population(n: usize, seed: u64) -> (NeuronState, Vec<f32>) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let state = LIF::default().initial_state(n, &mut rng);
        let j = (0..n).map(|_| rng.random_range(-1.0..30.0)).collect();
        (state, j)
    }

    fn voltages(lif: &LIF, state: &NeuronState) -> Vec<f64> {
        let mut v = vec![0.0; state.len()];
        lif.read_state(state, 0, 0..state.len(), &mut v);
        v
    }

    #[test]
    fn packed_state_steps_to_the_same_bits_as_voltage_and_refractory_time() {
        let lif = LIF::default();
        let n = 3000;
        let (two, j) = population(n, 7);
        let mut packed = lif.working_state(two.clone(), DT, &[true, false]);
        let mut two = two;
        assert_eq!(packed.n_vars(), 1, "a fresh LIF state packs");
        let (mut out_two, mut out_packed) = (vec![0.0f32; n], vec![0.0f32; n]);
        let mut spikes = 0;
        for step in 0..1000 {
            lif.step(DT, &j, &mut two, &mut out_two);
            lif.step(DT, &j, &mut packed, &mut out_packed);
            assert_eq!(out_two, out_packed, "outputs differ at step {step}");
            assert_eq!(voltages(&lif, &two), voltages(&lif, &packed), "step {step}");
            // A refractory time that still matters is kept exactly.
            for (i, (&r, &s)) in two.var(1).iter().zip(packed.var(0)).enumerate() {
                if r > DT {
                    assert_eq!(-s, r, "neuron {i} at step {step}");
                }
            }
            spikes += out_two.iter().filter(|&&o| o > 0.0).count();
        }
        assert!(spikes > 10 * n, "the test population must spike ({spikes})");
    }

    #[test]
    fn fused_encoding_gives_the_bits_of_encoding_first() {
        let lif = LIF::default();
        let n = 2500;
        for dims in [1, 2, 3] {
            let (start, _) = population(n, 11);
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(dims as u64);
            let encoders: Vec<f32> = (0..n * dims)
                .map(|_| rng.random_range(-20.0..20.0))
                .collect();
            let bias: Vec<f32> = (0..n).map(|_| rng.random_range(-10.0..10.0)).collect();
            for packed in [false, true] {
                let readable = [true, !packed];
                let mut given = lif.working_state(start.clone(), DT, &readable);
                let mut fused = given.clone();
                let (mut out_given, mut out_fused) = (vec![0.0f32; n], vec![0.0f32; n]);
                let (mut j, mut scratch) = (vec![0.0f32; n], vec![0.0f32; n]);
                for step in 0..300 {
                    let x: Vec<f32> = (0..dims)
                        .map(|d| (0.01 * step as f32 + d as f32).sin())
                        .collect();
                    let input = Encoding {
                        encoders: &encoders,
                        bias: &bias,
                        x: &x,
                    };
                    input.currents_into(&mut j);
                    lif.step(DT, &j, &mut given, &mut out_given);
                    lif.step_encoded(DT, input, &mut scratch, &mut fused, &mut out_fused);
                    assert_eq!(
                        out_given, out_fused,
                        "{dims}-D, packed {packed}, step {step}"
                    );
                    assert_eq!(given, fused, "{dims}-D, packed {packed}, step {step}");
                }
            }
        }
    }

    #[test]
    fn states_that_cannot_be_packed_exactly_stay_as_they_are() {
        let lif = LIF::default();
        let unpackable = [
            // A negative voltage (set from outside; the step never makes one).
            NeuronState::from_vars(vec![vec![0.5, -0.1], vec![0.0, 0.0]]),
            // A refractory neuron whose voltage is not 0.
            NeuronState::from_vars(vec![vec![0.3], vec![0.0015]]),
        ];
        for state in unpackable {
            let kept = lif.working_state(state.clone(), DT, &[false, false]);
            assert_eq!(kept, state);
        }
        let fresh = NeuronState::from_vars(vec![vec![0.5, 0.0], vec![0.0, 0.0015]]);
        assert_eq!(
            lif.working_state(fresh.clone(), DT, &[false, true]),
            fresh,
            "refractory time is probed"
        );
        let below_zero = LIF {
            min_voltage: -1.0,
            ..LIF::default()
        };
        assert_eq!(
            below_zero.working_state(fresh.clone(), DT, &[false, false]),
            fresh,
            "voltages may be negative"
        );
        let packed = lif.working_state(fresh, DT, &[false, false]);
        assert_eq!(packed.var(0), &[0.5, -0.0015]);
    }

    #[test]
    fn a_voltage_above_threshold_set_from_outside_is_stepped_with_the_full_range_forms() {
        // The first step of a state not written by a step searches for
        // voltages above 1 and takes the long form for them; the packed and
        // two-array forms still agree.
        let lif = LIF::default();
        let start = NeuronState::from_vars(vec![vec![1.5, 0.2], vec![0.0, 0.0]]);
        let mut two = start.clone();
        let mut packed = lif.working_state(start, DT, &[true, false]);
        let j = [2.0f32, 2.0];
        let (mut a, mut b) = ([0.0f32; 2], [0.0f32; 2]);
        lif.step(DT, &j, &mut two, &mut a);
        lif.step(DT, &j, &mut packed, &mut b);
        assert_eq!((a, voltages(&lif, &two)), (b, voltages(&lif, &packed)));
        assert!(a[0] > 0.0, "the neuron above threshold spikes");
        assert!(two.is_stepped() && packed.is_stepped());
    }
}
