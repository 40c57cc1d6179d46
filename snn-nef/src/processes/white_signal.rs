//! Nengo's `WhiteSignal`: band-limited white noise, made in the frequency
//! domain and periodic.

use super::{positive, Process};
use crate::error::ProcessError;
use rayon::prelude::*;
use realfft::num_complex::Complex;
use realfft::RealFftPlanner;
use snn_core::processes::{
    fill_normal_chunked, NoiseRng, ProcessStep, SampledSignal, NOISE_CHUNK, SAMPLE_GROUP,
};
use std::sync::Arc;

/// The real parts' stream is that of the seed with these bits flipped.
const REAL_PARTS: u64 = 0x5245_414c_5041_5254;

/// A signal of equal power at every frequency up to `high` (Hz) and none
/// above, with root-mean-square `rms`, repeating every `period` seconds
/// (smooth across the wrap: it is a sum of whole-period sinusoids).
///
/// Made once at build time as Nengo makes it: for `N = 2 ceil(period / dt / 2)`
/// samples, complex coefficients `c_k = a_k + i b_k`, `k = 0..=N/2`, with
/// the `b` one stream and the `a` another (each `(k, dimension)` in
/// row-major order, from `Normal(0, rms / sqrt 2)`, as Nengo draws every
/// `b` before every `a`); `c_0 = 0`, `Im c_{N/2} = 0`, and `c_k = 0` for
/// `k / (N dt) > high` (those are never drawn); then the kept ones are divided by
/// `sqrt(1 - zeroed / (N/2))` (so the power lost to the cut is restored),
/// multiplied by `sqrt N`, and the signal is the inverse real FFT
/// `x_t = (1/N) Σ_k c_k e^{2πi kt/N}` (Hermitian). With `y0`, each dimension
/// is rotated so that its first sample (at `t = dt`) is its sample closest
/// to `y0`. The step ending at `t` outputs sample `round(t / dt) mod N`.
#[derive(Debug, Clone, PartialEq)]
pub struct WhiteSignal {
    pub(crate) period: f64,
    pub(crate) high: f64,
    pub(crate) rms: f64,
    pub(crate) y0: Option<f64>,
    pub(crate) seed: Option<u64>,
}

impl WhiteSignal {
    /// A signal of this `period` (s) and cut-off `high` (Hz), `rms = 0.5`.
    pub fn new(period: f64, high: f64) -> Self {
        Self {
            period,
            high,
            rms: 0.5,
            y0: None,
            seed: None,
        }
    }

    /// The root-mean-square value (default 0.5).
    pub fn rms(mut self, rms: f64) -> Self {
        self.rms = rms;
        self
    }

    /// Start each dimension at its value closest to `y0`.
    pub fn y0(mut self, y0: f64) -> Self {
        self.y0 = Some(y0);
        self
    }

    /// Fixes the signal: the same in every use and build.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The samples of `dims` dimensions for step `dt`, in groups of
    /// `SAMPLE_GROUP` dimensions as `SampledSignal` keeps them.
    fn samples(&self, dims: usize, dt: f64, seed: u64) -> Vec<f64> {
        let half = (self.period / dt / 2.0).ceil() as usize;
        let n = 2 * half;
        let rows = half + 1;
        let sigma = self.rms * 0.5f64.sqrt();
        // Only the rows up to `high` are kept, and only they are drawn: the
        // coefficients are values `k * dims + d` of two chunked streams
        // (imaginary parts, then real parts, as Nengo orders its draws), so
        // the first rows' values do not depend on how many rows follow.
        let kept_rows = (0..rows)
            .take_while(|&k| k as f64 / (n as f64 * dt) <= self.high)
            .count();
        let draw = |seed: u64| {
            let mut values = vec![0.0; kept_rows * dims];
            let mut rngs: Vec<NoiseRng> = (0..values.len().div_ceil(NOISE_CHUNK))
                .map(|c| NoiseRng::chunk(seed, c))
                .collect();
            fill_normal_chunked(&mut rngs, &mut values, 0.0, 1.0);
            values
        };
        let imag = draw(seed);
        let real = draw(seed ^ REAL_PARTS);
        let cut = rows - kept_rows;
        let correction = (1.0 - cut as f64 / half as f64).sqrt();
        let gain =
            sigma * (n as f64).sqrt() / if correction > 0.0 { correction } else { 1.0 } / n as f64;
        let planner = RealFftPlanner::<f64>::new().plan_fft_inverse(n);
        // One inverse FFT per dimension, in parallel by groups of
        // SAMPLE_GROUP dimensions, each group written once into its own
        // part of the samples (the layout `SampledSignal` reads); each
        // thread reuses its spectrum, scratch and column.
        let mut samples = vec![0.0; n * dims];
        samples
            .par_chunks_mut(SAMPLE_GROUP * n)
            .enumerate()
            .for_each_init(
                || {
                    let column = vec![0.0; n];
                    (planner.make_input_vec(), planner.make_scratch_vec(), column)
                },
                |(spectrum, scratch, x), (g, group)| {
                    let width = group.len() / n;
                    for j in 0..width {
                        let d = g * SAMPLE_GROUP + j;
                        for (k, c) in spectrum.iter_mut().enumerate() {
                            *c = if k == 0 || k >= kept_rows {
                                Complex::new(0.0, 0.0)
                            } else {
                                let im = if k == half { 0.0 } else { imag[k * dims + d] };
                                Complex::new(real[k * dims + d] * gain, im * gain)
                            };
                        }
                        planner.process_with_scratch(spectrum, x, scratch).expect(
                            "the spectrum has the length the plan asks for, DC and Nyquist real",
                        );
                        let start = match self.y0 {
                            // Sample 1 (t = dt) becomes the closest one.
                            Some(y0) => {
                                let closest = x
                                    .iter()
                                    .enumerate()
                                    .min_by(|a, b| (y0 - a.1).abs().total_cmp(&(y0 - b.1).abs()))
                                    .map_or(0, |(i, _)| i);
                                (closest + n - 1) % n
                            }
                            None => 0,
                        };
                        let (head, tail) = x.split_at(start);
                        for (o, &v) in group[j..]
                            .iter_mut()
                            .step_by(width)
                            .zip(tail.iter().chain(head))
                        {
                            *o = v;
                        }
                    }
                },
            );
        samples
    }
}

impl Process for WhiteSignal {
    fn name(&self) -> &'static str {
        "WhiteSignal"
    }

    fn seed(&self) -> Option<u64> {
        self.seed
    }

    fn check(&self) -> Result<(), ProcessError> {
        positive("WhiteSignal", "period", self.period)?;
        positive("WhiteSignal", "high", self.high)?;
        positive("WhiteSignal", "rms", self.rms)?;
        if let Some(y0) = self.y0 {
            if !y0.is_finite() {
                return Err(ProcessError::InvalidParameter {
                    process: "WhiteSignal",
                    param: "y0",
                    value: y0.to_string(),
                    reason: "must be finite".into(),
                });
            }
        }
        if self.high < 1.0 / self.period {
            return Err(ProcessError::InvalidParameter {
                process: "WhiteSignal",
                param: "high",
                value: self.high.to_string(),
                reason: format!(
                    "must be at least 1 / period = {} Hz to give a non-zero signal",
                    1.0 / self.period
                ),
            });
        }
        Ok(())
    }

    fn make_step(
        &self,
        size_out: usize,
        dt: f64,
        seed: u64,
    ) -> Result<Arc<dyn ProcessStep>, ProcessError> {
        self.check()?;
        if self.high > 0.5 / dt {
            return Err(ProcessError::InvalidParameter {
                process: "WhiteSignal",
                param: "high",
                value: self.high.to_string(),
                reason: format!(
                    "must not exceed the Nyquist frequency 0.5 / dt = {} Hz",
                    0.5 / dt
                ),
            });
        }
        let steps = (self.period / dt / 2.0).ceil() * 2.0 * size_out as f64;
        if steps > crate::limits::MAX_ELEMENTS as f64 {
            return Err(ProcessError::InvalidParameter {
                process: "WhiteSignal",
                param: "period",
                value: self.period.to_string(),
                reason: format!(
                    "{steps} samples of {size_out} dimensions at dt = {dt} are too many to hold"
                ),
            });
        }
        Ok(Arc::new(SampledSignal::new(
            "WhiteSignal",
            self.samples(size_out, dt, seed),
            size_out,
            dt,
        )))
    }
}
