//! LIF populations keep voltage and refractory time in one value per neuron
//! unless a probe reads the refractory time; either way the simulation is
//! the same to the bit.

use snn::prelude::*;
use std::f64::consts::PI;

/// Decoded output, spikes and voltages of a 5000-neuron 2-D ensemble (two
/// blocks and more), with or without a probe of its refractory time, and
/// that probe's data.
fn run(probe_refractory: bool) -> Result<Vec<nalgebra::DMatrix<f64>>, snn::Error> {
    let mut net = Network::with_seed(3);
    let stim = net.node(
        "stim",
        Node::time(|t| [(2.0 * PI * t).sin(), (2.0 * PI * t).cos()]),
    )?;
    let a = net.ensemble("a", Ensemble::new(5000, 2))?;
    net.connect(Connection::new(stim, a))?;
    let mut probes = vec![
        net.probe(Probe::new(a).synapse(0.01))?,
        net.probe(Probe::spikes(a))?,
        net.probe(Probe::voltage(a))?,
    ];
    if probe_refractory {
        probes.push(net.probe(Probe::attr(a, "refractory_time"))?);
    }
    let mut sim = Simulator::new(&net)?;
    sim.run(0.3)?;
    probes
        .iter()
        .map(|&p| sim.data(p).map_err(snn::Error::from))
        .collect()
}

#[test]
fn probing_refractory_time_changes_no_other_probe_bit() -> Result<(), snn::Error> {
    let packed = run(false)?;
    let unpacked = run(true)?;
    for (k, (a, b)) in packed.iter().zip(&unpacked).enumerate() {
        assert!(
            a.iter()
                .zip(b.iter())
                .all(|(x, y)| x.to_bits() == y.to_bits()),
            "probe {k} differs"
        );
    }
    // The refractory time probed is Nengo's: tau_ref plus the spike's time
    // within its step, counted down by dt every step, and never above
    // tau_ref + dt.
    let (spikes, refractory) = (&unpacked[1], &unpacked[3]);
    let mut checked = 0;
    for step in 1..spikes.nrows() {
        for i in 0..spikes.ncols() {
            let r = refractory[(step, i)];
            assert!(r <= 0.002 + 0.001 + 1e-6, "neuron {i} at step {step}: {r}");
            if spikes[(step, i)] > 0.0 {
                assert!(
                    r >= 0.002 - 1e-6,
                    "neuron {i} spiked at step {step} with {r}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} spikes seen");
    Ok(())
}
