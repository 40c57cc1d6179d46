//! Semantic pointers: vectors that stand for symbols and structures, with
//! the algebra of holographic reduced representations (Plate 1995).

use super::error::SpaError;
use realfft::num_complex::Complex;
use realfft::RealFftPlanner;
use std::fmt;
use std::ops::{Add, Mul, Neg, Not, Sub};

/// A vector with the operations of holographic reduced representations:
/// superposition (`+`, `-`), scaling (`f64 * p`), binding by circular
/// convolution (`a * b`, `c_i = Σ_j a_j b_{i-j mod D}`), and the
/// involution `!a` (`a'_i = a_{-i mod D}`), the approximate inverse that
/// unbinds: `(a * b) * !b ≈ a` when `b` is a random unit vector, exactly
/// when it is [`unitary`](Self::unitary).
///
/// Combining two pointers of different dimensions is a
/// [`SpaError::DimensionMismatch`]; the binary operators therefore give a
/// `Result` (`(&a * &b)?`), and the methods [`bind`](Self::bind),
/// [`add`](Self::add), [`sub`](Self::sub) and [`dot`](Self::dot) do the
/// same by name. For longer expressions,
/// [`Vocabulary::parse`](super::Vocabulary::parse) reads them from text.
#[derive(Clone, PartialEq)]
pub struct SemanticPointer {
    v: Vec<f64>,
    name: Option<String>,
}

impl fmt::Debug for SemanticPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(n) => write!(f, "SemanticPointer({n}, {} dims)", self.v.len()),
            None => write!(f, "SemanticPointer({} dims)", self.v.len()),
        }
    }
}

impl SemanticPointer {
    /// A pointer with these values.
    pub fn new(v: Vec<f64>) -> Self {
        Self { v, name: None }
    }

    /// The same values under a name (shown by `Debug`).
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The identity of binding, `[1, 0, …, 0]`: `a * I = a`.
    pub fn identity(d: usize) -> Self {
        let mut v = vec![0.0; d];
        if let Some(first) = v.first_mut() {
            *first = 1.0;
        }
        Self::new(v).named("Identity")
    }

    /// The zero vector, which binding maps everything to.
    pub fn zero(d: usize) -> Self {
        Self::new(vec![0.0; d]).named("Zero")
    }

    /// `[1, …, 1] / √D`: binding it to any `x` gives a multiple of itself.
    pub fn absorbing_element(d: usize) -> Self {
        Self::new(vec![1.0 / (d as f64).sqrt(); d]).named("AbsorbingElement")
    }

    /// Its values.
    pub fn v(&self) -> &[f64] {
        &self.v
    }

    /// Its name, if it has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// Its dimensions.
    pub fn dimensions(&self) -> usize {
        self.v.len()
    }

    /// Its Euclidean length.
    pub fn length(&self) -> f64 {
        self.v.iter().map(|x| x * x).sum::<f64>().sqrt()
    }

    fn check(&self, other: &Self, op: &'static str) -> Result<(), SpaError> {
        if self.v.len() != other.v.len() {
            return Err(SpaError::DimensionMismatch {
                op,
                left: self.v.len(),
                right: other.v.len(),
            });
        }
        Ok(())
    }

    /// The dot product.
    pub fn dot(&self, other: &Self) -> Result<f64, SpaError> {
        self.check(other, "take the dot product of")?;
        Ok(self.v.iter().zip(&other.v).map(|(a, b)| a * b).sum())
    }

    /// The cosine of the angle between them (0 if either is zero).
    pub fn compare(&self, other: &Self) -> Result<f64, SpaError> {
        let scale = self.length() * other.length();
        let dot = self.dot(other)?;
        Ok(if scale == 0.0 { 0.0 } else { dot / scale })
    }

    /// The sum.
    pub fn add(&self, other: &Self) -> Result<Self, SpaError> {
        self.check(other, "add")?;
        Ok(Self::new(
            self.v.iter().zip(&other.v).map(|(a, b)| a + b).collect(),
        ))
    }

    /// The difference.
    pub fn sub(&self, other: &Self) -> Result<Self, SpaError> {
        self.check(other, "subtract")?;
        Ok(Self::new(
            self.v.iter().zip(&other.v).map(|(a, b)| a - b).collect(),
        ))
    }

    /// `s` times it.
    pub fn scaled(&self, s: f64) -> Self {
        Self::new(self.v.iter().map(|x| s * x).collect())
    }

    /// The binding by circular convolution, through the real FFT:
    /// `c = IDFT(DFT(a) · DFT(b))`.
    pub fn bind(&self, other: &Self) -> Result<Self, SpaError> {
        self.check(other, "bind")?;
        let d = self.v.len();
        if d == 0 {
            return Ok(Self::new(Vec::new()));
        }
        let (fa, fb) = (spectrum(&self.v), spectrum(&other.v));
        let product: Vec<Complex<f64>> = fa.iter().zip(&fb).map(|(x, y)| x * y).collect();
        Ok(Self::new(from_spectrum(product, d)))
    }

    /// The involution `a'_i = a_{-i mod D}` (Nengo SPA's `~a`): binding
    /// with it undoes binding with `a`, approximately.
    pub fn inv(&self) -> Self {
        let d = self.v.len();
        Self::new((0..d).map(|i| self.v[(d - i) % d]).collect())
    }

    /// Scaled to length 1 (unchanged if it has length 0).
    pub fn normalized(&self) -> Self {
        let n = self.length();
        let n = if n > 0.0 { n } else { 1.0 };
        Self::new(self.v.iter().map(|x| x / n).collect())
    }

    /// The unitary pointer nearest in direction: every Fourier coefficient
    /// scaled to magnitude 1 (0 stays 0 as 1), so binding with it
    /// preserves lengths and its involution is its exact inverse.
    pub fn unitary(&self) -> Self {
        let d = self.v.len();
        if d == 0 {
            return self.clone();
        }
        let spectrum: Vec<Complex<f64>> = spectrum(&self.v)
            .into_iter()
            .map(|c| {
                let m = c.norm();
                if m > 0.0 {
                    c / m
                } else {
                    Complex::new(1.0, 0.0)
                }
            })
            .collect();
        Self::new(from_spectrum(spectrum, d))
    }
}

/// The DFT of a real vector, frequencies `0..=D/2`.
fn spectrum(v: &[f64]) -> Vec<Complex<f64>> {
    let fft = RealFftPlanner::<f64>::new().plan_fft_forward(v.len());
    let mut input = v.to_vec();
    let mut out = fft.make_output_vec();
    // Lengths match the plan, so this cannot fail.
    let _ = fft.process(&mut input, &mut out);
    out
}

/// The real vector of length `d` with this half spectrum (the imaginary
/// parts of the zero and Nyquist terms, which a real vector has not, are
/// dropped first).
fn from_spectrum(mut spectrum: Vec<Complex<f64>>, d: usize) -> Vec<f64> {
    spectrum[0].im = 0.0;
    if d % 2 == 0 {
        if let Some(last) = spectrum.last_mut() {
            last.im = 0.0;
        }
    }
    let ifft = RealFftPlanner::<f64>::new().plan_fft_inverse(d);
    let mut out = ifft.make_output_vec();
    let _ = ifft.process(&mut spectrum, &mut out);
    out.iter_mut().for_each(|x| *x /= d as f64);
    out
}

/// `a + b`, `a - b` and `a * b` (binding) of two pointers, by value or by
/// reference, each a `Result` (the dimensions may differ).
macro_rules! binary {
    ($trait:ident, $method:ident, $via:ident) => {
        impl $trait<&SemanticPointer> for &SemanticPointer {
            type Output = Result<SemanticPointer, SpaError>;
            fn $method(self, rhs: &SemanticPointer) -> Self::Output {
                SemanticPointer::$via(self, rhs)
            }
        }
        impl $trait<SemanticPointer> for SemanticPointer {
            type Output = Result<SemanticPointer, SpaError>;
            fn $method(self, rhs: SemanticPointer) -> Self::Output {
                SemanticPointer::$via(&self, &rhs)
            }
        }
        impl $trait<&SemanticPointer> for SemanticPointer {
            type Output = Result<SemanticPointer, SpaError>;
            fn $method(self, rhs: &SemanticPointer) -> Self::Output {
                SemanticPointer::$via(&self, rhs)
            }
        }
        impl $trait<SemanticPointer> for &SemanticPointer {
            type Output = Result<SemanticPointer, SpaError>;
            fn $method(self, rhs: SemanticPointer) -> Self::Output {
                SemanticPointer::$via(self, &rhs)
            }
        }
    };
}

binary!(Add, add, add);
binary!(Sub, sub, sub);
binary!(Mul, mul, bind);

impl Mul<&SemanticPointer> for f64 {
    type Output = SemanticPointer;
    fn mul(self, rhs: &SemanticPointer) -> SemanticPointer {
        rhs.scaled(self)
    }
}

impl Mul<SemanticPointer> for f64 {
    type Output = SemanticPointer;
    fn mul(self, rhs: SemanticPointer) -> SemanticPointer {
        rhs.scaled(self)
    }
}

impl Neg for &SemanticPointer {
    type Output = SemanticPointer;
    fn neg(self) -> SemanticPointer {
        self.scaled(-1.0)
    }
}

impl Neg for SemanticPointer {
    type Output = SemanticPointer;
    fn neg(self) -> SemanticPointer {
        self.scaled(-1.0)
    }
}

impl Not for &SemanticPointer {
    type Output = SemanticPointer;
    /// The involution, [`inv`](SemanticPointer::inv).
    fn not(self) -> SemanticPointer {
        self.inv()
    }
}

impl Not for SemanticPointer {
    type Output = SemanticPointer;
    fn not(self) -> SemanticPointer {
        self.inv()
    }
}
