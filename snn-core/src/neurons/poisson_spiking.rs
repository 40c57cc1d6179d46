//! Poisson spiking from any rate neuron type (Nengo's `PoissonSpiking`).

use super::rates_to_spikes::validate_wrapper;
use super::BlockKey;
use super::{NeuronState, NeuronType};
use crate::error::NeuronError;
use rand::RngCore;
use rand_distr::{Distribution, Poisson};

/// Seed of the generator a state without one is given on its first step
/// (a state not made by [`PoissonSpiking::initial_state`], e.g. in
/// [`settled_rates`](super::settled_rates)).
const FALLBACK_SEED: u64 = 0x5EED_0F5B_1CE5;

/// Turns a rate neuron type into a spiking one with Poisson statistics
/// (Nengo's `PoissonSpiking`).
///
/// Each step the base type maps `J` to its rate `r` (stepping its own
/// state), then the number of spikes in the step is drawn as
/// `k ~ Poisson(|r| dt)` and the output is `sign(r) k amplitude / dt`
/// (negative spikes for negative rates, as Nengo does for types that can
/// output them). So spike counts over `T` seconds have mean and variance
/// `|r| T`, and the long-run rate is the base rate.
///
/// Randomness: the generator lives in the population's [`NeuronState`]
/// (seeded from the `rng` given to `initial_state`), so the same initial
/// state always gives the same spikes, and resetting or copying the state
/// resets or copies the spike train. Draws go neuron by neuron in index
/// order; a zero rate draws nothing.
///
/// Rates, tuning, the rate limit and the divergence check are the base
/// type's. State: the base type's variables (and the generator). Cost: the
/// base step plus one Poisson draw per neuron with a non-zero rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PoissonSpiking<B> {
    /// The rate type whose output is turned into spikes.
    pub base: B,
    /// Spike area: each spike is `amplitude / dt` high for one step.
    pub amplitude: f64,
}

impl<B: NeuronType + Default> Default for PoissonSpiking<B> {
    /// The base type's defaults and `amplitude = 1` (Nengo's).
    fn default() -> Self {
        Self::new(B::default())
    }
}

impl<B: NeuronType> PoissonSpiking<B> {
    /// Poisson spiking of `base`, with `amplitude = 1`.
    pub fn new(base: B) -> Self {
        Self {
            base,
            amplitude: 1.0,
        }
    }
}

/// One draw of `Poisson(lambda)`; 0 for `lambda = 0` (without drawing) and
/// NaN for a `lambda` that is not finite.
fn poisson_count(lambda: f64, rng: &mut rand_chacha::ChaCha8Rng) -> f64 {
    if lambda == 0.0 {
        return 0.0;
    }
    match Poisson::new(lambda) {
        Ok(d) => d.sample(rng),
        Err(_) => f64::NAN,
    }
}

impl<B: NeuronType> NeuronType for PoissonSpiking<B> {
    fn block_key(&self) -> Option<BlockKey> {
        Some(
            self.base
                .block_key()?
                .wrapped("PoissonSpiking", &[self.amplitude]),
        )
    }

    fn name(&self) -> &'static str {
        "PoissonSpiking"
    }

    fn spiking(&self) -> bool {
        true
    }

    fn state_names(&self) -> &'static [&'static str] {
        self.base.state_names()
    }

    /// `amplitude` positive and finite, and the base valid.
    fn validate(&self) -> Result<(), NeuronError> {
        validate_wrapper(self.name(), &self.base, self.amplitude, &[])
    }

    /// The base type's initial state, with a generator seeded by one draw
    /// from `rng` (after the base's own draws).
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState {
        let base = self.base.initial_state(n, rng);
        base.with_rng(rng.next_u64())
    }

    fn rates(&self, j: &[f64], out: &mut [f64]) {
        self.base.rates(j, out);
    }

    /// # Panics
    /// Never for lack of a generator: a state without one gets a generator
    /// seeded with a fixed constant on its first step.
    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]) {
        self.base.step(dt, j, state, output);
        if state.rng_mut().is_none() {
            let bare = std::mem::replace(state, NeuronState::zeros(0, 0));
            *state = bare.with_rng(FALLBACK_SEED);
        }
        let rng = state.rng_mut().expect("a generator was just attached");
        let spike = (self.amplitude / f64::from(dt)) as f32;
        let dt = f64::from(dt);
        for o in output.iter_mut() {
            let k = poisson_count(f64::from(o.abs()) * dt, rng);
            *o = spike * k as f32 * o.signum();
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
