//! Branch-free `f32` `exp_m1` and `ln_1p` for the LIF kernel.
//!
//! libm's `expm1f`/`log1pf` are opaque calls, so a loop that uses them cannot
//! be vectorized; these are short polynomials in fused multiply-adds with no
//! branches or table lookups, so the compiler keeps a whole population step in
//! SIMD registers. Each is within 1 ulp of the exact `f32` value on the
//! range the kernel uses (1.5 ulp for the short-range decay polynomial in
//! the step length), which the tests check against `f64`.
//! Every `mul_add` is explicit, so results are bit-identical whether the
//! hardware fuses them or not.

/// `exp(x) - 1` for `x` in `[-EXP_M1_RANGE, EXP_M1_RANGE]`.
///
/// Taylor series to degree 8, `x + x^2 (1/2! + x (1/3! + … + x/8!))` in
/// Horner form; the first omitted term is below `|x|^8 / 9! ≈ 1.1e-8 |x|`
/// at `|x| = 0.5`, a fifth of an `f32` ulp. Exact at `x = 0`.
#[inline(always)]
pub(crate) fn exp_m1(x: f32) -> f32 {
    const C: [f32; 7] = [
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
    ];
    let mut q = C[6];
    q = q.mul_add(x, C[5]);
    q = q.mul_add(x, C[4]);
    q = q.mul_add(x, C[3]);
    q = q.mul_add(x, C[2]);
    q = q.mul_add(x, C[1]);
    q = q.mul_add(x, C[0]);
    (x * x).mul_add(q, x)
}

/// The range of arguments on which [`exp_m1`] is faithful.
pub(crate) const EXP_M1_RANGE: f32 = 0.5;

/// `ln(1 + y)` for `y` in `(-1, 1]`; `-inf` for `y ≤ -1`.
///
/// The LIF kernel evaluates it for every neuron, also for those that do not
/// spike and whose `y` is below -1 (the result is then discarded), so the
/// exponent arithmetic wraps instead of overflowing on the sign bit of a
/// negative `1 + y`: the same instructions as an unchecked release build,
/// and no panic in a debug one.
///
/// `u = 1 + y` is split as `u = 2^e m` with `m` in `[√½, √2)`. With
/// `f = m - 1` and `s = f/(2 + f)` (`|s| ≤ 0.172`),
/// `ln m = 2 atanh(s) = f - (f²/2 - s (f²/2 + R))`, `R = 2s²/3 + 2s⁴/5 + …`
/// summed to `s^8` (the first omitted term is below `2e-9` of `ln m`); the
/// grouping keeps the large terms exact. Rounding `1 + y` loses the low bits
/// of a small `y`; they are added back as `(y - (u - 1))/u`, and `ln 2` is
/// split in a high part exact in `e ln2_hi` and a low part. One division.
#[inline(always)]
pub(crate) fn ln_1p(y: f32) -> f32 {
    const SQRT_HALF_BITS: i32 = 0x3f35_04f3;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    let u = 1.0 + y;
    // `c ≈ (y - (u - 1)) / u`. The rounding error `y - (u - 1)` is zero for
    // `y ≤ -½` (Sterbenz) and `u` is in `(½, 2)` otherwise, where
    // `1/u ≈ 1 + x + x²` (`x = 1 - u`) is close enough for a term this small
    // and saves a division.
    let x = 1.0 - u;
    let c = (y - (u - 1.0)) * x.mul_add(x, x) + (y - (u - 1.0));
    let bits = (u.to_bits() as i32).wrapping_sub(SQRT_HALF_BITS);
    let e = (bits >> 23) as f32;
    let m = f32::from_bits(((bits & 0x007f_ffff) + SQRT_HALF_BITS) as u32);
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let mut q: f32 = 2.0 / 9.0;
    q = q.mul_add(z, 2.0 / 7.0);
    q = q.mul_add(z, 2.0 / 5.0);
    q = q.mul_add(z, 2.0 / 3.0);
    let r = z * q;
    let half_f2 = 0.5 * f * f;
    let low = s.mul_add(half_f2 + r, e.mul_add(LN2_LO, c));
    let ln = e.mul_add(LN2_HI, f - (half_f2 - low));
    if u > 0.0 {
        ln
    } else {
        f32::NEG_INFINITY
    }
}

/// The range `[-SHORT_RANGE, SHORT_RANGE]` of [`ExpM1Scaled`] and
/// [`ln_1p_short`]. It covers `dt/tau_rc` up to 1/16
/// (Nengo's defaults give 0.05).
pub(crate) const SHORT_RANGE: f32 = 0.0625;

/// `exp(c a) - 1` for a fixed `c`, as a polynomial in `a` whose
/// coefficients `c^k / k!` are computed once: the LIF step's partial decay
/// `expm1(-Δ/tau_rc)` then costs no multiplication to form its argument.
/// Within 1.5 `f32` ulp for `|c a| ≤ SHORT_RANGE` (the tests check it):
/// Taylor to degree 5, whose first omitted term is below
/// `|c a|^5 / 6! ≈ 1.3e-9 |c a|`, a fiftieth of an ulp; the rest is the
/// rounding of the last two operations, `k1 + a (…)` and the product with
/// `a`, which the cheaper form pays instead of forming `c a` first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExpM1Scaled {
    /// `c^k / k!` for `k = 1..=5`.
    coefficients: [f32; 5],
}

impl ExpM1Scaled {
    /// The polynomial for `exp(c a) - 1`.
    pub(crate) fn new(c: f64) -> Self {
        let mut coefficients = [0.0; 5];
        let mut term = 1.0;
        for (k, slot) in coefficients.iter_mut().enumerate() {
            term *= c / (k + 1) as f64;
            *slot = term as f32;
        }
        Self { coefficients }
    }

    /// `exp(c a) - 1`, as `a (k1 + a (k2 + … + a k5))` in Horner form, so
    /// it is exactly 0 at `a = 0`.
    #[inline(always)]
    pub(crate) fn eval(&self, a: f32) -> f32 {
        let k = &self.coefficients;
        let mut q = k[4];
        q = q.mul_add(a, k[3]);
        q = q.mul_add(a, k[2]);
        q = q.mul_add(a, k[1]);
        q = q.mul_add(a, k[0]);
        q * a
    }
}

/// `ln(1 + y)` for `|y| ≤ SHORT_RANGE`: `y + y² (-1/2 + y (1/3 - …))` to
/// degree 6, whose first omitted term is below `|y|^6 / 7 ≈ 9e-9 |y|`, a
/// seventh of an `f32` ulp. No division and no exponent split, so it costs
/// a third of [`ln_1p`].
#[inline(always)]
pub(crate) fn ln_1p_short(y: f32) -> f32 {
    let mut q: f32 = -1.0 / 6.0;
    q = q.mul_add(y, 1.0 / 5.0);
    q = q.mul_add(y, -1.0 / 4.0);
    q = q.mul_add(y, 1.0 / 3.0);
    q = q.mul_add(y, -1.0 / 2.0);
    (y * y).mul_add(q, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place of `exact` (rounded to `f32`).
    fn ulps(got: f32, exact: f64) -> f64 {
        let rounded = exact as f32;
        let ulp = f64::from(f32::from_bits(rounded.abs().to_bits() + 1) - rounded.abs());
        (f64::from(got) - exact).abs() / ulp
    }

    #[test]
    fn exp_m1_is_within_one_ulp_on_its_range() {
        let n = 200_000;
        let mut worst = 0.0f64;
        for k in 0..=n {
            let x = -EXP_M1_RANGE + 2.0 * EXP_M1_RANGE * (k as f32 / n as f32);
            worst = worst.max(ulps(exp_m1(x), f64::from(x).exp_m1()));
        }
        // The kernel's own arguments: -Δ/τ for Δ in [0, 1 ms], τ = 20 ms.
        for k in 0..=n {
            let x = -(k as f32 / n as f32) * 0.001 / 0.02;
            worst = worst.max(ulps(exp_m1(x), f64::from(x).exp_m1()));
        }
        assert!(worst <= 1.0, "worst error {worst} ulp");
        assert_eq!(exp_m1(0.0), 0.0);
    }

    #[test]
    fn ln_1p_is_within_one_ulp_across_the_unit_interval() {
        let mut worst = 0.0f64;
        let mut y = -0.999_999f32;
        while y < 1.0 {
            worst = worst.max(ulps(ln_1p(y), f64::from(y).ln_1p()));
            // Geometric steps towards 0 from both sides, linear elsewhere.
            y = if y.abs() < 1e-3 {
                if y < 0.0 && y > -1e-30 {
                    1e-30
                } else if y < 0.0 {
                    y * 0.999
                } else {
                    y * 1.001
                }
            } else {
                y + 1.3e-5
            };
        }
        assert!(worst <= 1.0, "worst error {worst} ulp");
        assert_eq!(ln_1p(0.0), 0.0);
        assert_eq!(ln_1p(-1.0), f32::NEG_INFINITY);
    }

    #[test]
    fn short_forms_are_within_one_ulp_on_their_range() {
        let n = 400_000;
        let mut worst = (0.0f64, 0.0f64);
        for k in 0..=n {
            let x = -SHORT_RANGE + 2.0 * SHORT_RANGE * (k as f32 / n as f32);
            worst.0 = worst
                .0
                .max(ulps(ExpM1Scaled::new(1.0).eval(x), f64::from(x).exp_m1()));
            worst.1 = worst.1.max(ulps(ln_1p_short(x), f64::from(x).ln_1p()));
        }
        assert!(
            worst.0 <= 1.5 && worst.1 <= 1.0,
            "worst errors {worst:?} ulp"
        );
        assert_eq!(
            (ExpM1Scaled::new(1.0).eval(0.0), ln_1p_short(0.0)),
            (0.0, 0.0)
        );
    }

    #[test]
    fn scaled_exp_m1_is_within_one_and_a_half_ulp_for_every_short_ratio() {
        // (c, largest a): Nengo's tau_rc = 20 ms over a 1 ms step, the
        // shortest tau_rc the short form takes (16 ms), and a slow membrane.
        for (c, a_max) in [(-50.0, 0.001), (-62.5, 0.001), (-1.0, 0.0625), (-0.5, 1e-4)] {
            let poly = ExpM1Scaled::new(c);
            let n = 200_000;
            let mut worst = 0.0f64;
            for k in 0..=n {
                let a = a_max as f32 * (k as f32 / n as f32);
                let exact = (c * f64::from(a)).exp_m1();
                worst = worst.max(ulps(poly.eval(a), exact));
            }
            assert!(worst <= 1.5, "c = {c}: worst error {worst} ulp");
            assert_eq!(poly.eval(0.0), 0.0);
        }
    }

    #[test]
    fn ln_1p_below_minus_one_is_negative_infinity_without_overflow() {
        // `1 + y` in (-0.71, 0) put the sign bit into the exponent
        // arithmetic, which overflowed (a panic with overflow checks on).
        for y in [-1.0f32, -1.2, -1.5, -1.7, -1.999, -2.0, -7.5, -1e30] {
            assert_eq!(ln_1p(y), f32::NEG_INFINITY, "ln_1p({y})");
        }
    }

    #[test]
    fn tiny_arguments_keep_their_low_bits() {
        for y in [1e-9f32, -2e-8, -1e-20, 1e-30] {
            assert_eq!(ln_1p(y), y, "ln_1p({y})");
            assert_eq!(exp_m1(y), y, "exp_m1({y})");
            assert_eq!(ln_1p_short(y), y, "ln_1p_short({y})");
            assert_eq!(ExpM1Scaled::new(1.0).eval(y), y, "ExpM1Scaled(1)({y})");
        }
    }
}
