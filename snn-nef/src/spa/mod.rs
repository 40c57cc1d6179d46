//! Semantic pointers (Eliasmith 2013, *How to Build a Brain*): vectors that
//! stand for symbols, combined by superposition and bound by circular
//! convolution, and the networks that hold and bind them in neurons.
//!
//! ```
//! use snn_nef::spa::Vocabulary;
//!
//! # fn main() -> Result<(), snn_nef::spa::SpaError> {
//! let mut vocab = Vocabulary::new(64, 1)?;
//! vocab.populate("RED; CIRCLE; BLUE; SQUARE; SCENE = RED * CIRCLE + BLUE * SQUARE")?;
//! // What is red? Unbind RED from the scene: about CIRCLE.
//! let answer = vocab.parse("SCENE * ~RED")?;
//! let sims = vocab.dot(answer.v())?;
//! let best = vocab.keys()[sims.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0].clone();
//! assert_eq!(best, "CIRCLE");
//! # Ok(())
//! # }
//! ```

mod bind;
mod error;
mod expression;
mod semantic_pointer;
mod state;
mod vocabulary;

pub use bind::{Bind, BindParts};
pub use error::SpaError;
pub use semantic_pointer::SemanticPointer;
pub use state::{State, StateParts};
pub use vocabulary::Vocabulary;
