//! Any continuous-time linear filter given as a transfer function, and its
//! zero-order-hold discretization.

use super::expm::balanced_exp;
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;
use nalgebra::DMatrix;

/// A continuous-time linear filter `H(s) = num(s) / den(s)`, coefficients in
/// descending powers of `s` (as in scipy and Nengo): `num = [1]`,
/// `den = [tau, 1]` is `1 / (tau s + 1)`.
///
/// Nothing is checked on construction; [`discretize`](Synapse::discretize)
/// validates the coefficients and `dt`, then:
///
/// 1. normalizes: drops leading zeros of `den`, divides both polynomials by
///    the leading `den` coefficient, and drops leading numerator
///    coefficients that are zero to within `1e-14` (as Nengo does);
/// 2. realizes `H` in controllable canonical form: with `den = [1, a1..an]`
///    and `num` padded to `[b0, b1..bn]`, `A` has first row `-a1..-an` and
///    ones on its subdiagonal, `B = e1`, `C = [b_i - b0 a_i]`, `D = b0`;
/// 3. discretizes with an exact zero-order hold:
///    `exp([[A, B], [0, 0]] dt) = [[Ad, Bd], [0, I]]`, `Cd = C`, `Dd = D`.
///
/// A denominator of degree 0 is a pure gain with no state. Cost: one matrix
/// exponential of size `order + 1`, once per simulator.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearFilter {
    num: Vec<f64>,
    den: Vec<f64>,
}

impl LinearFilter {
    /// The filter `num(s) / den(s)`, coefficients in descending powers of `s`.
    pub fn new(num: Vec<f64>, den: Vec<f64>) -> Self {
        Self { num, den }
    }

    /// Numerator coefficients, as given.
    pub fn num(&self) -> &[f64] {
        &self.num
    }

    /// Denominator coefficients, as given.
    pub fn den(&self) -> &[f64] {
        &self.den
    }

    /// Checks the coefficients (as [`discretize`](Synapse::discretize) does,
    /// without `dt`) and returns this continuous transfer function, as given.
    pub fn transfer_function(&self) -> Result<LinearFilter, SynapseError> {
        self.normalized()?;
        Ok(self.clone())
    }

    /// Checks the coefficients and returns them normalized (step 1 above):
    /// `den[0] == 1` and `num.len() <= den.len()`.
    fn normalized(&self) -> Result<(Vec<f64>, Vec<f64>), SynapseError> {
        let invalid = |reason: &str| SynapseError::InvalidTransferFunction {
            reason: reason.to_owned(),
        };
        if self.num.iter().chain(&self.den).any(|v| !v.is_finite()) {
            return Err(invalid("coefficients must be finite"));
        }
        if self.num.is_empty() {
            return Err(invalid("the numerator is empty"));
        }
        let Some(lead) = self.den.iter().position(|&v| v != 0.0) else {
            return Err(invalid("the denominator is empty or all zero"));
        };
        let a0 = self.den[lead];
        let den: Vec<f64> = self.den[lead..].iter().map(|v| v / a0).collect();
        let mut num: Vec<f64> = self.num.iter().map(|v| v / a0).collect();
        if num.iter().chain(&den).any(|v| !v.is_finite()) {
            return Err(invalid(
                "coefficients overflow when divided by the leading denominator coefficient",
            ));
        }
        // numpy's `allclose(0, b0, atol=1e-14)`, Nengo's test for a dead
        // leading coefficient.
        let negligible = |v: f64| v.abs() <= 1e-14 + 1e-5 * v.abs();
        let keep = num.iter().position(|&v| !negligible(v));
        num.drain(..keep.unwrap_or(num.len() - 1));
        if num.len() > den.len() {
            return Err(SynapseError::NotProper {
                num_degree: num.len() - 1,
                den_degree: den.len() - 1,
            });
        }
        Ok((num, den))
    }
}

/// The controllable canonical realization `(A, B, C, D)` of a normalized
/// `num / den` (`den[0] == 1`, `num` no longer than `den`).
fn canonical_state_space(
    num: &[f64],
    den: &[f64],
) -> (DMatrix<f64>, DMatrix<f64>, DMatrix<f64>, DMatrix<f64>) {
    let n = den.len() - 1;
    let mut padded = vec![0.0; den.len() - num.len()];
    padded.extend_from_slice(num);
    let b0 = padded[0];
    let a = DMatrix::from_fn(n, n, |i, j| {
        if i == 0 {
            -den[j + 1]
        } else if i == j + 1 {
            1.0
        } else {
            0.0
        }
    });
    let b = DMatrix::from_fn(n, 1, |i, _| if i == 0 { 1.0 } else { 0.0 });
    let c = DMatrix::from_fn(1, n, |_, j| padded[j + 1] - b0 * den[j + 1]);
    (a, b, c, DMatrix::from_element(1, 1, b0))
}

/// Exact zero-order hold: `(Ad, Bd)` from `exp([[A, B], [0, 0]] dt)`.
///
/// The exponential is nalgebra's scaling-and-squaring Padé approximant (the
/// Al-Mohy–Higham algorithm of scipy's `expm`, which Nengo uses), with its
/// number of squarings bounded for any finite matrix, after balancing
/// ([`balanced_exp`]), so
/// no filter and no `dt` can make it loop.
fn zero_order_hold(
    a: &DMatrix<f64>,
    b: &DMatrix<f64>,
    dt: f64,
) -> Result<(DMatrix<f64>, DMatrix<f64>), SynapseError> {
    let n = a.nrows();
    let mut m = DMatrix::zeros(n + 1, n + 1);
    m.view_mut((0, 0), (n, n)).copy_from(&(a * dt));
    m.view_mut((0, n), (n, 1)).copy_from(&(b * dt));
    if m.iter().any(|v| !v.is_finite()) {
        return Err(SynapseError::InvalidTransferFunction {
            reason: format!("A dt overflows for dt = {dt}"),
        });
    }
    let e = balanced_exp(&m);
    if e.iter().any(|v| !v.is_finite()) {
        return Err(SynapseError::InvalidTransferFunction {
            reason: format!(
                "its zero-order hold over dt = {dt} is not finite \
                 (exp(A dt) overflows: a pole grows by more than e^709 in one step, \
                 or the coefficients span too many orders of magnitude)"
            ),
        });
    }
    Ok((e.view((0, 0), (n, n)).into(), e.view((0, n), (n, 1)).into()))
}

/// `Err(InvalidDt)` unless `dt` is positive and finite.
pub(super) fn check_dt(dt: f64) -> Result<(), SynapseError> {
    if dt > 0.0 && dt.is_finite() {
        Ok(())
    } else {
        Err(SynapseError::InvalidDt(dt))
    }
}

/// `Err(InvalidTimeConstant)` unless the time constant is finite and
/// non-negative. Zero is an instantaneous stage, as in Nengo, where
/// `Lowpass(0)` is `LinearFilter([1], [0, 1])`: a gain of 1, which a
/// connection delivers one step late like any filter.
pub(super) fn check_time_constant(
    synapse: &'static str,
    name: &'static str,
    value: f64,
) -> Result<(), SynapseError> {
    if value >= 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(SynapseError::InvalidTimeConstant {
            synapse,
            name,
            value,
        })
    }
}

/// A time constant below `dt` times this is dropped (taken as 0) when a
/// synapse made of time constants is discretized.
///
/// A stage `1 / (tau s + 1)` with `tau < 1e-8 dt` settles within one step
/// (`exp(-dt / tau) < exp(-1e8) = 0` in f64), so for `Lowpass` and `Alpha`
/// dropping it is exact: a one-step pass-through. In `TripleExp` it changes
/// the other stages' response by a relative `tau / tau'` (at most
/// `1e-8 max(x e^-x) < 3.7e-9` for any `tau'`), about what the exponential
/// of its companion matrix loses to the spread of its poles there (scaling
/// and squaring cannot keep `exp(-dt / (2^s tau'))` apart from 1 once
/// `tau' / tau` nears `1 / eps`). Without it, coefficients near `1 / tau^2`
/// overflow (`Lowpass(1e-320)`) or make `exp(A dt)` meaningless.
/// (`DoubleExp` is discretized as an exact cascade and needs no such rule.)
pub(super) const NEGLIGIBLE_TAU: f64 = 1e-8;

/// `tau`, or 0 when it is negligible against `dt` ([`NEGLIGIBLE_TAU`]).
pub(super) fn effective_tau(tau: f64, dt: f64) -> f64 {
    if tau < NEGLIGIBLE_TAU * dt {
        0.0
    } else {
        tau
    }
}

impl Synapse for LinearFilter {
    fn name(&self) -> &'static str {
        "LinearFilter"
    }

    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        check_dt(dt)?;
        let (num, den) = self.normalized()?;
        let (a, b, c, d) = canonical_state_space(&num, &den);
        if a.nrows() == 0 {
            return Ok(DiscreteFilter::from_state_space(a, b, c, d));
        }
        let (ad, bd) = zero_order_hold(&a, &b, dt)?;
        Ok(DiscreteFilter::from_state_space(ad, bd, c, d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DT: f64 = 0.001;

    fn discretize(num: &[f64], den: &[f64], dt: f64) -> Result<DiscreteFilter, SynapseError> {
        LinearFilter::new(num.to_vec(), den.to_vec()).discretize(dt)
    }

    #[test]
    fn proper_filter_step_response_has_general_timing() {
        // (s + 2) / (s + 1): step response 2 - exp(-t). With D != 0 the
        // output reads the state before this step's input: y[k] = 2 - exp(-k dt).
        let f = discretize(&[1.0, 2.0], &[1.0, 1.0], DT).unwrap();
        assert_eq!(f.d()[(0, 0)], 1.0);
        for (k, y) in f.filt(&[1.0; 500]).into_iter().enumerate() {
            let expected = 2.0 - (-(k as f64) * DT).exp();
            assert!((y - expected).abs() < 1e-12, "k={k}: {y} vs {expected}");
        }
    }

    #[test]
    fn second_order_proper_filter_matches_partial_fractions() {
        // (s^2 + 1) / ((s + 1)(s + 3)) = 1 - (4s + 2) / ((s + 1)(s + 3));
        // step response 1/3 - exp(-t) + (5/3) exp(-3t), read at t = k dt.
        let f = discretize(&[1.0, 0.0, 1.0], &[1.0, 4.0, 3.0], DT).unwrap();
        for (k, y) in f.filt(&[1.0; 500]).into_iter().enumerate() {
            let t = k as f64 * DT;
            let expected = 1.0 / 3.0 - (-t).exp() + 5.0 / 3.0 * (-3.0 * t).exp();
            assert!((y - expected).abs() < 1e-12, "k={k}: {y} vs {expected}");
        }
    }

    #[test]
    fn constant_denominator_is_a_stateless_gain() {
        let f = discretize(&[3.0], &[0.0, 2.0], DT).unwrap();
        assert_eq!(f.order(), 0);
        assert_eq!(f.filt(&[1.0, -2.0, 4.0]), vec![1.5, -3.0, 6.0]);
    }

    #[test]
    fn negligible_leading_numerator_is_dropped_like_nengo() {
        // [1e-16, 1] / [1, 1] is strictly proper after normalization: NoD timing.
        let f = discretize(&[1e-16, 1.0], &[1.0, 1.0], DT).unwrap();
        assert_eq!(f.d()[(0, 0)], 0.0);
        let y = f.filt(&[1.0]);
        assert!((y[0] - (1.0 - (-DT).exp())).abs() < 1e-15);
    }

    #[test]
    fn improper_filter_is_rejected() {
        let err = discretize(&[1.0, 0.0, 0.0], &[1.0, 1.0], DT).unwrap_err();
        let expected = SynapseError::NotProper {
            num_degree: 2,
            den_degree: 1,
        };
        assert_eq!(err, expected);
    }

    #[test]
    fn zero_or_empty_denominator_is_rejected() {
        for den in [vec![], vec![0.0], vec![0.0, 0.0]] {
            let err = discretize(&[1.0], &den, DT).unwrap_err();
            assert!(
                matches!(err, SynapseError::InvalidTransferFunction { .. }),
                "{den:?}: {err:?}"
            );
        }
    }

    #[test]
    fn non_finite_or_overflowing_coefficients_are_rejected() {
        let cases: [(&[f64], &[f64]); 5] = [
            (&[f64::NAN], &[1.0, 1.0]),
            (&[1.0], &[1.0, f64::INFINITY]),
            (&[], &[1.0, 1.0]),
            (&[1.0], &[1e-300, 1e300]),
            (&[1.0], &[1.0, -1e300]),
        ];
        for (num, den) in cases {
            let err = discretize(num, den, DT).unwrap_err();
            assert!(
                matches!(err, SynapseError::InvalidTransferFunction { .. }),
                "{num:?}/{den:?}: {err:?}"
            );
        }
    }

    #[test]
    fn bad_dt_is_rejected() {
        for dt in [0.0, -0.001, f64::NAN, f64::INFINITY] {
            let err = discretize(&[1.0], &[0.1, 1.0], dt).unwrap_err();
            assert!(matches!(err, SynapseError::InvalidDt(v) if v.to_bits() == dt.to_bits()));
        }
    }

    #[test]
    fn extreme_coefficients_discretize_or_err_but_never_hang() {
        // Each of these made nalgebra's exp loop for ever (its number of
        // squarings came from an overflowing norm).
        let cases: [(&[f64], &[f64], f64); 6] = [
            (&[1.0], &[1e-50, 1.0], DT),
            (&[1.0], &[1e-100, 2e-50, 1.0], DT),
            (&[1.0], &[0.005, 1.0], 1e44),
            (&[1.0, 0.0], &[1e-30, 1e-20, 1.0], 1.0),
            (&[1.0], &[1.0, 1e-200, 1e200], DT),
            (&[1.0], &[1.0, -1e10], DT),
        ];
        for (num, den, dt) in cases {
            match discretize(num, den, dt) {
                Ok(f) => {
                    let y = f.filt(&[1.0; 4]);
                    assert!(y.iter().all(|v| v.is_finite()), "{num:?}/{den:?}: {y:?}");
                }
                Err(e) => assert!(
                    matches!(e, SynapseError::InvalidTransferFunction { .. }),
                    "{num:?}/{den:?}: {e:?}"
                ),
            }
        }
        // The first is Lowpass(1e-50): a pass-through to rounding.
        let y = discretize(&[1.0], &[1e-50, 1.0], DT)
            .unwrap()
            .filt(&[1.0, 2.0]);
        assert!(
            (y[0] - 1.0).abs() < 1e-14 && (y[1] - 2.0).abs() < 1e-14,
            "{y:?}"
        );
    }

    #[test]
    fn an_unstable_filter_that_overflows_in_one_step_says_so() {
        // A pole at +1e10 over one step grows by e^(1e7).
        let err = discretize(&[1.0], &[1.0, -1e10], DT).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("not finite") && text.contains("grows"),
            "{text}"
        );
    }
}
