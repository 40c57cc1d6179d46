//! Building a probe: its signal, decoders for decoded values, and filter.

use super::activities::ActivityCache;
use super::connection::{solve, targets};
use super::{BuiltConnection, BuiltEnsemble};
use crate::error::BuildError;
use crate::network::{Entry, Network};
use crate::probe::{Probe, ProbeOf};
use snn_core::network::{ProbeSpec, ProbeTarget, Source};
use snn_core::neurons::NeuronType;

/// A neuron attribute that can be probed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attribute {
    Output,
    Input,
    State(usize),
}

/// Resolves a probed neuron attribute: `"output"`, `"spikes"` (spiking types
/// only), `"input"`, or a state variable of the neuron type.
pub(crate) fn probe_attribute(
    object: &str,
    neuron_type: &dyn NeuronType,
    attr: &str,
) -> Result<Attribute, BuildError> {
    match attr {
        "output" => return Ok(Attribute::Output),
        "spikes" if neuron_type.spiking() => return Ok(Attribute::Output),
        "input" => return Ok(Attribute::Input),
        _ => {}
    }
    if let Some(i) = neuron_type.state_names().iter().position(|s| *s == attr) {
        return Ok(Attribute::State(i));
    }
    let mut available = vec!["output".to_string(), "input".to_string()];
    if neuron_type.spiking() {
        available.push("spikes".into());
    }
    available.extend(neuron_type.state_names().iter().map(|s| s.to_string()));
    Err(BuildError::MissingAttribute {
        object: format!("{object}.neurons ({})", neuron_type.name()),
        attr: attr.to_string(),
        available,
    })
}

pub(crate) fn build_probe(
    net: &Network,
    entry: &Entry<Probe>,
    ensembles: &[BuiltEnsemble],
    cache: &mut ActivityCache,
    dt: f64,
) -> Result<(ProbeSpec, BuiltConnection), BuildError> {
    let probe = &entry.item;
    let label = entry.name.clone();
    let mut report = BuiltConnection {
        label: label.clone(),
        decoders: None,
        solver_rmses: Vec::new(),
    };
    let target = match &probe.target {
        ProbeOf::Node(n) => ProbeTarget::Source(Source::Node(n.index)),
        ProbeOf::Decoded(e) => {
            let ens = &ensembles[e.index];
            let y = targets(&label, &ens.eval_points, None, None)?;
            let a = cache.get(e.index, ens);
            let (decoders, rmses) = solve(&label, probe.solver.as_ref(), a, &y)?;
            let mut flat = Vec::with_capacity(decoders.len());
            for row in decoders.row_iter() {
                flat.extend(row.iter().map(|&v| v as f32));
            }
            report.solver_rmses = rmses;
            report.decoders = Some(decoders.clone());
            ProbeTarget::Source(Source::Decoded {
                pop: e.index,
                decoders: flat,
                dims: decoders.ncols(),
            })
        }
        ProbeOf::Neurons(e, attr) => {
            let ens_entry = net.ensemble_entry(*e)?;
            match probe_attribute(&ens_entry.name, ens_entry.item.neuron_type.as_ref(), attr)? {
                Attribute::Output => ProbeTarget::Source(Source::Neurons(e.index)),
                Attribute::Input => ProbeTarget::InputCurrent(e.index),
                Attribute::State(var) => ProbeTarget::State { pop: e.index, var },
            }
        }
    };
    if let Some(s) = probe.sample_every {
        if s < dt {
            return Err(BuildError::InvalidParameter {
                object: label,
                param: "sample_every",
                value: s.to_string(),
                reason: format!("must be at least one time step ({dt} s)"),
            });
        }
    }
    let synapse = probe
        .synapse
        .as_ref()
        .map(|s| s.discretize(dt))
        .transpose()
        .map_err(|source| BuildError::Synapse {
            object: label.clone(),
            source,
        })?;
    Ok((
        ProbeSpec {
            label,
            target,
            synapse,
            sample_every: probe.sample_every,
        },
        report,
    ))
}
