//! The checks of an ensemble's description, made when it is declared
//! (`Network::ensemble`) so a mistake is reported where it is made.

use super::Ensemble;
use crate::direct::is_direct;
use crate::error::BuildError;
use crate::finite;
use crate::limits::check_elements;
use crate::samples::Samples;
use snn_core::neurons::NeuronType;

/// An [`BuildError::InvalidParameter`] of ensemble `object`.
pub(crate) use crate::error::invalid_parameter as invalid;

fn check_rows(name: &str, what: &str, s: &Samples, n: usize, d: usize) -> Result<(), BuildError> {
    if let Some(e) = s.ragged_error(name, what) {
        return Err(e);
    }
    if let Samples::Values(m) = s {
        if m.nrows() != n || m.ncols() != d {
            return Err(BuildError::Shape {
                object: name.to_string(),
                what: what.to_string(),
                expected: format!("{n}×{d}"),
                got: format!("{}×{}", m.nrows(), m.ncols()),
            });
        }
        finite::check_matrix(name, what, m)?;
    }
    Ok(())
}

impl Ensemble {
    /// Checks what can be checked when the ensemble is declared under the
    /// full name `name` (named in every error): sizes, radius, neuron type
    /// parameters, given values' shapes and finiteness, evaluation points
    /// and initial state variables. What needs the drawn values (encoder
    /// lengths, `f32` range of gains) is checked by the build.
    pub(crate) fn validate(&self, name: &str) -> Result<(), BuildError> {
        check_ensemble(name, self)?;
        if let Some(noise) = &self.noise {
            noise.check().map_err(|source| BuildError::Process {
                object: format!("ensemble `{name}` (its noise)"),
                source,
            })?;
        }
        Ok(())
    }
}

fn check_ensemble(name: &str, ens: &Ensemble) -> Result<(), BuildError> {
    let (n, d) = (ens.n_neurons, ens.dimensions);
    if is_direct(ens.neuron_type.as_ref()) {
        return check_direct(name, ens);
    }
    if n == 0 {
        return Err(invalid(
            name,
            "n_neurons",
            0,
            "an ensemble needs at least one neuron",
        ));
    }
    check_value_space(name, ens)?;
    check_elements(name, "neurons", n, 1)?;
    check_elements(name, "encoders", n, d)?;
    ens.neuron_type
        .validate()
        .map_err(|source| BuildError::Neuron {
            ensemble: name.to_string(),
            source,
        })?;
    check_rows(name, "max_rates", &ens.max_rates, n, 1)?;
    check_rows(name, "intercepts", &ens.intercepts, n, 1)?;
    check_rows(name, "encoders", &ens.encoders, n, d)?;
    for (variable, values) in &ens.initial_state {
        state_index(name, ens.neuron_type.as_ref(), variable)?;
        let what = format!("initial_state `{variable}`");
        if let Some(e) = values.ragged_error(name, &what) {
            return Err(e);
        }
        if let Samples::Values(m) = values {
            if m.nrows() != n || m.ncols() != 1 {
                return Err(BuildError::Shape {
                    object: name.to_string(),
                    what,
                    expected: format!("{n}×1 (one value per neuron)"),
                    got: format!("{}×{}", m.nrows(), m.ncols()),
                });
            }
            check_state_values(name, variable, m.as_slice())?;
        }
    }
    if let Some((g, b)) = &ens.gain_bias {
        if g.len() != n || b.len() != n {
            return Err(BuildError::Shape {
                object: name.to_string(),
                what: "gain and bias".into(),
                expected: format!("{n} values each"),
                got: format!("{} and {}", g.len(), b.len()),
            });
        }
        finite::check_values(name, "gain", g)?;
        finite::check_values(name, "bias", b)?;
    }
    Ok(())
}

/// What every ensemble needs of the space it represents, direct-mode ones
/// too (their value and evaluation points are used): at least one
/// dimension, sizes that fit, a positive finite radius and sound
/// evaluation points.
fn check_value_space(name: &str, ens: &Ensemble) -> Result<(), BuildError> {
    let d = ens.dimensions;
    if d == 0 {
        return Err(invalid(
            name,
            "dimensions",
            0,
            "an ensemble represents at least one dimension",
        ));
    }
    check_elements(name, "dimensions", d, 1)?;
    check_elements(name, "evaluation points", ens.eval_point_count(), d)?;
    if !(ens.radius.is_finite() && ens.radius > 0.0) {
        return Err(invalid(
            name,
            "radius",
            ens.radius,
            "must be positive and finite",
        ));
    }
    check_eval_points(name, ens)
}

/// The evaluation points' count, rows, shape and values.
fn check_eval_points(name: &str, ens: &Ensemble) -> Result<(), BuildError> {
    let d = ens.dimensions;
    if ens.n_eval_points == Some(0) {
        return Err(invalid(name, "n_eval_points", 0, "must be at least 1"));
    }
    if let Some(e) = ens.eval_points.ragged_error(name, "eval_points") {
        return Err(e);
    }
    if let Samples::Values(m) = &ens.eval_points {
        finite::check_points(name, m)?;
        if m.ncols() != d || m.nrows() == 0 {
            return Err(BuildError::Shape {
                object: name.to_string(),
                what: "eval_points".into(),
                expected: format!("at least one row of {d} values"),
                got: format!("{}×{}", m.nrows(), m.ncols()),
            });
        }
    }
    Ok(())
}

/// The checks of a direct-mode ensemble: its neuron count and tuning are
/// unused (as in Nengo), but its value and evaluation points are not, and
/// it has no state to start from.
fn check_direct(name: &str, ens: &Ensemble) -> Result<(), BuildError> {
    check_value_space(name, ens)?;
    if let Some((variable, _)) = ens.initial_state.first() {
        return Err(invalid(
            name,
            "initial_state",
            format!("`{variable}`"),
            "a Direct-mode ensemble has no neurons, so no state to start from",
        ));
    }
    Ok(())
}

/// The index of state variable `variable` of `neuron_type`, or an error
/// naming the ensemble, the variable and the ones that exist.
pub(crate) fn state_index(
    name: &str,
    neuron_type: &dyn NeuronType,
    variable: &str,
) -> Result<usize, BuildError> {
    let names = neuron_type.state_names();
    names.iter().position(|s| *s == variable).ok_or_else(|| {
        let has = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        invalid(
            name,
            "initial_state",
            format!("`{variable}`"),
            &format!(
                "{} has no state variable `{variable}`; its state variables: {has}",
                neuron_type.name()
            ),
        )
    })
}

/// Refuses initial state values that are not finite
/// ([`BuildError::NonFinite`]), or finite but past the range of the
/// simulator's `f32` (`|v| > f32::MAX`, which would store as infinity).
pub(crate) fn check_state_values(
    name: &str,
    variable: &str,
    values: &[f64],
) -> Result<(), BuildError> {
    finite::check_values(name, &format!("initial_state.{variable}"), values)?;
    match values.iter().position(|&v| !(v as f32).is_finite()) {
        Some(i) => Err(invalid(
            name,
            "initial_state",
            values[i],
            &format!("`{variable}` of neuron {i} is beyond the f32 range of the simulator's state"),
        )),
        None => Ok(()),
    }
}
