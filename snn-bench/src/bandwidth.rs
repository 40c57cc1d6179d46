//! `snn-bench bandwidth`: the memory bandwidth a streaming kernel gets on
//! this machine, to compare the `neurons` model against (see
//! docs/performance.md).
//!
//! The kernel is the read-modify-write pattern of a neuron update: two
//! arrays read, one of them written back (`a[i] = a[i] * s + b[i]`), so 12
//! bytes move per element. It runs on each thread's own slice of the arrays,
//! with the working set either cache-sized or far larger than the cache.

use std::time::Instant;

/// Best of `reps` sweeps, in GB/s, of `threads` threads over a working set
/// of `mb` megabytes (both arrays together).
pub fn measure(mb: usize, threads: usize, reps: usize) -> f64 {
    let n = mb * 1024 * 1024 / 8;
    let mut a = vec![1.0f32; n];
    let b = vec![0.5f32; n];
    let chunk = n.div_ceil(threads);
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let start = Instant::now();
        std::thread::scope(|s| {
            for (a, b) in a.chunks_mut(chunk).zip(b.chunks(chunk)) {
                s.spawn(move || {
                    for (x, &y) in a.iter_mut().zip(b) {
                        *x = *x * 0.999 + y;
                    }
                });
            }
        });
        best = best.min(start.elapsed().as_secs_f64());
    }
    std::hint::black_box(&a);
    12.0 * n as f64 / best / 1e9
}

/// One JSON line per working set and thread count.
pub fn report() -> Vec<serde_json::Value> {
    let mut lines = Vec::new();
    for mb in [16, 512] {
        for threads in [1, 2] {
            let reps = if mb > 100 { 5 } else { 40 };
            lines.push(serde_json::json!({
                "kernel": "a = a * s + b (12 B per element)",
                "working_set_mb": mb,
                "threads": threads,
                "gb_per_s": (measure(mb, threads, reps) * 10.0).round() / 10.0,
            }));
        }
    }
    lines
}
