//! Processes, as Nengo declares them: signals with a state of their own
//! (white noise, filtered and Brown noise, band-limited white signals,
//! piecewise functions, a sequence of presented inputs).
//!
//! A process is a description: its parameters, checked, and a seed or none.
//! The build turns it into what steps ([`snn_core::processes::ProcessStep`])
//! for the size, `dt` and seed of its use: a node's output
//! ([`Node::process`](crate::Node::process)) or an ensemble's noise
//! ([`Ensemble::noise`](crate::Ensemble::noise)). It also runs on its own,
//! as Nengo's `Process.run` does ([`ProcessExt::run`]).
//!
//! Seeds: a process given a seed (`.seed(s)`) makes the same stream in
//! every use, every build and on any number of threads. One without a seed
//! is seeded from the network's seed and the name of the object that uses
//! it (never from build or step order), so adding an object to a model
//! leaves every other object's noise as it was.

mod brown_noise;
mod cubic_spline;
mod filtered_noise;
mod noise_dist;
mod piecewise;
mod present_input;
mod white_noise;
mod white_signal;

pub use brown_noise::BrownNoise;
pub use filtered_noise::FilteredNoise;
pub use noise_dist::IntoNoiseDist;
pub use piecewise::{Interpolation, Piece, PieceFn, Piecewise};
pub use present_input::PresentInput;
pub use white_noise::WhiteNoise;
pub use white_signal::WhiteSignal;

use crate::error::ProcessError;
use nalgebra::DMatrix;
use snn_core::processes::ProcessStep;
use std::fmt::Debug;
use std::sync::Arc;

/// A process declared in a model.
pub trait Process: Debug + Send + Sync {
    /// What Nengo calls it (`"WhiteSignal"`).
    fn name(&self) -> &'static str;

    /// The output size a node of it has unless told otherwise.
    fn default_size_out(&self) -> usize {
        1
    }

    /// Its own seed, if it was given one.
    fn seed(&self) -> Option<u64>;

    /// Checks its parameters (those that need no `dt`).
    fn check(&self) -> Result<(), ProcessError>;

    /// What steps: `size_out` values per step of `dt`, from the stream of
    /// `seed`.
    ///
    /// # Errors
    /// Invalid parameters, a parameter that does not fit `dt` (a
    /// WhiteSignal's `high` above the Nyquist frequency `0.5 / dt`), or an
    /// output size it cannot produce.
    fn make_step(
        &self,
        size_out: usize,
        dt: f64,
        seed: u64,
    ) -> Result<Arc<dyn ProcessStep>, ProcessError>;
}

/// Running a process on its own, outside a network.
pub trait ProcessExt: Process {
    /// Samples the process for `seconds` (`round(seconds / dt)` steps) at
    /// its default output size: row `i` is its output at `t = (i + 1) dt`,
    /// as a node of it would output them. An unseeded process draws a
    /// fresh seed.
    fn run(&self, seconds: f64, dt: f64) -> Result<DMatrix<f64>, ProcessError> {
        self.run_steps(steps_in(seconds, dt)?, self.default_size_out(), dt)
    }

    /// `n_steps` steps of `size_out` values each (Nengo's `run_steps`).
    fn run_steps(
        &self,
        n_steps: usize,
        size_out: usize,
        dt: f64,
    ) -> Result<DMatrix<f64>, ProcessError> {
        check_dt(dt)?;
        let seed = self.seed().unwrap_or_else(rand::random);
        let step = self.make_step(size_out, dt, seed)?;
        let mut state = step.initial_state();
        let mut out = DMatrix::zeros(n_steps, size_out);
        let mut row = vec![0.0; size_out];
        for i in 0..n_steps {
            step.step((i + 1) as f64 * dt, &[], &mut state, &mut row);
            for (d, &v) in row.iter().enumerate() {
                out[(i, d)] = v;
            }
        }
        Ok(out)
    }

    /// The times of [`run`](Self::run)'s rows: `dt, 2 dt, …`.
    fn trange(&self, seconds: f64, dt: f64) -> Result<Vec<f64>, ProcessError> {
        Ok((1..=steps_in(seconds, dt)?)
            .map(|i| i as f64 * dt)
            .collect())
    }
}

impl<P: Process + ?Sized> ProcessExt for P {}

fn check_dt(dt: f64) -> Result<(), ProcessError> {
    if dt.is_finite() && dt > 0.0 {
        Ok(())
    } else {
        Err(ProcessError::InvalidParameter {
            process: "Process.run",
            param: "dt",
            value: dt.to_string(),
            reason: "must be positive and finite".into(),
        })
    }
}

fn steps_in(seconds: f64, dt: f64) -> Result<usize, ProcessError> {
    check_dt(dt)?;
    if !(seconds.is_finite() && seconds >= 0.0) {
        return Err(ProcessError::InvalidParameter {
            process: "Process.run",
            param: "seconds",
            value: seconds.to_string(),
            reason: "must be non-negative and finite".into(),
        });
    }
    Ok((seconds / dt).round() as usize)
}

/// `Err` unless `value` is finite and positive, naming `param` of `process`.
pub(crate) fn positive(
    process: &'static str,
    param: &'static str,
    value: f64,
) -> Result<(), ProcessError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(ProcessError::InvalidParameter {
            process,
            param,
            value: value.to_string(),
            reason: "must be positive and finite".into(),
        })
    }
}

/// What steps for `process` used by `object` (its name `name`) in the role
/// `role`: `size_out` values per step of `dt`, seeded by [`use_seed`]; an
/// error names the object.
pub(crate) fn build_process(
    process: &dyn Process,
    (size_out, dt, top): (usize, f64, u64),
    name: &str,
    role: &str,
    object: String,
) -> Result<Arc<dyn ProcessStep>, crate::BuildError> {
    process
        .make_step(size_out, dt, use_seed(process, top, name, role))
        .map_err(|source| crate::BuildError::Process { object, source })
}

/// `Err` unless a process of fixed size `produces` is asked for `requested`.
pub(crate) fn check_size(
    process: &'static str,
    produces: usize,
    requested: usize,
) -> Result<(), ProcessError> {
    if produces == requested {
        Ok(())
    } else {
        Err(ProcessError::Size {
            process,
            produces,
            requested,
        })
    }
}

/// The seed of a process used by the object `name` in the role `role`
/// (`"output"`, `"noise"`): its own, or one mixed from the network's seed and
/// the name (FNV-1a), so it depends on no other object.
pub(crate) fn use_seed(process: &dyn Process, top: u64, name: &str, role: &str) -> u64 {
    process.seed().unwrap_or_else(|| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes().chain([0]).chain(role.bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        crate::rng::derive_seed(top, h)
    })
}
