//! The exact LIF membrane step over a whole population, shared by every type
//! built on that membrane ([`LIF`](super::LIF), [`AdaptiveLIF`](crate::neurons::AdaptiveLIF)).

use super::currents::{Currents, Encoded1, Encoded2, Given};
use super::kernel::{CountAboveThreshold, FlatStep1, RunsStep, Step};
use super::layout::Layout;
use crate::neurons::encoding::{EncodedRuns, Encoding, RunsShape};
use crate::neurons::fast_math::{
    exp_m1, ln_1p, ln_1p_short, ExpM1Scaled, EXP_M1_RANGE, SHORT_RANGE,
};
use crate::simd::dispatch;

thread_local! {
    /// Each neuron's input of a block of 1-D runs stepped flat
    /// ([`FlatStep1`]): one buffer per thread, reused by every block, so it
    /// stays in cache.
    static EACH_X: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Neurons checked and stepped together (the check keeps them in L1 cache).
pub(super) const CHUNK: usize = 1024;

/// The per-step constants of a LIF membrane, converted to `f32` once per
/// population step.
///
/// Each neuron integrates `tau_rc dv/dt = J - v` exactly for constant `J`
/// over the part `Δ = clamp(dt - (r - dt), 0, dt)` of the step not spent
/// refractory (`r` is the refractory time left):
/// `v ← v + (v - J) expm1(-Δ/tau_rc)`. When `v` passes 1 the spike time
/// inside the step is solved from the same curve,
/// `t_spike = dt + tau_rc ln(1 - (v - 1)/(J - 1))`, the voltage resets to 0
/// and the refractory time becomes `tau_ref + t_spike` (so a spike's timing is
/// exact within the step, Nengo's scheme). Otherwise `v` is floored at
/// `min_voltage` and `r ← r - dt`.
///
/// The loops have no branches: every neuron computes both the decay and the
/// spike time with the polynomials of [`super::fast_math`] and selects, so the
/// compiler runs them in SIMD lanes. A whole active step reuses the constant
/// `expm1(-dt/tau_rc)`. Three forms, chosen per step:
///
/// - **short** (`dt/tau_rc ≤ 0.1`, every `v ≤ 1` at the start): the partial
///   step's exponent lies in `[-dt/tau_rc, 0]`, and a neuron that starts
///   below threshold crosses it within the step, so `1 - (v-1)/(J-1) =
///   exp(-(t_end - t_cross)/tau_rc)` lies in `[exp(-dt/tau_rc), 1]`: both
///   functions need only short Taylor forms, without division or exponent
///   split. This is the common case (Nengo's defaults give `0.05`).
/// - **long** (`dt/tau_rc ≤ 0.5`, or a neuron above threshold at the start
///   of the step): the full-range polynomials.
/// - **libm** (`dt/tau_rc > 0.5`): a scalar loop over libm's functions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LifMembrane {
    pub(super) dt: f32,
    tau_rc: f32,
    /// `-1 / tau_rc`, so the partial step's exponent costs no division.
    neg_inv_tau_rc: f32,
    tau_ref: f32,
    min_voltage: f32,
    spike: f32,
    /// `expm1(-dt / tau_rc)`: the decay of a whole, non-refractory step.
    full_step: f32,
    /// `dt / tau_rc`.
    pub(super) ratio: f32,
    /// `expm1(-Δ / tau_rc)` as a polynomial in `Δ` (the short form).
    decay_short: ExpM1Scaled,
}

/// Which forms of `expm1` and `ln_1p` a loop uses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Short,
    Long,
    Libm,
}

/// A [`Form`] as a type, so that each instance of the generic loop
/// ([`Step`]) has its form as a constant and compiles to one branch-free
/// body.
pub(crate) trait StepForm {
    /// The form this type stands for.
    const FORM: Form;
}

/// [`Form::Short`] as a type.
pub(super) struct Short;
/// [`Form::Long`] as a type.
pub(super) struct Long;
/// [`Form::Libm`] as a type.
pub(super) struct Libm;

impl StepForm for Short {
    const FORM: Form = Form::Short;
}
impl StepForm for Long {
    const FORM: Form = Form::Long;
}
impl StepForm for Libm {
    const FORM: Form = Form::Libm;
}

impl LifMembrane {
    /// Constants for one step of `dt` seconds; a spike is `amplitude / dt` high.
    pub(crate) fn new(
        dt: f32,
        tau_rc: f64,
        tau_ref: f64,
        min_voltage: f64,
        amplitude: f64,
    ) -> Self {
        let tau_rc32 = tau_rc as f32;
        let ratio = dt / tau_rc32;
        Self {
            dt,
            // Computed for every block every step, so by the polynomial
            // where it is exact rather than by a libm call.
            full_step: if ratio <= EXP_M1_RANGE {
                exp_m1(-ratio)
            } else {
                (-ratio).exp_m1()
            },
            tau_rc: tau_rc32,
            neg_inv_tau_rc: (-1.0 / tau_rc) as f32,
            tau_ref: tau_ref as f32,
            min_voltage: min_voltage as f32,
            spike: (amplitude / f64::from(dt)) as f32,
            ratio,
            decay_short: ExpM1Scaled::new(-1.0 / tau_rc),
        }
    }

    /// The form for a block of neurons whose voltages are `voltage`.
    /// `stepped` says the voltages come from a step of this membrane, which
    /// leaves every one at most 1 (a neuron above 1 spikes and resets; the
    /// rest are floored or kept), so they need no search.
    pub(super) fn form(&self, voltage: &[f32], stepped: bool) -> Form {
        if self.ratio > EXP_M1_RANGE {
            Form::Libm
        } else if self.ratio <= SHORT_RANGE
            && (stepped || dispatch(CountAboveThreshold(voltage)) == 0)
        {
            Form::Short
        } else {
            Form::Long
        }
    }

    /// Advances every neuron of `state` under `currents`, which also take
    /// the outputs (`amplitude / dt` for a spike, else 0), one [`CHUNK`] at a
    /// time so the search of [`form`](Self::form) reads voltages the step
    /// then finds in L1 cache. `stepped`: the voltages were written by a
    /// previous step.
    pub(crate) fn run<C: Currents, S: Layout>(&self, currents: C, state: S, stepped: bool) {
        let (mut currents, mut state) = (currents, state);
        while currents.len() > 0 {
            let take = CHUNK.min(currents.len());
            let (c, rest_c) = currents.split_at(take);
            let (s, rest_s) = state.split_at(take);
            match self.form(s.voltages(), stepped) {
                Form::Short => dispatch(Step::<Short, _, _>::new(self, c, s)),
                Form::Long => dispatch(Step::<Long, _, _>::new(self, c, s)),
                Form::Libm => dispatch(Step::<Libm, _, _>::new(self, c, s)),
            }
            (currents, state) = (rest_c, rest_s);
        }
    }

    /// As [`run`](Self::run), with the currents computed inside the loop
    /// from `input` when the voltages come from a previous step, the short
    /// form applies and the input has one or two dimensions (one pass over
    /// encoders, bias and state instead of two; the same bits, since each
    /// current is the same chain of fused multiply-adds). Otherwise the
    /// currents are encoded into `scratch` first.
    pub(crate) fn run_encoded<S: Layout>(
        &self,
        input: Encoding<'_>,
        scratch: &mut [f32],
        state: S,
        out: &mut [f32],
        stepped: bool,
    ) {
        // Voltages above threshold are impossible after a step, so a
        // stepped state with the short range needs no search.
        let short = stepped && self.ratio <= SHORT_RANGE;
        let n = input.len();
        match *input.x {
            [x0] if short => {
                let currents = Encoded1 {
                    e0: &input.encoders[..n],
                    bias: input.bias,
                    x0,
                    out,
                };
                dispatch(Step::<Short, _, _>::new(self, currents, state));
            }
            [x0, x1] if short => {
                let (e0, e1) = input.encoders.split_at(n);
                let currents = Encoded2 {
                    e0,
                    e1,
                    bias: input.bias,
                    x: [x0, x1],
                    out,
                };
                dispatch(Step::<Short, _, _>::new(self, currents, state));
            }
            _ => {
                input.currents_into(scratch);
                self.run(Given { j: scratch, out }, state, stepped);
            }
        }
    }

    /// One neuron. `form` is a constant in every loop that calls this, so
    /// each loop compiles to one branch-free body.
    /// Steps consecutive runs each encoded from its own input, as
    /// [`run_encoded`](Self::run_encoded) does one, when every run is 1-D
    /// or 2-D and the short form applies (a state already stepped); false,
    /// changing nothing, otherwise.
    pub(crate) fn run_encoded_runs<S: Layout>(
        &self,
        input: EncodedRuns<'_>,
        state: S,
        out: &mut [f32],
        stepped: bool,
    ) -> bool {
        let short = stepped && self.ratio <= SHORT_RANGE;
        if !short || input.shape == RunsShape::Wider {
            return false;
        }
        let n = out.len();
        let flat = input.shape == RunsShape::Flat1
            && input.runs.last().is_some_and(|r| r.offset + r.len == n);
        if flat {
            EACH_X.with_borrow_mut(|x| {
                if x.len() < n {
                    x.resize(n, 0.0);
                }
                dispatch(FlatStep1 {
                    membrane: self,
                    input,
                    x,
                    state,
                    out,
                });
            });
            return true;
        }
        dispatch(RunsStep {
            membrane: self,
            input,
            state,
            out,
        });
        true
    }

    #[inline(always)]
    pub(super) fn advance(
        &self,
        form: Form,
        j: f32,
        voltage: &mut f32,
        refractory: &mut f32,
    ) -> f32 {
        let dt = self.dt;
        let ref_left = *refractory - dt;
        let active = dt - ref_left;
        // clamp(active, 0, dt), written as selects so it is one max and one min.
        let active = if active > 0.0 { active } else { 0.0 };
        let active = if active < dt { active } else { dt };
        let exponent = active * self.neg_inv_tau_rc;
        let decay = match form {
            // A polynomial in `Δ` itself: every whole-step neuron gets the
            // same decay from it, with no select against a stored constant
            // and no multiplication forming the exponent.
            Form::Short => self.decay_short.eval(active),
            Form::Long => select_full(active == dt, self.full_step, exp_m1(exponent)),
            Form::Libm => select_full(active == dt, self.full_step, exponent.exp_m1()),
        };
        let v = (*voltage - j).mul_add(decay, *voltage);
        let spiked = v > 1.0;
        // `1 - v` is `-(v - 1)` exactly (one fewer instruction than negating).
        let y = (1.0 - v) / (j - 1.0);
        let log = match form {
            Form::Short => ln_1p_short(y),
            Form::Long => ln_1p(y),
            Form::Libm => y.ln_1p(),
        };
        let t_spike = self.tau_rc.mul_add(log, dt);
        let floored = if v > self.min_voltage {
            v
        } else {
            self.min_voltage
        };
        *voltage = if spiked { 0.0 } else { floored };
        *refractory = if spiked {
            self.tau_ref + t_spike
        } else {
            ref_left
        };
        if spiked {
            self.spike
        } else {
            0.0
        }
    }
}

/// `full` for a whole active step, else `partial`.
#[inline(always)]
fn select_full(whole: bool, full: f32, partial: f32) -> f32 {
    if whole {
        full
    } else {
        partial
    }
}
