//! Every neuron model works inside an ensemble: tuned by its own rate curve,
//! stepped by the simulator, decoded back to what it represents.

use snn::prelude::*;
use std::sync::Arc;

/// Decoded value of a constant input 0.5, averaged over 0.5–1 s.
fn represent(neuron: Arc<dyn NeuronType>, n: usize) -> Result<f64, snn::Error> {
    let mut net = Network::with_seed(2);
    let u = net.node("u", Node::constant(0.5))?;
    let a = net.ensemble(
        "a",
        Ensemble::new(n, 1)
            .neuron_type_arc(neuron)
            .max_rates(Uniform::new(100.0, 200.0)),
    )?;
    net.connect(Connection::new(u, a))?;
    let p = net.probe(Probe::new(a).synapse(0.05))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(1.0)?;
    Ok(sim.data(p)?.rows(500, 500).mean())
}

#[test]
fn every_neuron_type_represents_a_constant() -> Result<(), snn::Error> {
    let types: Vec<(Arc<dyn NeuronType>, f64)> = vec![
        (Arc::new(LIF::default()), 0.05),
        (Arc::new(LIFRate::default()), 0.02),
        (Arc::new(RectifiedLinear::default()), 0.02),
        (Arc::new(SpikingRectifiedLinear::default()), 0.05),
        (Arc::new(Izhikevich::default()), 0.1),
        (Arc::new(IAF::default()), 0.05),
        (Arc::new(Sigmoid::default()), 0.05),
        (Arc::new(Tanh::default()), 0.05),
        (Arc::new(RegularSpiking::new(LIFRate::default())), 0.05),
        (Arc::new(PoissonSpiking::new(LIFRate::default())), 0.1),
        // Adaptation lowers rates below the tuning curves decoders assume,
        // so the decoded value sags; it must still be clearly represented.
        (Arc::new(AdaptiveLIFRate::default()), 0.2),
        (Arc::new(AdaptiveLIF::default()), 0.2),
    ];
    for (neuron, tolerance) in types {
        let name = neuron.name();
        let x = represent(neuron, 100)?;
        assert!((x - 0.5).abs() < tolerance, "{name}: decoded {x}");
    }
    Ok(())
}

#[test]
fn hodgkin_huxley_neurons_represent_a_constant() -> Result<(), snn::Error> {
    let mut net = Network::with_seed(2);
    let u = net.node("u", Node::constant(0.5))?;
    // The squid axon fires repetitively only between about 50 and 126 Hz.
    let a = net.ensemble(
        "a",
        Ensemble::new(50, 1)
            .neuron_type(HodgkinHuxley::default())
            .max_rates(Uniform::new(60.0, 110.0)),
    )?;
    net.connect(Connection::new(u, a))?;
    let p = net.probe(Probe::new(a).synapse(0.05))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(1.0)?;
    let x = sim.data(p)?.rows(500, 500).mean();
    assert!((x - 0.5).abs() < 0.1, "decoded {x}");
    Ok(())
}
