//! Nengo's `Piecewise`: values (or functions) that start at given times,
//! held or interpolated.

use super::cubic_spline::CubicSpline;
use super::{check_size, Process};
use crate::error::ProcessError;
use snn_core::processes::{ProcessStep, TimeFunction};
use std::fmt;
use std::sync::Arc;

/// A function of time given at a key of a [`Piecewise`].
pub type PieceFn = Arc<dyn Fn(f64) -> Vec<f64> + Send + Sync>;

/// What a [`Piecewise`] outputs from one key on: a value (a number or a
/// vector) or a function of time.
#[derive(Clone)]
pub enum Piece {
    /// A constant value.
    Value(Vec<f64>),
    /// `f(t)`, called at every step it covers.
    Function(PieceFn),
}

impl Piece {
    /// A piece that is a function of time.
    pub fn function(f: impl Fn(f64) -> Vec<f64> + Send + Sync + 'static) -> Self {
        Self::Function(Arc::new(f))
    }
}

impl fmt::Debug for Piece {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Value(v) => f.debug_tuple("Value").field(v).finish(),
            Self::Function(_) => f.write_str("Function(..)"),
        }
    }
}

impl From<f64> for Piece {
    fn from(v: f64) -> Self {
        Self::Value(vec![v])
    }
}

impl From<Vec<f64>> for Piece {
    fn from(v: Vec<f64>) -> Self {
        Self::Value(v)
    }
}

impl<const N: usize> From<[f64; N]> for Piece {
    fn from(v: [f64; N]) -> Self {
        Self::Value(v.to_vec())
    }
}

/// How a [`Piecewise`] fills the time between its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Interpolation {
    /// Each piece holds from its key (to within half a step) to the next;
    /// zeros before the first key, the last piece after the last key.
    #[default]
    Zero,
    /// Straight lines between keys; 0 outside the first and last key
    /// (scipy's `interp1d(kind="linear", fill_value=0)`, as Nengo uses).
    Linear,
    /// The value of the nearest key (the earlier one at a midpoint); 0
    /// outside the keys.
    Nearest,
    /// The not-a-knot cubic spline through the keys (at least four); 0
    /// outside them.
    Cubic,
}

/// A piecewise signal: `data` lists `(time, piece)` in increasing time;
/// with [`Interpolation::Zero`] (the default) the step ending at `t`
/// outputs the piece of the last key `<= t + dt/2` (Nengo's rule), zeros
/// before the first key. The other interpolations take values only, no
/// functions, and are 0 outside the keys, as in Nengo.
#[derive(Debug, Clone)]
pub struct Piecewise {
    pub(crate) data: Vec<(f64, Piece)>,
    pub(crate) interpolation: Interpolation,
}

impl Piecewise {
    /// Pieces starting at their times (`Piecewise::new(vec![(0.05, 1.0.into()), (0.1, 0.0.into())])`).
    pub fn new(data: Vec<(f64, Piece)>) -> Self {
        Self {
            data,
            interpolation: Interpolation::Zero,
        }
    }

    /// Scalar values at their times.
    pub fn values(data: &[(f64, f64)]) -> Self {
        Self::new(data.iter().map(|&(t, v)| (t, Piece::from(v))).collect())
    }

    /// How values between keys are found (default [`Interpolation::Zero`]).
    pub fn interpolation(mut self, interpolation: Interpolation) -> Self {
        self.interpolation = interpolation;
        self
    }

    /// The size of every piece, checked (functions are called at their key).
    fn size(&self) -> Result<usize, ProcessError> {
        let bad = |value: String, reason: String| ProcessError::InvalidParameter {
            process: "Piecewise",
            param: "data",
            value,
            reason,
        };
        if self.data.is_empty() {
            return Err(bad(
                "{}".into(),
                "needs at least one (time, value) pair".into(),
            ));
        }
        let mut size = None;
        let mut last = f64::NEG_INFINITY;
        for (t, piece) in &self.data {
            if !t.is_finite() {
                return Err(bad(t.to_string(), "every time must be finite".into()));
            }
            if *t <= last {
                return Err(bad(
                    t.to_string(),
                    format!("times must increase: {t} follows {last}"),
                ));
            }
            last = *t;
            let value = match piece {
                Piece::Value(v) => v.clone(),
                Piece::Function(f) => f(*t),
            };
            if let Some(v) = value.iter().find(|v| !v.is_finite()) {
                return Err(bad(
                    v.to_string(),
                    format!("the value at time {t} must be finite"),
                ));
            }
            match size {
                Some(s) if s != value.len() => {
                    return Err(bad(
                        format!("{} values at time {t}", value.len()),
                        format!("every value must have the size of the first, {s}"),
                    ))
                }
                _ => size = Some(value.len()),
            }
        }
        Ok(size.unwrap_or(0))
    }

    /// The values of the keys (for interpolations other than `Zero`).
    fn key_values(&self) -> Result<(Vec<f64>, Vec<Vec<f64>>), ProcessError> {
        let mut times = Vec::with_capacity(self.data.len());
        let mut values = Vec::with_capacity(self.data.len());
        for (t, piece) in &self.data {
            match piece {
                Piece::Value(v) => {
                    times.push(*t);
                    values.push(v.clone());
                }
                Piece::Function(_) => {
                    return Err(ProcessError::InvalidParameter {
                        process: "Piecewise",
                        param: "interpolation",
                        value: format!("{:?}", self.interpolation),
                        reason: format!("the piece at time {t} is a function; only Zero interpolation takes functions"),
                    })
                }
            }
        }
        Ok((times, values))
    }
}

impl Process for Piecewise {
    fn name(&self) -> &'static str {
        "Piecewise"
    }

    fn default_size_out(&self) -> usize {
        self.size().unwrap_or(0)
    }

    fn seed(&self) -> Option<u64> {
        None
    }

    fn check(&self) -> Result<(), ProcessError> {
        self.size()?;
        if self.interpolation != Interpolation::Zero {
            self.key_values()?;
        }
        if self.interpolation == Interpolation::Cubic && self.data.len() < 4 {
            return Err(ProcessError::InvalidParameter {
                process: "Piecewise",
                param: "data",
                value: format!("{} keys", self.data.len()),
                reason: "cubic interpolation needs at least 4 keys".into(),
            });
        }
        Ok(())
    }

    fn make_step(
        &self,
        size_out: usize,
        dt: f64,
        _seed: u64,
    ) -> Result<Arc<dyn ProcessStep>, ProcessError> {
        self.check()?;
        let size = self.size()?;
        check_size("Piecewise", size, size_out)?;
        let f: snn_core::processes::TimeFn = match self.interpolation {
            Interpolation::Zero => {
                let data = self.data.clone();
                Arc::new(move |t, out: &mut [f64]| {
                    let k = data.partition_point(|(key, _)| *key < t + 0.5 * dt);
                    match k.checked_sub(1).map(|i| &data[i].1) {
                        None => out.fill(0.0),
                        Some(Piece::Value(v)) => out.copy_from_slice(v),
                        Some(Piece::Function(f)) => {
                            let v = f(t);
                            // A function that changes its size later is
                            // caught by the node's finite/size check as NaN.
                            if v.len() == out.len() {
                                out.copy_from_slice(&v);
                            } else {
                                out.fill(f64::NAN);
                            }
                        }
                    }
                })
            }
            Interpolation::Linear => {
                let (times, values) = self.key_values()?;
                Arc::new(move |t, out: &mut [f64]| {
                    let n = times.len();
                    if !(t >= times[0] && t <= times[n - 1]) {
                        out.fill(0.0);
                        return;
                    }
                    if n == 1 {
                        out.copy_from_slice(&values[0]);
                        return;
                    }
                    let hi = times.partition_point(|&x| x < t).clamp(1, n - 1);
                    let lo = hi - 1;
                    let w = (t - times[lo]) / (times[hi] - times[lo]);
                    for (d, o) in out.iter_mut().enumerate() {
                        *o = values[lo][d] + w * (values[hi][d] - values[lo][d]);
                    }
                })
            }
            Interpolation::Nearest => {
                let (times, values) = self.key_values()?;
                let bounds: Vec<f64> = times.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect();
                Arc::new(move |t, out: &mut [f64]| {
                    if !(t >= times[0] && t <= times[times.len() - 1]) {
                        out.fill(0.0);
                        return;
                    }
                    let i = bounds.partition_point(|&b| b < t);
                    out.copy_from_slice(&values[i]);
                })
            }
            Interpolation::Cubic => {
                let (times, values) = self.key_values()?;
                let spline = CubicSpline::not_a_knot(&times, &values).map_err(|reason| {
                    ProcessError::InvalidParameter {
                        process: "Piecewise",
                        param: "data",
                        value: format!("{} keys", times.len()),
                        reason,
                    }
                })?;
                Arc::new(move |t, out: &mut [f64]| spline.eval(t, out))
            }
        };
        Ok(Arc::new(TimeFunction {
            name: "Piecewise",
            f,
        }))
    }
}
