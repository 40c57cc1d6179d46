//! Building a connection's learning rules: the learned link in the form
//! the simulator learns (decoders, or a dense neuron-to-neuron matrix over
//! every pre neuron), the map of the error into its space, and the rules.

use super::BuiltEnsemble;
use crate::connection::Connection;
use crate::error::BuildError;
use crate::ids::Object;
use crate::learning::RuleContext;
use nalgebra::DMatrix;
use snn_core::learning::RuleSpec;
use snn_core::network::{Link, Source, Transform};
use snn_core::CompiledNetwork;

/// The rules of `conn` (built as `link`, which becomes link `index` of
/// `net`), making `link` learnable first.
pub(crate) fn build_rules(
    conn: &Connection,
    link: &mut Link,
    index: usize,
    net: &CompiledNetwork,
    ensembles: &[BuiltEnsemble],
) -> Result<Vec<RuleSpec>, BuildError> {
    if conn.learning_rules.is_empty() {
        return Ok(Vec::new());
    }
    let label = link.label.clone();
    let n_pre = match link.source {
        Source::Decoded { pop, .. } | Source::Neurons(pop) => net.populations[pop].n,
        Source::Node(_) => {
            return Err(BuildError::InvalidParameter {
                object: format!("connection `{label}`"),
                param: "learning_rule",
                value: conn.learning_rules[0].name().into(),
                reason: "its pre ensemble is Direct: there are no neurons to learn from".into(),
            })
        }
    };
    if let Source::Neurons(_) = link.source {
        densify(link, n_pre);
    }
    let out = match (&link.source, &link.transform) {
        (Source::Decoded { dims, .. }, _) => *dims,
        (_, Transform::Dense(m)) => m.nrows(),
        _ => unreachable!("a neuron source was made dense above"),
    };
    // The learned values are per post neuron for a link into neurons, and
    // the error is in the post ensemble's space (or the sliced part of it
    // for a weight solver's connection): map it through the scaled
    // encoders, as Nengo does. A link to `.neurons` applies the gains after
    // the learned matrix (`out_scale`), as Nengo does.
    let post_slice = conn.post.slice.as_deref();
    let mut out_scale = None;
    let (error_map, neurons_dims) = match conn.post.object {
        Object::Neurons(e) => {
            let ens = &ensembles[e.index];
            let rows: Vec<usize> =
                post_slice.map_or((0..ens.gain.len()).collect(), <[usize]>::to_vec);
            out_scale = Some(rows.iter().map(|&r| ens.gain[r]).collect::<Vec<f64>>());
            let map = ens.scaled_encoders.select_rows(rows.iter());
            (Some(map), Some(ens.scaled_encoders.ncols()))
        }
        Object::Ensemble(e)
            if matches!(link.source, Source::Neurons(_)) && conn.solver.weights() =>
        {
            let enc = &ensembles[e.index].scaled_encoders;
            let map = match post_slice {
                Some(s) => enc.select_columns(s.iter()),
                None => enc.clone(),
            };
            (Some(map), None)
        }
        _ => (None, None),
    };
    let post_size = post_slice.map_or_else(
        || match conn.post.object {
            Object::Ensemble(e) => ensembles[e.index].scaled_encoders.ncols(),
            _ => out,
        },
        <[usize]>::len,
    );
    let mut rules = Vec::with_capacity(conn.learning_rules.len());
    for rule in &conn.learning_rules {
        let ctx = RuleContext {
            connection: format!("connection `{label}`"),
            dt: net.dt,
            n_pre,
            out,
            input_dims: rule.input_dims(post_size, neurons_dims),
            error_map: error_map.clone(),
        };
        let discretize = |s: Option<&std::sync::Arc<dyn snn_core::synapses::Synapse>>| {
            s.map(|s| s.discretize(net.dt))
                .transpose()
                .map_err(|source| BuildError::Synapse {
                    object: format!("connection `{label}` ({})", rule.name()),
                    source,
                })
        };
        rules.push(RuleSpec {
            label: format!("{label} ({})", rule.name()),
            link: index,
            rule: rule.make(&ctx)?,
            pre_synapse: discretize(rule.pre_synapse())?,
            post_synapse: discretize(rule.post_synapse())?,
            out_scale: out_scale.clone(),
        });
    }
    Ok(rules)
}

/// Rewrites a link from neurons as a dense matrix over every pre neuron
/// (its pre slice folded into the columns), the form the simulator learns.
fn densify(link: &mut Link, n_pre: usize) {
    let columns: Vec<usize> = link
        .pre_slice
        .take()
        .unwrap_or_else(|| (0..n_pre).collect());
    let mid = columns.len();
    let t = match &link.transform {
        Transform::Identity => DMatrix::identity(mid, mid),
        Transform::Scalar(s) => DMatrix::identity(mid, mid) * *s,
        Transform::Diagonal(d) => DMatrix::from_diagonal(&nalgebra::DVector::from_column_slice(d)),
        Transform::Dense(m) => m.clone(),
    };
    let mut full = DMatrix::zeros(t.nrows(), n_pre);
    for (c, &i) in columns.iter().enumerate() {
        full.set_column(i, &t.column(c));
    }
    link.transform = Transform::Dense(full);
}
