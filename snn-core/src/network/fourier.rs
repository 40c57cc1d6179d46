//! Linear maps through the discrete Fourier transform, applied by a real
//! FFT in `O(D log D)` instead of as their dense `O(D²)` matrices.
//!
//! Circular convolution (binding in semantic pointer models) runs in the
//! Fourier domain: its inputs are taken to the real and imaginary parts of
//! their spectra, neurons multiply the parts, and the products are taken
//! back. As dense matrices those maps have `4 (⌊D/2⌋ + 1) × D` entries
//! each: for `D = 256`, three of 132 000 multiply-adds every step, more
//! than a third of a step of a model that binds. The same maps by a real
//! FFT cost a few thousand operations.

use crate::error::SimError;
use nalgebra::DMatrix;
use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use std::cell::RefCell;
use std::f64::consts::PI;
use std::fmt;
use std::sync::Arc;

/// One part of a complex Fourier coefficient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The real part.
    Re,
    /// The imaginary part.
    Im,
}

/// Which map a [`Fourier`] transform applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FourierMap {
    /// `D → 4 (⌊D/2⌋ + 1)`: output `4k + j` is part `parts[j]` of
    /// `X_k = Σ_n x_n e^{-2πi k n / D}` for `k = 0..=⌊D/2⌋` (of its
    /// conjugate `X̄_k`, the spectrum of the involution `x_{-n mod D}`,
    /// when `conjugate`).
    Spectrum {
        /// `D`, the input's size.
        dims: usize,
        /// The part of the coefficient in each of a frequency's four outputs.
        parts: [Part; 4],
        /// Take the conjugate spectrum.
        conjugate: bool,
    },
    /// `4 (⌊D/2⌋ + 1) → D`: the real inverse DFT of the half spectrum
    /// `H_k = (y_{4k} - y_{4k+1}) + i (y_{4k+2} + y_{4k+3})`,
    /// `c_n = (1/D) Σ_{k=0}^{D-1} H_k e^{2πi k n / D}` with the upper half
    /// `H_{D-k} = H̄_k` (a real signal's spectrum). The imaginary parts of
    /// `H_0` and, for even `D`, `H_{D/2}` do not reach a real output.
    ProductsInverse {
        /// `D`, the output's size.
        dims: usize,
    },
}

/// The FFT plan a map runs.
#[derive(Clone)]
enum Plan {
    Forward(Arc<dyn RealToComplex<f64>>),
    Inverse(Arc<dyn ComplexToReal<f64>>),
}

/// A [`FourierMap`] with its FFT planned: a linear transform whose dense
/// equivalent is [`matrix`](Self::matrix).
#[derive(Clone)]
pub struct Fourier {
    map: FourierMap,
    plan: Plan,
}

impl fmt::Debug for Fourier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Fourier").field(&self.map).finish()
    }
}

impl PartialEq for Fourier {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

/// Buffers for one thread's FFTs, grown once to the largest size seen.
#[derive(Default)]
struct Buffers {
    real: Vec<f64>,
    spectrum: Vec<Complex<f64>>,
    scratch: Vec<Complex<f64>>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Fourier {
    /// Plans `map`; `Err` for zero dimensions.
    pub fn new(map: FourierMap) -> Result<Self, SimError> {
        let dims = map.dims();
        if dims == 0 {
            return Err(SimError::InvalidNetwork(format!(
                "a Fourier transform of {dims} dimensions ({map:?})"
            )));
        }
        let mut planner = RealFftPlanner::<f64>::new();
        let plan = match map {
            FourierMap::Spectrum { .. } => Plan::Forward(planner.plan_fft_forward(dims)),
            FourierMap::ProductsInverse { .. } => Plan::Inverse(planner.plan_fft_inverse(dims)),
        };
        Ok(Self { map, plan })
    }

    /// The map this transform applies.
    pub fn map(&self) -> FourierMap {
        self.map
    }

    /// Outputs: `4 (⌊D/2⌋ + 1)` for a spectrum, `D` for the inverse.
    pub fn rows(&self) -> usize {
        match self.map {
            FourierMap::Spectrum { dims, .. } => products(dims),
            FourierMap::ProductsInverse { dims } => dims,
        }
    }

    /// Inputs: `D` for a spectrum, `4 (⌊D/2⌋ + 1)` for the inverse.
    pub fn cols(&self) -> usize {
        match self.map {
            FourierMap::Spectrum { dims, .. } => dims,
            FourierMap::ProductsInverse { dims } => products(dims),
        }
    }

    /// The dense `rows × cols` matrix of the same map, entry by entry from
    /// its definition (with `φ = 2π ((k n) mod D) / D`).
    pub fn matrix(&self) -> DMatrix<f64> {
        let phase = |k: usize, n: usize, d: usize| 2.0 * PI * ((k * n) % d) as f64 / d as f64;
        match self.map {
            FourierMap::Spectrum {
                dims,
                parts,
                conjugate,
            } => {
                // Im X_k = -Σ x_n sin φ; the conjugate's is +Σ x_n sin φ.
                let sign = if conjugate { 1.0 } else { -1.0 };
                DMatrix::from_fn(products(dims), dims, |r, n| {
                    let p = phase(r / 4, n, dims);
                    match parts[r % 4] {
                        Part::Re => p.cos(),
                        Part::Im => sign * p.sin(),
                    }
                })
            }
            FourierMap::ProductsInverse { dims } => {
                // c_n = (1/D) Σ_k m_k (Re H_k cos φ - Im H_k sin φ), m_k = 2
                // for the frequencies standing for their mirror too.
                DMatrix::from_fn(dims, products(dims), |n, c| {
                    let (k, j) = (c / 4, c % 4);
                    let p = phase(k, n, dims);
                    let m = if k == 0 || 2 * k == dims { 1.0 } else { 2.0 };
                    let v = match j {
                        0 => p.cos(),
                        1 => -p.cos(),
                        _ => -p.sin(),
                    };
                    m * v / dims as f64
                })
            }
        }
    }

    /// `y = T x` by the FFT (`x.len() == cols`, `y.len() == rows`).
    pub fn apply(&self, x: &[f64], y: &mut [f64]) {
        BUFFERS.with(|b| {
            let b = &mut *b.borrow_mut();
            match (&self.plan, self.map) {
                (
                    Plan::Forward(fft),
                    FourierMap::Spectrum {
                        dims,
                        parts,
                        conjugate,
                    },
                ) => {
                    b.real.clear();
                    b.real.extend_from_slice(&x[..dims]);
                    b.spectrum.resize(dims / 2 + 1, Complex::default());
                    b.scratch.resize(fft.get_scratch_len(), Complex::default());
                    fft.process_with_scratch(&mut b.real, &mut b.spectrum, &mut b.scratch)
                        .expect("the buffers are sized to the plan");
                    let sign = if conjugate { -1.0 } else { 1.0 };
                    for (out, z) in y.chunks_exact_mut(4).zip(&b.spectrum) {
                        for (o, part) in out.iter_mut().zip(parts) {
                            *o = match part {
                                Part::Re => z.re,
                                Part::Im => sign * z.im,
                            };
                        }
                    }
                }
                (Plan::Inverse(fft), FourierMap::ProductsInverse { dims }) => {
                    b.spectrum.clear();
                    b.spectrum.extend(
                        x.chunks_exact(4)
                            .map(|p| Complex::new(p[0] - p[1], p[2] + p[3])),
                    );
                    // Parts a real output never sees (and which the
                    // inverse FFT refuses as not a real signal's).
                    b.spectrum[0].im = 0.0;
                    if dims % 2 == 0 {
                        b.spectrum[dims / 2].im = 0.0;
                    }
                    b.scratch.resize(fft.get_scratch_len(), Complex::default());
                    let out = &mut y[..dims];
                    fft.process_with_scratch(&mut b.spectrum, out, &mut b.scratch)
                        .expect("the buffers are sized to the plan and the spectrum is real's");
                    let scale = 1.0 / dims as f64;
                    for v in out {
                        *v *= scale;
                    }
                }
                _ => unreachable!("a map is planned with its own direction"),
            }
        });
    }
}

impl FourierMap {
    /// `D`.
    pub fn dims(&self) -> usize {
        match *self {
            FourierMap::Spectrum { dims, .. } | FourierMap::ProductsInverse { dims } => dims,
        }
    }
}

/// `4 (⌊D/2⌋ + 1)`: four products for each frequency `0..=⌊D/2⌋`.
pub fn products(dims: usize) -> usize {
    4 * (dims / 2 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maps(dims: usize) -> Vec<FourierMap> {
        let a = [Part::Re, Part::Im, Part::Re, Part::Im];
        let b = [Part::Re, Part::Im, Part::Im, Part::Re];
        let mut maps = vec![FourierMap::ProductsInverse { dims }];
        for parts in [a, b] {
            for conjugate in [false, true] {
                maps.push(FourierMap::Spectrum {
                    dims,
                    parts,
                    conjugate,
                });
            }
        }
        maps
    }

    #[test]
    fn the_fft_applies_the_map_of_its_dense_matrix() {
        for dims in [1, 2, 3, 7, 16, 33, 100, 256] {
            for map in maps(dims) {
                let t = Fourier::new(map).unwrap();
                let m = t.matrix();
                assert_eq!((m.nrows(), m.ncols()), (t.rows(), t.cols()));
                let x: Vec<f64> = (0..t.cols())
                    .map(|i| (i as f64 * 0.731).sin() * 1.7 - 0.2)
                    .collect();
                let mut y = vec![f64::NAN; t.rows()];
                t.apply(&x, &mut y);
                let want = &m * nalgebra::DVector::from_column_slice(&x);
                let err = y
                    .iter()
                    .zip(want.iter())
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f64::max);
                assert!(err < 1e-12, "{map:?}: max error {err}");
            }
        }
    }

    #[test]
    fn a_spectrum_and_its_inverse_convolve_circularly() {
        // c = a ⊛ b by its definition against IDFT(DFT(a) · DFT(b)) through
        // the products of the two spectra's parts.
        let dims = 12;
        let a: Vec<f64> = (0..dims).map(|i| (i as f64 * 0.4).cos()).collect();
        let b: Vec<f64> = (0..dims).map(|i| (i as f64 * 1.3).sin() + 0.1).collect();
        let spectrum = |parts| {
            Fourier::new(FourierMap::Spectrum {
                dims,
                parts,
                conjugate: false,
            })
            .unwrap()
        };
        let (fa, fb) = (
            spectrum([Part::Re, Part::Im, Part::Re, Part::Im]),
            spectrum([Part::Re, Part::Im, Part::Im, Part::Re]),
        );
        let (mut pa, mut pb) = (vec![0.0; fa.rows()], vec![0.0; fb.rows()]);
        fa.apply(&a, &mut pa);
        fb.apply(&b, &mut pb);
        let prod: Vec<f64> = pa.iter().zip(&pb).map(|(x, y)| x * y).collect();
        let mut c = vec![0.0; dims];
        Fourier::new(FourierMap::ProductsInverse { dims })
            .unwrap()
            .apply(&prod, &mut c);
        for (i, &ci) in c.iter().enumerate() {
            let want: f64 = (0..dims).map(|j| a[j] * b[(i + dims - j) % dims]).sum();
            assert!((ci - want).abs() < 1e-12, "c[{i}] = {ci}, want {want}");
        }
    }

    #[test]
    fn zero_dimensions_are_refused() {
        let err = Fourier::new(FourierMap::ProductsInverse { dims: 0 }).unwrap_err();
        assert!(err.to_string().contains("0 dimensions"), "{err}");
    }
}
