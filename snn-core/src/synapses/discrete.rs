//! The discrete-time state-space system a synapse becomes once `dt` is known,
//! and the per-connection state it steps.

use nalgebra::DMatrix;

/// How a [`DiscreteFilter`] advances, chosen once from the shape of its
/// matrices (Nengo picks its `Step` subclass the same way).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stepper {
    /// No state: `y[k] = d u[k]`.
    Gain { d: f64 },
    /// One state and `D = 0` (every Lowpass): `y[k] = a y[k-1] + b u[k]`
    /// with `b = C B`. The output itself is the state.
    FirstOrder { a: f64, b: f64 },
    /// `D = 0`: the input is advanced one step, `x[k] = A x[k-1] + B u[k]`,
    /// `y[k] = C x[k]`.
    NoD,
    /// `D != 0`: `y[k] = C x[k-1] + D u[k]`, `x[k] = A x[k-1] + B u[k]`.
    General,
}

/// A linear filter in discrete time: `x[k] = A x[k-1] + B u[k]` and an
/// output read through `C` and `D`, stepping signals of any number of
/// independent dimensions.
///
/// The stepping follows Nengo 4.1 exactly, including its timing:
///
/// * no state (a pure gain): `y[k] = D u[k]`;
/// * `D = 0` (strictly proper H(s), every Lowpass and Alpha): the input is
///   advanced one step to remove a needless delay,
///   `x[k] = A x[k-1] + B u[k]`, `y[k] = C x[k]`; for a single state this is
///   `y[k] = a y[k-1] + b u[k]` with `b = C B` (a Lowpass gives
///   `a = exp(-dt/tau)`, `b = 1 - a`);
/// * otherwise: `y[k] = C x[k-1] + D u[k]`, then `x[k] = A x[k-1] + B u[k]`.
///
/// Cost per step and dimension: `O(order²)` multiply-adds (2 for the
/// first-order path), no allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscreteFilter {
    a: DMatrix<f64>,
    b: DMatrix<f64>,
    c: DMatrix<f64>,
    d: DMatrix<f64>,
    /// `A` row-major, for the stepping loops.
    a_rows: Vec<f64>,
    stepper: Stepper,
}

impl DiscreteFilter {
    /// Wraps a single-input single-output discrete system; `a` is
    /// `order × order`, `b` is `order × 1`, `c` is `1 × order`, `d` is `1 × 1`.
    ///
    /// # Panics
    /// If the shapes disagree (a bug in the discretization that built them).
    pub(crate) fn from_state_space(
        a: DMatrix<f64>,
        b: DMatrix<f64>,
        c: DMatrix<f64>,
        d: DMatrix<f64>,
    ) -> Self {
        let n = a.nrows();
        let shapes = [a.shape(), b.shape(), c.shape(), d.shape()];
        assert!(
            shapes == [(n, n), (n, 1), (1, n), (1, 1)],
            "state space shapes (A, B, C, D) disagree: {shapes:?}"
        );
        let d0 = d[(0, 0)];
        let stepper = match n {
            0 => Stepper::Gain { d: d0 },
            1 if d0 == 0.0 => Stepper::FirstOrder {
                a: a[(0, 0)],
                b: c[(0, 0)] * b[(0, 0)],
            },
            _ if d0 == 0.0 => Stepper::NoD,
            _ => Stepper::General,
        };
        let a_rows = a.transpose().as_slice().to_vec();
        Self {
            a,
            b,
            c,
            d,
            a_rows,
            stepper,
        }
    }

    /// Number of state variables per dimension (the denominator's degree).
    pub fn order(&self) -> usize {
        self.a.nrows()
    }

    /// The state transition matrix `A` (for ZOH, `Ad = exp(A_c dt)`).
    pub fn a(&self) -> &DMatrix<f64> {
        &self.a
    }

    /// The input matrix `B` (`order × 1`).
    pub fn b(&self) -> &DMatrix<f64> {
        &self.b
    }

    /// The output matrix `C` (`1 × order`).
    pub fn c(&self) -> &DMatrix<f64> {
        &self.c
    }

    /// The feedthrough `D` (`1 × 1`); zero for strictly proper filters.
    pub fn d(&self) -> &DMatrix<f64> {
        &self.d
    }

    /// A zero state (Nengo's default `y0 = 0`) for a signal of `dims`
    /// independent dimensions.
    pub fn state(&self, dims: usize) -> FilterState {
        let stored = match self.stepper {
            Stepper::Gain { .. } | Stepper::FirstOrder { .. } => 0,
            Stepper::NoD | Stepper::General => self.order() * dims,
        };
        FilterState {
            x: vec![0.0; stored],
            scratch: vec![0.0; stored],
            y: vec![0.0; dims],
        }
    }

    /// `(a, b)` of a first-order filter (`y[k] = a y[k-1] + b u[k]`, every
    /// Lowpass), whose state is its output; `None` for any other.
    pub(crate) fn first_order(&self) -> Option<(f64, f64)> {
        match self.stepper {
            Stepper::FirstOrder { a, b } => Some((a, b)),
            _ => None,
        }
    }

    /// Advances one step with this step's input `u[k]` (one value per
    /// dimension); afterwards `state.output()` is `y[k]`.
    ///
    /// # Panics
    /// If `input.len() != state.dims()`, or if `state` was made by a filter
    /// of another order: both are programming errors.
    pub fn update(&self, state: &mut FilterState, input: &[f64]) {
        let m = state.y.len();
        assert_eq!(input.len(), m, "filter input has the wrong length");
        if matches!(self.stepper, Stepper::NoD | Stepper::General) {
            let n = self.order();
            assert_eq!(state.x.len(), n * m, "filter state has the wrong order");
        }
        match self.stepper {
            Stepper::Gain { d } => {
                for (y, &u) in state.y.iter_mut().zip(input) {
                    *y = d * u;
                }
            }
            Stepper::FirstOrder { a, b } => {
                for (y, &u) in state.y.iter_mut().zip(input) {
                    *y = a * *y + b * u;
                }
            }
            Stepper::NoD => {
                self.advance(state, input);
                self.read_state(&state.x, &mut state.y);
            }
            Stepper::General => {
                self.read_state(&state.x, &mut state.y);
                let d = self.d[(0, 0)];
                for (y, &u) in state.y.iter_mut().zip(input) {
                    *y += d * u;
                }
                self.advance(state, input);
            }
        }
    }

    /// Filters a whole one-dimensional signal from a zero state, as Nengo's
    /// `Synapse.filt` does: returns `y[0..n]` for inputs `u[0..n]`.
    pub fn filt(&self, signal: &[f64]) -> Vec<f64> {
        let mut state = self.state(1);
        signal
            .iter()
            .map(|&u| {
                self.update(&mut state, &[u]);
                state.y[0]
            })
            .collect()
    }

    /// `x <- A x + B u` for every dimension; `x` is stored state-major
    /// (`x[i * dims + j]` is state `i` of dimension `j`).
    fn advance(&self, state: &mut FilterState, input: &[f64]) {
        let n = self.order();
        let m = input.len();
        for i in 0..n {
            let row = &self.a_rows[i * n..(i + 1) * n];
            let next = &mut state.scratch[i * m..(i + 1) * m];
            next.fill(0.0);
            for (k, &aik) in row.iter().enumerate() {
                for (v, &xk) in next.iter_mut().zip(&state.x[k * m..(k + 1) * m]) {
                    *v += aik * xk;
                }
            }
            let bi = self.b[(i, 0)];
            for (v, &u) in next.iter_mut().zip(input) {
                *v += bi * u;
            }
        }
        std::mem::swap(&mut state.x, &mut state.scratch);
    }

    /// `y <- C x` for every dimension.
    fn read_state(&self, x: &[f64], y: &mut [f64]) {
        let m = y.len();
        y.fill(0.0);
        for (k, &ck) in self.c.iter().enumerate() {
            for (v, &xk) in y.iter_mut().zip(&x[k * m..(k + 1) * m]) {
                *v += ck * xk;
            }
        }
    }
}

/// The running state of one [`DiscreteFilter`] over a signal of some number
/// of dimensions: the filter's state variables and its latest output.
///
/// Made by [`DiscreteFilter::state`]; only that filter (or one of the same
/// order) may step it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FilterState {
    /// State variables, state-major: `x[i * dims + j]`. Empty for a pure gain
    /// and for the first-order path, whose state is the output itself.
    x: Vec<f64>,
    /// Buffer for the next `x`, swapped in after each step.
    scratch: Vec<f64>,
    /// The latest output `y[k]`, one value per dimension.
    y: Vec<f64>,
}

impl FilterState {
    /// True when `other` has this state's sizes (a checkpoint's filter
    /// state must fit the filter it is put back into).
    pub(crate) fn same_shape(&self, other: &FilterState) -> bool {
        self.x.len() == other.x.len()
            && self.scratch.len() == other.scratch.len()
            && self.y.len() == other.y.len()
    }

    /// The latest output `y[k]`, one value per dimension (zeros before the
    /// first step).
    pub fn output(&self) -> &[f64] {
        &self.y
    }

    /// The latest output, to be stepped in place by a first-order filter
    /// (whose state it is: see [`DiscreteFilter::first_order`]).
    pub(crate) fn output_mut(&mut self) -> &mut [f64] {
        &mut self.y
    }

    /// Number of independent signal dimensions filtered.
    pub fn dims(&self) -> usize {
        self.y.len()
    }

    /// Returns to the zero state, as at the start of a simulation.
    pub fn reset(&mut self) {
        self.x.fill(0.0);
        self.scratch.fill(0.0);
        self.y.fill(0.0);
    }
}

#[cfg(test)]
mod tests {
    use crate::synapses::{Alpha, LinearFilter, Lowpass, Synapse};

    const DT: f64 = 0.001;

    #[test]
    fn update_filters_each_dimension_independently() {
        let filters = [
            Lowpass(0.005).discretize(DT).unwrap(),
            Alpha(0.005).discretize(DT).unwrap(),
            LinearFilter::new(vec![1.0, 2.0], vec![0.01, 1.0])
                .discretize(DT)
                .unwrap(),
            LinearFilter::new(vec![2.0], vec![1.0])
                .discretize(DT)
                .unwrap(),
        ];
        let signals: [Vec<f64>; 3] = [
            (0..100).map(|k| (k as f64 * 0.1).sin()).collect(),
            vec![1.0; 100],
            (0..100)
                .map(|k| if k % 7 == 0 { 1000.0 } else { 0.0 })
                .collect(),
        ];
        for f in &filters {
            let mut state = f.state(3);
            assert_eq!(state.dims(), 3);
            let expected: Vec<Vec<f64>> = signals.iter().map(|s| f.filt(s)).collect();
            for k in 0..100 {
                let u = [signals[0][k], signals[1][k], signals[2][k]];
                f.update(&mut state, &u);
                for (j, e) in expected.iter().enumerate() {
                    assert_eq!(state.output()[j], e[k], "order {} dim {j} k {k}", f.order());
                }
            }
            state.reset();
            assert_eq!(state.output(), &[0.0; 3]);
            assert_eq!(state, f.state(3));
        }
    }

    #[test]
    fn very_fast_filters_pass_their_input_through() {
        // tau << dt: the filter settles within one step, so y[k] = u[k].
        let fast: [&dyn Synapse; 2] = [&Lowpass(1e-9), &Alpha(1e-9)];
        for f in fast {
            let y = f.discretize(DT).unwrap().filt(&[1.0, 2.0, -3.0]);
            for (yk, u) in y.iter().zip([1.0, 2.0, -3.0]) {
                assert!((yk - u).abs() < 1e-9, "{f:?}: {y:?}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "wrong length")]
    fn update_panics_on_input_of_wrong_length() {
        let f = Lowpass(0.005).discretize(DT).unwrap();
        let mut state = f.state(2);
        f.update(&mut state, &[1.0]);
    }
}
