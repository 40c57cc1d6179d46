//! The on-disk decoder cache: decoders solved once are read back by later
//! builds, as Nengo's `DecoderCache` does.
//!
//! A decoder solve depends on the activities `A` (the neuron type and its
//! parameters, the scaled encoders, the biases and the evaluation points),
//! the targets `Y` and the solver. The cache key is a SHA-256 hash of all of
//! them (every number by its exact bits), the solver's
//! [`cache_key`](crate::solvers::Solver::cache_key) and this crate's version,
//! so an entry is used only for the very same solve. A build whose solves
//! all hit the cache skips forming `A` as well: for a 10 000-neuron
//! ensemble that is the whole build but the ensemble's tuning.
//!
//! Entries are files `<key>.snndec` in one folder: a header, the decoders
//! (`f64`, column-major) and the solver's RMSEs. They are written to a
//! temporary name and renamed, so a concurrent build never reads half a
//! file; a file that is short or malformed counts as a miss and is written
//! again. Nothing is ever evicted: [`DecoderCache::clear`] empties the folder.

use super::BuiltEnsemble;
use crate::error::BuildError;
use nalgebra::DMatrix;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// First bytes of every entry (and its format's version).
const MAGIC: &[u8; 8] = b"SNNDEC01";
/// File name extension of the entries.
const EXTENSION: &str = "snndec";

/// A folder of solved decoders shared by builds (see the module docs).
/// Give it to a build with
/// [`BuildOptions::decoder_cache`](crate::BuildOptions::decoder_cache).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecoderCache {
    dir: PathBuf,
}

/// What a decoder solve is keyed by.
pub(crate) struct SolveInputs<'a> {
    pub ensemble: &'a BuiltEnsemble,
    pub points: &'a DMatrix<f64>,
    pub targets: &'a DMatrix<f64>,
    pub solver_key: &'a str,
}

impl DecoderCache {
    /// A cache in folder `dir`, created (with its parents) if missing.
    ///
    /// Errors: [`BuildError::DecoderCache`] when the folder cannot be
    /// created (a file is in the way, no permission).
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, BuildError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, "create the folder", &e))?;
        Ok(Self { dir })
    }

    /// The cache's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Removes every entry; returns how many there were. Other files in
    /// the folder are left alone.
    pub fn clear(&self) -> Result<usize, BuildError> {
        let entries =
            std::fs::read_dir(&self.dir).map_err(|e| io_error(&self.dir, "list the folder", &e))?;
        let mut removed = 0;
        for entry in entries {
            let path = entry
                .map_err(|e| io_error(&self.dir, "list the folder", &e))?
                .path();
            if path.extension().is_some_and(|x| x == EXTENSION) {
                std::fs::remove_file(&path).map_err(|e| io_error(&path, "remove", &e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// The key of one solve: a hex SHA-256 of everything it depends on.
    pub(crate) fn key(inputs: &SolveInputs<'_>) -> String {
        let ens = inputs.ensemble;
        let mut hash = Sha256::new();
        let mut text = |s: &str| {
            hash.update((s.len() as u64).to_le_bytes());
            hash.update(s.as_bytes());
        };
        text(env!("CARGO_PKG_VERSION"));
        text(inputs.solver_key);
        // Every parameter of the neuron type, exactly (`Debug` prints
        // floats in their shortest round-trip form).
        text(&format!("{:?}", ens.neuron_type));
        for m in [&ens.scaled_encoders, inputs.points, inputs.targets] {
            hash.update((m.nrows() as u64).to_le_bytes());
            hash.update((m.ncols() as u64).to_le_bytes());
            for v in m.iter() {
                hash.update(v.to_bits().to_le_bytes());
            }
        }
        hash.update((ens.bias.len() as u64).to_le_bytes());
        for v in &ens.bias {
            hash.update(v.to_bits().to_le_bytes());
        }
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.{EXTENSION}"))
    }

    /// The decoders (n × d) and RMSEs stored under `key`, if there is a
    /// well-formed entry of that shape.
    pub(crate) fn load(&self, key: &str, n: usize, d: usize) -> Option<(DMatrix<f64>, Vec<f64>)> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let body = bytes.strip_prefix(MAGIC)?;
        let (shape, values) = body.split_at_checked(16)?;
        let stored_n = u64::from_le_bytes(shape[..8].try_into().ok()?);
        let stored_d = u64::from_le_bytes(shape[8..].try_into().ok()?);
        if (stored_n, stored_d) != (n as u64, d as u64) || values.len() != 8 * (n * d + d) {
            return None;
        }
        let mut numbers = values.chunks_exact(8).map(|c| {
            let mut bits = [0; 8];
            bits.copy_from_slice(c);
            f64::from_le_bytes(bits)
        });
        let decoders = DMatrix::from_iterator(n, d, numbers.by_ref().take(n * d));
        Some((decoders, numbers.collect()))
    }

    /// Stores decoders and RMSEs under `key` (write to a temporary file,
    /// then rename over any old entry).
    pub(crate) fn store(
        &self,
        key: &str,
        decoders: &DMatrix<f64>,
        rmses: &[f64],
    ) -> Result<(), BuildError> {
        let (n, d) = decoders.shape();
        let mut bytes = Vec::with_capacity(MAGIC.len() + 16 + 8 * (n * d + rmses.len()));
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(n as u64).to_le_bytes());
        bytes.extend_from_slice(&(d as u64).to_le_bytes());
        for v in decoders.iter().chain(rmses) {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        let path = self.path(key);
        let temporary = self.dir.join(format!(
            "{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&temporary, &bytes).map_err(|e| io_error(&temporary, "write", &e))?;
        std::fs::rename(&temporary, &path).map_err(|e| io_error(&path, "write", &e))
    }
}

fn io_error(path: &Path, action: &'static str, error: &std::io::Error) -> BuildError {
    BuildError::DecoderCache {
        path: path.to_path_buf(),
        action,
        reason: error.to_string(),
    }
}
