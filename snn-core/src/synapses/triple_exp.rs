//! The triple-exponential synapse: one rise time and a mix of a fast and a
//! slow decay.

use super::linear_filter::{check_time_constant, LinearFilter};
use super::{DiscreteFilter, Synapse};
use crate::error::SynapseError;

/// Triple-exponential filter: a current that rises with `tau_rise` and
/// decays as a mix of a fast (`tau_fast`, weight `a`) and a slow
/// (`tau_slow`, weight `1 - a`) exponential. Times in seconds.
///
/// The impulse response is `h(t) = g(t) / G(0)` for `t >= 0` with
///
/// `g(t) = (1 - exp(-t/tau_rise)) (a exp(-t/tau_fast) + (1 - a) exp(-t/tau_slow))`,
///
/// normalized to unit area, so the filter has unit DC gain.
///
/// # Transfer function
///
/// With the rates `kr = 1/tau_rise`, `kf = 1/tau_fast`, `ks = 1/tau_slow`,
/// expanding the product gives four exponentials,
///
/// `g(t) = a e^{-kf t} - a e^{-(kf+kr) t} + (1-a) e^{-ks t} - (1-a) e^{-(ks+kr) t}`.
///
/// Each `e^{-c t}` transforms to `1 / (s + c)`, and each pair sharing a
/// weight combines as `1/(s + c) - 1/(s + c + kr) = kr / ((s + c)(s + c + kr))`:
///
/// `G(s) = kr [a / ((s+kf)(s+kf+kr)) + (1-a) / ((s+ks)(s+ks+kr))] = kr N(s) / D(s)`,
///
/// `N(s) = a (s+ks)(s+ks+kr) + (1-a)(s+kf)(s+kf+kr)`,
/// `D(s) = (s+kf)(s+kf+kr)(s+ks)(s+ks+kr)`.
///
/// The area is `G(0) = kr N(0) / D(0) > 0`, so
/// `H(s) = G(s) / G(0) = (D(0) / N(0)) N(s) / D(s)`: a quadratic over a
/// quartic, built by multiplying out these factors.
///
/// # Coincident time constants
///
/// Nothing above divides by a difference of rates, so the formula is exact
/// for every choice of positive time constants; no combination degenerates
/// or is rejected. Coincidences only make poles repeat (for
/// `kr + kf = ks`, `-ks` is a double root of `D`), and the `t e^{-ct}` terms
/// they bring are the exact limit of `h`. Where `N` shares a factor with
/// `D` it is cancelled when that is known exactly: for `a = 1`, `a = 0` or
/// `tau_fast == tau_slow`, `H` reduces to the second-order
/// `1 / ((tau s + 1)(tau' s + 1))` with `tau` the surviving decay and
/// `tau' = 1 / (kr + 1/tau)` (a [`DoubleExp`](super::DoubleExp)); the
/// single shared root when `kr + kf = ks` or `kr + ks = kf` is left in
/// place, a stable unobservable mode that does not change the output.
///
/// Time constants must be positive and finite and `0 <= a <= 1`. Cost: one
/// 5 × 5 matrix exponential (3 × 3 when reduced), then 4 (or 2) states per
/// dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TripleExp {
    /// Rise time constant, in seconds.
    pub tau_rise: f64,
    /// Time constant of the fast decay, in seconds.
    pub tau_fast: f64,
    /// Time constant of the slow decay, in seconds.
    pub tau_slow: f64,
    /// Weight of the fast decay, in `[0, 1]`; the slow one has `1 - a`.
    pub a: f64,
}

/// `(s + c)(s + c + kr)` in descending powers of `s`.
fn pair(c: f64, kr: f64) -> [f64; 3] {
    [1.0, 2.0 * c + kr, c * (c + kr)]
}

/// The product of two quadratics, descending powers.
fn quartic(p: [f64; 3], q: [f64; 3]) -> Vec<f64> {
    let mut out = vec![0.0; 5];
    for (i, pi) in p.iter().enumerate() {
        for (j, qj) in q.iter().enumerate() {
            out[i + j] += pi * qj;
        }
    }
    out
}

impl TripleExp {
    /// Checks the parameters and returns the continuous transfer function
    /// `H(s)` derived above (second order when a decay drops out).
    pub fn transfer_function(&self) -> Result<LinearFilter, SynapseError> {
        let name = "TripleExp";
        check_time_constant(name, "tau_rise", self.tau_rise)?;
        check_time_constant(name, "tau_fast", self.tau_fast)?;
        check_time_constant(name, "tau_slow", self.tau_slow)?;
        if !(0.0..=1.0).contains(&self.a) {
            return Err(SynapseError::InvalidParameter {
                synapse: name,
                name: "a",
                value: self.a,
                reason: "the weight of the fast decay must lie in [0, 1]",
            });
        }
        let a = self.a;
        let (kr, kf, ks) = (
            1.0 / self.tau_rise,
            1.0 / self.tau_fast,
            1.0 / self.tau_slow,
        );
        let only = if a == 1.0 || self.tau_fast == self.tau_slow {
            Some(self.tau_fast)
        } else if a == 0.0 {
            Some(self.tau_slow)
        } else {
            None
        };
        if let Some(tau) = only {
            let tau2 = 1.0 / (kr + 1.0 / tau);
            return Ok(LinearFilter::new(
                vec![1.0],
                vec![tau * tau2, tau + tau2, 1.0],
            ));
        }
        let (fast, slow) = (pair(kf, kr), pair(ks, kr));
        let n: Vec<f64> = (0..3).map(|i| a * slow[i] + (1.0 - a) * fast[i]).collect();
        let den = quartic(fast, slow);
        let gain = den[4] / n[2];
        Ok(LinearFilter::new(n.iter().map(|v| v * gain).collect(), den))
    }
}

impl Synapse for TripleExp {
    fn name(&self) -> &'static str {
        "TripleExp"
    }

    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        self.transfer_function()?.discretize(dt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synapses::DoubleExp;

    const DT: f64 = 0.001;

    fn triple(tau_rise: f64, tau_fast: f64, tau_slow: f64, a: f64) -> TripleExp {
        TripleExp {
            tau_rise,
            tau_fast,
            tau_slow,
            a,
        }
    }

    /// The exact unit step response, integrated term by term from the four
    /// exponentials (valid for coincident time constants too).
    fn step_response(p: &TripleExp, t: f64) -> f64 {
        let (kr, kf, ks) = (1.0 / p.tau_rise, 1.0 / p.tau_fast, 1.0 / p.tau_slow);
        let terms = [
            (p.a, kf),
            (-p.a, kf + kr),
            (1.0 - p.a, ks),
            (p.a - 1.0, ks + kr),
        ];
        let area: f64 = terms.iter().map(|(c, k)| c / k).sum();
        let integral: f64 = terms.iter().map(|(c, k)| c * -(-k * t).exp_m1() / k).sum();
        integral / area
    }

    fn assert_step_response_exact(p: TripleExp, steps: usize, tol: f64) {
        let y = p.discretize(DT).unwrap().filt(&vec![1.0; steps]);
        for (k, yk) in y.into_iter().enumerate() {
            let expected = step_response(&p, (k + 1) as f64 * DT);
            assert!(
                (yk - expected).abs() < tol,
                "{p:?} k={k}: {yk} vs {expected}"
            );
        }
    }

    #[test]
    fn triple_exp_step_response_matches_integral_of_impulse_response() {
        for p in [
            triple(0.0005, 0.004, 0.05, 0.7),
            triple(0.001, 0.002, 0.02, 0.3),
            triple(0.002, 0.01, 0.1, 0.5),
            triple(0.003, 0.05, 0.005, 0.9),
        ] {
            assert_eq!(p.discretize(DT).unwrap().order(), 4);
            assert_step_response_exact(p, 600, 1e-10);
        }
    }

    #[test]
    fn triple_exp_handles_rise_plus_fast_rate_equal_to_slow_rate() {
        // 1/0.002 + 1/0.004 = 1/tau_slow exactly: a double pole at -1/tau_slow
        // and one pole-zero cancellation. So does the mirrored case.
        let coincident = [
            triple(0.002, 0.004, 1.0 / 750.0, 0.4),
            triple(0.002, 1.0 / 750.0, 0.004, 0.4),
        ];
        for p in coincident {
            assert_step_response_exact(p, 300, 1e-10);
        }
    }

    #[test]
    fn triple_exp_with_one_decay_is_a_double_exp() {
        let (tr, tf, ts) = (0.001, 0.004, 0.03);
        let tau2 = |tau: f64| 1.0 / (1.0 / tr + 1.0 / tau);
        let cases = [
            (triple(tr, tf, ts, 1.0), DoubleExp(tf, tau2(tf))),
            (triple(tr, tf, ts, 0.0), DoubleExp(ts, tau2(ts))),
            (triple(tr, tf, tf, 0.4), DoubleExp(tf, tau2(tf))),
        ];
        for (p, d) in cases {
            let ours = p.discretize(DT).unwrap();
            assert_eq!(ours.order(), 2, "{p:?}");
            assert_eq!(ours, d.discretize(DT).unwrap(), "{p:?}");
            assert_step_response_exact(p, 300, 1e-12);
        }
    }

    #[test]
    fn triple_exp_has_unit_dc_gain() {
        let tf = triple(0.0005, 0.004, 0.05, 0.7)
            .transfer_function()
            .unwrap();
        let dc = tf.num().last().unwrap() / tf.den().last().unwrap();
        assert!((dc - 1.0).abs() < 1e-14, "{dc}");
        let y = triple(0.0005, 0.004, 0.05, 0.7)
            .discretize(DT)
            .unwrap()
            .filt(&[-3.0; 2000]);
        assert!((y.last().unwrap() + 3.0).abs() < 1e-9, "{:?}", y.last());
    }

    #[test]
    fn triple_exp_rejects_bad_time_constants() {
        for bad in [0.0, -0.01, f64::NAN, f64::INFINITY] {
            let cases = [
                (triple(bad, 0.004, 0.05, 0.5), "tau_rise"),
                (triple(0.001, bad, 0.05, 0.5), "tau_fast"),
                (triple(0.001, 0.004, bad, 0.5), "tau_slow"),
            ];
            for (p, name) in cases {
                let err = p.discretize(DT).unwrap_err();
                assert!(
                    matches!(
                        err,
                        SynapseError::InvalidTimeConstant { synapse: "TripleExp", name: n, value }
                            if n == name && value.to_bits() == bad.to_bits()
                    ),
                    "{p:?}: {err:?}"
                );
            }
        }
    }

    #[test]
    fn triple_exp_rejects_a_outside_unit_interval() {
        for a in [-0.1, 1.0 + 1e-12, f64::NAN, f64::INFINITY] {
            let err = triple(0.001, 0.004, 0.05, a)
                .transfer_function()
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    SynapseError::InvalidParameter { synapse: "TripleExp", name: "a", value, .. }
                        if value.to_bits() == a.to_bits()
                ),
                "a={a}: {err:?}"
            );
        }
    }
}
