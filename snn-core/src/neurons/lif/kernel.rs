//! The one per-neuron LIF loop, generic over the form of the membrane step,
//! the source of the currents and the layout of the state, and run through
//! [`simd::dispatch`](crate::simd::dispatch) so each instance is compiled
//! for every instruction set.

use super::currents::{Currents, Encoded1, Encoded2, EncodedEach1};
use super::layout::Layout;
use super::membrane::{LifMembrane, Short, StepForm};
use crate::neurons::EncodedRuns;
#[cfg(all(test, target_arch = "x86_64"))]
use crate::simd::dispatch;
use crate::simd::Kernel;
use std::marker::PhantomData;

/// One pass of the membrane over a run of neurons: form `F`, currents from
/// `C`, state in `S`. Every instance is a separate branch-free loop, which
/// the compiler vectorizes (8 or 16 lanes under AVX2 or AVX-512).
pub(super) struct Step<'m, F, C, S> {
    membrane: &'m LifMembrane,
    currents: C,
    state: S,
    form: PhantomData<F>,
}

impl<'m, F: StepForm, C: Currents, S: Layout> Step<'m, F, C, S> {
    pub(super) fn new(membrane: &'m LifMembrane, currents: C, state: S) -> Self {
        Self {
            membrane,
            currents,
            state,
            form: PhantomData,
        }
    }
}

impl<F: StepForm, C: Currents, S: Layout> Kernel for Step<'_, F, C, S> {
    type Output = ();

    #[inline(always)]
    fn run(self) {
        // A local copy: the compiler cannot tell that the stores to the
        // state and outputs leave a borrowed membrane unchanged, and would
        // reload its constants every neuron instead of vectorizing.
        let membrane = *self.membrane;
        let n = self.currents.len();
        let (mut currents, mut state) = (self.currents.prefix(n), self.state.prefix(n));
        for i in 0..n {
            let j = currents.current(i);
            let out = state.advance::<F>(&membrane, i, j);
            currents.put(i, out);
        }
    }
}

/// The short-form step of consecutive runs of neurons, each encoded from
/// its own 1-D or 2-D input (checked by the caller): the loop of [`Step`]
/// once per run, all in one dispatch, so a block of many small ensembles
/// pays one call and never writes its currents to memory.
pub(super) struct RunsStep<'m, 'a, S> {
    pub(super) membrane: &'m LifMembrane,
    pub(super) input: EncodedRuns<'a>,
    pub(super) state: S,
    pub(super) out: &'a mut [f32],
}

impl<S: Layout> Kernel for RunsStep<'_, '_, S> {
    type Output = ();

    #[inline(always)]
    fn run(self) {
        let membrane = *self.membrane;
        let (mut state, mut out) = (self.state, self.out);
        for r in self.input.runs {
            let (s, s_rest) = state.split_at(r.len);
            let (o, o_rest) = out.split_at_mut(r.len);
            (state, out) = (s_rest, o_rest);
            let enc = self.input.encoding(r);
            if let [x0] = *enc.x {
                let currents = Encoded1 {
                    e0: enc.encoders,
                    bias: enc.bias,
                    x0,
                    out: o,
                };
                Step::<Short, _, _>::new(&membrane, currents, s).run();
            } else {
                let (e0, e1) = enc.encoders.split_at(r.len);
                let currents = Encoded2 {
                    e0,
                    e1,
                    bias: enc.bias,
                    x: [enc.x[0], enc.x[1]],
                    out: o,
                };
                Step::<Short, _, _>::new(&membrane, currents, s).run();
            }
        }
    }
}

/// The short-form step of consecutive 1-D runs as one loop over the whole
/// block: each run's input is first broadcast over its neurons into `x`,
/// then every neuron is stepped by [`Step`] with its own input
/// ([`EncodedEach1`]). A run of 50 neurons stepped alone takes four
/// 16-lane vectors, the last one partly wasted (or a padded run); here the
/// block's neurons fill whole vectors back to back, and there is no per-run
/// call. The caller checks that every run is 1-D with its encoders at its
/// own offset (`enc_offset == offset`) and that the runs cover the block.
pub(super) struct FlatStep1<'m, 'a, S> {
    pub(super) membrane: &'m LifMembrane,
    pub(super) input: EncodedRuns<'a>,
    pub(super) x: &'a mut [f32],
    pub(super) state: S,
    pub(super) out: &'a mut [f32],
}

impl<S: Layout> Kernel for FlatStep1<'_, '_, S> {
    type Output = ();

    #[inline(always)]
    fn run(self) {
        let n = self.out.len();
        let x = &mut self.x[..n];
        for r in self.input.runs {
            x[r.offset..r.offset + r.len].fill(self.input.x[r.x_offset]);
        }
        let currents = EncodedEach1 {
            e0: &self.input.encoders[..n],
            bias: &self.input.bias[..n],
            x,
            out: self.out,
        };
        Step::<Short, _, _>::new(self.membrane, currents, self.state).run();
    }
}

/// How many voltages are above the threshold 1 (the search that picks the
/// short or long form for a state not written by a step).
pub(super) struct CountAboveThreshold<'a>(pub(super) &'a [f32]);

impl Kernel for CountAboveThreshold<'_> {
    type Output = usize;

    #[inline(always)]
    fn run(self) -> usize {
        self.0.iter().map(|&v| usize::from(v > 1.0)).sum()
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::super::currents::{Encoded1, Encoded2, Given, InPlace};
    use super::super::layout::Pair;
    use super::super::membrane::{Long, Short};
    use super::super::packed::Packed;
    use super::*;
    use crate::simd::{dispatch_at, level, Level};
    use rand::{Rng, SeedableRng};

    /// Random voltages in `[0, 1]` (some refractory), currents from -1 to 30.
    fn random_population(n: usize, seed: u64) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let v = (0..n).map(|_| rng.random_range(0.0..1.0)).collect();
        let r = (0..n)
            .map(|_| {
                if rng.random_bool(0.3) {
                    rng.random_range(0.0..0.003)
                } else {
                    0.0
                }
            })
            .collect();
        let j = (0..n).map(|_| rng.random_range(-1.0..30.0)).collect();
        (v, r, j)
    }

    fn bits(x: &[f32]) -> Vec<u32> {
        x.iter().map(|x| x.to_bits()).collect()
    }

    /// Runs `step` (made fresh from copies of the inputs by `make`) at every
    /// level the CPU supports and once called directly (the baseline
    /// build), and asserts that every run leaves the same bits.
    fn assert_levels_agree(make: impl Fn(&mut [f32], &mut [f32], &mut [f32], Option<Level>)) {
        let (v0, r0, j0) = random_population(3001, 5);
        let mut reference: Option<[Vec<u32>; 3]> = None;
        let mut levels = vec![None, Some(Level::Baseline)];
        levels.extend([Level::Avx2Fma, Level::Avx512].map(Some));
        levels.retain(|l| l.is_none_or(|l| l <= level()));
        for at in levels {
            let (mut v, mut r, mut j) = (v0.clone(), r0.clone(), j0.clone());
            make(&mut v, &mut r, &mut j, at);
            let got = [bits(&v), bits(&r), bits(&j)];
            match &reference {
                None => reference = Some(got),
                Some(want) => assert!(*want == got, "level {at:?} differs from baseline"),
            }
        }
    }

    fn run_at<K: Kernel<Output = ()>>(at: Option<Level>, kernel: K) {
        match at {
            None => kernel.run(),
            Some(level) => dispatch_at(level, kernel),
        }
    }

    #[test]
    fn every_instruction_set_steps_to_the_bits_of_the_baseline_loop() {
        let m = LifMembrane::new(0.001, 0.02, 0.002, 0.0, 1.0);
        let e = random_population(3001, 9).2;
        assert_levels_agree(|v, r, j, at| {
            let mut out = vec![0.0f32; j.len()];
            let pair = Pair {
                voltage: v,
                refractory: r,
            };
            run_at(
                at,
                Step::<Short, _, _>::new(&m, Given { j, out: &mut out }, pair),
            );
            j.copy_from_slice(&out);
        });
        assert_levels_agree(|v, r, j, at| {
            let pair = Pair {
                voltage: v,
                refractory: r,
            };
            run_at(at, Step::<Long, _, _>::new(&m, InPlace(j), pair));
        });
        assert_levels_agree(|v, _, j, at| {
            let (e0, bias) = (&e[..], &j.to_vec()[..]);
            let io = Encoded1 {
                e0,
                bias,
                x0: 0.3,
                out: j,
            };
            run_at(at, Step::<Short, _, _>::new(&m, io, Packed(v)));
        });
        assert_levels_agree(|v, r, j, at| {
            let (e0, e1, bias) = (&e[..], &r.to_vec()[..], &j.to_vec()[..]);
            let io = Encoded2 {
                e0,
                e1,
                bias,
                x: [0.3, -0.7],
                out: j,
            };
            run_at(at, Step::<Short, _, _>::new(&m, io, Packed(v)));
        });
    }

    #[test]
    fn this_machine_runs_the_vector_copies_it_has() {
        use std::arch::is_x86_feature_detected as has;
        let expected = if has!("avx512f")
            && has!("avx512vl")
            && has!("avx512dq")
            && has!("avx512bw")
            && has!("avx2")
            && has!("fma")
        {
            Level::Avx512
        } else if has!("avx2") && has!("fma") {
            Level::Avx2Fma
        } else {
            Level::Baseline
        };
        assert_eq!(level(), expected);
        let v = [0.5f32, 1.5, 2.0, -1.0, 1.0];
        assert_eq!(dispatch(CountAboveThreshold(&v)), 2);
    }
}
