//! One exact step of the LIF membrane for one neuron, shared by every type
//! built on that membrane ([`LIF`](super::LIF), [`AdaptiveLIF`](super::AdaptiveLIF)).

/// The per-step constants of a LIF membrane, converted to `f32` once per
/// population step.
///
/// [`advance`](Self::advance) integrates `tau_rc dv/dt = J - v` exactly for
/// constant `J` over the part `Δ` of the step not spent refractory:
/// `v ← v + (J - v)(1 - exp(-Δ/tau_rc))`. When `v` passes 1 the spike time
/// inside the step is solved from the same curve,
/// `t_spike = dt + tau_rc ln(1 - (v - 1)/(J - 1))`, the voltage resets to 0
/// and the refractory time becomes `tau_ref + t_spike` (so a spike's timing is
/// exact within the step, Nengo's scheme). Otherwise `v` is floored at
/// `min_voltage`. Cost: one `exp_m1` per neuron per step, plus one `ln_1p`
/// per spike.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LifMembrane {
    dt: f32,
    tau_rc: f32,
    tau_ref: f32,
    min_voltage: f32,
    spike: f32,
    /// `exp_m1(-dt / tau_rc)`: the decay of a whole, non-refractory step,
    /// computed once instead of once per neuron.
    full_step: f32,
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
        Self {
            dt,
            full_step: (-dt / tau_rc32).exp_m1(),
            tau_rc: tau_rc as f32,
            tau_ref: tau_ref as f32,
            min_voltage: min_voltage as f32,
            spike: (amplitude / f64::from(dt)) as f32,
        }
    }

    /// Advances one neuron under current `j`; returns its output
    /// (`amplitude / dt` if it spiked, else 0).
    #[inline(always)]
    pub(crate) fn advance(&self, j: f32, voltage: &mut f32, refractory: &mut f32) -> f32 {
        let dt = self.dt;
        let ref_left = *refractory - dt;
        let active = (dt - ref_left).clamp(0.0, dt);
        // Bit-identical to computing exp_m1 every time: the common cases
        // (a whole active step, a whole refractory one) reuse a constant.
        let decay = if active == dt {
            self.full_step
        } else if active == 0.0 {
            0.0
        } else {
            (-active / self.tau_rc).exp_m1()
        };
        let v = *voltage - (j - *voltage) * decay;
        if v > 1.0 {
            let t_spike = dt + self.tau_rc * (-(v - 1.0) / (j - 1.0)).ln_1p();
            *voltage = 0.0;
            *refractory = self.tau_ref + t_spike;
            self.spike
        } else {
            *voltage = v.max(self.min_voltage);
            *refractory = ref_left;
            0.0
        }
    }
}
