//! The spiking leaky integrate-and-fire neuron, stepped as Nengo steps it.
//!
//! [`membrane`] holds the step's constants and the arithmetic of one neuron;
//! [`kernel`] the one loop over a population, generic over the form of the
//! step, where the currents come from ([`currents`]) and how the state is
//! held ([`layout`], [`packed`]), and dispatched per instruction set.

mod currents;
mod kernel;
mod layout;
mod membrane;
mod packed;

pub(crate) use currents::InPlace;
pub(crate) use layout::Pair;
pub(crate) use membrane::LifMembrane;

use super::lif_rate::{lif_rates, lif_tuning, validate_lif};
use super::BlockKey;
use super::{EncodedRuns, Encoding, NeuronState, NeuronType};
use crate::error::NeuronError;
use currents::Given;
use packed::{pack, unpack, Packed};
use rand::{Rng, RngCore};
use std::ops::Range;

/// Spiking leaky integrate-and-fire neuron.
///
/// Membrane: `tau_rc dv/dt = J - v`; a spike when `v` crosses 1, then `v = 0`
/// for `tau_ref`. Each step integrates the membrane exactly for constant `J`:
/// `v(t + Δ) = v + (J - v)(1 - exp(-Δ/tau_rc))`, where `Δ` is the part of the
/// step not spent refractory. The crossing time inside the step is solved
/// from that same curve, `t_spike = dt + tau_rc ln(1 - (v - 1)/(J - 1))`, and
/// the refractory period is counted from it, so spike timing is exact to
/// within a step rather than rounded to steps (Nengo's scheme).
///
/// State: `voltage` (initially U(0, 1), as in Nengo) and `refractory_time`.
/// Output: `amplitude / dt` in the step of a spike, else 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LIF {
    /// Membrane RC time constant (s).
    pub tau_rc: f64,
    /// Absolute refractory period (s).
    pub tau_ref: f64,
    /// Floor of the membrane voltage.
    pub min_voltage: f64,
    /// Spike area: each spike is `amplitude / dt` high for one step.
    pub amplitude: f64,
}

impl Default for LIF {
    fn default() -> Self {
        Self {
            tau_rc: 0.02,
            tau_ref: 0.002,
            min_voltage: 0.0,
            amplitude: 1.0,
        }
    }
}

impl LIF {
    /// A LIF neuron with the given time constants and Nengo's other defaults.
    pub fn new(tau_rc: f64, tau_ref: f64) -> Self {
        Self {
            tau_rc,
            tau_ref,
            ..Self::default()
        }
    }
}

impl LIF {
    /// The membrane constants of one step of `dt`.
    fn membrane(&self, dt: f32) -> LifMembrane {
        LifMembrane::new(
            dt,
            self.tau_rc,
            self.tau_ref,
            self.min_voltage,
            self.amplitude,
        )
    }
}

/// Checks the floor of a spiking LIF's voltage (LIF and AdaptiveLIF):
/// finite and below the threshold 1, or no neuron could ever rest there.
pub(crate) fn validate_min_voltage(
    neuron: &'static str,
    min_voltage: f64,
) -> Result<(), NeuronError> {
    if !min_voltage.is_finite() || min_voltage >= 1.0 {
        return Err(NeuronError::InvalidParameter {
            neuron,
            param: "min_voltage",
            value: min_voltage,
            reason: "must be finite and below the threshold 1",
        });
    }
    Ok(())
}

impl NeuronType for LIF {
    fn block_key(&self) -> Option<BlockKey> {
        Some(BlockKey::new(
            "LIF",
            &[self.tau_rc, self.tau_ref, self.min_voltage, self.amplitude],
        ))
    }

    fn name(&self) -> &'static str {
        "LIF"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        &["voltage", "refractory_time"]
    }

    fn validate(&self) -> Result<(), NeuronError> {
        validate_lif(self.name(), self.tau_rc, self.tau_ref, self.amplitude)?;
        validate_min_voltage(self.name(), self.min_voltage)?;
        Ok(())
    }

    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let voltage = (0..n).map(|_| rng.random::<f64>() as f32).collect();
        NeuronState::from_vars(vec![voltage, vec![0.0; n]])
    }

    fn rates(&self, j: &[f64], out: &mut [f64]) {
        lif_rates(j, out, [self.tau_rc, self.tau_ref], self.amplitude);
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        let membrane = self.membrane(dt);
        let stepped = state.is_stepped();
        let currents = Given { j, out: output };
        if state.n_vars() == 1 {
            membrane.run(currents, Packed(state.var_mut(0)), stepped);
        } else {
            let (voltage, refractory) = state.pair_mut();
            let pair = Pair {
                voltage,
                refractory,
            };
            membrane.run(currents, pair, stepped);
        }
        state.mark_stepped();
    }

    fn step_encoded(
        &self,
        dt: f32,
        input: Encoding<'_>,
        scratch: &mut [f32],
        state: &mut NeuronState,
        output: &mut [f32],
    ) {
        let membrane = self.membrane(dt);
        let stepped = state.is_stepped();
        if state.n_vars() == 1 {
            let packed = Packed(state.var_mut(0));
            membrane.run_encoded(input, scratch, packed, output, stepped);
        } else {
            let (voltage, refractory) = state.pair_mut();
            let pair = Pair {
                voltage,
                refractory,
            };
            membrane.run_encoded(input, scratch, pair, output, stepped);
        }
        state.mark_stepped();
    }

    /// Packs voltage and refractory time into one value per neuron (see
    /// `packed`) when `min_voltage` is 0, no probe reads the refractory
    /// time and the state allows it exactly.
    /// Voltage 0, not refractory: with no current the voltage stays 0
    /// (`v ← v + (J - v)(1 - e^(-dt/τ))` with `v = J = 0`) and it never
    /// spikes.
    fn rest_state(&self, n: usize) -> Option<NeuronState> {
        Some(NeuronState::from_vars(vec![vec![0.0; n], vec![0.0; n]]))
    }

    fn step_encoded_runs(
        &self,
        dt: f32,
        input: EncodedRuns<'_>,
        state: &mut NeuronState,
        output: &mut [f32],
    ) -> bool {
        let membrane = self.membrane(dt);
        let stepped = state.is_stepped();
        let done = if state.n_vars() == 1 {
            membrane.run_encoded_runs(input, Packed(state.var_mut(0)), output, stepped)
        } else {
            let (voltage, refractory) = state.pair_mut();
            let pair = Pair {
                voltage,
                refractory,
            };
            membrane.run_encoded_runs(input, pair, output, stepped)
        };
        if done {
            state.mark_stepped();
        }
        done
    }

    fn working_state(&self, state: NeuronState, dt: f32, readable: &[bool]) -> NeuronState {
        let packable = self.min_voltage == 0.0
            && state.n_vars() == 2
            && !readable.get(1).copied().unwrap_or(false);
        match packable
            .then(|| pack(state.var(0), state.var(1), dt))
            .flatten()
        {
            Some(packed) => NeuronState::from_vars(vec![packed]),
            None => state,
        }
    }

    fn read_state(&self, state: &NeuronState, var: usize, range: Range<usize>, out: &mut [f64]) {
        if state.n_vars() == 1 {
            unpack(&state.var(0)[range], var, out);
        } else {
            state.widen_into(var, range, out);
        }
    }

    lif_tuning!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neurons::{EncodedRun, RunsShape};

    /// A block of three runs of `dims` dimensions with varied encoders,
    /// biases and inputs, and its initial state.
    fn three_runs(
        dims: [usize; 3],
    ) -> (Vec<EncodedRun>, Vec<f32>, Vec<f32>, Vec<f32>, NeuronState) {
        use rand::SeedableRng;
        let lens = [37, 50, 29];
        let (mut runs, mut offset, mut enc, mut x) = (Vec::new(), 0, 0, 0);
        for (&len, &d) in lens.iter().zip(&dims) {
            runs.push(EncodedRun {
                offset,
                len,
                dims: d,
                enc_offset: enc,
                x_offset: x,
            });
            offset += len;
            enc += len * d;
            x += d;
        }
        let encoders = (0..enc)
            .map(|k| ((k * 37) % 23) as f32 * 0.4 - 4.0)
            .collect();
        let bias = (0..offset).map(|i| 0.3 + (i % 11) as f32 * 0.2).collect();
        let inputs = vec![0.8, -0.6, 0.9, 0.35];
        let state =
            LIF::default().initial_state(offset, &mut rand_chacha::ChaCha8Rng::seed_from_u64(4));
        (runs, encoders, bias, inputs, state)
    }

    #[test]
    fn runs_stepped_with_their_encoding_fused_give_the_bits_of_encoding_first() {
        // Mixed 1-D and 2-D runs are stepped run by run; 1-D runs only, of
        // lengths that are no multiple of a vector, as one flat loop.
        for dims in [[1, 2, 1], [1, 1, 1]] {
            fused_runs_agree_with_encoding_first(dims);
        }
    }

    fn fused_runs_agree_with_encoding_first(dims: [usize; 3]) {
        let lif = LIF::default();
        let (runs, encoders, bias, x, initial) = three_runs(dims);
        let n = bias.len();
        let input = EncodedRuns {
            runs: &runs,
            encoders: &encoders,
            bias: &bias,
            x: &x,
            shape: RunsShape::of(&runs),
        };
        // Both state layouts: voltage and refractory time apart, and packed.
        let packed = lif.working_state(initial.clone(), 0.001, &[false, false]);
        assert_eq!(packed.n_vars(), 1);
        let (mut last_fused, mut last_out) = (initial.clone(), vec![0.0f32; n]);
        for initial in [initial, packed] {
            // Not before a first step (the short form needs a stepped state).
            let mut fresh = initial.clone();
            assert!(!lif.step_encoded_runs(0.001, input, &mut fresh, &mut vec![0.0; n]));
            assert_eq!(fresh, initial);
            let (mut fused, mut plain) = (initial.clone(), initial);
            let (mut out_f, mut out_p) = (vec![0.0f32; n], vec![0.0f32; n]);
            let mut j = vec![0.0f32; n];
            lif.step(0.001, &vec![1.5; n], &mut fused, &mut out_f);
            lif.step(0.001, &vec![1.5; n], &mut plain, &mut out_p);
            let mut spikes = 0;
            for _ in 0..200 {
                assert!(lif.step_encoded_runs(0.001, input, &mut fused, &mut out_f));
                for r in &runs {
                    input
                        .encoding(r)
                        .currents_into(&mut j[r.offset..r.offset + r.len]);
                }
                lif.step(0.001, &j, &mut plain, &mut out_p);
                assert_eq!(fused, plain);
                let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&out_f), bits(&out_p));
                spikes += out_f.iter().filter(|&&o| o > 0.0).count();
            }
            assert!(spikes > 1000, "the runs spike ({spikes})");
            (last_fused, last_out) = (fused, out_f);
        }
        let (mut fused, mut out_f) = (last_fused, last_out);
        // A 3-D run is left to the caller.
        let wide = [EncodedRun { dims: 3, ..runs[0] }];
        let input = EncodedRuns {
            runs: &wide,
            x: &[0.1, 0.2, 0.3],
            shape: RunsShape::of(&wide),
            ..input
        };
        assert!(!lif.step_encoded_runs(0.001, input, &mut fused, &mut out_f));
    }

    fn spike_count(j: f32, seconds: f64, dt: f32) -> usize {
        let lif = LIF::default();
        let mut state = NeuronState::from_vars(vec![vec![0.0], vec![0.0]]);
        let mut out = [0.0f32];
        let steps = (seconds / f64::from(dt)).round() as usize;
        (0..steps)
            .filter(|_| {
                lif.step(dt, &[j], &mut state, &mut out);
                out[0] > 0.0
            })
            .count()
    }

    #[test]
    fn spike_counts_follow_the_rate_curve_over_ten_seconds() {
        let lif = LIF::default();
        for j in [1.2f32, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0] {
            let mut rate = [0.0];
            lif.rates(&[f64::from(j)], &mut rate);
            let count = spike_count(j, 10.0, 0.001) as f64;
            assert!(
                (count / 10.0 - rate[0]).abs() <= 0.15,
                "J = {j}: {count} spikes in 10 s vs rate {}",
                rate[0]
            );
        }
    }

    #[test]
    fn subthreshold_current_never_spikes_and_voltage_approaches_current() {
        let lif = LIF::default();
        let mut state = NeuronState::from_vars(vec![vec![0.0], vec![0.0]]);
        let mut out = [0.0f32];
        for _ in 0..1000 {
            lif.step(0.001, &[0.9], &mut state, &mut out);
            assert_eq!(out[0], 0.0);
        }
        // v(t) = 0.9 (1 - exp(-t / tau_rc)); after 1 s it is 0.9 to f32 precision.
        assert!((state.var(0)[0] - 0.9).abs() < 1e-5);
    }

    #[test]
    fn voltage_follows_exact_exponential_charging() {
        let lif = LIF::default();
        let mut state = NeuronState::from_vars(vec![vec![0.0], vec![0.0]]);
        let mut out = [0.0f32];
        for k in 1..=10 {
            lif.step(0.001, &[0.5], &mut state, &mut out);
            let t = f64::from(k) * 0.001;
            let exact = 0.5 * (1.0 - (-t / 0.02).exp());
            assert!((f64::from(state.var(0)[0]) - exact).abs() < 1e-6);
        }
    }

    #[test]
    fn gain_bias_places_threshold_at_intercept_and_max_rate_at_one() {
        let lif = LIF::default();
        let (gain, bias) = lif.gain_bias(&[200.0, 350.0], &[-0.5, 0.3]).unwrap();
        let mut r = [0.0; 2];
        lif.rates(&[gain[0] + bias[0], gain[1] + bias[1]], &mut r);
        assert!((r[0] - 200.0).abs() < 1e-9 && (r[1] - 350.0).abs() < 1e-9);
        assert!((gain[0] * -0.5 + bias[0] - 1.0).abs() < 1e-12);
        let (rates, intercepts) = lif.max_rates_intercepts(&gain, &bias);
        assert!((rates[1] - 350.0).abs() < 1e-9 && (intercepts[1] - 0.3).abs() < 1e-12);
    }

    #[test]
    fn max_rate_at_refractory_limit_is_an_error() {
        let err = LIF::default().gain_bias(&[500.0], &[0.0]).unwrap_err();
        assert!(matches!(err, NeuronError::UnreachableRate { index: 0, .. }));
        let err = LIF::default().gain_bias(&[100.0], &[1.0]).unwrap_err();
        assert!(matches!(err, NeuronError::InvalidIntercept { .. }));
    }

    #[test]
    fn negative_time_constant_is_rejected() {
        let err = LIF::new(-0.02, 0.002).validate().unwrap_err();
        assert!(matches!(
            err,
            NeuronError::InvalidParameter {
                param: "tau_rc",
                ..
            }
        ));
        assert!(LIF::new(0.02, f64::NAN).validate().is_err());
    }
}
