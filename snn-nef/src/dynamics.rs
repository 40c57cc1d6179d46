//! The third NEF principle: mapping a desired dynamical system onto the
//! recurrent and input connections of an ensemble, given the synapse that
//! filters them.
//!
//! A recurrent connection through a synapse `H(s)` does not integrate; it
//! filters. To make an ensemble follow `dx/dt = A x + B u`, the recurrent
//! transform `A'` and the input transform `B'` must undo the filter. For a
//! synapse whose transfer function is all-pole,
//! `H(s) = 1 / (c_0 + c_1 s + … + c_k s^k)` with `c_0 = 1`, the mapping is
//! (Voelker & Eliasmith 2018, "Improving spiking dynamical networks")
//! `A' = sum_i c_i A^i` and `B'_j = sum_{i>j} c_i A^(i-j-1) B`, where `B'_j`
//! multiplies the `j`-th time derivative of `u` (only `B'_0` is needed for
//! slowly varying input). For `Lowpass(tau)` this is the classic
//! `A' = tau A + I`, `B' = tau B`.

use crate::error::BuildError;
use crate::finite;
use nalgebra::DMatrix;
use snn_core::synapses::LinearFilter;

/// A linear time-invariant system `dx/dt = A x + B u`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearSystem {
    /// State matrix, `n × n`.
    pub a: DMatrix<f64>,
    /// Input matrix, `n × m`.
    pub b: DMatrix<f64>,
}

/// Transforms that make a recurrently connected ensemble follow a system.
#[derive(Debug, Clone, PartialEq)]
pub struct SynapseMapping {
    /// Transform of the recurrent connection, `n × n`.
    pub recurrent_transform: DMatrix<f64>,
    /// Transform of the input connection, `n × m` (multiplies `u`).
    pub input_transform: DMatrix<f64>,
    /// Transforms for the derivatives of the input: entry `j` multiplies
    /// `d^(j+1) u / dt^(j+1)`. Empty for first-order synapses.
    pub input_derivatives: Vec<DMatrix<f64>>,
}

/// The name errors of a system give it (it is not an object of a network).
const OBJECT: &str = "linear system";

fn invalid(reason: String) -> BuildError {
    BuildError::InvalidParameter {
        object: OBJECT.into(),
        param: "synapse",
        value: "the given transfer function".into(),
        reason,
    }
}

impl LinearSystem {
    /// A system from its matrices; `A` must be square, `B` have as many rows,
    /// and both be finite.
    ///
    /// # Errors
    /// [`BuildError::Shape`] for the shapes, [`BuildError::NonFinite`]
    /// naming `A` or `B`, the entry and its value.
    pub fn new(a: DMatrix<f64>, b: DMatrix<f64>) -> Result<Self, BuildError> {
        let sys = Self { a, b };
        sys.check()?;
        Ok(sys)
    }

    /// The checks of [`new`](Self::new), run again by every mapping because
    /// the fields are public and may have been set without it.
    fn check(&self) -> Result<(), BuildError> {
        let (a, b) = (&self.a, &self.b);
        let shape = |what: &str, expected: String, m: &DMatrix<f64>| BuildError::Shape {
            object: OBJECT.into(),
            what: what.into(),
            expected,
            got: format!("{}×{}", m.nrows(), m.ncols()),
        };
        if a.nrows() != a.ncols() || a.nrows() == 0 {
            return Err(shape("A", "square and non-empty".into(), a));
        }
        if b.nrows() != a.nrows() {
            return Err(shape("B", format!("{} rows", a.nrows()), b));
        }
        finite::check_matrix(OBJECT, "A", a)?;
        finite::check_matrix(OBJECT, "B", b)
    }

    /// The mapping for `Lowpass(tau)`: `A' = tau A + I`, `B' = tau B`.
    pub fn map_lowpass(&self, tau: f64) -> Result<SynapseMapping, BuildError> {
        if !(tau.is_finite() && tau > 0.0) {
            return Err(invalid(format!("tau = {tau} must be positive and finite")));
        }
        self.map_synapse(&LinearFilter::new(vec![1.0], vec![tau, 1.0]))
    }

    /// The mapping for `Lowpass(tau)` stepped at `dt`, exact for the
    /// simulator's discretized filter: with `a = exp(-dt/tau)` and the
    /// zero-order-hold system `x[k+1] = Ad x[k] + Bd u[k]`,
    /// `A' = (Ad - a I) / (1 - a)`, `B' = Bd / (1 - a)`. Closer than
    /// [`map_lowpass`](Self::map_lowpass) when `dt` is not small against the
    /// system's time scales.
    pub fn map_lowpass_discrete(&self, tau: f64, dt: f64) -> Result<SynapseMapping, BuildError> {
        self.check()?;
        if !(tau.is_finite() && tau > 0.0 && dt.is_finite() && dt > 0.0) {
            return Err(invalid(format!(
                "tau = {tau} and dt = {dt} must be positive and finite"
            )));
        }
        let (n, m) = (self.a.nrows(), self.b.ncols());
        let mut aug = DMatrix::zeros(n + m, n + m);
        aug.view_mut((0, 0), (n, n)).copy_from(&(&self.a * dt));
        aug.view_mut((0, n), (n, m)).copy_from(&(&self.b * dt));
        let e = aug.exp();
        let ad = e.view((0, 0), (n, n)).into_owned();
        let bd = e.view((0, n), (n, m)).into_owned();
        let a = (-dt / tau).exp();
        if a == 1.0 {
            // dt / tau below the f64 resolution: `1 - a` is 0 and the
            // mapping would divide by it.
            return Err(invalid(format!(
                "dt = {dt} is too small against tau = {tau} (dt / tau rounds exp(-dt/tau) to 1)"
            )));
        }
        SynapseMapping {
            recurrent_transform: (ad - DMatrix::identity(n, n) * a) / (1.0 - a),
            input_transform: bd / (1.0 - a),
            input_derivatives: Vec::new(),
        }
        .checked()
    }

    /// The general mapping for an all-pole synapse `H(s) = g / den(s)` (the
    /// numerator a constant; normalized so `H(0) = 1`).
    pub fn map_synapse(&self, synapse: &LinearFilter) -> Result<SynapseMapping, BuildError> {
        self.check()?;
        let num: Vec<f64> = synapse
            .num()
            .iter()
            .copied()
            .skip_while(|v| *v == 0.0)
            .collect();
        let den: Vec<f64> = synapse
            .den()
            .iter()
            .copied()
            .skip_while(|v| *v == 0.0)
            .collect();
        if num.len() != 1 || den.is_empty() || den.iter().chain(&num).any(|v| !v.is_finite()) {
            return Err(invalid(
                "the mapping needs an all-pole transfer function g / den(s) with finite coefficients".into(),
            ));
        }
        let dc = den[den.len() - 1] / num[0];
        if !(dc.is_finite() && dc != 0.0) {
            return Err(invalid("the synapse has no DC gain (den(0) = 0)".into()));
        }
        // c_i: coefficients of 1/H(s) in ascending powers of s, scaled so c_0 = 1.
        let c: Vec<f64> = den.iter().rev().map(|v| v / num[0] / dc).collect();
        let n = self.a.nrows();
        let mut recurrent = DMatrix::zeros(n, n);
        let mut power = DMatrix::identity(n, n);
        let mut powers = Vec::with_capacity(c.len());
        for ci in &c {
            recurrent += &power * *ci;
            powers.push(power.clone());
            power = &power * &self.a;
        }
        // B'_j = sum_{i > j} c_i A^(i-j-1) B, scaled by the DC gain so a unit
        // input keeps its meaning.
        let k = c.len() - 1;
        let mut inputs: Vec<DMatrix<f64>> = (0..k.max(1))
            .map(|j| {
                let mut sum = DMatrix::zeros(n, self.b.ncols());
                for (i, ci) in c.iter().enumerate().skip(j + 1) {
                    sum += &powers[i - j - 1] * &self.b * *ci;
                }
                sum / dc
            })
            .collect();
        let input = inputs.remove(0);
        SynapseMapping {
            recurrent_transform: recurrent,
            input_transform: input,
            input_derivatives: inputs,
        }
        .checked()
    }
}

impl SynapseMapping {
    /// Refuses a mapping that overflowed (finite but huge `A`, `B` or synapse
    /// coefficients, whose powers and products pass `f64::MAX`), naming the
    /// transform and the entry instead of handing on infinities.
    fn checked(self) -> Result<Self, BuildError> {
        finite::check_matrix(
            OBJECT,
            "mapped recurrent transform",
            &self.recurrent_transform,
        )?;
        finite::check_matrix(OBJECT, "mapped input transform", &self.input_transform)?;
        for (j, m) in self.input_derivatives.iter().enumerate() {
            let what = format!("mapped transform of input derivative {}", j + 1);
            finite::check_matrix(OBJECT, &what, m)?;
        }
        Ok(self)
    }
}

/// The recurrent function for nonlinear dynamics `dx/dt = f(x) + u` through
/// `Lowpass(tau)`: `g(x) = tau f(x) + x`, with the input entering through
/// the transform `tau`.
///
/// `f` must return one value per state variable; if it does not, the
/// returned function passes `f`'s output on as it is, so connecting it is a
/// [`BuildError::Shape`] naming the function's output size and the size
/// expected (never a silently truncated or padded state).
pub fn nonlinear_lowpass(
    tau: f64,
    f: impl Fn(&[f64]) -> Vec<f64> + Send + Sync + 'static,
) -> impl Fn(&[f64]) -> Vec<f64> + Send + Sync + 'static {
    move |x| {
        let fx = f(x);
        if fx.len() != x.len() {
            // `tau f(x) + x` needs one value of `f` per state variable. Handing
            // `f`'s output on unchanged makes the connection see its true
            // size and refuse it (a `BuildError::Shape` naming both sizes)
            // instead of dropping or inventing values.
            return fx;
        }
        fx.iter().zip(x).map(|(fx, xi)| tau * fx + xi).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oscillator(w: f64) -> LinearSystem {
        LinearSystem::new(
            DMatrix::from_row_slice(2, 2, &[0.0, -w, w, 0.0]),
            DMatrix::identity(2, 2),
        )
        .unwrap()
    }

    #[test]
    fn lowpass_mapping_is_tau_a_plus_identity() {
        let m = oscillator(2.0).map_lowpass(0.1).unwrap();
        assert_eq!(
            m.recurrent_transform,
            DMatrix::from_row_slice(2, 2, &[1.0, -0.2, 0.2, 1.0])
        );
        assert_eq!(m.input_transform, DMatrix::identity(2, 2) * 0.1);
        assert!(m.input_derivatives.is_empty());
    }

    #[test]
    fn alpha_mapping_squares_the_lowpass_polynomial() {
        // 1/H(s) = (tau s + 1)^2 = 1 + 2 tau s + tau^2 s^2.
        let tau = 0.05;
        let sys = oscillator(3.0);
        let alpha = LinearFilter::new(vec![1.0], vec![tau * tau, 2.0 * tau, 1.0]);
        let m = sys.map_synapse(&alpha).unwrap();
        let i = DMatrix::identity(2, 2);
        let expected = &i + &sys.a * (2.0 * tau) + &sys.a * &sys.a * (tau * tau);
        assert!((m.recurrent_transform - expected).norm() < 1e-12);
        let b0 = (&i * (2.0 * tau) + &sys.a * (tau * tau)) * &sys.b;
        assert!((m.input_transform - b0).norm() < 1e-12);
        assert!((&m.input_derivatives[0] - &sys.b * (tau * tau)).norm() < 1e-12);
    }

    #[test]
    fn discrete_lowpass_mapping_approaches_the_continuous_one_as_dt_shrinks() {
        let sys = oscillator(2.0 * std::f64::consts::PI);
        let cont = sys.map_lowpass(0.1).unwrap();
        let fine = sys.map_lowpass_discrete(0.1, 1e-6).unwrap();
        assert!((&fine.recurrent_transform - &cont.recurrent_transform).norm() < 1e-4);
        assert!((&fine.input_transform - &cont.input_transform).norm() < 1e-4);
        // An integrator (A = 0) maps exactly to identity at any dt.
        let int = LinearSystem::new(DMatrix::zeros(1, 1), DMatrix::identity(1, 1)).unwrap();
        let m = int.map_lowpass_discrete(0.1, 0.001).unwrap();
        assert!((m.recurrent_transform[(0, 0)] - 1.0).abs() < 1e-12);
        let a = (-0.01f64).exp();
        assert!((m.input_transform[(0, 0)] - 0.001 / (1.0 - a)).abs() < 1e-12);
    }

    #[test]
    fn nonlinear_mapping_adds_tau_f_to_identity() {
        let g = nonlinear_lowpass(0.1, |x| vec![-x[0]]);
        assert_eq!(g(&[2.0]), vec![2.0 - 0.2]);
    }

    #[test]
    fn a_nan_in_a_linear_system_names_the_matrix_entry_and_value() {
        let b = DMatrix::from_row_slice(2, 1, &[1.0, f64::INFINITY]);
        match LinearSystem::new(DMatrix::zeros(2, 2), b) {
            Err(BuildError::NonFinite {
                object,
                parameter,
                index,
                value,
            }) => {
                assert_eq!(
                    (object.as_str(), parameter.as_str()),
                    ("linear system", "B")
                );
                assert_eq!((index, value), ((1, 0), f64::INFINITY));
            }
            other => panic!("expected NonFinite, got {other:?}"),
        }
    }

    #[test]
    fn a_linear_system_set_by_its_public_fields_is_checked_by_every_mapping() {
        let mut sys = oscillator(1.0);
        sys.a[(0, 1)] = f64::NAN;
        let nan_in_a = |r: Result<SynapseMapping, BuildError>| {
            matches!(r, Err(BuildError::NonFinite { ref parameter, index: (0, 1), value, .. })
                if parameter == "A" && value.is_nan())
        };
        assert!(nan_in_a(sys.map_lowpass(0.1)));
        assert!(nan_in_a(sys.map_lowpass_discrete(0.1, 0.001)));
        let ragged = LinearSystem {
            a: DMatrix::zeros(2, 2),
            b: DMatrix::zeros(3, 1),
        };
        assert!(matches!(
            ragged.map_lowpass(0.1),
            Err(BuildError::Shape { ref what, .. }) if what == "B"
        ));
    }

    #[test]
    fn a_mapping_that_overflows_is_refused_not_handed_on_as_infinity() {
        // A' = I + 2 tau A + tau^2 A^2: A^2 of entries 1e200 is 2e400 > f64::MAX.
        let sys =
            LinearSystem::new(DMatrix::from_element(2, 2, 1e200), DMatrix::identity(2, 2)).unwrap();
        let alpha = LinearFilter::new(vec![1.0], vec![0.01, 0.2, 1.0]);
        match sys.map_synapse(&alpha) {
            Err(BuildError::NonFinite {
                parameter, value, ..
            }) => {
                assert_eq!(parameter, "mapped recurrent transform");
                assert!(value.is_infinite());
            }
            other => panic!("expected NonFinite, got {other:?}"),
        }
        // The discrete mapping's matrix exponential of 1e200 dt overflows too.
        assert!(matches!(
            sys.map_lowpass_discrete(0.1, 0.001),
            Err(BuildError::NonFinite { .. })
        ));
    }

    #[test]
    fn a_discrete_mapping_with_dt_below_the_resolution_of_tau_is_refused() {
        // exp(-1e-20) rounds to 1, so 1 - a = 0 and the mapping would be inf.
        assert_eq!((-1e-20f64).exp(), 1.0);
        let err = oscillator(1.0)
            .map_lowpass_discrete(1.0, 1e-20)
            .unwrap_err();
        assert!(
            matches!(&err, BuildError::InvalidParameter { param: "synapse", reason, .. }
                if reason.contains("dt = 0.00000000000000000001")),
            "{err}"
        );
    }

    #[test]
    fn bad_systems_and_synapses_are_errors() {
        assert!(LinearSystem::new(DMatrix::zeros(2, 3), DMatrix::zeros(2, 1)).is_err());
        assert!(LinearSystem::new(DMatrix::zeros(2, 2), DMatrix::zeros(3, 1)).is_err());
        assert!(
            LinearSystem::new(DMatrix::from_element(1, 1, f64::NAN), DMatrix::zeros(1, 1)).is_err()
        );
        let sys = oscillator(1.0);
        assert!(sys.map_lowpass(0.0).is_err());
        assert!(sys.map_lowpass_discrete(0.1, -1.0).is_err());
        let zero = LinearFilter::new(vec![1.0, 0.0], vec![1.0, 1.0]);
        assert!(
            sys.map_synapse(&zero).is_err(),
            "a zero in the numerator is not all-pole"
        );
        let integrator = LinearFilter::new(vec![1.0], vec![1.0, 0.0]);
        assert!(sys.map_synapse(&integrator).is_err(), "no DC gain");
    }
}
