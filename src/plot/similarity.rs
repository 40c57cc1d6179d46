//! Similarity of a probed semantic pointer to every vocabulary item over
//! time: how SPA models are read.

use super::timeseries::timeseries;
use super::{PlotError, Series};
use nalgebra::DMatrix;
use snn_nef::spa::Vocabulary;
use std::path::Path;

/// Plots `data` (a probe's samples × dimensions, at times `t`) against
/// every pointer of `vocab`: one line per key, the dot product of each
/// sample with that pointer (Nengo's `spa.similarity`). A state holding
/// `A` shows `A`'s line near 1 and the others near 0.
///
/// Errors: data whose width is not the vocabulary's dimensions, an empty
/// vocabulary, and those of [`timeseries`].
pub fn similarity(
    path: impl AsRef<Path>,
    title: &str,
    t: &[f64],
    data: &DMatrix<f64>,
    vocab: &Vocabulary,
) -> Result<(), PlotError> {
    if data.ncols() != vocab.dimensions() {
        return Err(PlotError::Length {
            what: "the probe data's columns".into(),
            against: "the vocabulary's dimensions".into(),
            expected: vocab.dimensions(),
            found: data.ncols(),
        });
    }
    if vocab.is_empty() {
        return Err(PlotError::Empty {
            what: "vocabulary".into(),
        });
    }
    let sims = data * vocab.vectors().transpose();
    let columns: Vec<Vec<f64>> = sims
        .column_iter()
        .map(|c| c.iter().copied().collect())
        .collect();
    let series: Vec<Series<'_>> = vocab
        .keys()
        .iter()
        .zip(&columns)
        .map(|(k, c)| Series::new(k, c))
        .collect();
    timeseries(path, title, t, &series, None)
}
