//! Regular spiking from any rate neuron type (Nengo's `RegularSpiking`).

use super::rates_to_spikes::{combined_names, validate_wrapper};
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::{Rng, RngCore};

/// The wrapper's own state variables, after the base type's.
const OWN: &[&str] = &["voltage"];

/// Turns a rate neuron type into a spiking one with regular inter-spike
/// intervals (Voelker, Rasmussen & Eliasmith 2020; Nengo's `RegularSpiking`).
///
/// Each step the base type maps `J` to its rate `r` (stepping its own state,
/// so adaptation and the like carry over), then a unit integrator fires on
/// every whole unit of accumulated rate:
/// `v ← v + r dt`, `k = floor(v)`, `output = k amplitude / dt`, `v ← v - k`.
/// Spike timing is exact to the step: over any run the spike count is
/// `floor(v0 + Σ r dt)`, so the long-run rate is exactly the base rate.
/// A negative rate (e.g. of [`Tanh`](super::Tanh)) drives `v` below 0 and
/// gives negative spikes, as in Nengo.
///
/// Rates, tuning, the rate limit and the divergence check are the base
/// type's. State: the base type's variables, then `voltage` (initially
/// U(0, 1), as in Nengo). Cost: the base step plus one pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegularSpiking<B> {
    /// The rate type whose output is turned into spikes.
    pub base: B,
    /// Spike area: each spike is `amplitude / dt` high for one step.
    pub amplitude: f64,
}

impl<B: NeuronType + Default> Default for RegularSpiking<B> {
    /// The base type's defaults and `amplitude = 1` (Nengo's).
    fn default() -> Self {
        Self::new(B::default())
    }
}

impl<B: NeuronType> RegularSpiking<B> {
    /// Regular spiking of `base`, with `amplitude = 1`.
    pub fn new(base: B) -> Self {
        Self {
            base,
            amplitude: 1.0,
        }
    }
}

impl<B: NeuronType> NeuronType for RegularSpiking<B> {
    fn block_key(&self) -> Option<BlockKey> {
        Some(
            self.base
                .block_key()?
                .wrapped("RegularSpiking", &[self.amplitude]),
        )
    }

    fn name(&self) -> &'static str {
        "RegularSpiking"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        combined_names(self.base.state_names(), OWN)
    }

    /// `amplitude` positive and finite, the base valid, and no base state
    /// variable named `voltage`.
    fn validate(&self) -> Result<(), NeuronError> {
        validate_wrapper(self.name(), &self.base, self.amplitude, OWN)
    }

    /// The base type's initial state, then `voltage ~ U(0, 1)`. A base
    /// generator, if any, is replaced by one seeded from the base's.
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let mut base = self.base.initial_state(n, rng);
        let mut vars: Vec<Vec<f32>> = (0..base.n_vars()).map(|i| base.var(i).to_vec()).collect();
        vars.push((0..n).map(|_| rng.random::<f64>() as f32).collect());
        let state = NeuronState::from_vars(vars);
        match base.rng_mut() {
            Some(base_rng) => state.with_rng(base_rng.next_u64()),
            None => state,
        }
    }

    fn rates(&self, j: &[f64], out: &mut [f64]) {
        self.base.rates(j, out);
    }

    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        self.base.step(dt, j, state, output);
        let spike = (self.amplitude / f64::from(dt)) as f32;
        let voltage = state.var_mut(self.base.state_names().len());
        for (o, v) in output.iter_mut().zip(voltage) {
            *v += dt * *o;
            let k = v.floor();
            *o = spike * k;
            *v -= k;
        }
    }

    fn first_non_finite(&self, state: &NeuronState) -> Option<usize> {
        self.base.first_non_finite(state)
    }

    fn max_rate_limit(&self) -> Option<f64> {
        self.base.max_rate_limit()
    }

    fn gain_bias(
        &self,
        max_rates: &[f64],
        intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        self.base.gain_bias(max_rates, intercepts)
    }

    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        self.base.max_rates_intercepts(gain, bias)
    }
}
