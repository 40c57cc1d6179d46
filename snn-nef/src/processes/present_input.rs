//! Nengo's `PresentInput`: a sequence of inputs, each shown for a while.

use super::{check_size, positive, Process};
use crate::error::ProcessError;
use snn_core::processes::{ProcessStep, TimeFunction};
use std::sync::Arc;

/// Shows `inputs[i]` (all of one size) for `presentation_time` seconds
/// each, in order and round again: the step ending at `t` outputs input
/// `floor((t - dt) / presentation_time + 1e-7) mod n`, Nengo's index (the
/// `1e-7` keeps a boundary that rounding puts a hair below its step on
/// the right side).
#[derive(Debug, Clone, PartialEq)]
pub struct PresentInput {
    pub(crate) inputs: Vec<Vec<f64>>,
    pub(crate) presentation_time: f64,
}

impl PresentInput {
    /// Presents `inputs`, one after the other.
    pub fn new(inputs: Vec<Vec<f64>>, presentation_time: f64) -> Self {
        Self {
            inputs,
            presentation_time,
        }
    }
}

impl Process for PresentInput {
    fn name(&self) -> &'static str {
        "PresentInput"
    }

    fn default_size_out(&self) -> usize {
        self.inputs.first().map_or(0, Vec::len)
    }

    fn seed(&self) -> Option<u64> {
        None
    }

    fn check(&self) -> Result<(), ProcessError> {
        positive("PresentInput", "presentation_time", self.presentation_time)?;
        let bad = |param, value: String, reason: String| ProcessError::InvalidParameter {
            process: "PresentInput",
            param,
            value,
            reason,
        };
        let Some(first) = self.inputs.first() else {
            return Err(bad(
                "inputs",
                "[]".into(),
                "needs at least one input".into(),
            ));
        };
        for (i, input) in self.inputs.iter().enumerate() {
            if input.len() != first.len() {
                return Err(bad(
                    "inputs",
                    format!("input {i} of {} values", input.len()),
                    format!(
                        "every input must have the size of the first, {}",
                        first.len()
                    ),
                ));
            }
            if let Some((d, v)) = input.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(bad(
                    "inputs",
                    v.to_string(),
                    format!("input {i}, value {d}: every value must be finite"),
                ));
            }
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
        check_size("PresentInput", self.default_size_out(), size_out)?;
        let inputs = self.inputs.clone();
        let time = self.presentation_time;
        Ok(Arc::new(TimeFunction {
            name: "PresentInput",
            f: Arc::new(move |t, out| {
                let i = ((t - dt) / time + 1e-7).floor();
                let i = (i.max(0.0) as usize) % inputs.len();
                out.copy_from_slice(&inputs[i]);
            }),
        }))
    }
}
