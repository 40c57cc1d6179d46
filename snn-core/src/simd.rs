//! Run-time selection of SIMD instruction sets for the hot loops.
//!
//! The library is compiled for the baseline x86-64 target (SSE2), so that one
//! binary runs anywhere. [`multiversion!`] (for one non-generic function)
//! and [`dispatch`] (for any [`Kernel`], so one generic loop serves many
//! instances) compile a loop again with AVX2 + FMA and with AVX-512 enabled
//! and pick the best copy the CPU has, which lets the compiler vectorize 8
//! or 16 lanes wide and fuse multiply-adds in hardware. Both copies compute the same IEEE operations (every fused
//! multiply-add is an explicit `mul_add`, which the baseline copy evaluates
//! in software), so results are bit-identical on every machine; only the
//! speed differs.

/// The best instruction set this CPU supports, detected once.
#[cfg(target_arch = "x86_64")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Level {
    Baseline = 1,
    Avx2Fma = 2,
    Avx512 = 3,
}

#[cfg(target_arch = "x86_64")]
static LEVEL: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// The CPU's [`Level`], cached after the first call (one relaxed load).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn level() -> Level {
    use std::arch::is_x86_feature_detected as has;
    use std::sync::atomic::Ordering;
    match LEVEL.load(Ordering::Relaxed) {
        3 => Level::Avx512,
        2 => Level::Avx2Fma,
        1 => Level::Baseline,
        _ => {
            let avx2 = has!("avx2") && has!("fma");
            let level = if avx2
                && has!("avx512f")
                && has!("avx512vl")
                && has!("avx512dq")
                && has!("avx512bw")
            {
                Level::Avx512
            } else if avx2 {
                Level::Avx2Fma
            } else {
                Level::Baseline
            };
            LEVEL.store(level as u8, Ordering::Relaxed);
            level
        }
    }
}

/// Defines `fn name(args)` whose body is compiled twice, for the baseline
/// target and for AVX2 + FMA, and dispatched by the CPU's features.
macro_rules! multiversion {
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident : $ty:ty),* $(,)?) $body:block) => {
        $crate::simd::multiversion! {
            $(#[$meta])* $vis fn $name($($arg: $ty),*) -> () $body
        }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> $ret {
            #[inline(always)]
            fn generic($($arg: $ty),*) -> $ret $body

            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
                fn avx512($($arg: $ty),*) -> $ret {
                    generic($($arg),*)
                }
                let level = $crate::simd::level();
                if level == $crate::simd::Level::Avx512 {
                    // SAFETY: the CPU supports these features, checked just above.
                    #[allow(unsafe_code)]
                    unsafe {
                        return avx512($($arg),*);
                    }
                }
                #[target_feature(enable = "avx2,fma")]
                fn avx2_fma($($arg: $ty),*) -> $ret {
                    generic($($arg),*)
                }
                if level == $crate::simd::Level::Avx2Fma {
                    // SAFETY: the CPU supports AVX2 and FMA, checked just above,
                    // which is the only requirement of a `target_feature` function.
                    #[allow(unsafe_code)]
                    unsafe {
                        return avx2_fma($($arg),*);
                    }
                }
            }
            generic($($arg),*)
        }
    };
}
pub(crate) use multiversion;

/// A loop to be compiled once per instruction set and run on the best one
/// (the shape of pulp's `WithSimd`): the loop's inputs are the fields of a
/// value, and [`run`](Kernel::run) is its body.
///
/// `run` must be `#[inline(always)]`: [`dispatch`] calls it inside
/// functions compiled with AVX2 or AVX-512 enabled, and only a body inlined
/// there is compiled with those instructions.
pub(crate) trait Kernel {
    /// What the loop returns.
    type Output;
    /// The loop itself.
    fn run(self) -> Self::Output;
}

/// Runs `kernel` compiled for the CPU's best [`Level`] (the counterpart of
/// pulp's `Arch::dispatch`). One relaxed load and a branch per call, so it
/// belongs outside the per-neuron loop, never inside it.
#[inline(always)]
pub(crate) fn dispatch<K: Kernel>(kernel: K) -> K::Output {
    #[cfg(target_arch = "x86_64")]
    {
        dispatch_at(level(), kernel)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        kernel.run()
    }
}

/// Runs `kernel` compiled for `wanted`, or for the CPU's best level if that
/// is lower (so a test can run every copy the CPU supports, and no caller
/// can reach an instruction set the CPU lacks).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn dispatch_at<K: Kernel>(wanted: Level, kernel: K) -> K::Output {
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,avx512bw,avx2,fma")]
    fn avx512<K: Kernel>(kernel: K) -> K::Output {
        kernel.run()
    }
    #[target_feature(enable = "avx2,fma")]
    fn avx2_fma<K: Kernel>(kernel: K) -> K::Output {
        kernel.run()
    }
    match wanted.min(level()) {
        // SAFETY: `level()` found AVX-512 F/VL/DQ/BW, AVX2 and FMA on this
        // CPU, which is the only requirement of a `target_feature` function.
        #[allow(unsafe_code)]
        Level::Avx512 => unsafe { avx512(kernel) },
        // SAFETY: `level()` found AVX2 and FMA on this CPU, the only
        // requirement of a `target_feature` function.
        #[allow(unsafe_code)]
        Level::Avx2Fma => unsafe { avx2_fma(kernel) },
        Level::Baseline => kernel.run(),
    }
}
