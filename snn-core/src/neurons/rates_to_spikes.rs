//! What the rate-to-spike wrappers ([`RegularSpiking`](super::RegularSpiking),
//! [`PoissonSpiking`](super::PoissonSpiking)) share: parameter checks and the
//! names of their combined state.
//!
//! A wrapper's state is its base type's variables, in the base's order,
//! followed by the wrapper's own. The base type steps that state unchanged
//! (it only touches its own leading variables) and writes its rates into the
//! output buffer, which the wrapper then turns into spikes in place: no
//! scratch memory, one pass each.

use super::NeuronType;
use crate::error::NeuronError;
use std::sync::{Mutex, OnceLock};

/// Checks a wrapper: its `amplitude` positive and finite, its base valid,
/// and no base state variable named like one of the wrapper's own (`own`),
/// since state variables are probed by name (Nengo rejects the same overlap).
pub(crate) fn validate_wrapper(
    neuron: &'static str,
    base: &dyn NeuronType,
    amplitude: f64,
    own: &[&str],
) -> Result<(), NeuronError> {
    if !(amplitude.is_finite() && amplitude > 0.0) {
        return Err(NeuronError::InvalidParameter {
            neuron,
            param: "amplitude",
            value: amplitude,
            reason: "must be positive and finite",
        });
    }
    base.validate()?;
    if let Some(index) = base.state_names().iter().position(|s| own.contains(s)) {
        return Err(NeuronError::InvalidParameter {
            neuron,
            param: "base",
            value: index as f64,
            reason: "the base type has a state variable (at this index) with the same name as one of the wrapper's own",
        });
    }
    Ok(())
}

/// A base type's state names followed by `own`, as one `'static` slice.
///
/// [`NeuronType::state_names`] returns `'static` names, but a wrapper's names
/// depend on its base at run time; each distinct combination is therefore
/// built once and kept for the life of the program (one small allocation per
/// distinct base type, not per call).
pub(crate) fn combined_names(
    base: &'static [&'static str],
    own: &'static [&'static str],
) -> &'static [&'static str] {
    type Table = Vec<(Vec<&'static str>, &'static [&'static str])>;
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    let key: Vec<&'static str> = base.iter().chain(own).copied().collect();
    let mut table = TABLE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, names)) = table.iter().find(|(k, _)| *k == key) {
        return names;
    }
    let names: &'static [&'static str] = Box::leak(key.clone().into_boxed_slice());
    table.push((key, names));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_names_are_built_once_per_combination() {
        let a = combined_names(&["adaptation"], &["voltage"]);
        assert_eq!(a, ["adaptation", "voltage"]);
        let b = combined_names(&["adaptation"], &["voltage"]);
        assert!(std::ptr::eq(a, b), "the same combination is not rebuilt");
        assert_eq!(combined_names(&[], &["voltage"]), ["voltage"]);
    }
}
