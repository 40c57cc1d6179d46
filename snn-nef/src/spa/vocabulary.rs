//! A vocabulary: named semantic pointers of one dimension, drawn to be
//! nearly orthogonal.

use super::error::SpaError;
use super::expression::{parse, Value};
use super::semantic_pointer::SemanticPointer;
use crate::dists::{Distribution, UniformHypersphere};
use crate::rng::{rng_from_seed, NefRng};
use nalgebra::DMatrix;

/// Random unit vectors tried for each new pointer.
const ATTEMPTS: usize = 100;

/// Names that stand for fixed pointers in every vocabulary.
const SPECIAL: [&str; 3] = ["Identity", "Zero", "AbsorbingElement"];

/// Named pointers of `dimensions` values. A new pointer is a random unit
/// vector (uniform on the sphere, seeded), drawn again, up to 100 times,
/// until its similarity (dot product) to every pointer already held is
/// below `max_similarity` (Nengo SPA's default 0.1); if none is, adding it
/// is an error saying the best similarity reached (Nengo warns and keeps
/// the best). `Identity`, `Zero` and `AbsorbingElement` are always known.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    dimensions: usize,
    max_similarity: f64,
    keys: Vec<String>,
    vectors: Vec<SemanticPointer>,
    rng: NefRng,
}

impl Vocabulary {
    /// An empty vocabulary whose pointers are drawn from `seed`.
    ///
    /// # Errors
    /// [`SpaError::InvalidParameter`] for 0 dimensions.
    pub fn new(dimensions: usize, seed: u64) -> Result<Self, SpaError> {
        if dimensions == 0 {
            return Err(SpaError::InvalidParameter {
                param: "dimensions",
                value: "0".into(),
                reason: "a vocabulary needs at least one dimension".into(),
            });
        }
        Ok(Self {
            dimensions,
            max_similarity: 0.1,
            keys: Vec::new(),
            vectors: Vec::new(),
            rng: rng_from_seed(seed),
        })
    }

    /// The largest similarity a new pointer may have to the others
    /// (default 0.1).
    ///
    /// # Errors
    /// [`SpaError::InvalidParameter`] for a NaN.
    pub fn max_similarity(mut self, max_similarity: f64) -> Result<Self, SpaError> {
        if max_similarity.is_nan() {
            return Err(SpaError::InvalidParameter {
                param: "max_similarity",
                value: "NaN".into(),
                reason: "must be a number".into(),
            });
        }
        self.max_similarity = max_similarity;
        Ok(self)
    }

    /// Its dimensions.
    pub fn dimensions(&self) -> usize {
        self.dimensions
    }

    /// The names, in the order added.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// How many pointers it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The pointers as rows, `len × dimensions` (Nengo's `vocab.vectors`).
    pub fn vectors(&self) -> DMatrix<f64> {
        DMatrix::from_fn(self.len(), self.dimensions, |i, j| self.vectors[i].v()[j])
    }

    fn describe(&self) -> String {
        format!("the {}-dimensional vocabulary", self.dimensions)
    }

    /// The pointer called `name` (or a special one).
    ///
    /// # Errors
    /// [`SpaError::UnknownPointer`] naming it and listing the known ones.
    pub fn get(&self, name: &str) -> Result<SemanticPointer, SpaError> {
        let d = self.dimensions;
        match name {
            "Identity" => return Ok(SemanticPointer::identity(d)),
            "Zero" => return Ok(SemanticPointer::zero(d)),
            "AbsorbingElement" => return Ok(SemanticPointer::absorbing_element(d)),
            _ => {}
        }
        self.keys
            .iter()
            .position(|k| k == name)
            .map(|i| self.vectors[i].clone())
            .ok_or_else(|| SpaError::UnknownPointer {
                name: name.to_string(),
                vocabulary: self.describe(),
                known: if self.keys.is_empty() {
                    "none".into()
                } else {
                    self.keys.join(", ")
                },
            })
    }

    /// Adds `pointer` under `name`.
    ///
    /// # Errors
    /// [`SpaError::InvalidName`], [`SpaError::Duplicate`], or
    /// [`SpaError::DimensionMismatch`] for a pointer of other dimensions.
    pub fn add(&mut self, name: &str, pointer: SemanticPointer) -> Result<(), SpaError> {
        self.check_new_name(name)?;
        if pointer.dimensions() != self.dimensions {
            return Err(SpaError::DimensionMismatch {
                op: "add to a vocabulary",
                left: self.dimensions,
                right: pointer.dimensions(),
            });
        }
        self.keys.push(name.to_string());
        self.vectors.push(pointer.named(name));
        Ok(())
    }

    fn check_new_name(&self, name: &str) -> Result<(), SpaError> {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !SPECIAL.contains(&name)
            && !["None", "True", "False"].contains(&name);
        if !valid {
            return Err(SpaError::InvalidName {
                name: name.to_string(),
            });
        }
        if self.keys.iter().any(|k| k == name) {
            return Err(SpaError::Duplicate {
                name: name.to_string(),
                vocabulary: self.describe(),
            });
        }
        Ok(())
    }

    /// A random unit vector dissimilar from every pointer held, for `name`.
    fn create_pointer(&mut self, name: &str) -> Result<SemanticPointer, SpaError> {
        let mut best = f64::INFINITY;
        for _ in 0..ATTEMPTS {
            let v = UniformHypersphere::surface()
                .sample(1, self.dimensions, &mut self.rng)
                .map_err(|e| SpaError::InvalidParameter {
                    param: "dimensions",
                    value: self.dimensions.to_string(),
                    reason: e.to_string(),
                })?;
            let p = SemanticPointer::new(v.iter().copied().collect());
            let similarity = self
                .vectors
                .iter()
                .map(|q| q.v().iter().zip(p.v()).map(|(a, b)| a * b).sum::<f64>())
                .fold(f64::NEG_INFINITY, f64::max);
            if self.vectors.is_empty() || similarity < self.max_similarity {
                return Ok(p);
            }
            best = best.min(similarity);
        }
        Err(SpaError::TooSimilar {
            name: name.to_string(),
            vocabulary: self.describe(),
            attempts: ATTEMPTS,
            max_similarity: self.max_similarity,
            best,
        })
    }

    /// Adds pointers described by `text`, `;`-separated, as Nengo SPA's
    /// `populate`: `A` (a new random pointer), `B.unitary()` (a new random
    /// pointer made unitary; `.normalized()` too), `C = A * B + 0.5 * A`
    /// (an expression of those already held).
    ///
    /// # Errors
    /// The first bad entry's error: a name, a parse error, or
    /// [`SpaError::TooSimilar`]. The entries before it stay added.
    pub fn populate(&mut self, text: &str) -> Result<(), SpaError> {
        for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
            if let Some((name, expr)) = entry.split_once('=') {
                let name = name.trim();
                self.check_new_name(name)?;
                let value = self.parse(expr.trim())?;
                self.add(name, value)?;
            } else if let Some((name, method)) = entry.split_once('.') {
                let name = name.trim();
                self.check_new_name(name)?;
                let p = self.create_pointer(name)?;
                let p = match method.trim() {
                    "unitary()" => p.unitary(),
                    "normalized()" => p.normalized(),
                    other => {
                        return Err(SpaError::Parse {
                            text: entry.to_string(),
                            position: name.len() + 1,
                            reason: format!("`{other}` is not `unitary()` or `normalized()`"),
                        })
                    }
                };
                self.add(name, p)?;
            } else {
                self.check_new_name(entry)?;
                let p = self.create_pointer(entry)?;
                self.add(entry, p)?;
            }
        }
        Ok(())
    }

    /// The pointer an expression of its names stands for: `"A * B + C"`,
    /// `"(A * ~B).normalized()"`, `"0.5 * A - B"`; a plain number `x`
    /// gives `x · Identity`, as in Nengo SPA.
    ///
    /// # Errors
    /// [`SpaError::Parse`] with the position, [`SpaError::UnknownPointer`].
    pub fn parse(&self, text: &str) -> Result<SemanticPointer, SpaError> {
        match parse(text, &mut |name| self.get(name))? {
            Value::Pointer(p) => Ok(p),
            Value::Number(x) => Ok(SemanticPointer::identity(self.dimensions).scaled(x)),
        }
    }

    /// The dot product of `v` with every pointer (one per key).
    ///
    /// # Errors
    /// [`SpaError::DimensionMismatch`] for a vector of other dimensions.
    pub fn dot(&self, v: &[f64]) -> Result<Vec<f64>, SpaError> {
        if v.len() != self.dimensions {
            return Err(SpaError::DimensionMismatch {
                op: "compare with a vocabulary",
                left: self.dimensions,
                right: v.len(),
            });
        }
        Ok(self
            .vectors
            .iter()
            .map(|p| p.v().iter().zip(v).map(|(a, b)| a * b).sum())
            .collect())
    }

    /// Each row of `data` (samples × dimensions, a probe's) against every
    /// pointer: samples × keys.
    ///
    /// # Errors
    /// As [`dot`](Self::dot).
    pub fn similarity(&self, data: &DMatrix<f64>) -> Result<DMatrix<f64>, SpaError> {
        if data.ncols() != self.dimensions {
            return Err(SpaError::DimensionMismatch {
                op: "compare with a vocabulary",
                left: self.dimensions,
                right: data.ncols(),
            });
        }
        Ok(data * self.vectors().transpose())
    }
}
