//! A process whose output is a function of time alone (Nengo's
//! `Piecewise` and `PresentInput` at run time): no state, no randomness.

use super::{ProcessState, ProcessStep};
use std::fmt;
use std::sync::Arc;

/// The function: writes the output at time `t` into the slice.
pub type TimeFn = Arc<dyn Fn(f64, &mut [f64]) + Send + Sync>;

/// Outputs `f(t)` at the step ending at `t`.
#[derive(Clone)]
pub struct TimeFunction {
    /// What Nengo calls it.
    pub name: &'static str,
    /// The function.
    pub f: TimeFn,
}

impl fmt::Debug for TimeFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeFunction({})", self.name)
    }
}

impl ProcessStep for TimeFunction {
    fn name(&self) -> &'static str {
        self.name
    }

    fn initial_state(&self) -> ProcessState {
        ProcessState::default()
    }

    fn step(&self, t: f64, _input: &[f64], _state: &mut ProcessState, out: &mut [f64]) {
        (self.f)(t, out);
    }
}
