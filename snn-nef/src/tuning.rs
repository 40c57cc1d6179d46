//! Tuning and response curves: what each neuron of an ensemble fires at.

use crate::builder::{BuiltEnsemble, BuiltModel};
use crate::error::BuildError;
use crate::ids::EnsembleId;
use nalgebra::DMatrix;

/// Inputs and the steady-state activities they produce.
#[derive(Debug, Clone, PartialEq)]
pub struct TuningCurves {
    /// Inputs, one per row.
    pub inputs: DMatrix<f64>,
    /// Activity (Hz) of every neuron (column) at every input (row).
    pub activities: DMatrix<f64>,
}

fn rates(ens: &BuiltEnsemble, j: DMatrix<f64>) -> DMatrix<f64> {
    let mut a = DMatrix::zeros(j.nrows(), j.ncols());
    ens.neuron_type.rates(j.as_slice(), a.as_mut_slice());
    a
}

/// Tuning curves: activities as functions of the represented vector.
///
/// `inputs` (`m × d`) defaults, as in Nengo, to 50 points evenly spaced
/// over `[-radius, radius]` for a 1-D ensemble, and to the grid of those
/// points along every axis for more dimensions (50^d points; give inputs
/// for large `d`). `A[p, i] = r_i(gain_i e_i · x_p / radius + bias_i)`.
///
/// It reads the neurons of `built`, the ones a simulator of `built` runs:
/// rebuilding the ensemble would, for an unseeded network, draw others.
pub fn tuning_curves(
    built: &BuiltModel,
    ensemble: EnsembleId,
    inputs: Option<DMatrix<f64>>,
) -> Result<TuningCurves, BuildError> {
    let ens = built.ensemble(ensemble)?;
    let d = ens.encoders.ncols();
    let inputs = match inputs {
        Some(x) if x.ncols() != d => {
            return Err(BuildError::Shape {
                object: ens.name.clone(),
                what: "tuning curve inputs".into(),
                expected: format!("m×{d}"),
                got: format!("{}×{}", x.nrows(), x.ncols()),
            })
        }
        Some(x) => x,
        None => grid(ens.radius, d, 50).ok_or_else(|| BuildError::InvalidParameter {
            object: ens.name.clone(),
            param: "inputs",
            value: format!("a default grid of 50^{d} points"),
            reason: "too many points; give the inputs for an ensemble of this many dimensions"
                .into(),
        })?,
    };
    let mut j = &inputs * ens.scaled_encoders.transpose();
    for (mut col, &b) in j.column_iter_mut().zip(&ens.bias) {
        col.add_scalar_mut(b);
    }
    let activities = rates(ens, j);
    Ok(TuningCurves { inputs, activities })
}

/// Response curves: activities as functions of the input along each
/// neuron's own preferred direction, `x` from -1 to 1 (`n_points` values):
/// `A[p, i] = r_i(gain_i x_p + bias_i)`. `inputs` is `n_points × 1`.
/// Like [`tuning_curves`], it reads the neurons of `built`.
pub fn response_curves(
    built: &BuiltModel,
    ensemble: EnsembleId,
    n_points: usize,
) -> Result<TuningCurves, BuildError> {
    let ens = built.ensemble(ensemble)?;
    let k = n_points.max(2);
    let inputs = DMatrix::from_vec(k, 1, axis(1.0, k));
    let j = DMatrix::from_fn(inputs.nrows(), ens.gain.len(), |p, i| {
        ens.gain[i] * inputs[(p, 0)] + ens.bias[i]
    });
    let activities = rates(ens, j);
    Ok(TuningCurves { inputs, activities })
}

/// `k` evenly spaced values from `-r` to `r` (`k >= 2`).
fn axis(r: f64, k: usize) -> Vec<f64> {
    (0..k)
        .map(|i| -r + 2.0 * r * i as f64 / (k - 1) as f64)
        .collect()
}

/// Largest default grid built without being asked (50^3 points).
const MAX_GRID_POINTS: usize = 125_000;

/// All points of the grid with `k` values from `-r` to `r` on each of `d`
/// axes; `None` when that is more than [`MAX_GRID_POINTS`] points.
fn grid(r: f64, d: usize, k: usize) -> Option<DMatrix<f64>> {
    let axis = axis(r, k);
    let m = u32::try_from(d)
        .ok()
        .and_then(|d| k.checked_pow(d))
        .filter(|&m| m <= MAX_GRID_POINTS.max(k))?;
    Some(DMatrix::from_fn(m, d, |p, c| {
        axis[(p / k.pow((d - 1 - c) as u32)) % k]
    }))
}
