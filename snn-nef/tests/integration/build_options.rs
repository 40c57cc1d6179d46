//! `BuildOptions`: each option reaches the build, and bad ones are typed
//! errors before any NEF work. (Thread-count invariance of the decoders:
//! `build_parallel.rs`; the cache: `decoder_cache.rs`; progress output:
//! the facade's `tests/integration/progress.rs`.)

use snn_core::{SimError, Simulator};
use snn_nef::{BuildError, BuildOptions, Connection, Ensemble, Network};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A network whose connection function records, in `seen`, the most
/// threads of the rayon pool it was called in.
fn recording(seen: &Arc<AtomicUsize>) -> Network {
    let mut net = Network::with_seed(1);
    let a = net.ensemble("a", Ensemble::new(30, 1)).unwrap();
    let b = net.ensemble("b", Ensemble::new(30, 1)).unwrap();
    let seen = Arc::clone(seen);
    net.connect(Connection::new(a, b).function(move |x: &[f64]| {
        seen.fetch_max(rayon::current_num_threads(), Ordering::Relaxed);
        vec![x[0] * x[0]]
    }))
    .unwrap();
    net
}

#[test]
fn threads_option_runs_the_build_in_a_pool_of_that_size() {
    let seen = Arc::new(AtomicUsize::new(0));
    let net = recording(&seen);
    for threads in [1, 3] {
        // `connect` called the function once, outside any build.
        seen.store(0, Ordering::Relaxed);
        net.build(BuildOptions::default().threads(threads)).unwrap();
        assert_eq!(seen.load(Ordering::Relaxed), threads);
    }
}

#[test]
fn zero_threads_is_a_typed_error_naming_the_value() {
    let seen = Arc::new(AtomicUsize::new(0));
    let net = recording(&seen);
    seen.store(0, Ordering::Relaxed);
    let err = net.build(BuildOptions::default().threads(0)).unwrap_err();
    assert!(
        matches!(err, BuildError::Threads { threads: 0, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("threads = 0"), "{err}");
    assert_eq!(seen.load(Ordering::Relaxed), 0, "refused before any solve");
}

#[test]
fn dt_option_is_the_step_built_for_and_checked_first() {
    let mut net = Network::with_seed(2);
    net.ensemble("a", Ensemble::new(10, 1)).unwrap();
    let built = net.build(BuildOptions::default().dt(0.0005)).unwrap();
    assert_eq!(built.network.dt, 0.0005);
    assert!(Simulator::with_dt(&built, 0.0005).is_ok());
    // A bad dt wins over bad threads: the simulator's own error.
    let err = net
        .build(BuildOptions::default().dt(-1.0).threads(0))
        .unwrap_err();
    assert!(
        matches!(err, BuildError::Sim(SimError::InvalidDt(_))),
        "{err:?}"
    );
}

#[test]
fn default_options_are_the_simulators_default_step_auto_progress_no_cache_global_pool() {
    let options = BuildOptions::default();
    assert_eq!(options.dt, snn_core::DEFAULT_DT);
    assert_eq!(options.progress, snn_core::Progress::Auto);
    assert_eq!(options.decoder_cache, None);
    assert_eq!(options.threads, None);
}
