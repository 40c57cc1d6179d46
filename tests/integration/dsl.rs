//! The `network!` DSL against the builder API it expands to.

use snn::prelude::*;
use std::f64::consts::PI;

#[test]
fn dsl_and_builder_networks_give_bit_identical_probe_data() -> Result<(), snn::Error> {
    let n = 60;
    let net = network! {
        seed = 3;
        node stim = |t| [(2.0 * PI * t).sin(), (PI * t).cos()];
        ensemble a { neurons: 2 * n, dimensions: 2, radius: 1.5 };
        ensemble b { neurons: n, max_rates: Uniform::new(100.0, 200.0), intercepts: Uniform::new(-0.5, 0.5) };
        stim -> a;
        a -> b { function: |x| x[0] * x[1], synapse: 0.01 };
        b -> b { synapse: Lowpass(0.1), transform: 0.5 };
        probe out = b { synapse: 0.01 };
        probe spikes = a.neurons;
    }?;
    let mut sim = Simulator::new(&net.network)?;
    sim.run(0.3)?;

    let mut builder = Network::with_seed(3);
    let stim = builder.node(
        "stim",
        Node::time(|t| [(2.0 * PI * t).sin(), (PI * t).cos()]),
    )?;
    let a = builder.ensemble("a", Ensemble::new(2 * n, 2).radius(1.5))?;
    let b = builder.ensemble(
        "b",
        Ensemble::new(n, 1)
            .max_rates(Uniform::new(100.0, 200.0))
            .intercepts(Uniform::new(-0.5, 0.5)),
    )?;
    builder.connect(Connection::new(stim, a))?;
    builder.connect(
        Connection::new(a, b)
            .function(|x| x[0] * x[1])
            .synapse(0.01),
    )?;
    builder.connect(Connection::new(b, b).synapse(Lowpass(0.1)).transform(0.5))?;
    let out = builder.probe(Probe::new(b).synapse(0.01))?;
    let spikes = builder.probe(Probe::new(a.neurons()))?;
    let mut twin = Simulator::new(&builder)?;
    twin.run(0.3)?;

    let (x, y) = (sim.data(net.out)?, twin.data(out)?);
    assert!(x
        .iter()
        .zip(y.iter())
        .all(|(p, q)| p.to_bits() == q.to_bits()));
    assert_eq!(sim.data(net.spikes)?, twin.data(spikes)?);
    Ok(())
}

/// A reusable part: an integrator with an input node, built by a function.
struct Integrator {
    input: NodeId,
    x: EnsembleId,
}

fn integrator(net: &mut Network, tau: f64) -> Result<Integrator, BuildError> {
    let input = net.node("input", Node::passthrough(1))?;
    let x = net.ensemble("x", Ensemble::new(100, 1))?;
    net.connect(Connection::new(input, x).transform(tau).synapse(tau))?;
    net.connect(Connection::new(x, x).synapse(tau))?;
    Ok(Integrator { input, x })
}

#[test]
fn every_declaration_form_builds_and_runs() -> Result<(), snn::Error> {
    let gain = 2.0;
    let net = network! {
        seed = 0;
        node constant = 0.5;
        node pulse = |t| if t < 0.1 { 1.0 } else { 0.0 };
        node scaled { size_in: 1, output: move |_t, x: &[f64]| gain * x[0] };
        node junction { size_in: 2 };
        ensemble a { neurons: 80, dimensions: 2, neuron_type: LIF::default(), seed: 9,
                     encoders: UniformHypersphere::surface(), eval_points: ScatteredHypersphere::volume(),
                     n_eval_points: 500, normalize_encoders: true };
        ensemble rate { neurons: 20, neuron_type: RectifiedLinear::default() };
        subnet mem = integrator(0.1);
        constant -> a[0];
        pulse -> mem.input;
        mem.x -> a[1] { synapse: None };
        a[0..2] -> junction { synapse: Alpha(0.005) };
        a -> rate { transform: [[0.5, 0.5]], solver: LstsqL2::new(0.05) };
        junction[1] -> scaled;
        rate.neurons -> rate.neurons[0..5] { transform: nalgebra::DMatrix::from_element(5, 20, -0.001) };
        probe held = mem.x { synapse: 0.01 };
        probe volts = a.voltage { sample_every: 0.01 };
        probe sc = scaled;
    }?;
    let mut sim = Simulator::new(&net.network)?;
    sim.run(0.5)?;
    let held = sim.data(net.held)?;
    // The pulse of 1 for 0.1 s, integrated: about 0.1 held afterwards.
    assert!(
        (held[(499, 0)] - 0.1).abs() < 0.05,
        "held {}",
        held[(499, 0)]
    );
    assert_eq!(sim.data(net.volts)?.shape(), (50, 80));
    assert_eq!(sim.data(net.sc)?.ncols(), 1);
    let _ = (
        net.junction,
        net.rate,
        net.mem.input,
        net.constant,
        net.pulse,
    );
    Ok(())
}
