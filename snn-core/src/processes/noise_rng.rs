//! The random stream of noise processes: sixteen xoshiro128++ generators
//! side by side, and normal deviates from them by the Box-Muller transform.
//!
//! Noise is drawn every step for every neuron it reaches, so the draw must
//! cost a fraction of a neuron's step. A generator whose state is sixteen
//! independent lanes advances in a few vector instructions, and the
//! Box-Muller transform is branch-free, so the whole fill compiles to
//! vector code (it is dispatched per instruction set like the LIF loop).
//! Every product and sum is a plain `*`, `+` or a fused `mul_add` (one
//! rounding: an FMA instruction, or the correctly rounded software `fmaf`
//! in the baseline build), never a rounding the compiler may choose, so
//! the stream is the same bits on every instruction set.

use crate::simd::{dispatch, Kernel};
use serde::{Deserialize, Serialize};

/// Generators side by side.
const LANES: usize = 16;

/// Normal deviates made by one round (two draws of every lane).
pub const ROUND: usize = 2 * LANES;

/// Values drawn from one generator of a chunked stream
/// ([`NoiseRng::chunk`]): a whole number of rounds, and a divisor of the
/// simulator's block size, so a population cut into blocks at multiples of
/// it draws the same noise in any layout.
pub const CHUNK: usize = 256;

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
            mix(z)
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
        box_muller(&a, &b, &mut out);
        out
    }

    /// Two rounds at once, the same values as two calls of
    /// [`normal_round`](Self::normal_round): two independent chains of
    /// `ln`, square root and sine in flight, so neither waits on the
    /// other's latency.
    #[inline(always)]
    fn normal_round2(&mut self) -> [f32; 2 * ROUND] {
        let (a1, b1) = (self.next(), self.next());
        let (a2, b2) = (self.next(), self.next());
        let mut out = [0f32; 2 * ROUND];
        let (first, second) = out.split_at_mut(ROUND);
        box_muller(&a1, &b1, first.try_into().unwrap());
        box_muller(&a2, &b2, second.try_into().unwrap());
        out
    }

    /// The stream of chunk `chunk` of a noise of seed `seed`: a noise
    /// over many neurons or dimensions draws each [`CHUNK`] of them from a
    /// stream of its own, so any run of whole chunks can be drawn alone
    /// (by the block holding those neurons) and gives the same values as
    /// drawing them all at once.
    pub fn chunk(seed: u64, chunk: usize) -> Self {
        Self::new(mix(seed ^ mix(chunk as u64 ^ 0xC0FF_EE00_5EED_0001)))
    }

    /// Fills `out` with standard normal deviates, whole rounds at a time
    /// (the deviates of a last partial round beyond `out` are dropped, so
    /// `n` values always advance the stream by `ceil(n / ROUND)` rounds).
    pub fn fill_normal(&mut self, out: &mut [f64]) {
        dispatch(FillNormal {
            rngs: std::slice::from_mut(self),
            chunk: usize::MAX,
            sink: Wide {
                out,
                mean: 0.0,
                std: 1.0,
                add: false,
            },
        });
    }

    /// Adds `mean + std z` to every element of `out`, `z` drawn as by
    /// [`fill_normal`](Self::fill_normal).
    pub fn add_normal(&mut self, out: &mut [f64], mean: f64, std: f64) {
        dispatch(FillNormal {
            rngs: std::slice::from_mut(self),
            chunk: usize::MAX,
            sink: Wide {
                out,
                mean,
                std,
                add: true,
            },
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

/// Normal deviates into `sink`, `chunk` values from each generator of
/// `rngs` in turn (the last chunk may be shorter); dispatched per
/// instruction set.
struct FillNormal<'a, S> {
    rngs: &'a mut [NoiseRng],
    chunk: usize,
    sink: S,
}

impl<S: Sink> Kernel for FillNormal<'_, S> {
    type Output = ();

    #[inline(always)]
    fn run(mut self) {
        let n = self.sink.len();
        let mut start = 0usize;
        for rng in self.rngs.iter_mut() {
            let end = start.saturating_add(self.chunk).min(n);
            // A local copy, so the lanes stay in registers over the chunk.
            let mut local = rng.clone();
            // Lengths known only at run time: the loop vectorizer makes
            // vector code of them (a fixed 32 is unrolled first, and then
            // stored one value at a time).
            while end - start > ROUND {
                let z = local.normal_round2();
                let len = (end - start).min(2 * ROUND);
                self.sink.put(start, &z[..len]);
                start += len;
            }
            if start < end {
                let z = local.normal_round();
                self.sink.put(start, &z[..end - start]);
                start = end;
            }
            *rng = local;
        }
    }
}

/// Where [`FillNormal`] puts the deviates `z` of values `at..at + z.len()`.
trait Sink {
    fn len(&self) -> usize;
    fn put(&mut self, at: usize, z: &[f32]);
}

/// `out = mean + std z` (or `out += …` when `add`), in `f64`.
struct Wide<'a> {
    out: &'a mut [f64],
    mean: f64,
    std: f64,
    add: bool,
}

/// `out = base + (mean + std z)`, in `f32`: a block's biases plus its
/// neurons' noise, the noisy biases of one step.
struct Offset<'a> {
    base: &'a [f32],
    out: &'a mut [f32],
    mean: f32,
    std: f32,
}

impl Sink for Wide<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn put(&mut self, at: usize, z: &[f32]) {
        let out = &mut self.out[at..at + z.len()];
        if self.add {
            for (o, &z) in out.iter_mut().zip(z) {
                *o += self.mean + self.std * f64::from(z);
            }
        } else {
            for (o, &z) in out.iter_mut().zip(z) {
                *o = self.mean + self.std * f64::from(z);
            }
        }
    }
}

impl Sink for Offset<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn put(&mut self, at: usize, z: &[f32]) {
        let range = at..at + z.len();
        for ((o, &b), &z) in self.out[range.clone()]
            .iter_mut()
            .zip(&self.base[range])
            .zip(z)
        {
            *o = b + (self.mean + self.std * z);
        }
    }
}

/// Standard normal deviates of chunked streams (one generator per
/// [`CHUNK`] values, as [`NoiseRng::chunk`] makes them), `mean + std z`
/// added to `out`.
pub fn add_normal_chunked(rngs: &mut [NoiseRng], out: &mut [f64], mean: f64, std: f64) {
    let add = true;
    fill_chunked(
        rngs,
        Wide {
            out,
            mean,
            std,
            add,
        },
    );
}

/// As [`add_normal_chunked`], writing `out = mean + std z`.
pub fn fill_normal_chunked(rngs: &mut [NoiseRng], out: &mut [f64], mean: f64, std: f64) {
    let add = false;
    fill_chunked(
        rngs,
        Wide {
            out,
            mean,
            std,
            add,
        },
    );
}

/// `out = base + (mean + std z)` in `f32`, with `z` the deviates of chunked
/// streams: the same `z` as [`fill_normal_chunked`] gives for the same
/// generators.
pub fn offset_normal_chunked(
    rngs: &mut [NoiseRng],
    base: &[f32],
    out: &mut [f32],
    mean: f32,
    std: f32,
) {
    assert_eq!(base.len(), out.len(), "one base value per output");
    fill_chunked(
        rngs,
        Offset {
            base,
            out,
            mean,
            std,
        },
    );
}

/// Runs [`FillNormal`] over chunked streams.
fn fill_chunked(rngs: &mut [NoiseRng], sink: impl Sink) {
    assert_eq!(
        rngs.len(),
        sink.len().div_ceil(CHUNK),
        "one generator per chunk"
    );
    dispatch(FillNormal {
        rngs,
        chunk: CHUNK,
        sink,
    });
}

/// SplitMix64's finalizer: a bijection of `u64` that mixes every bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The Box-Muller transform of one draw `a`, `b` of every lane into a
/// round: with `u1 = 2^-32 (a + 1/2)` in `(0, 1]` (never 0; 1 when `a`
/// rounds up to 2^32) and `u2 = b / 2^32` in `[0, 1)`, `r = sqrt(-2 ln u1)`,
/// `out = [r cos 2πu2 (16 lanes), r sin 2πu2 (16 lanes)]`.
#[inline(always)]
fn box_muller(a: &[u32; LANES], b: &[u32; LANES], out: &mut [f32; ROUND]) {
    for l in 0..LANES {
        let u1 = (a[l] as f32 + 0.5) * (1.0 / 4_294_967_296.0);
        let r = (-2.0 * ln(u1)).sqrt();
        let (s, c) = sin_cos_turns(b[l] >> 8);
        out[l] = r * c;
        out[LANES + l] = r * s;
    }
}

/// `ln u` for a normal positive `u`: `u = 2^e m` with `m` in `[√½, √2)`,
/// `f = m - 1`, `ln m = f - f²/2 + f³ P(f)` with `P` the degree-8
/// polynomial of Cephes' `logf` (Moshier; relative error under 1e-7 on
/// that range), and `ln 2` split in a part exact in `e ln2_hi` and the
/// rest. No division: the divider is left to the square root that
/// follows, the one operation of Box-Muller a vector unit cannot pipeline.
#[inline(always)]
fn ln(u: f32) -> f32 {
    const SQRT_HALF_BITS: i32 = 0x3f35_04f3;
    const LN2_HI: f32 = 0.693_359_4;
    const LN2_LO: f32 = -2.121_944_4e-4;
    const P: [f32; 9] = [
        0.070_376_836,
        -0.115_146_1,
        0.116_769_984,
        -0.124_201_41,
        0.142_493_23,
        -0.166_680_57,
        0.200_007_14,
        -0.249_999_94,
        0.333_333_3,
    ];
    let bits = (u.to_bits() as i32).wrapping_sub(SQRT_HALF_BITS);
    let e = (bits >> 23) as f32;
    let m = f32::from_bits(((bits & 0x007f_ffff) + SQRT_HALF_BITS) as u32);
    let f = m - 1.0;
    let z = f * f;
    let p = P[1..].iter().fold(P[0], |acc, &c| acc.mul_add(f, c));
    let y = (f * z).mul_add(p, e * LN2_LO);
    let y = z.mul_add(-0.5, y);
    e.mul_add(LN2_HI, f + y)
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
        * (1.0f32 / 362_880.0)
            .mul_add(t2, -1.0 / 5040.0)
            .mul_add(t2, 1.0 / 120.0)
            .mul_add(t2, -1.0 / 6.0)
            .mul_add(t2, 1.0);
    let cos = (-1.0f32 / 3_628_800.0)
        .mul_add(t2, 1.0 / 40_320.0)
        .mul_add(t2, -1.0 / 720.0)
        .mul_add(t2, 1.0 / 24.0)
        .mul_add(t2, -0.5)
        .mul_add(t2, 1.0);
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

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn every_instruction_set_draws_the_same_bits() {
        use crate::simd::{dispatch_at, level, Level};
        let draw = |at: Option<Level>| {
            let mut rngs: Vec<NoiseRng> = (0..4).map(|c| NoiseRng::chunk(3, c)).collect();
            let base: Vec<f32> = (0..1000).map(|i| i as f32 * 0.01).collect();
            let mut out = vec![0.0f32; 1000];
            let kernel = FillNormal {
                rngs: &mut rngs,
                chunk: CHUNK,
                sink: Offset {
                    base: &base,
                    out: &mut out,
                    mean: 0.25,
                    std: 1.5,
                },
            };
            match at {
                None => kernel.run(),
                Some(l) => dispatch_at(l, kernel),
            }
            out.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        };
        let baseline = draw(None);
        for l in [Level::Baseline, Level::Avx2Fma, Level::Avx512] {
            if l <= level() {
                assert_eq!(draw(Some(l)), baseline, "{l:?}");
            }
        }
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
