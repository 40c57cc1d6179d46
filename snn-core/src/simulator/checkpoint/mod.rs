//! Checkpoints: a run saved to a file and resumed later, bit for bit.
//!
//! A checkpoint holds the simulator's whole [`SimState`] (neuron states,
//! filters, node values, the step count, random generators and the probe
//! data not yet taken) and a fingerprint of the network it came from. The
//! plan is not saved: resuming builds the model again, plans it, checks the
//! fingerprint and puts the saved state in place, so the resumed run
//! continues exactly as the interrupted one would have. The thread count is
//! not saved either (results do not depend on it), nor are probe sinks,
//! which are the caller's: a probe that streamed must be given its sink
//! again after resuming, or it stores its samples.

mod fingerprint;
mod format;

pub use format::FORMAT_VERSION;

use super::Simulator;
use crate::error::{CheckpointError, SimError};
use crate::network::Model;
use std::path::Path;

impl Simulator {
    /// Saves the run so far to `path`, for [`resume`](Self::resume).
    ///
    /// The file is replaced atomically: it is written beside `path` first and
    /// renamed over it once complete, so a crash while saving leaves the
    /// previous checkpoint intact.
    pub fn save_checkpoint(&self, path: impl AsRef<Path>) -> Result<(), SimError> {
        let path = path.as_ref();
        let fail = |problem| SimError::Checkpoint {
            path: path.to_path_buf(),
            problem,
        };
        let bytes = format::encode(
            fingerprint::fingerprint(&self.net),
            self.net.dt,
            &self.state,
        )
        .map_err(fail)?;
        format::write_atomically(path, &bytes).map_err(fail)
    }

    /// Builds `model` at the `dt` the checkpoint at `path` was saved with
    /// and continues the saved run: the next step is the one after the
    /// save, and every probe holds the samples it held then.
    ///
    /// Refused with [`SimError::Checkpoint`], naming the file and the
    /// reason, when the file cannot be read, is not a checkpoint, was
    /// written by a newer format, is cut short or corrupted, or was saved
    /// from another model (another structure, parameters, seed or `dt`).
    pub fn resume<M: Model + ?Sized>(model: &M, path: impl AsRef<Path>) -> Result<Self, M::Error> {
        let path = path.as_ref();
        let fail = |problem| SimError::Checkpoint {
            path: path.to_path_buf(),
            problem,
        };
        let bytes = std::fs::read(path).map_err(|e| {
            fail(CheckpointError::Io {
                operation: "read it",
                message: e.to_string(),
            })
        })?;
        let saved = format::decode(&bytes).map_err(fail)?;
        let mut sim = Self::with_dt(model, saved.dt)?;
        let model_fingerprint = fingerprint::fingerprint(&sim.net);
        if model_fingerprint != saved.fingerprint {
            return Err(fail(CheckpointError::OtherModel {
                saved: saved.fingerprint,
                model: model_fingerprint,
            })
            .into());
        }
        if !saved.state.same_shape(&sim.state) {
            return Err(fail(CheckpointError::Corrupt(
                "its state does not have the shape of this model's".into(),
            ))
            .into());
        }
        sim.state = saved.state;
        Ok(sim)
    }
}

#[cfg(test)]
pub(crate) use fingerprint::fingerprint;
#[cfg(test)]
pub(crate) use format::temporary_path;
