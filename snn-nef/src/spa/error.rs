//! What can go wrong with semantic pointers and vocabularies.

use thiserror::Error;

/// A mistake with semantic pointers: each names the offending pointer,
/// expression or value.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SpaError {
    /// Two pointers of different dimensions combined.
    #[error("cannot {op} pointers of {left} and {right} dimensions")]
    DimensionMismatch {
        /// The operation (`"bind"`, `"add"`, …).
        op: &'static str,
        /// The left operand's dimensions.
        left: usize,
        /// The right operand's dimensions.
        right: usize,
    },
    /// A name the vocabulary does not hold.
    #[error("{vocabulary} has no pointer `{name}` (it has: {known})")]
    UnknownPointer {
        /// The name.
        name: String,
        /// The vocabulary, described.
        vocabulary: String,
        /// The names it has, comma-separated.
        known: String,
    },
    /// An expression that does not parse.
    #[error("cannot parse `{text}` at character {position}: {reason}")]
    Parse {
        /// The whole expression.
        text: String,
        /// Where the problem is (0-based, in characters).
        position: usize,
        /// What is wrong.
        reason: String,
    },
    /// A pointer name that is not a capitalized identifier, or a reserved
    /// one.
    #[error("`{name}` is not a valid pointer name: names start with a capital letter, continue with letters, digits or `_`, and are not Identity, Zero or AbsorbingElement")]
    InvalidName {
        /// The name.
        name: String,
    },
    /// A name added twice.
    #[error("the pointer `{name}` already exists in {vocabulary}")]
    Duplicate {
        /// The name.
        name: String,
        /// The vocabulary, described.
        vocabulary: String,
    },
    /// No random pointer was found dissimilar enough from those already
    /// in the vocabulary.
    #[error(
        "cannot add `{name}` to {vocabulary}: after {attempts} random unit vectors the best has \
         similarity {best:.3} to an existing pointer, above max_similarity = {max_similarity} \
         (use more dimensions, fewer pointers or a larger max_similarity)"
    )]
    TooSimilar {
        /// The pointer being added.
        name: String,
        /// The vocabulary, described.
        vocabulary: String,
        /// Draws tried.
        attempts: usize,
        /// The bound asked for.
        max_similarity: f64,
        /// The lowest maximum similarity reached.
        best: f64,
    },
    /// A parameter out of its range.
    #[error("`{param}` = {value} is invalid: {reason}")]
    InvalidParameter {
        /// The parameter.
        param: &'static str,
        /// Its value, as written.
        value: String,
        /// What is wrong.
        reason: String,
    },
}
