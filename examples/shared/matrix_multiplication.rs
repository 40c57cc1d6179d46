//! The model of the `matrix_multiplication` example, shared with its test:
//! `C = A B` for 2 × 2 matrices in ensemble arrays (Nengo's
//! matrix-multiplication example and test): an array of 2-D ensembles
//! holds every pair `(A[i, j], B[j, k])`, decodes their product, and the
//! products are summed into `C`.

use nalgebra::DMatrix;
use snn::prelude::*;

/// The matrices multiplied.
pub const A: [[f64; 2]; 2] = [[0.5, -0.5], [0.3, 0.7]];
pub const B: [[f64; 2]; 2] = [[0.8, 0.3], [0.2, -0.6]];

/// A run: sample times and `C`'s probe data (`C[i, k]` in column `2 i + k`).
pub struct Product {
    pub t: Vec<f64>,
    pub c: DMatrix<f64>,
}

/// The exact product, row-major.
pub fn exact() -> [f64; 4] {
    let mut c = [0.0; 4];
    for i in 0..2 {
        for k in 0..2 {
            c[2 * i + k] = (0..2).map(|j| A[i][j] * B[j][k]).sum();
        }
    }
    c
}

/// Runs 0.5 s with seed `seed`.
pub fn run(seed: u64) -> Result<Product, snn::Error> {
    let n = 100;
    let flat = |m: [[f64; 2]; 2]| vec![m[0][0], m[0][1], m[1][0], m[1][1]];
    let mut net = Network::with_seed(seed);
    let input_a = net.node("input_a", Node::constant(flat(A)))?;
    let input_b = net.node("input_b", Node::constant(flat(B)))?;
    let a = net.add("A", EnsembleArray::new(n, 4))?;
    let b = net.add("B", EnsembleArray::new(n, 4))?;
    net.connect(Connection::new(input_a, a.input))?;
    net.connect(Connection::new(input_b, b.input))?;
    // Pair (i, j, k) in ensemble 4 i + 2 k + j: A[i, j] then B[j, k].
    let corners = DMatrix::from_row_slice(4, 2, &[1.0, 1.0, -1.0, 1.0, 1.0, -1.0, -1.0, -1.0]);
    let mut pairs = net.add(
        "pairs",
        EnsembleArray::new(n, 8)
            .ens_dimensions(2)
            .ensembles(move |e| e.radius(2f64.sqrt()).encoders(Choice::new(corners.clone()))),
    )?;
    let (mut to_pairs_a, mut to_pairs_b) = (DMatrix::zeros(16, 4), DMatrix::zeros(16, 4));
    let mut to_c = DMatrix::zeros(4, 8);
    for i in 0..2 {
        for j in 0..2 {
            for k in 0..2 {
                let pair = 4 * i + 2 * k + j;
                to_pairs_a[(2 * pair, 2 * i + j)] = 1.0;
                to_pairs_b[(2 * pair + 1, 2 * j + k)] = 1.0;
                to_c[(2 * i + k, pair)] = 1.0;
            }
        }
    }
    net.connect(Connection::new(a.output, pairs.input).transform(to_pairs_a))?;
    net.connect(Connection::new(b.output, pairs.input).transform(to_pairs_b))?;
    let products = pairs.add_output(&mut net, "product", |x: &[f64]| x[0] * x[1])?;
    let c = net.add("C", EnsembleArray::new(n, 4))?;
    net.connect(Connection::new(products, c.input).transform(to_c))?;
    let p = net.probe(Probe::new(c.output).synapse(0.03))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.5)?;
    Ok(Product {
        t: sim.trange(),
        c: sim.data(p)?,
    })
}

impl Product {
    /// `C`'s mean over the last 0.2 s, row-major.
    pub fn late_mean(&self) -> [f64; 4] {
        let rows = self.c.nrows() - 200..self.c.nrows();
        let mut m = [0.0; 4];
        for (e, v) in m.iter_mut().enumerate() {
            *v = rows.clone().map(|r| self.c[(r, e)]).sum::<f64>() / 200.0;
        }
        m
    }

    /// The RMS error of [`late_mean`](Self::late_mean) against [`exact`].
    pub fn rmse(&self) -> f64 {
        let got = self.late_mean();
        let squares: f64 = got.iter().zip(&exact()).map(|(a, b)| (a - b).powi(2)).sum();
        (squares / 4.0).sqrt()
    }
}
