//! Building a connection's learning rules: the learned link in the form
//! the simulator learns (decoders, or a dense neuron-to-neuron matrix over
//! every pre neuron), the map of the error into its space, and the rules;
//! for an encoder rule, the post ensemble's encoder scales.

use super::BuiltEnsemble;
use crate::connection::Connection;
use crate::error::BuildError;
use crate::ids::Object;
use crate::learning::{Modifies, RuleContext};
use nalgebra::DMatrix;
use snn_core::learning::RuleSpec;
use snn_core::network::{Link, Source, Target, Transform};
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
    let learns_link = conn
        .learning_rules
        .iter()
        .any(|r| r.modifies() != Modifies::Encoders);
    let learned = if learns_link {
        Some(learned_link(conn, link, net, ensembles)?)
    } else {
        None
    };
    let mut rules = Vec::with_capacity(conn.learning_rules.len());
    for rule in &conn.learning_rules {
        let (ctx, out_scale, modifies) = match (rule.modifies(), &learned) {
            (Modifies::Encoders, _) => (
                encoder_context(conn, link, &label, net, ensembles)?,
                None,
                snn_core::learning::Modifies::Encoders,
            ),
            (_, Some(l)) => (
                RuleContext {
                    connection: format!("connection `{label}`"),
                    dt: net.dt,
                    n_pre: l.n_pre,
                    out: l.out,
                    input_dims: rule.input_dims(l.post_size, l.neurons_dims),
                    error_map: l.error_map.clone(),
                    encoder_scale: Vec::new(),
                },
                l.out_scale.clone(),
                snn_core::learning::Modifies::Link,
            ),
            (_, None) => unreachable!("the link is made learnable when a rule changes it"),
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
            modifies,
            rule: rule.make(&ctx)?,
            pre_synapse: discretize(rule.pre_synapse())?,
            post_synapse: discretize(rule.post_synapse())?,
            out_scale,
        });
    }
    Ok(rules)
}

/// A link made learnable, and what its rules need to know of it.
struct LearnedLink {
    n_pre: usize,
    out: usize,
    /// The size of the connection's post end (sliced), and the post
    /// ensemble's dimensions when it ends at its neurons.
    post_size: usize,
    neurons_dims: Option<usize>,
    error_map: Option<DMatrix<f64>>,
    out_scale: Option<Vec<f64>>,
}

/// Makes `link` learnable by its decoder and weight rules: decoded, or a
/// dense matrix over every pre neuron.
fn learned_link(
    conn: &Connection,
    link: &mut Link,
    net: &CompiledNetwork,
    ensembles: &[BuiltEnsemble],
) -> Result<LearnedLink, BuildError> {
    let n_pre = match link.source {
        Source::Decoded { pop, .. } | Source::Neurons(pop) => net.populations[pop].n,
        Source::Node(_) => {
            return Err(BuildError::InvalidParameter {
                object: format!("connection `{}`", link.label),
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
    Ok(LearnedLink {
        n_pre,
        out,
        post_size,
        neurons_dims,
        error_map,
        out_scale,
    })
}

/// What an encoder rule on `link` needs: the post ensemble's encoders'
/// shape and each neuron's `gain / radius`. The link must reach the
/// ensemble's input vector, which its neurons' encoders read.
fn encoder_context(
    conn: &Connection,
    link: &Link,
    label: &str,
    net: &CompiledNetwork,
    ensembles: &[BuiltEnsemble],
) -> Result<RuleContext, BuildError> {
    let refuse = |reason: &str| BuildError::InvalidParameter {
        object: format!("connection `{label}`"),
        param: "learning_rule",
        value: "Voja".into(),
        reason: reason.into(),
    };
    let Object::Ensemble(e) = conn.post.object else {
        return Err(refuse(
            "an encoder rule needs an ensemble at the post end (not its neurons, a node or a rule)",
        ));
    };
    match link.target {
        Target::Population(_) => {}
        _ => {
            return Err(refuse(
                "the post ensemble is Direct or the connection is built as weights: no encoders are used",
            ))
        }
    }
    let ens = &ensembles[e.index];
    Ok(RuleContext {
        connection: format!("connection `{label}`"),
        dt: net.dt,
        n_pre: ens.gain.len(),
        out: ens.scaled_encoders.ncols(),
        input_dims: 1,
        error_map: None,
        encoder_scale: ens.gain.iter().map(|g| g / ens.radius).collect(),
    })
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
        Transform::Fourier(f) => f.matrix(),
    };
    let mut full = DMatrix::zeros(t.nrows(), n_pre);
    for (c, &i) in columns.iter().enumerate() {
        full.set_column(i, &t.column(c));
    }
    link.transform = Transform::Dense(full);
}
