//! The one check that given values are finite, so every NaN or infinity a
//! user hands the builder is reported the same way: object, parameter,
//! `(row, column)` and value ([`BuildError::NonFinite`]).

use crate::error::BuildError;
use nalgebra::DMatrix;

/// The first non-finite entry of `m` in row-major order (the order a user
/// writes rows in), refused as [`BuildError::NonFinite`].
pub(crate) fn check_matrix(
    object: &str,
    parameter: &str,
    m: &DMatrix<f64>,
) -> Result<(), BuildError> {
    for i in 0..m.nrows() {
        if let Some((j, &value)) = m.row(i).iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(non_finite(object, parameter, (i, j), value));
        }
    }
    Ok(())
}

/// The first non-finite value of a vector, refused with index `(i, 0)`.
pub(crate) fn check_values(
    object: &str,
    parameter: &str,
    values: &[f64],
) -> Result<(), BuildError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(non_finite(object, parameter, (i, 0), values[i])),
        None => Ok(()),
    }
}

/// The error itself, for callers that found the value on their own.
pub(crate) fn non_finite(
    object: &str,
    parameter: &str,
    index: (usize, usize),
    value: f64,
) -> BuildError {
    BuildError::NonFinite {
        object: object.to_string(),
        parameter: parameter.to_string(),
        index,
        value,
    }
}

/// Refuses evaluation points with a NaN or infinity (explicit ones, or
/// drawn ones scaled past the largest `f64` by a huge radius), naming
/// `owner`, the point (row), the coordinate (column) and the value, before
/// any function is blamed for them.
pub(crate) fn check_points(owner: &str, points: &DMatrix<f64>) -> Result<(), BuildError> {
    check_matrix(owner, "eval_points", points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_non_finite_entry_in_row_major_order_is_named() {
        let m = DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, f64::INFINITY, f64::NAN]);
        match check_matrix("o", "p", &m) {
            Err(BuildError::NonFinite {
                object,
                parameter,
                index,
                value,
            }) => {
                assert_eq!((object.as_str(), parameter.as_str()), ("o", "p"));
                assert_eq!(index, (1, 1));
                assert_eq!(value, f64::INFINITY);
            }
            other => panic!("expected NonFinite, got {other:?}"),
        }
        assert!(check_matrix("o", "p", &DMatrix::from_element(2, 2, 1e308)).is_ok());
        assert!(matches!(
            check_values("o", "p", &[0.0, f64::NEG_INFINITY]),
            Err(BuildError::NonFinite { index: (1, 0), value, .. }) if value == f64::NEG_INFINITY
        ));
    }
}
