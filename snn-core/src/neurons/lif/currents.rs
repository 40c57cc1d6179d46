//! Where the generic LIF loop ([`Step`](super::kernel::Step)) reads each
//! neuron's input current and writes its output.
//!
//! The loop is the same whether the currents were computed before it, are
//! overwritten by the outputs, or are encoded inside it; only these reads
//! and writes differ, so they are a type parameter and every instance of
//! the loop is compiled for its own source.

use crate::neurons::encoding::Encoding;

/// Input currents and output slots of a run of neurons.
///
/// [`prefix`](Currents::prefix) cuts every slice to exactly `n` before the
/// loop, so that `current(i)` and `put(i, _)` for `i < n` compile without
/// bounds checks.
pub(crate) trait Currents: Sized {
    /// The number of neurons (of outputs).
    fn len(&self) -> usize;
    /// The first `mid` neurons and the rest.
    fn split_at(self, mid: usize) -> (Self, Self);
    /// The first `n` neurons, every slice exactly `n` long: the first half
    /// of [`split_at`](Currents::split_at), whose second half the compiler
    /// drops unused.
    #[inline(always)]
    fn prefix(self, n: usize) -> Self {
        self.split_at(n).0
    }
    /// The input current of neuron `i`.
    fn current(&self, i: usize) -> f32;
    /// Stores the output of neuron `i`.
    fn put(&mut self, i: usize, out: f32);
}

/// Currents computed before the loop, outputs written apart.
pub(crate) struct Given<'a> {
    pub(crate) j: &'a [f32],
    pub(crate) out: &'a mut [f32],
}

/// Currents in `io`, each replaced by its neuron's output (the adaptive
/// LIF's `J - n`, so it needs no second buffer).
pub(crate) struct InPlace<'a>(pub(crate) &'a mut [f32]);

/// One-dimensional input: `J_i = e_i x0 + b_i` (one fused multiply-add,
/// the bits of [`Encoding::currents_into`]).
pub(super) struct Encoded1<'a> {
    pub(super) e0: &'a [f32],
    pub(super) bias: &'a [f32],
    pub(super) x0: f32,
    pub(super) out: &'a mut [f32],
}

/// One-dimensional input, its value given per neuron: `J_i = e_i x_i + b_i`
/// (the bits of [`Encoded1`] with `x0 = x_i`). A block of many 1-D
/// populations broadcasts each one's input over its neurons and steps them
/// all in one loop, with no run ending in a partial vector.
pub(super) struct EncodedEach1<'a> {
    pub(super) e0: &'a [f32],
    pub(super) bias: &'a [f32],
    pub(super) x: &'a [f32],
    pub(super) out: &'a mut [f32],
}

/// Two-dimensional input: `J_i` by [`Encoding::current_2d`] from the two
/// encoder columns `e0`, `e1`.
pub(super) struct Encoded2<'a> {
    pub(super) e0: &'a [f32],
    pub(super) e1: &'a [f32],
    pub(super) bias: &'a [f32],
    pub(super) x: [f32; 2],
    pub(super) out: &'a mut [f32],
}

impl Currents for Given<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (j, j_rest) = self.j.split_at(mid);
        let (out, out_rest) = self.out.split_at_mut(mid);
        (
            Given { j, out },
            Given {
                j: j_rest,
                out: out_rest,
            },
        )
    }

    #[inline(always)]
    fn current(&self, i: usize) -> f32 {
        self.j[i]
    }

    #[inline(always)]
    fn put(&mut self, i: usize, out: f32) {
        self.out[i] = out;
    }
}

impl Currents for InPlace<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.0.len()
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (io, rest) = self.0.split_at_mut(mid);
        (InPlace(io), InPlace(rest))
    }

    #[inline(always)]
    fn current(&self, i: usize) -> f32 {
        self.0[i]
    }

    #[inline(always)]
    fn put(&mut self, i: usize, out: f32) {
        self.0[i] = out;
    }
}

impl Currents for Encoded1<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (e0, e0_rest) = self.e0.split_at(mid);
        let (bias, bias_rest) = self.bias.split_at(mid);
        let (out, out_rest) = self.out.split_at_mut(mid);
        let x0 = self.x0;
        (
            Encoded1 { e0, bias, x0, out },
            Encoded1 {
                e0: e0_rest,
                bias: bias_rest,
                x0,
                out: out_rest,
            },
        )
    }

    #[inline(always)]
    fn current(&self, i: usize) -> f32 {
        self.e0[i].mul_add(self.x0, self.bias[i])
    }

    #[inline(always)]
    fn put(&mut self, i: usize, out: f32) {
        self.out[i] = out;
    }
}

impl Currents for EncodedEach1<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (e0, e0_rest) = self.e0.split_at(mid);
        let (bias, bias_rest) = self.bias.split_at(mid);
        let (x, x_rest) = self.x.split_at(mid);
        let (out, out_rest) = self.out.split_at_mut(mid);
        (
            EncodedEach1 { e0, bias, x, out },
            EncodedEach1 {
                e0: e0_rest,
                bias: bias_rest,
                x: x_rest,
                out: out_rest,
            },
        )
    }

    #[inline(always)]
    fn current(&self, i: usize) -> f32 {
        self.e0[i].mul_add(self.x[i], self.bias[i])
    }

    #[inline(always)]
    fn put(&mut self, i: usize, out: f32) {
        self.out[i] = out;
    }
}

impl Currents for Encoded2<'_> {
    #[inline(always)]
    fn len(&self) -> usize {
        self.out.len()
    }

    #[inline(always)]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (e0, e0_rest) = self.e0.split_at(mid);
        let (e1, e1_rest) = self.e1.split_at(mid);
        let (bias, bias_rest) = self.bias.split_at(mid);
        let (out, out_rest) = self.out.split_at_mut(mid);
        let x = self.x;
        (
            Encoded2 {
                e0,
                e1,
                bias,
                x,
                out,
            },
            Encoded2 {
                e0: e0_rest,
                e1: e1_rest,
                bias: bias_rest,
                x,
                out: out_rest,
            },
        )
    }

    #[inline(always)]
    fn current(&self, i: usize) -> f32 {
        Encoding::current_2d(self.e0[i], self.e1[i], self.bias[i], self.x[0], self.x[1])
    }

    #[inline(always)]
    fn put(&mut self, i: usize, out: f32) {
        self.out[i] = out;
    }
}
