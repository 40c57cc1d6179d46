//! Building a connection: decoders, folded transforms and the core link.

use super::decoders::DecodeJob;
use super::layout::{Layout, Placement};
use super::{BuiltConnection, BuiltEnsemble};
use crate::connection::{function_size_out, Connection, TransformSpec};
use crate::error::BuildError;
use crate::ids::Object;
use crate::network::{Entry, Network};
use crate::rng::{derive_seed, rng_from_seed};
use nalgebra::DMatrix;
use snn_core::network::{Link, LinkFn, Source, Target, Transform};

/// The dense form `post × mid` of a transform.
fn dense(t: &TransformSpec, mid: usize) -> DMatrix<f64> {
    match t {
        TransformSpec::Scalar(s) => DMatrix::identity(mid, mid) * *s,
        TransformSpec::Dense(m) => m.clone(),
        TransformSpec::Fourier(f) => f.matrix(),
        TransformSpec::Ragged { .. } => unreachable!("rejected when the connection was added"),
    }
}

/// `M` with row `k` scaled by `g_k` (a post neuron's gain), dense.
fn scaled_rows(mut m: DMatrix<f64>, g: &[f64]) -> Transform {
    for (mut row, &gk) in m.row_iter_mut().zip(g) {
        row *= gk;
    }
    Transform::Dense(m)
}

/// Row `i` of the evaluation points restricted to the pre slice.
fn sliced_row(points: &DMatrix<f64>, i: usize, slice: Option<&[usize]>) -> Vec<f64> {
    match slice {
        Some(s) => s.iter().map(|&c| points[(i, c)]).collect(),
        None => points.row(i).iter().copied().collect(),
    }
}

/// The decode targets `Y` (`m × mid`): `f(x_p)` at every evaluation point,
/// or `x_p` itself without a function.
pub(crate) fn targets(
    label: &str,
    points: &DMatrix<f64>,
    slice: Option<&[usize]>,
    function: Option<&LinkFn>,
) -> Result<DMatrix<f64>, BuildError> {
    let m = points.nrows();
    let width = slice.map_or(points.ncols(), <[usize]>::len);
    let mid = function.map_or(width, |f| function_size_out(f, width));
    let mut y = DMatrix::zeros(m, mid);
    let mut out = vec![0.0; mid];
    crate::finite::check_points(label, points)?;
    for i in 0..m {
        let x = sliced_row(points, i, slice);
        match function {
            Some(f) => {
                f(&x, &mut out).map_err(|got| BuildError::Shape {
                    object: label.to_string(),
                    what: format!("the function's output at evaluation point {i}"),
                    expected: format!("{mid} values"),
                    got: format!("{got} values"),
                })?;
            }
            None => out.copy_from_slice(&x),
        }
        if let Some(v) = out.iter().find(|v| !v.is_finite()) {
            return Err(BuildError::InvalidParameter {
                object: label.to_string(),
                param: "function",
                value: v.to_string(),
                reason: format!(
                    "the function must be finite at every evaluation point; it is not at {x:?}"
                ),
            });
        }
        for (c, &v) in out.iter().enumerate() {
            y[(i, c)] = v;
        }
    }
    Ok(y)
}

/// Neuron-major `f32` copy of an `n × k` matrix.
pub(crate) fn neuron_major(m: &DMatrix<f64>) -> Vec<f32> {
    let mut out = Vec::with_capacity(m.len());
    for row in m.row_iter() {
        out.extend(row.iter().map(|&v| v as f32));
    }
    out
}

/// A connection with everything but its decoders: what [`finish_connection`]
/// needs once the decoder solve (if any) is done.
pub(crate) struct PendingConnection<'a> {
    pub(crate) conn: &'a Connection,
    pub(crate) label: String,
    mid: usize,
    synapse: Option<snn_core::synapses::DiscreteFilter>,
    target: Target,
    post_slice: Option<Vec<usize>>,
    post_gain: Option<Vec<f64>>,
    /// Where the pre object's signal is read: the population decoded
    /// (with `job`), or a node or neurons (without).
    source: Source,
    /// The post population when the connection is built as neuron-to-neuron
    /// weights (a weight solver between two neuron ensembles).
    weights_post: Option<usize>,
    /// The decoder solve, for a connection from an ensemble of neurons.
    pub(crate) job: Option<DecodeJob<'a>>,
}

/// Checks a connection and sets up its decoder solve (targets, and
/// evaluation points of its own if it has them), without solving.
pub(crate) fn prepare_connection<'a>(
    net: &Network,
    entry: &'a Entry<Connection>,
    ensembles: &[BuiltEnsemble],
    layout: &Layout,
    scope_seed: u64,
    (dt, rule_offsets): (f64, &[usize]),
) -> Result<PendingConnection<'a>, BuildError> {
    let conn = &entry.item;
    let label = entry.name.clone();
    let pre_slice = conn.pre.slice.as_deref();
    let post_slice = conn.post.slice.clone();
    let (_, pre_full) = net.object_size(conn.pre.object, true)?;
    let pre_width = pre_slice.map_or(pre_full, <[usize]>::len);
    let mid = conn
        .function
        .as_ref()
        .map_or(pre_width, |f| function_size_out(f, pre_width));
    let synapse = conn
        .synapse
        .as_ref()
        .map(|s| s.discretize(dt))
        .transpose()
        .map_err(|source| BuildError::Synapse {
            object: label.clone(),
            source,
        })?;
    let name = |e| net.ensemble_name(e).unwrap_or_default();
    let target = match conn.post.object {
        Object::Ensemble(e) => match layout.of(e) {
            Placement::Population(p) => Target::Population(p),
            Placement::Node(k) => Target::Node(k),
        },
        Object::Neurons(e) => Target::Neurons(layout.population(e, name(e))?),
        Object::Node(n) => Target::Node(n.index),
        Object::LearningRule(r) => Target::Rule(rule_offsets[r.conn.index] + r.index),
    };
    // A connection out of a direct-mode ensemble reads its value and applies
    // the function exactly, like one from a node (solver unused, as in Nengo).
    let source = match conn.pre.object {
        Object::Ensemble(e) => match layout.of(e) {
            Placement::Population(p) => Source::Neurons(p),
            Placement::Node(k) => Source::Node(k),
        },
        Object::Neurons(e) => Source::Neurons(layout.population(e, name(e))?),
        Object::Node(n) => Source::Node(n.index),
        Object::LearningRule(_) => unreachable!("refused as a pre end when connected"),
    };
    // Weights need neurons at both ends; into a direct-mode ensemble the
    // connection stays decoded (its encoders are the identity).
    let weights_post = match (conn.solver.weights(), conn.post.object) {
        (true, Object::Ensemble(e)) => match layout.of(e) {
            Placement::Population(p) => Some(p),
            Placement::Node(_) => None,
        },
        _ => None,
    };
    // Connections into neurons scale each neuron's input by its gain, as
    // connections into the ensemble do through the scaled encoders.
    let post_gain: Option<Vec<f64>> = match conn.post.object {
        Object::Neurons(e) => {
            let g = &ensembles[e.index].gain;
            Some(match &post_slice {
                Some(s) => s.iter().map(|&i| g[i]).collect(),
                None => g.clone(),
            })
        }
        _ => None,
    };
    let job = match (conn.pre.object, &source) {
        (Object::Ensemble(e), Source::Neurons(_)) => {
            let ens = &ensembles[e.index];
            let own_points = match &conn.eval_points {
                Some(samples) => {
                    let mut rng = rng_from_seed(derive_seed(scope_seed, entry.ordinal));
                    let count = net.get_ensemble(e)?.eval_point_count();
                    let count = samples.given_rows().unwrap_or(count);
                    let mut p = samples.draw(
                        count,
                        ens.eval_points.ncols(),
                        &mut rng,
                        &label,
                        "eval_points",
                    )?;
                    if conn.scale_eval_points {
                        p *= ens.radius;
                    }
                    crate::finite::check_points(&label, &p)?;
                    Some(p)
                }
                None => None,
            };
            let points = own_points.as_ref().unwrap_or(&ens.eval_points);
            let targets = targets(&label, points, pre_slice, conn.function.as_ref())?;
            Some(DecodeJob {
                label: label.clone(),
                ensemble: e.index,
                own_points,
                targets,
                solver: conn.solver.as_ref(),
            })
        }
        _ => None,
    };
    Ok(PendingConnection {
        conn,
        label,
        mid,
        synapse,
        target,
        post_slice,
        post_gain,
        source,
        weights_post,
        job,
    })
}

/// The core link and build report of a prepared connection, given its
/// solved decoders (`None` for a connection that solves none).
pub(crate) fn finish_connection(
    pending: PendingConnection<'_>,
    ensembles: &[BuiltEnsemble],
    decoded: Option<(DMatrix<f64>, Vec<f64>)>,
) -> (Link, BuiltConnection) {
    let PendingConnection {
        conn,
        label,
        mid,
        synapse,
        target,
        post_slice,
        post_gain,
        source,
        weights_post,
        job,
    } = pending;
    let learning = !conn.learning_rules.is_empty();
    let mut report = BuiltConnection {
        label: label.clone(),
        decoders: None,
        solver_rmses: Vec::new(),
    };
    let link = match (job, decoded) {
        (Some(_), Some((decoders, rmses))) => {
            let Source::Neurons(pre) = source else {
                unreachable!("a decoded connection reads a population")
            };
            let t = dense(&conn.transform, mid);
            report.solver_rmses = rmses;
            let link = if let Some(post_pop) = weights_post {
                let Object::Ensemble(post) = conn.post.object else {
                    unreachable!("checked when the connection was added")
                };
                let enc = &ensembles[post.index].scaled_encoders;
                let enc = match &post_slice {
                    Some(s) => enc.select_columns(s.iter()),
                    None => enc.clone(),
                };
                let weights = enc * t * decoders.transpose();
                Link {
                    label: label.clone(),
                    source: Source::Neurons(pre),
                    pre_slice: None,
                    function: None,
                    transform: Transform::Dense(weights),
                    synapse,
                    target: Target::Neurons(post_pop),
                    post_slice: None,
                }
            } else {
                let mut folded = &decoders * t.transpose();
                // A learning connection keeps the gains apart (its rules
                // learn in Nengo's units; the simulator applies them after).
                if let Some(g) = post_gain.as_ref().filter(|_| !learning) {
                    for (mut col, &gk) in folded.column_iter_mut().zip(g) {
                        col *= gk;
                    }
                }
                Link {
                    label: label.clone(),
                    source: Source::Decoded {
                        pop: pre,
                        dims: folded.ncols(),
                        decoders: neuron_major(&folded),
                    },
                    pre_slice: None,
                    function: None,
                    transform: Transform::Identity,
                    synapse,
                    target,
                    post_slice,
                }
            };
            report.decoders = Some(decoders);
            link
        }
        _ => {
            let post_gain = post_gain.filter(|_| !learning);
            let transform = match (&conn.transform, post_gain) {
                (TransformSpec::Scalar(s), None) if *s == 1.0 => Transform::Identity,
                (TransformSpec::Scalar(s), None) => Transform::Scalar(*s),
                (TransformSpec::Scalar(s), Some(g)) => {
                    Transform::Diagonal(g.iter().map(|gk| gk * s).collect())
                }
                (TransformSpec::Ragged { .. }, _) => {
                    unreachable!("rejected when the connection was added")
                }
                (TransformSpec::Dense(m), None) => Transform::Dense(m.clone()),
                (TransformSpec::Fourier(f), None) => Transform::Fourier(f.clone()),
                (TransformSpec::Fourier(f), Some(g)) => scaled_rows(f.matrix(), &g),
                (TransformSpec::Dense(m), Some(g)) => scaled_rows(m.clone(), &g),
            };
            Link {
                label: label.clone(),
                source,
                pre_slice: conn.pre.slice.clone(),
                function: conn.function.clone().map(|f| (f, mid)),
                transform,
                synapse,
                target,
                post_slice,
            }
        }
    };
    (link, report)
}
