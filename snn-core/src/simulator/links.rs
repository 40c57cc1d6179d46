//! Per-step evaluation of sources and links: reading a node's output or
//! decoding a population, slicing, the link's function and its transform.

use super::decode::Decoding;
use super::kernels::copy;
use super::plan::LinkPlan;
use super::pool::Pool;
use super::state::{LinkState, Neurons, NodeState};
use crate::network::{Link, Source, Transform};
use crate::simd::multiversion;

/// Writes the value of `source` (before slicing) into `out`.
pub(crate) fn read_source(
    source: &Source,
    decoding: Option<&Decoding>,
    nodes: &[NodeState],
    neurons: &Neurons<'_>,
    out: &mut [f64],
) {
    match source {
        Source::Node(i) => copy(out, &nodes[*i].output),
        Source::Decoded {
            pop,
            decoders,
            dims,
        } => {
            decoding
                .expect("the simulator plans every decoded source when it resets")
                .decode(neurons, *pop, decoders, *dims, out);
        }
        Source::Neurons(p) => neurons.gather(*p, |s| &s.out, out),
    }
}

/// Scratch buffers for links that slice or apply a function.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    src: Vec<f64>,
    sliced: Vec<f64>,
}

/// Computes this step's transformed value of `link` and returns it: the
/// source (sliced, function applied) itself for an identity transform, which
/// saves a copy, else `state.value`. Returns `Err(len)` when a run-time
/// function returned `len` values instead of the declared number.
pub(crate) fn eval_link<'a>(
    link: &Link,
    plan: &LinkPlan,
    state: &'a mut LinkState,
    nodes: &'a [NodeState],
    neurons: &Neurons<'_>,
    (sc, pool): (&'a mut Scratch, Option<&Pool>),
) -> Result<&'a [f64], usize> {
    let Scratch {
        src: buffer,
        sliced,
    } = sc;
    if !state.learned.is_empty() {
        // A learned link: the pre neurons' outputs times the state's matrix.
        let pop = match &link.source {
            Source::Decoded { pop, .. } | Source::Neurons(pop) => *pop,
            Source::Node(_) => unreachable!("validated: a learned link reads a population"),
        };
        buffer.resize(neurons.pops[pop].n, 0.0);
        neurons.gather(pop, |s| &s.out, buffer);
        let LinkState { value, learned, .. } = state;
        learned_value(buffer, learned, value);
        if let Some(scale) = &plan.learned_scale {
            for (v, &s) in value.iter_mut().zip(scale) {
                *v *= s;
            }
        }
        return Ok(value);
    }
    // A node's output is read in place; a population's is decoded first.
    let src: &[f64] = match &link.source {
        Source::Node(i) => &nodes[*i].output,
        other => {
            let len = match other {
                Source::Decoded { dims, .. } => *dims,
                Source::Neurons(p) => neurons.pops[*p].n,
                Source::Node(_) => unreachable!("handled above"),
            };
            buffer.resize(len, 0.0);
            read_source(other, plan.decoding.as_ref(), nodes, neurons, buffer);
            buffer
        }
    };
    let input: &[f64] = match &link.pre_slice {
        Some(idx) => {
            sliced.clear();
            sliced.extend(idx.iter().map(|&i| src[i]));
            sliced
        }
        None => src,
    };
    let LinkState { mid, value, .. } = state;
    let mid: &[f64] = match &link.function {
        Some((f, _)) => {
            f(input, mid)?;
            mid
        }
        None => input,
    };
    if link.transform == Transform::Identity {
        return Ok(mid);
    }
    match (&link.transform, pool) {
        (Transform::Dense(m), Some(pool)) if plan.split_dense => {
            split_dense_product(pool, m.as_slice(), mid, value);
        }
        _ => apply_transform(&link.transform, mid, value),
    }
    Ok(value)
}

/// Dense transforms of at least this many entries are applied on every
/// thread of the pool, each thread its own rows: a circular convolution
/// of 256 dimensions has three of 132 000, some tens of microseconds each,
/// far above the pool's hand-off of a few.
pub(crate) const SPLIT_MIN_ENTRIES: usize = 1 << 16;

/// [`dense_product`] with the rows shared among the pool's threads. Each
/// value is the same sum, in the same order, as on one thread.
fn split_dense_product(pool: &Pool, m: &[f64], mid: &[f64], value: &mut [f64]) {
    let rows = value.len();
    let parts = pool.threads().max(1);
    // Whole cache lines of eight values each.
    let per = rows.div_ceil(parts).next_multiple_of(8).max(8);
    let mut pieces: Vec<(usize, &mut [f64])> = value
        .chunks_mut(per)
        .enumerate()
        .map(|(k, rows)| (k * per, rows))
        .collect();
    pool.for_each_mut(&mut pieces, &|_, (first, piece)| {
        dense_rows(m, rows, *first, mid, piece);
    });
}

multiversion! {
    /// Rows `first..first + value.len()` of `M mid`, `M` column-major with
    /// `rows` rows, column by column as [`dense_product`] does.
    fn dense_rows(m: &[f64], rows: usize, first: usize, mid: &[f64], value: &mut [f64]) {
        value.fill(0.0);
        let len = value.len();
        for (column, &x) in m.chunks_exact(rows).zip(mid) {
            if x != 0.0 {
                for (v, &w) in value.iter_mut().zip(&column[first..first + len]) {
                    *v += w * x;
                }
            }
        }
    }
}

multiversion! {
    /// `value_o = sum_i a_i M[i * out + o]` (`out = value.len()`), skipping
    /// the neurons that did not spike.
    fn learned_value(a: &[f64], learned: &[f64], value: &mut [f64]) {
        value.fill(0.0);
        for (&a, column) in a.iter().zip(learned.chunks_exact(value.len())) {
            if a != 0.0 {
                for (v, &m) in value.iter_mut().zip(column) {
                    *v += m * a;
                }
            }
        }
    }
}

/// `value = T mid`; a dense transform skips zero inputs, so spikes routed
/// through neuron-to-neuron weights cost one column per spike.
pub(crate) fn apply_transform(transform: &Transform, mid: &[f64], value: &mut [f64]) {
    match transform {
        Transform::Identity => copy(value, mid),
        Transform::Scalar(s) => {
            for (v, &m) in value.iter_mut().zip(mid) {
                *v = s * m;
            }
        }
        Transform::Diagonal(d) => {
            for ((v, &m), &g) in value.iter_mut().zip(mid).zip(d) {
                *v = g * m;
            }
        }
        Transform::Dense(m) => dense_product(m.as_slice(), mid, value),
        Transform::Fourier(f) => f.apply(mid, value),
    }
}

multiversion! {
    /// `value = M mid` for `M` column-major (`value.len()` rows), column by
    /// column in vector lanes, skipping zero inputs.
    fn dense_product(m: &[f64], mid: &[f64], value: &mut [f64]) {
        value.fill(0.0);
        let rows = value.len();
        if rows == 0 {
            return;
        }
        for (column, &x) in m.chunks_exact(rows).zip(mid) {
            if x != 0.0 {
                for (v, &w) in value.iter_mut().zip(column) {
                    *v += w * x;
                }
            }
        }
    }
}

/// Adds `value` into `target` at the positions of `post_slice` (or all).
pub(crate) fn add_into(value: &[f64], post_slice: Option<&[usize]>, target: &mut [f64]) {
    match post_slice {
        None => {
            for (t, &v) in target.iter_mut().zip(value) {
                *t += v;
            }
        }
        Some(idx) => {
            for (&i, &v) in idx.iter().zip(value) {
                target[i] += v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dense_transform_shared_among_threads_gives_the_bits_of_one_thread() {
        let (rows, cols) = (517, 256);
        let m: Vec<f64> = (0..rows * cols)
            .map(|k| ((k * 7919) % 1009) as f64 / 1009.0 - 0.5)
            .collect();
        // Some inputs zero (skipped), the rest of mixed sign and size.
        let mid: Vec<f64> = (0..cols)
            .map(|c| {
                if c % 5 == 0 {
                    0.0
                } else {
                    (c as f64 * 0.37).sin() * 3.0
                }
            })
            .collect();
        let mut serial = vec![0.0; rows];
        dense_product(&m, &mid, &mut serial);
        for threads in [1, 2, 3] {
            let pool = Pool::new(threads);
            let mut split = vec![f64::NAN; rows];
            split_dense_product(&pool, &m, &mid, &mut split);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&split), bits(&serial), "{threads} threads");
        }
        assert!(serial.iter().any(|v| v.abs() > 1.0));
    }
}
