//! The triple-exponential synapse: one rise time and a mix of a fast and a
//! slow decay.

use super::linear_filter::{check_dt, check_time_constant, effective_tau, LinearFilter};
use super::{DiscreteFilter, DoubleExp, Synapse};
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
/// Time constants must be finite and non-negative and `0 <= a <= 1`. Cost: one
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
    /// `H(s)` derived above (second order when a decay drops out; a time
    /// constant of 0 is an instantaneous stage, see [`discretize`](Synapse::discretize)).
    pub fn transfer_function(&self) -> Result<LinearFilter, SynapseError> {
        self.check()?;
        match self.reduced(|tau| tau == 0.0) {
            Reduced::Filter(f) => Ok(f),
            Reduced::Double(d) => d.transfer_function(),
        }
    }

    fn check(&self) -> Result<(), SynapseError> {
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
        Ok(())
    }

    /// `H(s)` with every time constant that `gone` says is negligible taken
    /// to its limit 0 (parameters already checked):
    ///
    /// * both decays gone: every part of `h` ends within an instant, a gain of 1;
    /// * one decay gone: its term's area, `tau² / (tau + tau_rise)`, is 0,
    ///   so only the other decay is left (the `a = 0` or `a = 1` case);
    /// * the rise gone: `g(t) = a e^{-t/tf} + (1-a) e^{-t/ts}`, whose
    ///   normalized transform is
    ///   `(tf ts s + G0) / (G0 (tf ts s² + (tf + ts) s + 1))`,
    ///   `G0 = a tf + (1 - a) ts`; with one decay left, `Lowpass(tau)`.
    fn reduced(&self, gone: impl Fn(f64) -> bool) -> Reduced {
        let (tr, tf, ts) = (self.tau_rise, self.tau_fast, self.tau_slow);
        let (fast_gone, slow_gone) = (gone(tf), gone(ts));
        let mut a = self.a;
        // Nothing of `h` lasts beyond an instant once every weighted decay is gone.
        let fast_left = !fast_gone && a > 0.0;
        let slow_left = !slow_gone && a < 1.0;
        if !fast_left && !slow_left {
            return Reduced::Filter(LinearFilter::new(vec![1.0], vec![1.0]));
        }
        if fast_gone {
            a = 0.0;
        } else if slow_gone {
            a = 1.0;
        }
        let only = if a == 1.0 || tf == ts {
            Some(tf)
        } else if a == 0.0 {
            Some(ts)
        } else {
            None
        };
        if gone(tr) {
            if let Some(tau) = only {
                return Reduced::Filter(LinearFilter::new(vec![1.0], vec![tau, 1.0]));
            }
            let g0 = a * tf + (1.0 - a) * ts;
            return Reduced::Filter(LinearFilter::new(
                vec![tf * ts, g0],
                vec![g0 * tf * ts, g0 * (tf + ts), g0],
            ));
        }
        let (kr, kf, ks) = (1.0 / tr, 1.0 / tf, 1.0 / ts);
        if let Some(tau) = only {
            let tau2 = 1.0 / (kr + 1.0 / tau);
            return Reduced::Double(DoubleExp(tau, tau2));
        }
        let (fast, slow) = (pair(kf, kr), pair(ks, kr));
        let n: Vec<f64> = (0..3).map(|i| a * slow[i] + (1.0 - a) * fast[i]).collect();
        let den = quartic(fast, slow);
        let gain = den[4] / n[2];
        Reduced::Filter(LinearFilter::new(n.iter().map(|v| v * gain).collect(), den))
    }
}

/// A [`TripleExp`] reduced for its parameters: a transfer function, or,
/// with one decay left and a rise, a [`DoubleExp`] (discretized as a
/// cascade, which stays exact when its time constants are far apart).
enum Reduced {
    Filter(LinearFilter),
    Double(DoubleExp),
}

impl Synapse for TripleExp {
    fn name(&self) -> &'static str {
        "TripleExp"
    }

    /// Discretizes `H(s)` with time constants below `1e-8 dt` dropped
    /// (their exact limit, see `NEGLIGIBLE_TAU` in `linear_filter.rs`).
    fn discretize(&self, dt: f64) -> Result<DiscreteFilter, SynapseError> {
        self.check()?;
        check_dt(dt)?;
        match self.reduced(|tau| effective_tau(tau, dt) == 0.0) {
            Reduced::Filter(f) => f.discretize(dt),
            Reduced::Double(d) => d.discretize(dt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for bad in [-1e-300, -0.01, f64::NAN, f64::INFINITY] {
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

    /// The exact step response with the rise dropped:
    /// `(a tf (1 - e^{-t/tf}) + (1-a) ts (1 - e^{-t/ts})) / G0`.
    fn step_without_rise(tf: f64, ts: f64, a: f64, t: f64) -> f64 {
        let g0 = a * tf + (1.0 - a) * ts;
        (a * tf * -(-t / tf).exp_m1() + (1.0 - a) * ts * -(-t / ts).exp_m1()) / g0
    }

    #[test]
    fn triple_exp_with_a_negligible_rise_is_the_mix_of_two_lowpasses() {
        // 1e-50 made the matrix exponential loop forever.
        for tr in [0.0, 1e-50, 1e-300] {
            let p = triple(tr, 0.004, 0.05, 0.7);
            let y = p.discretize(DT).unwrap().filt(&[1.0; 300]);
            for (k, yk) in y.into_iter().enumerate() {
                let expected = step_without_rise(0.004, 0.05, 0.7, (k + 1) as f64 * DT);
                assert!(
                    (yk - expected).abs() < 1e-12,
                    "{p:?} k={k}: {yk} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn triple_exp_with_negligible_time_constants_never_hangs() {
        let dropped_fast = triple(0.001, 1e-50, 0.03, 0.5).discretize(DT).unwrap();
        let slow_only = triple(0.001, 0.004, 0.03, 0.0).discretize(DT).unwrap();
        assert_eq!(dropped_fast, slow_only);
        let dropped_slow = triple(0.001, 0.004, 1e-60, 0.5).discretize(DT).unwrap();
        let fast_only = triple(0.001, 0.004, 0.03, 1.0).discretize(DT).unwrap();
        assert_eq!(dropped_slow, fast_only);
        for (p, dt) in [
            (triple(1e-50, 1e-50, 1e-50, 0.5), DT),
            (triple(0.0, 0.0, 0.0, 0.2), DT),
            (triple(1e-50, 0.0, 1e-45, 1.0), DT),
            (triple(0.001, 0.004, 0.03, 0.5), 1e44),
        ] {
            let f = p.discretize(dt).unwrap();
            assert_eq!(
                f.filt(&[1.0, -2.0, 3.5]),
                vec![1.0, -2.0, 3.5],
                "{p:?} dt={dt}"
            );
        }
    }
}
