//! `sim.data_dim(p, d)`: one dimension of a probe's data in one call.

use snn::prelude::*;

#[test]
fn data_dim_is_that_column_of_the_probe_data_and_refuses_a_missing_one() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(8);
    let u = net.node("u", Node::time(|t| [t, -2.0 * t]))?;
    let a = net.ensemble("a", Ensemble::new(40, 2))?;
    net.connect(Connection::new(u, a))?;
    let p = net.probe(Probe::new(a).synapse(0.01))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.05)?;
    let data = sim.data(p)?;
    for d in 0..2 {
        let column: Vec<f64> = data.column(d).iter().copied().collect();
        assert_eq!(sim.data_dim(p, d)?, column);
    }
    assert_eq!(
        sim.data_dim(p, 2),
        Err(snn::Error::ProbeDimension { dim: 2, dims: 2 })
    );
    Ok(())
}
