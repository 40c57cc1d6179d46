//! Building a probe: its signal, decoders for decoded values, and filter.

use super::connection::{neuron_major, targets};
use super::decoders::DecodeJob;
use super::layout::{Layout, Placement};
use super::{BuiltConnection, BuiltEnsemble};
use crate::error::BuildError;
use crate::ids::Object;
use crate::network::{Entry, Network};
use crate::probe::{probe_attribute, Attribute, Probe, ProbeOf};
use nalgebra::DMatrix;
use snn_core::network::{ProbeSpec, ProbeTarget, RuleSignal, Source};

/// A probe with everything but its decoders (decoded-value probes solve
/// them like a connection): what [`finish_probe`] needs.
pub(crate) struct PendingProbe<'a> {
    pub(crate) label: String,
    /// The probed signal, `None` for a decoded value (known once solved).
    target: Option<ProbeTarget>,
    synapse: Option<snn_core::synapses::DiscreteFilter>,
    sample_every: Option<f64>,
    /// The population a decoded-value probe decodes (with `job`).
    pop: usize,
    /// The decoder solve of a decoded-value probe.
    pub(crate) job: Option<DecodeJob<'a>>,
}

/// Checks a probe and sets up its decoder solve, without solving.
pub(crate) fn prepare_probe<'a>(
    net: &Network,
    entry: &'a Entry<Probe>,
    ensembles: &[BuiltEnsemble],
    layout: &Layout,
    (dt, rule_offsets): (f64, &[usize]),
) -> Result<PendingProbe<'a>, BuildError> {
    let probe = &entry.item;
    let label = entry.name.clone();
    let mut pop = 0;
    let (target, job) = match &probe.target {
        ProbeOf::Node(n) => (Some(ProbeTarget::Source(Source::Node(n.index))), None),
        ProbeOf::Decoded(e) => match layout.of(*e) {
            // A direct-mode ensemble's value is its node's output (solver unused).
            Placement::Node(k) => (Some(ProbeTarget::Source(Source::Node(k))), None),
            Placement::Population(p) => {
                pop = p;
                let ens = &ensembles[e.index];
                let job = DecodeJob {
                    label: label.clone(),
                    ensemble: e.index,
                    own_points: None,
                    targets: targets(&label, &ens.eval_points, None, None)?,
                    solver: probe.solver.as_ref(),
                };
                (None, Some(job))
            }
        },
        ProbeOf::Neurons(e, attr) => {
            let ens_entry = net.ensemble_entry(*e)?;
            let p = layout.population(*e, &ens_entry.name)?;
            let target = match probe_attribute(
                &ens_entry.name,
                ens_entry.item.neuron_type.as_ref(),
                attr,
            )? {
                Attribute::Output => ProbeTarget::Source(Source::Neurons(p)),
                Attribute::Input => ProbeTarget::InputCurrent(p),
                Attribute::State(var) => ProbeTarget::State { pop: p, var },
            };
            (Some(target), None)
        }
        ProbeOf::Weights(c) => (Some(ProbeTarget::Weights(c.index)), None),
        ProbeOf::ScaledEncoders(e) => {
            let name = &net.ensemble_entry(*e)?.name;
            (
                Some(ProbeTarget::Encoders(layout.population(*e, name)?)),
                None,
            )
        }
        ProbeOf::LearningRule(r, attr) => {
            let rule = rule_offsets[r.conn.index] + r.index;
            let conn = &net.connection_entry(r.conn)?.item;
            let target = match (attr.as_str(), conn.post.object) {
                ("scaled_encoders", Object::Ensemble(e)) => {
                    let name = &net.ensemble_entry(e)?.name;
                    ProbeTarget::Encoders(layout.population(e, name)?)
                }
                (attr, _) => ProbeTarget::Rule {
                    rule,
                    signal: match attr {
                        "delta" => RuleSignal::Delta,
                        "error" => RuleSignal::Input,
                        "activities" | "pre_filtered" => RuleSignal::Pre,
                        "post_filtered" => RuleSignal::Post,
                        "theta" | "inv_gamma" => RuleSignal::Own,
                        other => unreachable!("`{other}` was checked against the rule's probeable"),
                    },
                },
            };
            (Some(target), None)
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
    Ok(PendingProbe {
        label,
        target,
        synapse,
        sample_every: probe.sample_every,
        pop,
        job,
    })
}

/// The probe spec and build report of a prepared probe, given its solved
/// decoders (`None` for a probe that solves none).
pub(crate) fn finish_probe(
    pending: PendingProbe<'_>,
    decoded: Option<(DMatrix<f64>, Vec<f64>)>,
) -> (ProbeSpec, BuiltConnection) {
    let PendingProbe {
        label,
        target,
        synapse,
        sample_every,
        pop,
        job,
    } = pending;
    let mut report = BuiltConnection {
        label: label.clone(),
        decoders: None,
        solver_rmses: Vec::new(),
    };
    let target = match (target, job, decoded) {
        (Some(target), _, _) => target,
        (None, Some(_), Some((decoders, rmses))) => {
            let flat = neuron_major(&decoders);
            report.solver_rmses = rmses;
            let dims = decoders.ncols();
            report.decoders = Some(decoders);
            ProbeTarget::Source(Source::Decoded {
                pop,
                decoders: flat,
                dims,
            })
        }
        (None, _, _) => unreachable!("a decoded-value probe is finished with its decoders"),
    };
    (
        ProbeSpec {
            label,
            target,
            synapse,
            sample_every,
        },
        report,
    )
}
