//! Every decoder solve of a build, planned together and run in parallel.
//!
//! Connections and decoded probes out of an ensemble each ask for
//! decoders `X` with `A X ≈ Y` (see [`crate::solvers`]). Solving them one
//! by one, in declaration order, repeats the expensive part: forming the
//! activities `A` and factorizing them. Here:
//!
//! - jobs at an ensemble's own evaluation points whose solvers have equal
//!   [`Solver::shared_solve_key`]s are solved in one call, their target
//!   columns side by side (duplicates solved once): one `A`, one
//!   factorization, one set of passes over `A` for all of them;
//! - `A` is formed once per ensemble, inside the task that uses it, and
//!   dropped when that task is done;
//! - the tasks (one per ensemble, plus one per job with its own
//!   evaluation points) run in parallel on rayon's pool.
//!
//! Every task computes exactly what it would on one thread, and the plan
//! depends only on the model, so the decoders are bit-for-bit the same at
//! any thread count.

use super::activities::activities;
use super::cache::{DecoderCache, SolveInputs};
use super::BuiltEnsemble;
use crate::error::BuildError;
use crate::limits::check_elements;
use crate::solvers::Solver;
use nalgebra::DMatrix;
use rayon::prelude::*;
use std::collections::HashMap;

/// One decoder solve asked for by a connection or a probe.
pub(crate) struct DecodeJob<'a> {
    /// The connection's or probe's name (for errors).
    pub label: String,
    /// The pre ensemble.
    pub ensemble: usize,
    /// Evaluation points of the connection's own; `None` for the
    /// ensemble's.
    pub own_points: Option<DMatrix<f64>>,
    /// The targets `Y`, m × d.
    pub targets: DMatrix<f64>,
    /// The solver.
    pub solver: &'a dyn Solver,
}

/// Decoders (n × d) and the solver's RMSE per target dimension.
pub(crate) type Decoded = Result<(DMatrix<f64>, Vec<f64>), BuildError>;

/// Jobs that share one `A`: `groups[g]` are the indices of jobs solved in
/// one call of their (common) solver.
struct Task {
    ensemble: usize,
    /// Index of the job whose own evaluation points `A` is formed at, or
    /// `None` for the ensemble's.
    own: Option<usize>,
    groups: Vec<Vec<usize>>,
}

/// Groups jobs into tasks, in order of first appearance.
fn plan(jobs: &[&DecodeJob<'_>]) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    let mut keys: Vec<Vec<Option<String>>> = Vec::new();
    for (j, job) in jobs.iter().enumerate() {
        if job.own_points.is_some() {
            tasks.push(Task {
                ensemble: job.ensemble,
                own: Some(j),
                groups: vec![vec![j]],
            });
            keys.push(vec![None]);
            continue;
        }
        let t = match tasks
            .iter()
            .position(|t| t.own.is_none() && t.ensemble == job.ensemble)
        {
            Some(t) => t,
            None => {
                tasks.push(Task {
                    ensemble: job.ensemble,
                    own: None,
                    groups: Vec::new(),
                });
                keys.push(Vec::new());
                tasks.len() - 1
            }
        };
        let key = job.solver.shared_solve_key();
        let shared = key
            .as_ref()
            .and_then(|k| keys[t].iter().position(|g| g.as_ref() == Some(k)));
        match shared {
            Some(g) => tasks[t].groups[g].push(j),
            None => {
                tasks[t].groups.push(vec![j]);
                keys[t].push(key);
            }
        }
    }
    tasks
}

/// Solves one job alone (see [`solve`]).
fn solve_one(a: &DMatrix<f64>, job: &DecodeJob<'_>) -> Decoded {
    solve(&job.label, job.solver, a, &job.targets)
}

/// Solves a group of jobs with one call of their common solver: distinct
/// target columns side by side, results split back per job. If that call
/// fails, each job is solved alone so that each reports its own error.
fn solve_group(a: &DMatrix<f64>, jobs: &[&DecodeJob<'_>], group: &[usize]) -> Vec<Decoded> {
    if let [j] = group {
        return vec![solve_one(a, jobs[*j])];
    }
    let m = a.nrows();
    // Distinct columns (bit for bit), and where each job's columns are.
    let mut columns: Vec<Vec<f64>> = Vec::new();
    let mut at: Vec<Vec<usize>> = Vec::with_capacity(group.len());
    for &j in group {
        let y = &jobs[j].targets;
        let mut cols = Vec::with_capacity(y.ncols());
        for c in y.column_iter() {
            let same = |u: &Vec<f64>| {
                u.iter()
                    .zip(c.iter())
                    .all(|(p, q)| p.to_bits() == q.to_bits())
            };
            let k = columns.iter().position(same).unwrap_or_else(|| {
                columns.push(c.iter().copied().collect());
                columns.len() - 1
            });
            cols.push(k);
        }
        at.push(cols);
    }
    let y = DMatrix::from_fn(m, columns.len(), |i, k| columns[k][i]);
    let first = jobs[group[0]];
    match solve(&first.label, first.solver, a, &y) {
        Ok((x, rmses)) => at
            .iter()
            .map(|cols| {
                let d = DMatrix::from_fn(x.nrows(), cols.len(), |i, c| x[(i, cols[c])]);
                Ok((d, cols.iter().map(|&k| rmses[k]).collect()))
            })
            .collect(),
        Err(_) => group.iter().map(|&j| solve_one(a, jobs[j])).collect(),
    }
}

/// Solves decoders (`n × mid`), checking that some neuron is active.
pub(crate) fn solve(
    label: &str,
    solver: &dyn Solver,
    a: &DMatrix<f64>,
    y: &DMatrix<f64>,
) -> Decoded {
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

/// Every job's decoders, in the order of `jobs`. With a `cache`, jobs
/// whose solver has a [`Solver::cache_key`] are read from it when they
/// were solved before (a task whose jobs all hit never forms its `A`), and
/// stored in it when they are solved here.
pub(crate) fn solve_all(
    jobs: &[&DecodeJob<'_>],
    ensembles: &[BuiltEnsemble],
    cache: Option<&DecoderCache>,
) -> Vec<Decoded> {
    // One task per solve, however the large ones are grouped (see the
    // ensembles' build).
    let solved: Vec<Vec<(usize, Decoded)>> = plan(jobs)
        .par_iter()
        .with_max_len(1)
        .map(|task| solve_task(task, jobs, ensembles, cache))
        .collect();
    // Every job is in exactly one group of one task.
    let mut out: Vec<(usize, Decoded)> = solved.into_iter().flatten().collect();
    out.sort_by_key(|(j, _)| *j);
    out.into_iter().map(|(_, decoded)| decoded).collect()
}

/// The decoders of one task's jobs, as `(job, decoders)`: read from the
/// cache where it has them, the rest solved from one `A` and stored.
fn solve_task(
    task: &Task,
    jobs: &[&DecodeJob<'_>],
    ensembles: &[BuiltEnsemble],
    cache: Option<&DecoderCache>,
) -> Vec<(usize, Decoded)> {
    let ens = &ensembles[task.ensemble];
    let points = match task.own {
        Some(j) => jobs[j].own_points.as_ref().unwrap_or(&ens.eval_points),
        None => &ens.eval_points,
    };
    // The cache and key of every job that can be cached.
    let keys: HashMap<usize, (&DecoderCache, String)> = cache.map_or_else(HashMap::new, |c| {
        let cacheable = task.groups.iter().flatten().filter_map(|&j| {
            let solver_key = jobs[j].solver.cache_key()?;
            let key = DecoderCache::key(&SolveInputs {
                ensemble: ens,
                points,
                targets: &jobs[j].targets,
                solver_key: &solver_key,
            });
            Some((j, (c, key)))
        });
        cacheable.collect()
    });
    let mut done = Vec::new();
    let mut unsolved = Vec::new();
    for group in &task.groups {
        let mut left = Vec::new();
        for &j in group {
            let n_targets = jobs[j].targets.ncols();
            match keys
                .get(&j)
                .and_then(|(c, key)| c.load(key, ens.bias.len(), n_targets))
            {
                Some(decoded) => done.push((j, Ok(decoded))),
                None => left.push(j),
            }
        }
        if !left.is_empty() {
            unsolved.push(left);
        }
    }
    if unsolved.is_empty() {
        return done;
    }
    if let Err(e) = check_elements(
        &ens.name,
        "decoder-solve activities",
        points.nrows(),
        ens.bias.len(),
    ) {
        // Refused before `A` is allocated: every job of the task reports it.
        done.extend(unsolved.iter().flatten().map(|&j| (j, Err(e.clone()))));
        return done;
    }
    let a = activities(ens, points);
    for group in &unsolved {
        for (j, decoded) in group.iter().copied().zip(solve_group(&a, jobs, group)) {
            let decoded = match (decoded, keys.get(&j)) {
                (Ok((x, rmses)), Some((c, key))) => c.store(key, &x, &rmses).map(|()| (x, rmses)),
                (decoded, _) => decoded,
            };
            done.push((j, decoded));
        }
    }
    done
}
