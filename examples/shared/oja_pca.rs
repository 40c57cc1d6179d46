//! Oja's rule finds a principal component (Oja 1982), shared by the
//! `oja_pca` example and its test: two rate neurons carry a 2-D signal
//! (rates around 30 Hz) whose variation lies mostly along 30°; one rate
//! neuron reads them through weights learned by Oja's rule, starting at
//! 90°, which turn to the top eigenvector of the inputs' correlation
//! matrix (the rates are not centered, so it lies between their mean's
//! direction, 45°, and the variation's, 30°).

use nalgebra::{DMatrix, DVector, SymmetricEigen};
use snn::prelude::*;

/// What a run gives.
pub struct Pca {
    /// Time of every step, and the weight vector's angle (degrees) then.
    pub t: Vec<f64>,
    pub angle: Vec<f64>,
    /// The first principal component of the inputs and the weights at the
    /// start and the end.
    pub component: DVector<f64>,
    pub first: DVector<f64>,
    pub last: DVector<f64>,
}

impl Pca {
    /// `|cos|` of the angle between `w` and the component.
    pub fn alignment(&self, w: &DVector<f64>) -> f64 {
        (w.dot(&self.component) / w.norm()).abs()
    }
}

/// Runs `seconds` of learning with seed `seed`.
pub fn run(seed: u64, seconds: f64) -> Result<Pca, snn::Error> {
    let dir = [30f64.to_radians().cos(), 30f64.to_radians().sin()];
    let other = [-dir[1], dir[0]];
    let mut net = Network::with_seed(seed);
    let signal = net.node(
        "signal",
        Node::time(move |t| {
            let (u, v) = (
                (2.0 * std::f64::consts::PI * 3.0 * t).sin(),
                (17.0 * t).sin(),
            );
            vec![
                30.0 + 20.0 * u * dir[0] + 3.0 * v * other[0],
                30.0 + 20.0 * u * dir[1] + 3.0 * v * other[1],
            ]
        }),
    )?;
    let unit = |n| {
        Ensemble::new(n, 1)
            .neuron_type(RectifiedLinear::default())
            .gain_bias(vec![1.0; n], vec![0.0; n])
    };
    let pre = net.ensemble("pre", unit(2))?;
    let post = net.ensemble("post", unit(1))?;
    net.connect(Connection::new(signal, pre.neurons()).synapse(None))?;
    let conn = net.connect(
        Connection::new(pre.neurons(), post.neurons())
            .transform(DMatrix::from_row_slice(1, 2, &[0.0, 0.03]))
            .learning_rule(Oja::new(2e-3)),
    )?;
    let rates = net.probe(Probe::new(pre.neurons()))?;
    let weights = net.probe(Probe::weights(conn))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(seconds)?;
    // Oja's rule finds the top eigenvector of the inputs' correlation.
    let x = sim.data(rates)?;
    let corr = x.transpose() * &x / x.nrows() as f64;
    let eig = SymmetricEigen::new(corr);
    let component = eig.eigenvectors.column(eig.eigenvalues.imax()).into_owned();
    let w = sim.data(weights)?;
    let row = |r: usize| w.row(r).transpose();
    Ok(Pca {
        t: sim.trange(),
        angle: (0..w.nrows())
            .map(|r| w[(r, 1)].atan2(w[(r, 0)]).to_degrees())
            .collect(),
        first: row(0),
        last: row(w.nrows() - 1),
        component,
    })
}
