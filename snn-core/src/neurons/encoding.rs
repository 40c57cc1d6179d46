//! The input currents of a population given as an encoding of a vector,
//! so a neuron type can compute them inside its own step.

use crate::simd::multiversion;

/// Neurons encoded per pass, so the currents being summed stay in L1 cache
/// while every dimension is added in.
const CHUNK: usize = 1024;

/// Input currents `J_i = bias_i + Σ_d E[d, i] x_d` of `n = bias.len()`
/// neurons, with the scaled encoders `E` (gain folded in) stored
/// dimension-major: `encoders[d * n + i]`.
///
/// Handing a neuron type this rather than the currents lets it fuse the
/// encoding into its update, so each neuron's encoder, bias and state are
/// loaded in one pass over memory instead of two.
#[derive(Debug, Clone, Copy)]
pub struct Encoding<'a> {
    /// Scaled encoders, dimension-major (`x.len() * n` values).
    pub encoders: &'a [f32],
    /// Bias currents, one per neuron.
    pub bias: &'a [f32],
    /// The represented vector of this step.
    pub x: &'a [f32],
}

impl Encoding<'_> {
    /// Number of neurons.
    pub fn len(&self) -> usize {
        self.bias.len()
    }

    /// True for no neurons.
    pub fn is_empty(&self) -> bool {
        self.bias.is_empty()
    }

    /// Writes the currents into `j` (`self.len()` values).
    pub fn currents_into(&self, j: &mut [f32]) {
        encode(self.encoders, self.bias, self.x, j);
    }

    /// The current of neuron `i` from the first two dimensions' columns
    /// `e0`, `e1`, in exactly the order of [`affine_currents`]: so a fused
    /// kernel computes the same bits as encoding first.
    #[inline(always)]
    pub(crate) fn current_2d(e0: f32, e1: f32, b: f32, x0: f32, x1: f32) -> f32 {
        e1.mul_add(x1, e0.mul_add(x0, b))
    }
}

/// One run of a block's neurons encoded from its own input vector (one
/// small population among many packed into a block): neurons
/// `offset..offset + len`, their encoders dimension-major from
/// `enc_offset` (`enc_offset + d * len + i`), and the input
/// `x[x_offset..x_offset + dims]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodedRun {
    /// The run's first neuron in the block.
    pub offset: usize,
    /// Its number of neurons.
    pub len: usize,
    /// The length of its input vector.
    pub dims: usize,
    /// Where its encoders start.
    pub enc_offset: usize,
    /// Where its input vector starts.
    pub x_offset: usize,
}

/// Consecutive runs covering a block, each with its own input: what a
/// neuron type may step in one pass per run, each current computed inside
/// the update loop as for a single [`Encoding`].
#[derive(Debug, Clone, Copy)]
pub struct EncodedRuns<'a> {
    /// The runs, in order, from neuron 0 to the last without gaps.
    pub runs: &'a [EncodedRun],
    /// Every run's encoders, each at its `enc_offset`.
    pub encoders: &'a [f32],
    /// Bias currents, one per neuron of the block.
    pub bias: &'a [f32],
    /// Every run's input vector, each at its `x_offset`.
    pub x: &'a [f32],
    /// What the runs have in common ([`RunsShape::of`]), found once when
    /// they are laid out rather than at every step.
    pub shape: RunsShape,
}

/// What every run of an [`EncodedRuns`] has in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunsShape {
    /// Every run is 1-D with its encoders at its own offset
    /// (`enc_offset == offset`), and the runs cover neurons `0..` without
    /// gaps: the encoders are one array over the block's neurons.
    Flat1,
    /// Every run is 1-D or 2-D.
    UpTo2,
    /// Some run has more dimensions, or there is none.
    Wider,
}

impl RunsShape {
    /// The shape of `runs`.
    pub fn of(runs: &[EncodedRun]) -> Self {
        if runs.is_empty() || runs.iter().any(|r| !(1..=2).contains(&r.dims)) {
            return RunsShape::Wider;
        }
        let mut next = 0;
        let flat = runs.iter().all(|r| {
            let ok = r.dims == 1 && r.enc_offset == r.offset && r.offset == next;
            next = r.offset + r.len;
            ok
        });
        if flat {
            RunsShape::Flat1
        } else {
            RunsShape::UpTo2
        }
    }
}

impl<'a> EncodedRuns<'a> {
    /// Run `r` as a single [`Encoding`].
    #[inline(always)]
    pub fn encoding(&self, r: &EncodedRun) -> Encoding<'a> {
        Encoding {
            encoders: &self.encoders[r.enc_offset..r.enc_offset + r.dims * r.len],
            bias: &self.bias[r.offset..r.offset + r.len],
            x: &self.x[r.x_offset..r.x_offset + r.dims],
        }
    }
}

multiversion! {
    fn encode(encoders: &[f32], bias: &[f32], x: &[f32], j: &mut [f32]) {
        affine_currents(encoders, bias, x, j);
    }
}

/// `j_i = bias_i + Σ_d E[d, i] x_d`, with `E` dimension-major
/// (`encoders[d * n + i]`, `n = j.len()`) so each dimension is one
/// vectorized sweep. Each term is one fused multiply-add in `f32`
/// (`j ← E x_d + j`, dimension by dimension, starting from the bias).
#[inline(always)]
pub(crate) fn affine_currents(encoders: &[f32], bias: &[f32], x: &[f32], j: &mut [f32]) {
    let n = j.len();
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        let out = &mut j[start..end];
        let bias = &bias[start..end];
        match x.first() {
            None => out.copy_from_slice(bias),
            Some(&x0) => {
                let column = &encoders[start..end];
                for ((o, &e), &b) in out.iter_mut().zip(column).zip(bias) {
                    *o = e.mul_add(x0, b);
                }
            }
        }
        for (d, &xd) in x.iter().enumerate().skip(1) {
            let column = &encoders[d * n + start..d * n + end];
            for (o, &e) in out.iter_mut().zip(column) {
                *o = e.mul_add(xd, *o);
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_bias_plus_encoders_times_input() {
        let n = 2500;
        let dims = 3;
        let encoders: Vec<f32> = (0..n * dims).map(|k| (k % 7) as f32 - 3.0).collect();
        let bias: Vec<f32> = (0..n).map(|i| i as f32 * 0.01).collect();
        let x = [0.5f32, -0.25, 2.0];
        let mut j = vec![0.0; n];
        let input = Encoding {
            encoders: &encoders,
            bias: &bias,
            x: &x,
        };
        input.currents_into(&mut j);
        for i in 0..n {
            let exact: f64 = f64::from(bias[i])
                + (0..dims)
                    .map(|d| f64::from(encoders[d * n + i]) * f64::from(x[d]))
                    .sum::<f64>();
            assert!((f64::from(j[i]) - exact).abs() <= 1e-5 * exact.abs().max(1.0));
        }
    }

    #[test]
    fn the_fused_two_dimensional_current_matches_encoding_first() {
        let (e0, e1, b) = (
            [0.3f32, -1.7, 2.9],
            [1.1f32, 0.4, -0.6],
            [0.7f32, 1.3, -0.2],
        );
        let x = [0.123_456_7f32, -0.987_654_3];
        let encoders: Vec<f32> = e0.iter().chain(&e1).copied().collect();
        let mut j = [0.0; 3];
        affine_currents(&encoders, &b, &x, &mut j);
        for i in 0..3 {
            let fused = Encoding::current_2d(e0[i], e1[i], b[i], x[0], x[1]);
            assert_eq!(fused.to_bits(), j[i].to_bits());
        }
    }

    #[test]
    fn the_shape_of_runs_is_flat_only_for_gapless_one_dimensional_runs() {
        let run = |offset, len, dims, enc_offset| EncodedRun {
            offset,
            len,
            dims,
            enc_offset,
            x_offset: 0,
        };
        let flat = [run(0, 50, 1, 0), run(50, 30, 1, 50)];
        assert_eq!(RunsShape::of(&flat), RunsShape::Flat1);
        let gap = [run(0, 50, 1, 0), run(64, 30, 1, 64)];
        assert_eq!(RunsShape::of(&gap), RunsShape::UpTo2, "padded runs");
        let late = [run(16, 50, 1, 16)];
        assert_eq!(RunsShape::of(&late), RunsShape::UpTo2, "not from neuron 0");
        let mixed = [run(0, 50, 1, 0), run(50, 30, 2, 50)];
        assert_eq!(RunsShape::of(&mixed), RunsShape::UpTo2);
        let wide = [run(0, 50, 1, 0), run(50, 30, 3, 50)];
        assert_eq!(RunsShape::of(&wide), RunsShape::Wider);
        assert_eq!(RunsShape::of(&[]), RunsShape::Wider);
    }
}
