//! The key that decides whether two populations may step in one block.
//!
//! A block steps all its neurons with one neuron-type value, so two
//! populations may share it only when their types are the same model with
//! bit-for-bit the same parameters. That must be said by the type itself:
//! guessing it from another trait (comparing `Debug` strings, say) would
//! let a type whose `Debug` omits a parameter run one population with the
//! other's parameters, silently.

/// A neuron type's model and every parameter that changes how it steps,
/// as exact bits. Equal keys promise identical stepping.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlockKey {
    kind: &'static str,
    params: Vec<u64>,
}

impl BlockKey {
    /// The key of model `kind` with parameters `params` (compared by their
    /// bits, so `0.0` and `-0.0` count as different, which only costs a
    /// shared block).
    pub fn new(kind: &'static str, params: &[f64]) -> Self {
        BlockKey {
            kind,
            params: params.iter().map(|p| p.to_bits()).collect(),
        }
    }

    /// The key of a wrapper `kind` (such as `RegularSpiking`) around a
    /// model with key `self`, with the wrapper's own parameters.
    pub fn wrapped(self, kind: &'static str, params: &[f64]) -> Self {
        let mut key = BlockKey::new(kind, params);
        key.params.push(u64::MAX);
        key.params.extend(self.kind.bytes().map(u64::from));
        key.params.push(u64::MAX);
        key.params.extend(self.params);
        key
    }
}

#[cfg(test)]
mod tests {
    use super::BlockKey;

    #[test]
    fn keys_differ_in_kind_and_in_any_parameter_bit() {
        let a = BlockKey::new("LIF", &[0.02, 0.002]);
        assert_eq!(a, BlockKey::new("LIF", &[0.02, 0.002]));
        assert_ne!(a, BlockKey::new("LIFRate", &[0.02, 0.002]));
        assert_ne!(a, BlockKey::new("LIF", &[0.02, 0.002 + 1e-18]));
        assert_ne!(a, BlockKey::new("LIF", &[0.02]));
        let w = a.clone().wrapped("RegularSpiking", &[1.0]);
        assert_ne!(w, a.clone().wrapped("RegularSpiking", &[2.0]));
        assert_ne!(w, a.clone().wrapped("PoissonSpiking", &[1.0]));
        assert_eq!(w, a.wrapped("RegularSpiking", &[1.0]));
    }
}
