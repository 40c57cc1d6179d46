//! The on-disk decoder cache: later builds read back exactly what earlier
//! ones solved, and only for the very same solve.

use nalgebra::DMatrix;
use snn_nef::solvers::LstsqL2;
use snn_nef::{BuildError, BuildOptions, Connection, DecoderCache, Ensemble, Network, Node, Probe};
use std::path::PathBuf;

/// A fresh, empty folder for one test.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("snn-decoder-cache-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Two ensembles, a function between them and a decoded probe, with `reg`
/// as the connection's regularization and `square` choosing x² or -x.
fn network(square: bool, reg: f64) -> Result<Network, BuildError> {
    let mut net = Network::with_seed(5);
    let u = net.node("u", Node::constant(0.3))?;
    let a = net.ensemble("a", Ensemble::new(300, 1))?;
    let b = net.ensemble("b", Ensemble::new(80, 2))?;
    net.connect(Connection::new(u, a))?;
    let f = if square {
        |x: &[f64]| vec![x[0] * x[0], x[0]]
    } else {
        |x: &[f64]| vec![-x[0], 0.5]
    };
    net.connect(Connection::new(a, b).function(f).solver(LstsqL2::new(reg)))?;
    net.probe(Probe::new(b).synapse(0.01))?;
    Ok(net)
}

/// Every decoder matrix of a build (using `cache`, if given), connections
/// then probes.
fn decoders(net: &Network, cache: Option<&DecoderCache>) -> Result<Vec<DMatrix<f64>>, BuildError> {
    let options = match cache {
        Some(c) => BuildOptions::default().decoder_cache(c.clone()),
        None => BuildOptions::default(),
    };
    let built = net.build(options)?;
    Ok(built
        .connections
        .iter()
        .chain(built.probes.iter())
        .filter_map(|c| c.decoders.clone())
        .collect())
}

fn entries(cache: &DecoderCache) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "snndec"))
        .collect();
    files.sort();
    files
}

/// Rewrites every entry with its decoders and RMSEs doubled (the format:
/// 8 bytes of header, n and d as u64, then f64 values).
fn double_every_entry(cache: &DecoderCache) {
    for path in entries(cache) {
        let mut bytes = std::fs::read(&path).unwrap();
        for chunk in bytes[24..].chunks_exact_mut(8) {
            let v = f64::from_le_bytes(chunk.try_into().unwrap());
            chunk.copy_from_slice(&(2.0 * v).to_le_bytes());
        }
        std::fs::write(&path, bytes).unwrap();
    }
}

#[test]
fn a_second_build_reads_its_decoders_from_the_cache() -> Result<(), BuildError> {
    let cache = DecoderCache::new(folder("reads"))?;
    let net = network(true, 0.1)?;
    let cold = decoders(&net, Some(&cache))?;
    assert_eq!(cold.len(), 2);
    // One entry for the connection, one for the probe (a's and b's solves).
    assert_eq!(entries(&cache).len(), 2);
    let warm = decoders(&net, Some(&cache))?;
    assert_eq!(
        cold, warm,
        "a cache hit gives the solved decoders bit for bit"
    );
    // The second build read the files: altered entries come back altered.
    double_every_entry(&cache);
    let altered = decoders(&net, Some(&cache))?;
    for (a, c) in altered.iter().zip(&cold) {
        assert_eq!(*a, c * 2.0);
    }
    assert_eq!(entries(&cache).len(), 2, "hits write nothing");
    cache.clear()?;
    Ok(())
}

#[test]
fn a_changed_function_or_solver_is_solved_afresh() -> Result<(), BuildError> {
    let cache = DecoderCache::new(folder("misses"))?;
    decoders(&network(true, 0.1)?, Some(&cache))?;
    let first = entries(&cache);
    let other_function = decoders(&network(false, 0.1)?, Some(&cache))?;
    assert_eq!(
        entries(&cache).len(),
        3,
        "only the connection's targets changed"
    );
    decoders(&network(true, 0.05)?, Some(&cache))?;
    assert_eq!(
        entries(&cache).len(),
        4,
        "only the connection's solver changed"
    );
    assert!(first.iter().all(|p| p.exists()));
    // What a miss solves is what a build without the cache solves.
    let uncached = network(false, 0.1)?;
    assert_eq!(decoders(&uncached, None)?, other_function);
    cache.clear()?;
    Ok(())
}

#[test]
fn a_damaged_entry_is_solved_again_and_rewritten() -> Result<(), BuildError> {
    let cache = DecoderCache::new(folder("damaged"))?;
    let net = network(true, 0.1)?;
    let cold = decoders(&net, Some(&cache))?;
    let files = entries(&cache);
    let full = std::fs::metadata(&files[0]).unwrap().len();
    let bytes = std::fs::read(&files[0]).unwrap();
    std::fs::write(&files[0], &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(&files[1], b"not a decoder file").unwrap();
    assert_eq!(decoders(&net, Some(&cache))?, cold);
    assert_eq!(std::fs::metadata(&files[0]).unwrap().len(), full);
    assert_eq!(std::fs::read(&files[0]).unwrap(), bytes);
    cache.clear()?;
    Ok(())
}

#[test]
fn clear_removes_the_entries_and_nothing_else() -> Result<(), BuildError> {
    let dir = folder("clear");
    let cache = DecoderCache::new(&dir)?;
    decoders(&network(true, 0.1)?, Some(&cache))?;
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    assert_eq!(cache.clear()?, 2);
    assert!(entries(&cache).is_empty());
    assert!(dir.join("notes.txt").exists());
    std::fs::remove_dir_all(&dir).unwrap();
    Ok(())
}

#[test]
fn a_cache_folder_that_cannot_be_made_is_a_clear_error() {
    let dir = folder("blocked");
    std::fs::write(&dir, "a file where the folder should be").unwrap();
    let err = DecoderCache::new(dir.join("decoders")).unwrap_err();
    match &err {
        BuildError::DecoderCache { path, action, .. } => {
            assert_eq!(path, &dir.join("decoders"));
            assert_eq!(*action, "create the folder");
        }
        other => panic!("expected a decoder cache error, got {other:?}"),
    }
    assert!(err.to_string().contains("snn-decoder-cache"), "{err}");
    std::fs::remove_file(&dir).unwrap();
}

#[test]
fn a_cache_that_cannot_be_written_fails_the_build_naming_the_file() -> Result<(), BuildError> {
    let dir = folder("unwritable");
    let cache = DecoderCache::new(&dir)?;
    let net = network(true, 0.1)?;
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, "the folder is gone, a file is there").unwrap();
    match net.build(BuildOptions::default().decoder_cache(cache.clone())) {
        Err(BuildError::DecoderCache { path, action, .. }) => {
            assert!(path.starts_with(&dir), "{}", path.display());
            assert_eq!(action, "write");
        }
        other => panic!("expected a decoder cache error, got {other:?}"),
    }
    std::fs::remove_file(&dir).unwrap();
    Ok(())
}
