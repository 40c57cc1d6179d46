//! Neuron models: each type steps a whole population held as flat arrays.
//!
//! A population never holds per-neuron objects. Its state is one contiguous
//! `Vec<f32>` per state variable ([`NeuronState`]), and a [`NeuronType`]
//! advances all of them at once, so the simulator makes one dynamic call per
//! population per step and the inner loops vectorize.

mod block_key;
mod encoding;
mod fast_math;
mod grid_tuning;
mod numeric;
mod rates_to_spikes;
mod state;
mod tuning_check;

mod adaptive_lif;
mod adaptive_lif_rate;
mod conductance_lif;
mod hodgkin_huxley;
mod hodgkin_huxley_kinetics;
mod iaf;
mod izhikevich;
mod lif;
mod lif_rate;
mod point_currents;
mod poisson_spiking;
mod rate_math;
mod rectified_linear;
mod regular_spiking;
mod sigmoid;
mod spiking_rectified_linear;
mod tanh;

pub use adaptive_lif::AdaptiveLIF;
pub use adaptive_lif_rate::AdaptiveLIFRate;
pub use block_key::BlockKey;
pub use conductance_lif::ConductanceLIF;
pub(crate) use encoding::affine_currents;
pub use encoding::{EncodedRun, EncodedRuns, Encoding, RunsShape};
pub use grid_tuning::{grid_gain_bias, grid_max_rates_intercepts};
pub use hodgkin_huxley::HodgkinHuxley;
pub use iaf::{IafReset, IAF};
pub use izhikevich::Izhikevich;
pub use lif::LIF;
pub use lif_rate::LIFRate;
pub use numeric::{numeric_gain_bias, numeric_max_rates_intercepts, settled_rates};
pub use point_currents::point_currents;
pub use poisson_spiking::PoissonSpiking;
pub use rectified_linear::RectifiedLinear;
pub use regular_spiking::RegularSpiking;
pub use sigmoid::Sigmoid;
pub use spiking_rectified_linear::SpikingRectifiedLinear;
pub use state::NeuronState;
pub use tanh::Tanh;
pub use tuning_check::check_tuning_request;

use crate::error::NeuronError;
use rand::RngCore;
use std::fmt::Debug;
use std::ops::Range;

/// A neuron model: its steady-state rate curve, its time-stepped dynamics and
/// the tuning (gain, bias) that places each neuron's threshold and max rate.
///
/// The input current of neuron `i` for a represented value `x` is
/// `J_i = gain_i * (e_i . x) + bias_i`; every method here works on currents.
pub trait NeuronType: Debug + Send + Sync {
    /// The model's name as Nengo users know it (`"LIF"`, `"Izhikevich"`).
    fn name(&self) -> &'static str;

    /// True when [`step`](Self::step) emits spikes (impulses of height
    /// `amplitude / dt`), false when it emits rates.
    fn spiking(&self) -> bool;

    /// Names of the state variables, in the order [`NeuronState`] stores them.
    fn state_names(&self) -> &'static [&'static str];

    /// Checks the parameters (positive, finite time constants and the like).
    fn validate(&self) -> Result<(), NeuronError>;

    /// The state of `n` fresh neurons. Types with random initial state (LIF's
    /// voltage ~ U(0, 1), as in Nengo) draw it from `rng`.
    fn initial_state(&self, n: usize, rng: &mut dyn RngCore) -> NeuronState;

    /// Steady-state output (Hz) for constant input currents `j`, into `out`.
    fn rates(&self, j: &[f64], out: &mut [f64]);

    /// Advances every neuron by `dt` seconds under input currents `j`,
    /// writing the output (spikes of height `amplitude / dt`, or rates) into
    /// `output`.
    fn step(&self, dt: f32, j: &[f32], state: &mut NeuronState, output: &mut [f32]);

    /// As [`step`](Self::step), with the input currents given as an
    /// [`Encoding`] of a vector instead of computed beforehand; `scratch`
    /// (`input.len()` values) may be used for them. The result must be
    /// bit-identical to encoding into `scratch` and calling `step`, which
    /// is the default. Types whose step is bound by memory traffic (LIF)
    /// override it to compute each current inside the update loop, so the
    /// currents never make a pass of their own.
    fn step_encoded(
        &self,
        dt: f32,
        input: Encoding<'_>,
        scratch: &mut [f32],
        state: &mut NeuronState,
        output: &mut [f32],
    ) {
        input.currents_into(scratch);
        self.step(dt, scratch, state, output);
    }

    /// As [`step_encoded`](Self::step_encoded) for a block of several
    /// small populations, each run of neurons encoded from its own input
    /// ([`EncodedRuns`]), when the type can do it in one pass per run;
    /// returns false, changing nothing, when it cannot (the default), and
    /// the caller then encodes into currents and calls [`step`](Self::step).
    /// The result must be bit-identical to that. LIF overrides it: a block
    /// of many 1-D or 2-D ensembles then never writes its currents out.
    fn step_encoded_runs(
        &self,
        dt: f32,
        input: EncodedRuns<'_>,
        state: &mut NeuronState,
        output: &mut [f32],
    ) -> bool {
        let _ = (dt, input, state, output);
        false
    }

    /// The public state of `n` neurons at rest: under zero input current
    /// they stay exactly so and output 0. A block pads each small
    /// population's run of neurons with them to whole vectors for
    /// [`step_encoded_runs`](Self::step_encoded_runs); `None` (the default)
    /// offers none, and the runs are not padded.
    fn rest_state(&self, n: usize) -> Option<NeuronState> {
        let _ = n;
        None
    }

    /// The state in the form [`step`](Self::step) works on, made from its
    /// public form (one variable per [`state_names`](Self::state_names)
    /// entry) when the simulator lays out its blocks. `readable[v]` says a
    /// probe reads variable `v`, which must then stay exact; the state is
    /// stepped with steps of `dt` only. The default keeps the public form;
    /// LIF packs voltage and refractory time into one value when it can,
    /// halving the memory its step moves.
    fn working_state(&self, state: NeuronState, _dt: f32, _readable: &[bool]) -> NeuronState {
        state
    }

    /// Variable `var` (an index into [`state_names`](Self::state_names)) of
    /// neurons `range` of a state in the form
    /// [`working_state`](Self::working_state) made, as `f64` into `out`.
    fn read_state(&self, state: &NeuronState, var: usize, range: Range<usize>, out: &mut [f64]) {
        state.widen_into(var, range, out);
    }

    /// What decides whether populations of this type may step together in
    /// one block: two populations share a block only when both return
    /// `Some` of equal keys (every stepping parameter, exactly). The
    /// default, `None`, never shares, which is always correct and costs
    /// only the packing of small populations.
    fn block_key(&self) -> Option<BlockKey> {
        None
    }

    /// Checks that the type can be stepped stably at `dt`; the simulator
    /// calls it once, when it is built. Types with stiff dynamics
    /// (Hodgkin-Huxley) override it.
    fn check_dt(&self, _dt: f64) -> Result<(), NeuronError> {
        Ok(())
    }

    /// The index of the first neuron whose state is not finite, if any.
    /// Types whose dynamics can diverge (Izhikevich, Hodgkin-Huxley)
    /// override it; the simulator calls it after every step and stops with
    /// an error naming the neuron and the time.
    fn first_non_finite(&self, _state: &NeuronState) -> Option<usize> {
        None
    }

    /// The highest rate (Hz) this type can reach, if it is bounded; max rates
    /// at or above it cannot be tuned for.
    fn max_rate_limit(&self) -> Option<f64> {
        None
    }

    /// Gain and bias giving neuron `i` threshold at `intercepts[i]` (the
    /// represented value where it starts to fire) and rate `max_rates[i]` at
    /// `x = 1`.
    ///
    /// The default inverts [`rates`](Self::rates) numerically: with `J_th` the
    /// firing threshold and `J_max,i` the current giving `max_rates[i]`,
    /// `gain_i = (J_max,i - J_th) / (1 - intercept_i)` and
    /// `bias_i = J_th - gain_i * intercept_i`.
    fn gain_bias(
        &self,
        max_rates: &[f64],
        intercepts: &[f64],
    ) -> Result<(Vec<f64>, Vec<f64>), NeuronError> {
        numeric_gain_bias(self, max_rates, intercepts)
    }

    /// The inverse of [`gain_bias`](Self::gain_bias): the max rates and
    /// intercepts that a gain and bias produce.
    fn max_rates_intercepts(&self, gain: &[f64], bias: &[f64]) -> (Vec<f64>, Vec<f64>) {
        numeric_max_rates_intercepts(self, gain, bias)
    }
}
