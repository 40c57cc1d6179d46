//! Neuron activities at evaluation points: the `A` of every decoder solve.

use super::BuiltEnsemble;
use nalgebra::DMatrix;
use rayon::prelude::*;
use snn_core::neurons::point_currents;

/// Neurons (columns of `A`) per parallel task. Fixed, though each entry is
/// computed alone so the result would not depend on it anyway.
const NEURONS_PER_TASK: usize = 16;
/// Below this many entries, one task computes the whole matrix.
const PARALLEL_MIN_ENTRIES: usize = 1 << 16;

/// Steady-state rates of every neuron at every point: `A[p, i] =
/// r_i(scaled_encoders_i · x_p + bias_i)`, an `m × n` matrix.
///
/// Column by column (one neuron at a time): the currents of neuron `i` at
/// the m points go through an m-long scratch that stays in cache, then
/// straight through the neuron type's rate function into column `i` of
/// `A`, so `A` is the only m × n array ever allocated (it is 1.6 GB for a
/// 10 000-neuron ensemble). Columns are independent, and run in parallel.
/// Cost O(m n d) multiply-adds plus m n rate evaluations.
pub(crate) fn activities(ens: &BuiltEnsemble, points: &DMatrix<f64>) -> DMatrix<f64> {
    let (m, n) = (points.nrows(), ens.bias.len());
    let mut a = DMatrix::zeros(m, n);
    if m == 0 || n == 0 {
        return a;
    }
    let fill = |first: usize, block: &mut [f64]| {
        let mut current = vec![0.0; m];
        let mut encoder = vec![0.0; points.ncols()];
        for (k, column) in block.chunks_exact_mut(m).enumerate() {
            let i = first + k;
            for (e, v) in encoder.iter_mut().zip(ens.scaled_encoders.row(i).iter()) {
                *e = *v;
            }
            point_currents(points.as_slice(), &encoder, ens.bias[i], &mut current);
            ens.neuron_type.rates(&current, column);
        }
    };
    if m * n < PARALLEL_MIN_ENTRIES {
        fill(0, a.as_mut_slice());
    } else {
        a.as_mut_slice()
            .par_chunks_mut(m * NEURONS_PER_TASK)
            .enumerate()
            .for_each(|(t, block)| fill(t * NEURONS_PER_TASK, block));
    }
    a
}
