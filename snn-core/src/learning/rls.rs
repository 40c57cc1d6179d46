//! Recursive least squares (RLS; Sussillo & Abbott's FORCE learning uses
//! it), as Nengo 4.1 applies it.

use super::{Learned, LearningRule, RuleInputs, RuleState};
use nalgebra::DMatrix;

/// Keeps `P`, a running estimate of the inverse correlation of the pre
/// activities `r`, from `P(0) = I p0` (`p0 = learning_rate dt / n_pre`);
/// each step `P ← P - (P r)(P r)ᵀ / (1 + rᵀ P r)`, and the matrix moves by
/// `ΔM = -(E e) ⊗ (P r)`, with the new `P` (`P_new r = P r / (1 + rᵀ P r)`).
/// Each step solves the least-squares problem over all activities seen so
/// far, so RLS converges in far fewer steps than PES.
#[derive(Debug, Clone)]
pub struct RlsStep {
    /// `learning_rate dt / n_pre`.
    pub p0: f64,
    /// Size of the error.
    pub error_dims: usize,
    /// `E`, or `None` for the identity (as in [`PesStep`](super::PesStep)).
    pub error_map: Option<DMatrix<f64>>,
}

impl RlsStep {
    /// Values per pre neuron of the learned matrix.
    fn out_dims(&self) -> usize {
        self.error_map
            .as_ref()
            .map_or(self.error_dims, DMatrix::nrows)
    }
}

impl LearningRule for RlsStep {
    fn name(&self) -> &'static str {
        "RLS"
    }

    fn input_dims(&self) -> usize {
        self.error_dims
    }

    /// `P` (row-major `n_pre × n_pre`), then `P r`, then the mapped error.
    fn initial_state(&self, n_pre: usize, out: usize) -> RuleState {
        let mut values = vec![0.0; n_pre * n_pre + n_pre + out];
        for i in 0..n_pre {
            values[i * n_pre + i] = self.p0;
        }
        RuleState {
            values,
            filter: None,
        }
    }

    /// `inv_gamma`: the inverse correlation matrix `P`, row-major.
    fn own_signal<'a>(&self, state: &'a RuleState) -> Option<(&'static str, &'a [f64])> {
        // The state is `P` (n²), then `P r` (n), then the error (out):
        // `n` is the positive root of n² + n = len - out.
        let rest = state.values.len() - self.out_dims();
        let n = ((((4 * rest + 1) as f64).sqrt() - 1.0) / 2.0).round() as usize;
        Some(("inv_gamma", &state.values[..n * n]))
    }

    fn update(&self, inputs: RuleInputs<'_>, state: &mut RuleState, learned: Learned<'_>) {
        let r = inputs.pre;
        let n = r.len();
        let (p, rest) = state.values.split_at_mut(n * n);
        let (pr, mapped) = rest.split_at_mut(n);
        for (i, row) in p.chunks_exact(n).enumerate() {
            pr[i] = row.iter().zip(r).map(|(a, b)| a * b).sum();
        }
        let scale = 1.0 / (1.0 + r.iter().zip(pr.iter()).map(|(a, b)| a * b).sum::<f64>());
        for (row, &pri) in p.chunks_exact_mut(n).zip(pr.iter()) {
            let k = pri * scale;
            for (x, &prj) in row.iter_mut().zip(pr.iter()) {
                *x -= k * prj;
            }
        }
        match &self.error_map {
            Some(map) => {
                for (o, m) in mapped.iter_mut().enumerate() {
                    *m = -map
                        .row(o)
                        .iter()
                        .zip(inputs.input)
                        .map(|(a, e)| a * e)
                        .sum::<f64>();
                }
            }
            None => {
                for (m, &e) in mapped.iter_mut().zip(inputs.input) {
                    *m = -e;
                }
            }
        }
        // P_new r = P r / (1 + rᵀ P r).
        for v in pr.iter_mut() {
            *v *= scale;
        }
        super::add_outer(learned, mapped, pr);
    }
}
