//! The random stream of noise processes: sixteen xoshiro128++ generators
//! side by side, and normal deviates from them by the Box-Muller transform.
//!
//! Noise is drawn every step for every neuron it reaches, so the draw must
//! cost a fraction of a neuron's step. A generator whose state is sixteen
//! independent lanes advances in a few vector instructions, and the
//! Box-Muller transform is branch-free, so the whole fill compiles to
//! vector code (it is dispatched per instruction set like the LIF loop).
//! Plain `*` and `+` only (never `mul_add`), so the stream is the same bits
//! on every instruction set.

use crate::simd::{dispatch, Kernel};
use serde::{Deserialize, Serialize};

/// Generators side by side.
const LANES: usize = 16;

/// Normal deviates made by one round (two draws of every lane).
pub const ROUND: usize = 2 * LANES;

/// Sixteen xoshiro128++ generators (Blackman and Vigna), seeded together
/// from one `u64` by SplitMix64. Each lane has period `2^128 - 1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoiseRng {
    s: [[u32; LANES]; 4],
}

impl NoiseRng {
    /// The stream of `seed`; every seed gives a different stream.
    pub fn new(seed: u64) -> Self {
        let mut z = seed;
        let mut next = || {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut x = z;
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^ (x >> 31)
        };
        let mut s = [[0u32; LANES]; 4];
        for lane in 0..LANES {
            let (a, b) = (next(), next());
            s[0][lane] = a as u32;
            s[1][lane] = (a >> 32) as u32;
            s[2][lane] = b as u32;
            s[3][lane] = (b >> 32) as u32;
            if s.iter().all(|w| w[lane] == 0) {
                // The one state xoshiro never leaves.
                s[0][lane] = 1;
            }
        }
        Self { s }
    }

    /// One draw of every lane.
    #[inline(always)]
    fn next(&mut self) -> [u32; LANES] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut out = [0u32; LANES];
        for l in 0..LANES {
            out[l] = s0[l].wrapping_add(s3[l]).rotate_left(7).wrapping_add(s0[l]);
            let t = s1[l] << 9;
            s2[l] ^= s0[l];
            s3[l] ^= s1[l];
            s1[l] ^= s2[l];
            s0[l] ^= s3[l];
            s2[l] ^= t;
            s3[l] = s3[l].rotate_left(11);
        }
        out
    }

    /// One round of [`ROUND`] standard normal deviates: with `u1` in
    /// `(0, 1]` and `u2` in `[0, 1)` from two draws of each lane,
    /// `r = sqrt(-2 ln u1)`, and the round is `r cos(2π u2)` for the sixteen
    /// lanes, then `r sin(2π u2)`. `f32` precision; `|z| < 6.7`.
    #[inline(always)]
    fn normal_round(&mut self) -> [f32; ROUND] {
        let a = self.next();
        let b = self.next();
        let mut out = [0f32; ROUND];
        for l in 0..LANES {
            // 2^-32 (a + 1/2): never 0 (1 when `a` rounds up to 2^32).
            let u1 = (a[l] as f32 + 0.5) * (1.0 / 4_294_967_296.0);
            let r = (-2.0 * ln(u1)).sqrt();
            let (s, c) = sin_cos_turns(b[l] >> 8);
            out[l] = r * c;
            out[LANES + l] = r * s;
        }
        out
    }

    /// Fills `out` with standard normal deviates, whole rounds at a time
    /// (the deviates of a last partial round beyond `out` are dropped, so
    /// `n` values always advance the stream by `ceil(n / ROUND)` rounds).
    pub fn fill_normal(&mut self, out: &mut [f64]) {
        dispatch(FillNormal {
            rng: self,
            out,
            mean: 0.0,
            std: 1.0,
            add: false,
        });
    }

    /// Adds `mean + std z` to every element of `out`, `z` drawn as by
    /// [`fill_normal`](Self::fill_normal).
    pub fn add_normal(&mut self, out: &mut [f64], mean: f64, std: f64) {
        dispatch(FillNormal {
            rng: self,
            out,
            mean,
            std,
            add: true,
        });
    }

    /// Fills `out` with deviates uniform on `[0, 1)`, 53 bits each (two
    /// lanes' draws), whole draws of the sixteen lanes at a time.
    pub fn fill_uniform(&mut self, out: &mut [f64]) {
        for chunk in out.chunks_mut(LANES / 2) {
            let d = self.next();
            for (k, o) in chunk.iter_mut().enumerate() {
                let bits = (u64::from(d[2 * k]) << 32 | u64::from(d[2 * k + 1])) >> 11;
                *o = bits as f64 * (1.0 / 9_007_199_254_740_992.0);
            }
        }
    }

    /// A `u64` of the stream (the seed of a generator of another kind).
    pub fn next_u64(&mut self) -> u64 {
        let d = self.next();
        u64::from(d[0]) << 32 | u64::from(d[1])
    }
}

/// `out = mean + std z` (or `out += …`), dispatched per instruction set.
struct FillNormal<'a> {
    rng: &'a mut NoiseRng,
    out: &'a mut [f64],
    mean: f64,
    std: f64,
    add: bool,
}

impl Kernel for FillNormal<'_> {
    type Output = ();

    #[inline(always)]
    fn run(self) {
        let (mean, std) = (self.mean, self.std);
        for chunk in self.out.chunks_mut(ROUND) {
            let z = self.rng.normal_round();
            if self.add {
                for (o, &z) in chunk.iter_mut().zip(&z) {
                    *o += mean + std * f64::from(z);
                }
            } else {
                for (o, &z) in chunk.iter_mut().zip(&z) {
                    *o = mean + std * f64::from(z);
                }
            }
        }
    }
}

/// `ln u` for a normal positive `u`: `u = 2^e m` with `m` in `[√½, √2)`,
/// `f = m - 1`, `s = f / (2 + f)`, `ln m = 2 atanh s = f - (f²/2 - s (f²/2 + R))`
/// with `R = 2s²/3 + 2s⁴/5 + 2s⁶/7 + 2s⁸/9`, and `ln 2` split in a part
/// exact in `e ln2_hi` and the rest.
#[inline(always)]
fn ln(u: f32) -> f32 {
    const SQRT_HALF_BITS: i32 = 0x3f35_04f3;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    let bits = (u.to_bits() as i32).wrapping_sub(SQRT_HALF_BITS);
    let e = (bits >> 23) as f32;
    let m = f32::from_bits(((bits & 0x007f_ffff) + SQRT_HALF_BITS) as u32);
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let r = z * (2.0 / 3.0 + z * (2.0 / 5.0 + z * (2.0 / 7.0 + z * (2.0 / 9.0))));
    let half_f2 = 0.5 * f * f;
    let ln_m = f - (half_f2 - s * (half_f2 + r));
    e * LN2_HI + (ln_m + e * LN2_LO)
}

/// `(sin 2πv, cos 2πv)` for `v = m / 2^24` (`m < 2^24`): `v = q/4 + w`
/// with `q` the nearest quarter turn and `|w| <= 1/8` (both from `m` in
/// integers, so the reduction is exact and vectorizes), Taylor polynomials
/// of `θ = 2πw` (`|θ| <= π/4`; sine to `θ⁹`, cosine to `θ¹⁰`, both within
/// `2e-9` before rounding), then rotated by `q` quarter turns.
#[inline(always)]
fn sin_cos_turns(m: u32) -> (f32, f32) {
    let q = (m + (1 << 21)) >> 22;
    let w = (m as i32 - (q << 22) as i32) as f32 * (1.0 / 16_777_216.0);
    let theta = w * core::f32::consts::TAU;
    let t2 = theta * theta;
    let sin = theta
        * (1.0
            + t2 * (-1.0 / 6.0
                + t2 * (1.0 / 120.0 + t2 * (-1.0 / 5040.0 + t2 * (1.0 / 362_880.0)))));
    let cos = 1.0
        + t2 * (-0.5
            + t2 * (1.0 / 24.0
                + t2 * (-1.0 / 720.0 + t2 * (1.0 / 40_320.0 + t2 * (-1.0 / 3_628_800.0)))));
    let odd = q & 1 == 1;
    let half = q & 2 == 2;
    let s = if odd { cos } else { sin };
    let c = if odd { -sin } else { cos };
    (if half { -s } else { s }, if half { -c } else { c })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_is_within_two_ulp_of_f64_over_the_uniforms_range() {
        let mut u = 2.0f32.powi(-33);
        while u <= 1.0 {
            let exact = f64::from(u).ln();
            let got = f64::from(ln(u));
            let ulp = f64::from(f32::EPSILON) * exact.abs().max(f64::MIN_POSITIVE);
            assert!(
                (got - exact).abs() <= 2.0 * ulp.max(1e-45),
                "ln({u}) = {got}, exact {exact}"
            );
            u *= 1.000_37;
        }
        assert_eq!(ln(1.0), 0.0);
    }

    #[test]
    fn sin_cos_of_turns_are_within_3e_7_of_f64() {
        for i in 0..100_000u32 {
            let m = (u64::from(i) * (1 << 24) / 100_000) as u32;
            let (s, c) = sin_cos_turns(m);
            let v = f64::from(m) / 16_777_216.0;
            let a = v * std::f64::consts::TAU;
            assert!((f64::from(s) - a.sin()).abs() < 3e-7, "sin at {v}");
            assert!((f64::from(c) - a.cos()).abs() < 3e-7, "cos at {v}");
        }
    }

    #[test]
    fn normal_deviates_have_the_moments_of_the_standard_normal() {
        let mut rng = NoiseRng::new(7);
        let n = 1 << 20;
        let mut z = vec![0.0; n];
        rng.fill_normal(&mut z);
        let mean = z.iter().sum::<f64>() / n as f64;
        let var = z.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        let kurt = z.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / n as f64 / var.powi(2);
        // Standard errors: 1/sqrt(n) = 0.001 for the mean, sqrt(2/n) for the
        // variance, sqrt(24/n) = 0.0048 for the kurtosis.
        assert!(mean.abs() < 0.005, "mean {mean}");
        assert!((var - 1.0).abs() < 0.007, "variance {var}");
        assert!((kurt - 3.0).abs() < 0.025, "kurtosis {kurt}");
        // The tail: P(|z| > 3) = 0.0026998.
        let tail = z.iter().filter(|x| x.abs() > 3.0).count() as f64 / n as f64;
        assert!((tail - 0.0026998).abs() < 0.0003, "tail {tail}");
    }

    #[test]
    fn the_stream_depends_on_the_seed_and_on_nothing_else() {
        let draw = |seed, n| {
            let mut z = vec![0.0; n];
            NoiseRng::new(seed).fill_normal(&mut z);
            z
        };
        assert_eq!(draw(3, 100), draw(3, 100));
        assert_ne!(draw(3, 100), draw(4, 100));
        // A shorter fill is a prefix of the longer one (same rounds).
        assert_eq!(draw(3, 40)[..], draw(3, 100)[..40]);
    }

    #[test]
    fn uniform_deviates_cover_the_unit_interval_evenly() {
        let mut rng = NoiseRng::new(1);
        let mut u = vec![0.0; 100_000];
        rng.fill_uniform(&mut u);
        assert!(u.iter().all(|&x| (0.0..1.0).contains(&x)));
        let mut bins = [0usize; 10];
        for &x in &u {
            bins[(x * 10.0) as usize] += 1;
        }
        // Each bin expects 10 000 with standard deviation 95.
        assert!(
            bins.iter().all(|&b| (9_600..=10_400).contains(&b)),
            "{bins:?}"
        );
    }
}
