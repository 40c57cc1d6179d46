//! Run-time selection of SIMD instruction sets for the hot loops.
//!
//! The library is compiled for the baseline x86-64 target (SSE2), so that one
//! binary runs anywhere. [`multiversion!`] compiles a loop a second time with
//! AVX2 and FMA enabled and picks that copy when the CPU has them, which
//! lets the compiler vectorize 8 lanes wide and fuse multiply-adds in
//! hardware. Both copies compute the same IEEE operations (every fused
//! multiply-add is an explicit `mul_add`, which the baseline copy evaluates
//! in software), so results are bit-identical on every machine; only the
//! speed differs.

/// True when the CPU supports the AVX2 + FMA copy (cached by `std`).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn has_avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// True when the CPU supports the AVX-512 copy.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn has_avx512() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && has_avx2_fma()
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
                if $crate::simd::has_avx512() {
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
                if $crate::simd::has_avx2_fma() {
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
