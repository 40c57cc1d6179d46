//! `sim.built()`: a simulator gives back the NEF build it runs.

use snn_core::{CompiledNetwork, Simulator};
use snn_nef::{BuildError, BuildOptions, Connection, Ensemble, Network, Node, SimulatorExt, Slice};
use std::sync::Arc;

/// The scaled encoders and biases the simulator steps, as f64.
fn simulated_tuning(sim: &Simulator, pop: usize) -> (Vec<f64>, Vec<f64>) {
    let p = &sim.network().populations[pop];
    (
        p.encoders.iter().map(|&v| f64::from(v)).collect(),
        p.bias.iter().map(|&v| f64::from(v)).collect(),
    )
}

#[test]
fn built_after_simulating_a_network_is_its_seeded_build() -> Result<(), BuildError> {
    let mut net = Network::with_seed(5);
    let u = net.node("u", Node::constant(0.3))?;
    let a = net.ensemble("a", Ensemble::new(30, 2))?;
    let b = net.ensemble("b", Ensemble::new(20, 1))?;
    net.connect(Connection::new(u, a.at(0)))?;
    let ab = net.connect(Connection::new(a, b).function(|x: &[f64]| vec![x[0] * x[1]]))?;
    let sim = Simulator::new(&net)?;
    let built = sim
        .built()
        .expect("a simulator of a Network keeps its build");
    let separate = net.build(BuildOptions::default())?;
    assert_eq!(built.seed, 5);
    assert_eq!(built.ensemble(a)?.encoders, separate.ensemble(a)?.encoders);
    assert_eq!(built.ensemble(a)?.bias, separate.ensemble(a)?.bias);
    assert_eq!(
        built.connection(ab)?.decoders,
        separate.connection(ab)?.decoders
    );
    // And they are what the simulator steps.
    let (encoders, bias) = simulated_tuning(&sim, 0);
    // Neuron-major, as the simulator lays them out.
    let scaled = &built.ensemble(a)?.scaled_encoders;
    let expected: Vec<f64> = (0..scaled.nrows())
        .flat_map(|i| {
            scaled
                .row(i)
                .iter()
                .map(|&v| f64::from(v as f32))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(encoders, expected);
    let expected: Vec<f64> = built
        .ensemble(a)?
        .bias
        .iter()
        .map(|&b| f64::from(b as f32))
        .collect();
    assert_eq!(bias, expected);
    Ok(())
}

/// Unseeded, every build draws other neurons: only the kept build can
/// match the simulated ones.
#[test]
fn built_of_an_unseeded_network_is_the_simulated_draw() -> Result<(), BuildError> {
    let mut net = Network::new();
    let a = net.ensemble("a", Ensemble::new(25, 1))?;
    let sim = Simulator::new(&net)?;
    let built = sim.built().expect("kept");
    let (_, bias) = simulated_tuning(&sim, 0);
    let kept: Vec<f64> = built
        .ensemble(a)?
        .bias
        .iter()
        .map(|&b| f64::from(b as f32))
        .collect();
    assert_eq!(bias, kept);
    assert_ne!(
        net.build(BuildOptions::default())?.ensemble(a)?.bias,
        built.ensemble(a)?.bias
    );
    Ok(())
}

/// Simulating a built model keeps that very model, shared, not copied.
#[test]
fn built_after_simulating_a_built_model_shares_it() -> Result<(), BuildError> {
    let mut net = Network::with_seed(2);
    net.ensemble("a", Ensemble::new(10, 1))?;
    let model = net.build(BuildOptions::default())?;
    let sim = Simulator::new(&model)?;
    let kept = sim.built().expect("kept");
    assert!(Arc::ptr_eq(&kept.ensembles, &model.ensembles));
    assert!(Arc::ptr_eq(&kept.network, &model.network));
    // The simulator steps that same network: one copy in memory, not two.
    assert!(std::ptr::eq(sim.network(), &*model.network));
    // Likewise when the simulator builds the network itself.
    let sim = Simulator::new(&net)?;
    assert!(std::ptr::eq(
        sim.network(),
        &*sim.built().expect("kept").network
    ));
    Ok(())
}

#[test]
fn built_of_a_hand_built_network_is_none() -> Result<(), snn_core::SimError> {
    let sim = Simulator::from_compiled(CompiledNetwork::new(0.001))?;
    assert!(sim.built().is_none());
    let sim = Simulator::new(&CompiledNetwork::new(0.001))?;
    assert!(sim.built().is_none());
    Ok(())
}
