//! What a build keeps, reached by handle (Nengo's `sim.data[obj]`), and
//! simulated as built.

use snn_core::Simulator;
use snn_nef::{BuildError, Connection, ConnectionId, Ensemble, EnsembleId, Network, Node};
use snn_nef::{BuildOptions, Probe, ProbeId};

/// Handles of [`network`]'s objects.
struct Handles {
    a: EnsembleId,
    u_a: ConnectionId,
    a_b: ConnectionId,
    p: ProbeId,
}

/// A node into one ensemble, a function to a second, a decoded probe.
fn network(net: &mut Network) -> Result<Handles, BuildError> {
    let u = net.node("u", Node::constant(0.4))?;
    let a = net.ensemble("a", Ensemble::new(40, 1))?;
    let b = net.ensemble("b", Ensemble::new(30, 1))?;
    let u_a = net.connect(Connection::new(u, a))?;
    let a_b = net.connect(Connection::new(a, b).function(|x: &[f64]| vec![x[0] * x[0]]))?;
    let p = net.probe(Probe::new(b).synapse(0.01))?;
    Ok(Handles { a, u_a, a_b, p })
}

#[test]
fn built_model_gives_each_objects_build_by_its_handle() -> Result<(), BuildError> {
    let mut net = Network::with_seed(3);
    let Handles { a, a_b: ab, .. } = network(&mut net)?;
    let built = net.build(BuildOptions::default())?;
    assert_eq!(built.ensemble(a)?.encoders, built.ensembles[0].encoders);
    assert_eq!(built.ensemble(a)?.gain.len(), 40);
    let c = built.connection(ab)?;
    assert_eq!(c, &built.connections[1]);
    assert_eq!(c.decoders.as_ref().map(|d| d.shape()), Some((40, 1)));
    Ok(())
}

#[test]
fn built_model_refuses_handles_of_another_network() -> Result<(), BuildError> {
    let mut net = Network::with_seed(3);
    network(&mut net)?;
    let mut other = Network::with_seed(3);
    let Handles {
        a: foreign,
        u_a: foreign_c,
        ..
    } = network(&mut other)?;
    let built = net.build(BuildOptions::default())?;
    assert!(matches!(
        built.ensemble(foreign),
        Err(BuildError::UnknownObject {
            kind: "ensemble",
            index: 0
        })
    ));
    assert!(matches!(
        built.connection(foreign_c),
        Err(BuildError::UnknownObject {
            kind: "connection",
            index: 0
        })
    ));
    Ok(())
}

/// An unseeded network draws new neurons at every build, so only
/// simulating the built model itself can match it; a seeded one matches
/// its own fresh build bit for bit.
#[test]
fn simulating_a_built_model_equals_simulating_its_network() -> Result<(), BuildError> {
    let mut net = Network::with_seed(11);
    let p = network(&mut net)?.p;
    let built = net.build(BuildOptions::default())?;
    let mut from_built = Simulator::new(&built)?;
    let mut from_net = Simulator::new(&net)?;
    from_built.run(0.2)?;
    from_net.run(0.2)?;
    let (x, y) = (from_built.data(p)?, from_net.data(p)?);
    assert_eq!(x.shape(), y.shape());
    assert!(x
        .iter()
        .zip(y.iter())
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    Ok(())
}

#[test]
fn a_built_model_refuses_a_step_it_was_not_built_for() -> Result<(), BuildError> {
    let mut net = Network::with_seed(11);
    network(&mut net)?;
    let built = net.build(BuildOptions::default().dt(0.0005))?;
    assert!(matches!(
        Simulator::with_dt(&built, 0.001),
        Err(BuildError::BuiltForOtherDt { .. })
    ));
    assert!(Simulator::with_dt(&built, 0.0005).is_ok());
    // `Simulator::new` steps a built model at the dt it was built for.
    assert_eq!(Simulator::new(&built)?.dt(), 0.0005);
    Ok(())
}

/// An unseeded network draws other neurons at every build; the tuning
/// curves of a build must be those of the neurons its simulator runs. At
/// input 0 a neuron's current is its bias, so its rate there is `r(bias)`
/// with the bias the simulator holds.
#[test]
fn tuning_curves_of_an_unseeded_build_are_those_of_the_simulated_neurons() -> Result<(), BuildError>
{
    let mut net = Network::new();
    let a = network(&mut net)?.a;
    let built = net.build(BuildOptions::default())?;
    let sim = Simulator::new(&built)?;
    let zero = nalgebra::DMatrix::zeros(1, 1);
    let curves = snn_nef::tuning_curves(&built, a, Some(zero))?;
    let pop = &sim.network().populations[0];
    let bias: Vec<f64> = pop.bias.iter().map(|&b| f64::from(b)).collect();
    let mut simulated = vec![0.0; bias.len()];
    pop.neuron_type.rates(&bias, &mut simulated);
    for (i, (&tuned, &run)) in curves.activities.iter().zip(&simulated).enumerate() {
        assert!(
            (tuned - run).abs() <= 1e-3 * run.abs().max(1.0),
            "neuron {i}: tuning curve {tuned} Hz, simulated neuron {run} Hz"
        );
    }
    // The neurons of another build differ, so rebuilding could not pass.
    let again = net.build(BuildOptions::default())?;
    assert_ne!(again.ensemble(a)?.bias, built.ensemble(a)?.bias);
    Ok(())
}

#[test]
fn the_other_dt_error_says_how_to_run_the_build_or_rebuild_it() -> Result<(), BuildError> {
    let mut net = Network::with_seed(11);
    network(&mut net)?;
    let built = net.build(BuildOptions::default().dt(0.0005))?;
    let err = Simulator::with_dt(&built, 0.001).unwrap_err().to_string();
    assert!(err.contains("Simulator::new(&built)"), "{err}");
    assert!(err.contains("BuildOptions::default().dt(0.001)"), "{err}");
    Ok(())
}
