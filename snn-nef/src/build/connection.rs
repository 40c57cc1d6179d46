//! Building a connection: decoders, folded transforms and the core link.

use super::activities::{activities, ActivityCache};
use super::{BuiltConnection, BuiltEnsemble};
use crate::connection::{function_size_out, Connection, TransformSpec};
use crate::error::BuildError;
use crate::ids::Object;
use crate::network::{Entry, Network};
use crate::rng::{derive_seed, rng_from_seed};
use crate::solvers::Solver;
use nalgebra::DMatrix;
use snn_core::network::{Link, LinkFn, Source, Target, Transform};

/// The dense form `post × mid` of a transform.
fn dense(t: &TransformSpec, mid: usize) -> DMatrix<f64> {
    match t {
        TransformSpec::Scalar(s) => DMatrix::identity(mid, mid) * *s,
        TransformSpec::Dense(m) => m.clone(),
        TransformSpec::Ragged { .. } => unreachable!("rejected when the connection was added"),
    }
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

/// Solves decoders (`n × mid`), checking that some neuron is active.
pub(crate) fn solve(
    label: &str,
    solver: &dyn Solver,
    a: &DMatrix<f64>,
    y: &DMatrix<f64>,
) -> Result<(DMatrix<f64>, Vec<f64>), BuildError> {
    if a.iter().all(|&v| v == 0.0) {
        return Err(BuildError::InvalidParameter {
            object: label.to_string(),
            param: "eval_points",
            value: format!("{} points", a.nrows()),
            reason: "no neuron is active at any evaluation point, so nothing can be decoded".into(),
        });
    }
    let solution = solver.solve(a, y).map_err(|source| BuildError::Solver {
        object: label.to_string(),
        source,
    })?;
    Ok((solution.decoders, solution.rmses))
}

/// Neuron-major `f32` copy of an `n × k` matrix.
fn neuron_major(m: &DMatrix<f64>) -> Vec<f32> {
    let mut out = Vec::with_capacity(m.len());
    for row in m.row_iter() {
        out.extend(row.iter().map(|&v| v as f32));
    }
    out
}

pub(crate) fn build_connection(
    net: &Network,
    entry: &Entry<Connection>,
    ensembles: &[BuiltEnsemble],
    cache: &mut ActivityCache,
    scope_seed: u64,
    dt: f64,
) -> Result<(Link, BuiltConnection), BuildError> {
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
    let target = match conn.post.object {
        Object::Ensemble(e) => Target::Population(e.index),
        Object::Neurons(e) => Target::Neurons(e.index),
        Object::Node(n) => Target::Node(n.index),
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
    let mut report = BuiltConnection {
        label: label.clone(),
        decoders: None,
        solver_rmses: Vec::new(),
    };

    let link = match conn.pre.object {
        Object::Ensemble(e) => {
            let ens = &ensembles[e.index];
            let own_points;
            let (points, a) = match &conn.eval_points {
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
                    let a = activities(ens, &p);
                    own_points = (p, a);
                    (&own_points.0, &own_points.1)
                }
                None => {
                    let a = cache.get(e.index, ens);
                    (&ens.eval_points, a)
                }
            };
            let y = targets(&label, points, pre_slice, conn.function.as_ref())?;
            let (decoders, rmses) = solve(&label, conn.solver.as_ref(), a, &y)?;
            let t = dense(&conn.transform, mid);
            report.solver_rmses = rmses;
            let link = if conn.solver.weights() {
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
                    source: Source::Neurons(e.index),
                    pre_slice: None,
                    function: None,
                    transform: Transform::Dense(weights),
                    synapse,
                    target: Target::Neurons(post.index),
                    post_slice: None,
                }
            } else {
                let mut folded = &decoders * t.transpose();
                if let Some(g) = &post_gain {
                    for (mut col, &gk) in folded.column_iter_mut().zip(g) {
                        col *= gk;
                    }
                }
                Link {
                    label: label.clone(),
                    source: Source::Decoded {
                        pop: e.index,
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
        Object::Node(_) | Object::Neurons(_) => {
            let source = match conn.pre.object {
                Object::Node(n) => Source::Node(n.index),
                Object::Neurons(e) => Source::Neurons(e.index),
                Object::Ensemble(_) => unreachable!("handled above"),
            };
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
                (TransformSpec::Dense(m), Some(g)) => {
                    let mut m = m.clone();
                    for (mut row, &gk) in m.row_iter_mut().zip(&g) {
                        row *= gk;
                    }
                    Transform::Dense(m)
                }
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
    Ok((link, report))
}
