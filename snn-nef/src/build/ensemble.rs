//! Building an ensemble: encoders, gains, biases and evaluation points.

use crate::ensemble::Ensemble;
use crate::error::BuildError;
use crate::network::Entry;
use crate::rng::{derive_seed, rng_from_seed};
use crate::samples::Samples;
use nalgebra::DMatrix;
use snn_core::neurons::{NeuronState, NeuronType};
use std::sync::Arc;

/// An ensemble after the build: everything its neurons and decoders need.
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
        if m.nrows() != n || m.ncols() != d || m.iter().any(|v| !v.is_finite()) {
            return Err(BuildError::Shape {
                object: name.to_string(),
                what: what.to_string(),
                expected: format!("{n}×{d} finite values"),
                got: format!("{}×{}", m.nrows(), m.ncols()),
            });
        }
    }
    Ok(())
}

/// Checks what can be checked when the ensemble is declared.
pub(crate) fn check_ensemble(name: &str, ens: &Ensemble) -> Result<(), BuildError> {
    let (n, d) = (ens.n_neurons, ens.dimensions);
    if n == 0 {
        return Err(invalid(
            name,
            "n_neurons",
            0,
            "an ensemble needs at least one neuron",
        ));
    }
    if d == 0 {
        return Err(invalid(
            name,
            "dimensions",
            0,
            "an ensemble represents at least one dimension",
        ));
    }
    if !(ens.radius.is_finite() && ens.radius > 0.0) {
        return Err(invalid(
            name,
            "radius",
            ens.radius,
            "must be positive and finite",
        ));
    }
    if ens.n_eval_points == Some(0) {
        return Err(invalid(name, "n_eval_points", 0, "must be at least 1"));
    }
    ens.neuron_type
        .validate()
        .map_err(|source| BuildError::Neuron {
            ensemble: name.to_string(),
            source,
        })?;
    check_rows(name, "max_rates", &ens.max_rates, n, 1)?;
    check_rows(name, "intercepts", &ens.intercepts, n, 1)?;
    check_rows(name, "encoders", &ens.encoders, n, d)?;
    if let Some(e) = ens.eval_points.ragged_error(name, "eval_points") {
        return Err(e);
    }
    if let Samples::Values(m) = &ens.eval_points {
        if m.ncols() != d || m.nrows() == 0 {
            return Err(BuildError::Shape {
                object: name.to_string(),
                what: "eval_points".into(),
                expected: format!("at least one row of {d} values"),
                got: format!("{}×{}", m.nrows(), m.ncols()),
            });
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
        if let Some(v) = g.iter().chain(b).find(|v| !v.is_finite()) {
            return Err(invalid(name, "gain_bias", v, "must be finite"));
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

    let eval_points =
        ens.eval_points
            .draw(ens.eval_point_count(), d, &mut rng, name, "eval_points")?
            * ens.radius;
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
    let initial_state = ens.neuron_type.initial_state(n, &mut rng);
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
