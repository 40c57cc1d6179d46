//! Neuron activities at evaluation points: the `A` of every decoder solve.

use super::BuiltEnsemble;
use nalgebra::DMatrix;

/// Steady-state rates of every neuron at every point: `A[p, i] =
/// r_i(scaled_encoders_i · x_p + bias_i)`, an `m × n` matrix.
pub(crate) fn activities(ens: &BuiltEnsemble, points: &DMatrix<f64>) -> DMatrix<f64> {
    let mut j = points * ens.scaled_encoders.transpose();
    for (mut col, &b) in j.column_iter_mut().zip(&ens.bias) {
        col.add_scalar_mut(b);
    }
    let mut a = DMatrix::zeros(j.nrows(), j.ncols());
    ens.neuron_type.rates(j.as_slice(), a.as_mut_slice());
    a
}

/// Activities at each ensemble's own evaluation points, computed once and
/// shared by every connection and probe that uses them.
pub(crate) struct ActivityCache {
    by_ensemble: Vec<Option<DMatrix<f64>>>,
}

impl ActivityCache {
    pub(crate) fn new(n_ensembles: usize) -> Self {
        Self {
            by_ensemble: vec![None; n_ensembles],
        }
    }

    pub(crate) fn get(&mut self, index: usize, ens: &BuiltEnsemble) -> &DMatrix<f64> {
        self.by_ensemble[index].get_or_insert_with(|| activities(ens, &ens.eval_points))
    }
}
