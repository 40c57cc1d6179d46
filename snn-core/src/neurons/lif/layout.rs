//! How the generic LIF loop ([`Step`](super::kernel::Step)) holds a
//! neuron's state: voltage and refractory time apart ([`Pair`]), or packed
//! into one value ([`Packed`](super::packed::Packed)).

use super::membrane::{LifMembrane, StepForm};

/// The state of a run of neurons, stepped one neuron at a time by the
/// membrane's `advance`.
///
/// [`prefix`](Layout::prefix) cuts every slice to exactly `n` before the
/// loop, so that `advance` for `i < n` compiles without bounds checks.
pub(crate) trait Layout: Sized {
    /// What [`LifMembrane::form`] searches for voltages above threshold:
    /// the voltages, or values that exceed 1 exactly where they do.
    fn voltages(&self) -> &[f32];
    /// The first `mid` neurons and the rest.
    fn split_at(self, mid: usize) -> (Self, Self);
    /// The first `n` neurons, every slice exactly `n` long: the first half
    /// of [`split_at`](Layout::split_at), whose second half the compiler
    /// drops unused.
    #[inline(always)]
    fn prefix(self, n: usize) -> Self {
        self.split_at(n).0
    }
    /// Steps neuron `i` under current `j` with the form `F`, returning its
    /// output.
    fn advance<F: StepForm>(&mut self, membrane: &LifMembrane, i: usize, j: f32) -> f32;
}

/// Voltage and refractory time as two arrays (the state every LIF starts in).
pub(crate) struct Pair<'a> {
    pub(crate) voltage: &'a mut [f32],
    pub(crate) refractory: &'a mut [f32],
}

impl Layout for Pair<'_> {
    #[inline(always)]
    fn voltages(&self) -> &[f32] {
        self.voltage
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (voltage, v_rest) = self.voltage.split_at_mut(mid);
        let (refractory, r_rest) = self.refractory.split_at_mut(mid);
        (
            Pair {
                voltage,
                refractory,
            },
            Pair {
                voltage: v_rest,
                refractory: r_rest,
            },
        )
    }

    #[inline(always)]
    fn advance<F: StepForm>(&mut self, membrane: &LifMembrane, i: usize, j: f32) -> f32 {
        membrane.advance(F::FORM, j, &mut self.voltage[i], &mut self.refractory[i])
    }
}
