//! Every declaration form of the DSL compiles and builds (an ordinary
//! test, so the compile-fail cases in `tests/ui/` need only `cargo check`).
use snn::prelude::*;

fn part(net: &mut Network, n: usize) -> Result<EnsembleId, BuildError> {
    net.ensemble("inner", Ensemble::new(n, 1))
}

#[test]
fn every_declaration_form_compiles_builds_and_runs() -> Result<(), snn::Error> {
    let size = 30;
    let net = network! {
        seed = 7;
        node constant = [0.5, -0.5];
        node clock = |t| t;
        node gate { size_in: 1, output: |t, x: &[f64]| x[0] * t };
        node sum { size_in: 2 };
        ensemble a { neurons: size, dimensions: 2, radius: 2.0, max_rates: Uniform::new(150.0, 250.0),
                     intercepts: Uniform::new(-0.8, 0.8), encoders: ScatteredHypersphere::surface() };
        ensemble b { neurons: 20, neuron_type: LIFRate::default() };
        ensemble fixed { neurons: 2, gain: vec![10.0, 20.0], bias: vec![1.0, -1.0] };
        subnet sub = part(10);
        constant -> a;
        clock -> gate { synapse: None };
        a[0] -> b { function: |x| x[0] * x[0], synapse: Alpha(0.01), solver: LstsqL2nz::default() };
        a[0..2] -> sum;
        connection named = a[1] -> fixed { synapse: 0.02 };
        b -> b { synapse: 0.1, transform: 0.9 };
        b.neurons -> sub { transform: nalgebra::DMatrix::from_element(1, 20, 0.001) };
        sub -> b;
        probe pa = a { synapse: 0.01, sample_every: 0.005 };
        probe spikes = a.neurons;
        probe v = a.voltage;
        probe g = gate;
    }?;
    let mut sim = Simulator::new(&net)?;
    sim.run(0.05)?;
    assert_eq!(sim.data(net.pa)?.nrows(), 10);
    let _ = (net.spikes, net.v, net.g, net.sum, net.sub, net.fixed);
    let _: ConnectionId = net.named;
    Ok(())
}
