//! The documented cap on the size of what a build allocates, so absurd
//! sizes (`Ensemble::new(usize::MAX, 1)`, a node of `usize::MAX` values,
//! billions of evaluation points) are typed errors naming the object instead
//! of an overflow panic or an allocation abort.

use crate::error::BuildError;

/// The most values any one array of a model may hold: neurons of an
/// ensemble, its `n × d` encoders and `m × d` evaluation points, a node's
/// input or output, and the `m × n` activities of a decoder solve. `2^30`
/// values are 8 GiB as `f64`, a third of this project's 24 GiB machines, so
/// anything larger could not be built here anyway; checking it up front
/// costs one multiplication per object.
pub const MAX_ELEMENTS: usize = 1 << 30;

/// `rows × cols`, refused with an error naming `object` and `what` when the
/// product overflows or exceeds [`MAX_ELEMENTS`].
pub(crate) fn check_elements(
    object: &str,
    what: &'static str,
    rows: usize,
    cols: usize,
) -> Result<usize, BuildError> {
    match rows.checked_mul(cols) {
        Some(total) if total <= MAX_ELEMENTS => Ok(total),
        _ => Err(BuildError::TooLarge {
            object: object.to_string(),
            what,
            size: format!("{rows} × {cols}"),
            limit: MAX_ELEMENTS,
        }),
    }
}
