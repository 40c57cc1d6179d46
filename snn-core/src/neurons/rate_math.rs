//! A branch-free `f64` `ln_1p` for the rate curves of the build.
//!
//! The build evaluates a LIF rate `1 / (τ_ref + τ_rc ln(1 + 1/(J - 1)))`
//! for every neuron at every evaluation point: a model of 1 000 small
//! ensembles needs about 10⁸ of them. libm's `log1p` is an opaque call, so
//! that loop cannot be vectorized; this one is fused multiply-adds and two
//! divisions, within about 1 ulp of the exact value (tested against libm),
//! so the rates, and the decoders solved from them, are as accurate.

/// `ln(1 + y)` for `y > -1` in `f64` (`+inf` for `y = +inf`, `-inf` for
/// `y = -1`, NaN below).
///
/// `u = 1 + y` is split as `u = 2^e m` with `m` in `[√½, √2)`; with
/// `f = m - 1` and `s = f / (2 + f)` (`|s| ≤ 0.172`),
/// `ln m = 2 atanh(s) = f - (f²/2 - s (f²/2 + R))`, `R = Σ_k 2 s^{2k}/(2k+1)`
/// summed to `s^22` (the first omitted term is below `1e-18` of `ln m`).
/// The low bits of `y` lost in rounding `1 + y` come back as
/// `(y - (u - 1)) / u`, and `ln 2` is split in a high part exact in
/// `e ln2_hi` and a low part.
#[inline(always)]
pub(crate) fn ln_1p(y: f64) -> f64 {
    /// `√½`'s bits: mantissas are taken relative to it.
    const SQRT_HALF_BITS: i64 = 0x3fe6_a09e_667f_3bcd;
    /// `ln 2` = `LN2_HI + LN2_LO`, `LN2_HI` with 32 trailing zero bits.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    let u = 1.0 + y;
    let c = (y - (u - 1.0)) / u;
    let bits = (u.to_bits() as i64).wrapping_sub(SQRT_HALF_BITS);
    let e = (bits >> 52) as f64;
    let m = f64::from_bits(((bits & 0x000f_ffff_ffff_ffff) + SQRT_HALF_BITS) as u64);
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    /// `2 / (2k + 1)` for `k = 1..=11`.
    const C: [f64; 11] = [
        2.0 / 3.0,
        2.0 / 5.0,
        2.0 / 7.0,
        2.0 / 9.0,
        2.0 / 11.0,
        2.0 / 13.0,
        2.0 / 15.0,
        2.0 / 17.0,
        2.0 / 19.0,
        2.0 / 21.0,
        2.0 / 23.0,
    ];
    let mut q = C[10];
    q = q.mul_add(z, C[9]);
    q = q.mul_add(z, C[8]);
    q = q.mul_add(z, C[7]);
    q = q.mul_add(z, C[6]);
    q = q.mul_add(z, C[5]);
    q = q.mul_add(z, C[4]);
    q = q.mul_add(z, C[3]);
    q = q.mul_add(z, C[2]);
    q = q.mul_add(z, C[1]);
    q = q.mul_add(z, C[0]);
    let r = z * q;
    let half_f2 = 0.5 * f * f;
    let low = s.mul_add(half_f2 + r, e.mul_add(LN2_LO, c));
    let ln = e.mul_add(LN2_HI, f - (half_f2 - low));
    // Selects, not branches, so a loop of these stays in vector lanes.
    let special = if u == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    };
    let special = if u == f64::INFINITY { u } else { special };
    if u > 0.0 && u < f64::INFINITY {
        ln
    } else {
        special
    }
}

#[cfg(test)]
mod tests {
    use super::ln_1p;

    /// Distance from libm's value in its units in the last place.
    fn ulps(got: f64, exact: f64) -> f64 {
        let ulp = f64::from_bits(exact.abs().to_bits() + 1) - exact.abs();
        (got - exact).abs() / ulp
    }

    #[test]
    fn ln_1p_is_within_about_one_ulp_from_tiny_to_huge_arguments() {
        let mut worst = 0.0f64;
        // Geometric steps from 1e-300 to 1e300 (LIF rates take 1/(J - 1)
        // across that whole range), and linear ones on (-1, 2).
        let mut y = 1e-300;
        while y < 1e300 {
            worst = worst.max(ulps(ln_1p(y), y.ln_1p()));
            y *= 1.000_73;
        }
        let mut y = -0.999_999;
        while y < 2.0 {
            if y != 0.0 {
                worst = worst.max(ulps(ln_1p(y), y.ln_1p()));
            }
            y += 1.7e-6;
        }
        // libm itself is within 1 ulp of the exact value.
        assert!(worst <= 1.0, "worst error {worst} ulp");
        assert_eq!(ln_1p(0.0), 0.0);
        assert_eq!(ln_1p(f64::INFINITY), f64::INFINITY);
        assert_eq!(ln_1p(-1.0), f64::NEG_INFINITY);
        assert!(ln_1p(-2.0).is_nan() && ln_1p(f64::NAN).is_nan());
    }
}
