//! The checkpoint file: a fixed header, then the simulator's state.
//!
//! ```text
//! offset  size  field
//!      0     8  magic, b"SNNCKPT\0"
//!      8     4  format version (u32, little-endian)
//!     12     4  reserved, 0
//!     16     8  fingerprint of the model (u64)
//!     24     8  dt, the bits of an f64
//!     32     8  payload length in bytes (u64)
//!     40     8  xxh3 checksum of the payload (u64)
//!     48     …  payload: the state, serialized by postcard
//! ```
//!
//! The header is read before anything else, so a file of another program, a
//! newer format, a cut-off copy or flipped bits are each told apart and
//! named, and no payload is decoded unless its checksum holds.

use super::super::state::SimState;
use crate::error::CheckpointError;
use std::io::Write;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: [u8; 8] = *b"SNNCKPT\0";

/// The format this version writes, and the newest it reads.
///
/// Format 2 added the state of process nodes and of population noise;
/// format 3 keeps neuron noise in the blocks, one stream per chunk;
/// format 4 adds learned matrices and learning rules' state; format 5
/// learned encoders and the rules' kept changes; format 6 holds the blocks
/// of a new layout (stages by level, packed blocks in multiples of four,
/// small populations padded to whole vectors), which an older file's
/// states do not fit; format 7 no longer pads blocks of 1-D populations
/// (stepped as one flat loop).
pub const FORMAT_VERSION: u32 = 7;

const HEADER_LEN: usize = 48;

/// What a checkpoint file holds.
#[derive(Debug)]
pub(crate) struct Contents {
    pub fingerprint: u64,
    pub dt: f64,
    pub state: SimState,
}

/// The bytes of a checkpoint of `state`.
pub(crate) fn encode(
    fingerprint: u64,
    dt: f64,
    state: &SimState,
) -> Result<Vec<u8>, CheckpointError> {
    let payload = postcard::to_stdvec(state).map_err(|e| CheckpointError::Io {
        operation: "serialize the state",
        message: e.to_string(),
    })?;
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(&MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&0u32.to_le_bytes());
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&dt.to_bits().to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Reads back what [`encode`] wrote, refusing anything else with the reason.
pub(crate) fn decode(bytes: &[u8]) -> Result<Contents, CheckpointError> {
    let magic_len = bytes.len().min(MAGIC.len());
    if bytes[..magic_len] != MAGIC[..magic_len] {
        return Err(CheckpointError::NotACheckpoint);
    }
    if bytes.len() < HEADER_LEN {
        return Err(CheckpointError::Truncated {
            expected: HEADER_LEN as u64,
            found: bytes.len() as u64,
        });
    }
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version > FORMAT_VERSION {
        return Err(CheckpointError::NewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version == 0 {
        return Err(CheckpointError::Corrupt(
            "its header names format version 0, which never existed".into(),
        ));
    }
    if version < FORMAT_VERSION {
        return Err(CheckpointError::OlderFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let (fingerprint, dt, len, checksum) = (word(16), f64::from_bits(word(24)), word(32), word(40));
    let expected = (HEADER_LEN as u64).saturating_add(len);
    let found = bytes.len() as u64;
    if found < expected {
        return Err(CheckpointError::Truncated { expected, found });
    }
    if found > expected {
        return Err(CheckpointError::Corrupt(format!(
            "{} bytes follow the {len} bytes of state its header announces",
            found - expected
        )));
    }
    let payload = &bytes[HEADER_LEN..];
    if xxh3_64(payload) != checksum {
        return Err(CheckpointError::Corrupt(
            "its contents do not match their checksum".into(),
        ));
    }
    let state = postcard::from_bytes(payload)
        .map_err(|e| CheckpointError::Corrupt(format!("its state does not decode ({e})")))?;
    Ok(Contents {
        fingerprint,
        dt,
        state,
    })
}

/// Writes `bytes` to `path` so that, whatever happens, `path` holds either
/// its old contents or all of the new ones: the bytes go to a temporary file
/// beside it, are flushed to disk, and the file is then renamed over `path`
/// (an atomic replacement on every platform Rust supports).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CheckpointError> {
    let io = |operation: &'static str| {
        move |e: std::io::Error| CheckpointError::Io {
            operation,
            message: e.to_string(),
        }
    };
    let temporary = temporary_path(path);
    let result = (|| {
        let mut file =
            std::fs::File::create(&temporary).map_err(io("create its temporary file"))?;
        file.write_all(bytes)
            .map_err(io("write its temporary file"))?;
        file.sync_all()
            .map_err(io("flush its temporary file to disk"))?;
        drop(file);
        std::fs::rename(&temporary, path).map_err(io("move its temporary file into place"))
    })();
    if result.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&temporary);
        return result;
    }
    // Make the rename itself durable where directories can be synced.
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// `dir/.name.<pid>.partial` beside `path`: the same file system, so the
/// rename cannot turn into a copy.
pub(crate) fn temporary_path(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "checkpoint".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}
