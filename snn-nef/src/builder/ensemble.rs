//! Building an ensemble: encoders, gains, biases and evaluation points.

use crate::direct::is_direct;
use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::finite;
use crate::limits::check_elements;
use crate::network::Entry;
use crate::rng::{derive_seed, rng_from_seed, NefRng};
use crate::samples::Samples;
use nalgebra::DMatrix;
use snn_core::neurons::{NeuronState, NeuronType};
use std::sync::Arc;

/// An ensemble after the build: everything its neurons and decoders need.
///
/// A direct-mode ensemble ([`Direct`](crate::Direct)) has identity
/// encoders, evaluation points, and no neurons: its gains, biases, max rates
/// and intercepts are empty. It is a node of the compiled network, not a
/// population, so population indices there skip direct-mode ensembles.
#[derive(Debug, Clone)]
pub struct BuiltEnsemble {
    /// The ensemble's full name.
    pub name: String,
    /// The neuron model.
    pub neuron_type: Arc<dyn NeuronType>,
    /// The represented vector's radius.
    pub radius: f64,
    /// Unit-length (if normalized) preferred directions, `n × d`.
    pub encoders: DMatrix<f64>,
    /// `encoders * gain / radius`, `n × d`: `J = scaled_encoders x + bias`.
    pub scaled_encoders: DMatrix<f64>,
    /// Gain of each neuron.
    pub gain: Vec<f64>,
    /// Bias current of each neuron.
    pub bias: Vec<f64>,
    /// Max rate of each neuron (Hz).
    pub max_rates: Vec<f64>,
    /// Intercept of each neuron.
    pub intercepts: Vec<f64>,
    /// Evaluation points, `m × d`, already scaled by the radius.
    pub eval_points: DMatrix<f64>,
    /// Neuron state at time 0.
    pub initial_state: NeuronState,
}

impl BuiltEnsemble {
    /// Scaled encoders in the simulator's neuron-major `f32` layout.
    pub(crate) fn scaled_encoders_f32(&self) -> Vec<f32> {
        let (n, d) = self.scaled_encoders.shape();
        let mut out = Vec::with_capacity(n * d);
        for i in 0..n {
            out.extend(self.scaled_encoders.row(i).iter().map(|&v| v as f32));
        }
        out
    }
}

fn invalid(object: &str, param: &'static str, value: impl ToString, reason: &str) -> BuildError {
    BuildError::InvalidParameter {
        object: object.to_string(),
        param,
        value: value.to_string(),
        reason: reason.to_string(),
    }
}

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

/// Checks what can be checked when the ensemble is declared.
pub(crate) fn check_ensemble(name: &str, ens: &Ensemble) -> Result<(), BuildError> {
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
        check_points(name, m)?;
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

/// Refuses evaluation points with a NaN or infinity (explicit ones, or
/// drawn ones scaled past the largest `f64` by a huge radius), naming
/// `owner`, the point (row), the coordinate (column) and the value, before
/// any function is blamed for them.
pub(crate) fn check_points(owner: &str, points: &DMatrix<f64>) -> Result<(), BuildError> {
    finite::check_matrix(owner, "eval_points", points)
}

/// The index of state variable `variable` of `neuron_type`, or an error
/// naming the ensemble, the variable and the ones that exist.
fn state_index(
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
fn check_state_values(name: &str, variable: &str, values: &[f64]) -> Result<(), BuildError> {
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

/// Refuses the first of `values` (one per neuron, or neuron-major rows of
/// `d`) that is past the `f32` range the simulator stores it in.
fn check_f32(
    name: &str,
    param: &'static str,
    values: impl Iterator<Item = f64>,
) -> Result<(), BuildError> {
    for (k, v) in values.enumerate() {
        if !(v as f32).is_finite() {
            return Err(invalid(
                name,
                param,
                v,
                &format!("value {k} (neuron-major) is beyond the f32 range the simulator runs in"),
            ));
        }
    }
    Ok(())
}

/// Scales each row of `m` to unit length; a zero row cannot be.
fn normalize_rows(name: &str, m: &mut DMatrix<f64>) -> Result<(), BuildError> {
    for i in 0..m.nrows() {
        let norm = m.row(i).norm();
        if !(norm > 0.0 && norm.is_finite()) {
            return Err(invalid(
                name,
                "encoders",
                format!("row {i} of norm {norm}"),
                "encoders need a non-zero finite length",
            ));
        }
        m.row_mut(i).unscale_mut(norm);
    }
    Ok(())
}

/// A direct-mode ensemble: identity encoders (its value is its input, as
/// Nengo's), no neurons, and evaluation points drawn as for any ensemble.
fn build_direct(entry: &Entry<Ensemble>, rng: &mut NefRng) -> Result<BuiltEnsemble, BuildError> {
    let ens = &entry.item;
    let name = entry.name.as_str();
    let d = ens.dimensions;
    let eval_points = ens
        .eval_points
        .draw(ens.eval_point_count(), d, rng, name, "eval_points")?
        * ens.radius;
    check_points(name, &eval_points)?;
    Ok(BuiltEnsemble {
        name: name.to_string(),
        neuron_type: ens.neuron_type.clone(),
        radius: ens.radius,
        encoders: DMatrix::identity(d, d),
        scaled_encoders: DMatrix::identity(d, d),
        gain: Vec::new(),
        bias: Vec::new(),
        max_rates: Vec::new(),
        intercepts: Vec::new(),
        eval_points,
        initial_state: NeuronState::zeros(0, 0),
    })
}

/// Builds an ensemble. Draws, in order, from one generator seeded by the
/// ensemble's seed: evaluation points, encoders, max rates, intercepts and
/// the initial neuron state.
pub(crate) fn build_ensemble(
    entry: &Entry<Ensemble>,
    scope_seed: u64,
) -> Result<BuiltEnsemble, BuildError> {
    let ens = &entry.item;
    let name = entry.name.as_str();
    let (n, d) = (ens.n_neurons, ens.dimensions);
    let mut rng = rng_from_seed(
        ens.seed
            .unwrap_or_else(|| derive_seed(scope_seed, entry.ordinal)),
    );
    if is_direct(ens.neuron_type.as_ref()) {
        return build_direct(entry, &mut rng);
    }

    let eval_points =
        ens.eval_points
            .draw(ens.eval_point_count(), d, &mut rng, name, "eval_points")?
            * ens.radius;
    check_points(name, &eval_points)?;
    let mut encoders = ens.encoders.draw(n, d, &mut rng, name, "encoders")?;
    if ens.normalize_encoders {
        normalize_rows(name, &mut encoders)?;
    }
    let max_rates = ens.max_rates.draw(n, 1, &mut rng, name, "max_rates")?;
    let intercepts = ens.intercepts.draw(n, 1, &mut rng, name, "intercepts")?;
    let neuron_err = |source| BuildError::Neuron {
        ensemble: name.to_string(),
        source,
    };
    let (gain, bias, max_rates, intercepts) = match &ens.gain_bias {
        Some((g, b)) => {
            let (r, c) = ens.neuron_type.max_rates_intercepts(g, b);
            (g.clone(), b.clone(), r, c)
        }
        None => {
            let (r, c) = (
                max_rates.as_slice().to_vec(),
                intercepts.as_slice().to_vec(),
            );
            let (g, b) = ens.neuron_type.gain_bias(&r, &c).map_err(neuron_err)?;
            (g, b, r, c)
        }
    };
    let mut scaled_encoders = encoders.clone();
    for (i, mut row) in scaled_encoders.row_iter_mut().enumerate() {
        row *= gain[i] / ens.radius;
    }
    // The simulator keeps both as `f32`: a value past `f32::MAX` (a huge
    // given gain or bias, or a gain over a tiny radius) would run as
    // infinity, so it is refused here, naming the neuron.
    check_f32(name, "bias", bias.iter().copied())?;
    check_f32(
        name,
        "scaled_encoders",
        (0..n)
            .flat_map(|i| (0..d).map(move |j| (i, j)))
            .map(|ij| scaled_encoders[ij]),
    )?;
    // The type's defaults first (the same draws as without overrides), then
    // each given variable in order, drawn from the same generator.
    let mut initial_state = ens.neuron_type.initial_state(n, &mut rng);
    for (variable, values) in &ens.initial_state {
        let var = state_index(name, ens.neuron_type.as_ref(), variable)?;
        let drawn = values.draw(n, 1, &mut rng, name, "initial_state")?;
        check_state_values(name, variable, drawn.as_slice())?;
        for (s, &v) in initial_state.var_mut(var).iter_mut().zip(drawn.as_slice()) {
            *s = v as f32;
        }
    }
    Ok(BuiltEnsemble {
        name: name.to_string(),
        neuron_type: ens.neuron_type.clone(),
        radius: ens.radius,
        encoders,
        scaled_encoders,
        gain,
        bias,
        max_rates,
        intercepts,
        eval_points,
        initial_state,
    })
}
