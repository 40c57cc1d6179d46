//! The random number generator behind every seeded draw of the build.

use rand::SeedableRng;

/// The build's random number generator: ChaCha8, whose stream is fixed by
/// its seed on every platform and version of this crate, so a network seed
/// reproduces a network bit for bit.
pub type NefRng = rand_chacha::ChaCha8Rng;

/// A generator seeded with `seed`.
pub fn rng_from_seed(seed: u64) -> NefRng {
    NefRng::seed_from_u64(seed)
}

/// Mixes a parent seed with a child's index into an independent child seed
/// (SplitMix64 finalizer), so that objects get distinct, reproducible seeds
/// that do not depend on how many draws other objects made.
pub fn derive_seed(parent: u64, index: u64) -> u64 {
    let mut z = parent ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
