//! Building an ensemble: encoders, gains, biases and evaluation points.

use crate::direct::is_direct;
use crate::ensemble::{check_state_values, invalid, state_index, Ensemble};
use crate::error::BuildError;
use crate::finite;
use crate::network::Entry;
use crate::rng::{derive_seed, rng_from_seed, NefRng};
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
    finite::check_points(name, &eval_points)?;
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
    finite::check_points(name, &eval_points)?;
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
