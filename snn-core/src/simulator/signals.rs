//! Per-step evaluation of sources and links over the flat state.

use super::decode::Decoding;
use super::shard::{Part, Shard};
use crate::network::{Link, Source, Transform};
use crate::synapses::FilterState;

/// Run-time state of one population (its neurons live in blocks).
#[derive(Debug, Clone)]
pub(crate) struct PopState {
    /// Summed direct input currents (empty for a population with no
    /// connection into its neurons).
    pub current_in: Vec<f64>,
    /// Number of neurons.
    pub n: usize,
    /// Where the neurons are, in order.
    pub parts: Vec<Part>,
}

/// Every population's inputs and every block of neurons.
#[derive(Debug, Clone, Default)]
pub(crate) struct Populations {
    pub pops: Vec<PopState>,
    pub shards: Vec<Shard>,
}

impl Populations {
    /// State variable `var` of every neuron of population `p`, into `out`.
    pub fn gather_state(&self, p: usize, var: usize, out: &mut [f64]) {
        for pt in &self.pops[p].parts {
            self.shards[pt.shard].read_state(
                var,
                pt.offset..pt.offset + pt.len,
                &mut out[pt.start..pt.start + pt.len],
            );
        }
    }

    /// Copies one per-neuron quantity of population `p` into `out`, widened.
    pub fn gather(&self, p: usize, mut part: impl FnMut(&Shard) -> &[f32], out: &mut [f64]) {
        for pt in &self.pops[p].parts {
            let src = &part(&self.shards[pt.shard])[pt.offset..pt.offset + pt.len];
            for (o, &v) in out[pt.start..pt.start + pt.len].iter_mut().zip(src) {
                *o = f64::from(v);
            }
        }
    }
}

/// Run-time state of one node.
#[derive(Debug, Clone)]
pub(crate) struct NodeState {
    pub input: Vec<f64>,
    pub output: Vec<f64>,
}

/// Run-time state of one link.
#[derive(Debug, Clone)]
pub(crate) struct LinkState {
    /// The output of the link's function (unused without one).
    pub mid: Vec<f64>,
    /// The transformed signal of this step.
    pub value: Vec<f64>,
    /// Filter state (filtered links only).
    pub filter: Option<FilterState>,
    /// How a decoded source is decoded (decoded sources only).
    pub decoding: Option<Decoding>,
}

/// Writes the value of `source` (before slicing) into `out`.
pub(crate) fn read_source(
    source: &Source,
    decoding: Option<&Decoding>,
    nodes: &[NodeState],
    pops: &Populations,
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
                .decode(pops, *pop, decoders, *dims, out);
        }
        Source::Neurons(p) => pops.gather(*p, |s| &s.out, out),
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
    state: &'a mut LinkState,
    nodes: &'a [NodeState],
    pops: &Populations,
    sc: &'a mut Scratch,
) -> Result<&'a [f64], usize> {
    let Scratch {
        src: buffer,
        sliced,
    } = sc;
    // A node's output is read in place; a population's is decoded first.
    let src: &[f64] = match &link.source {
        Source::Node(i) => &nodes[*i].output,
        other => {
            let len = match other {
                Source::Decoded { dims, .. } => *dims,
                Source::Neurons(p) => pops.pops[*p].n,
                Source::Node(_) => unreachable!("handled above"),
            };
            buffer.resize(len, 0.0);
            read_source(other, state.decoding.as_ref(), nodes, pops, buffer);
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
    apply_transform(&link.transform, mid, value);
    Ok(value)
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
        Transform::Dense(m) => {
            value.fill(0.0);
            for (c, &x) in mid.iter().enumerate() {
                if x != 0.0 {
                    for (v, &w) in value.iter_mut().zip(m.column(c).iter()) {
                        *v += w * x;
                    }
                }
            }
        }
    }
}

/// `dst = src` without a library call for the one-element signals that
/// most links carry (a `memcpy` call costs more than the copy).
#[inline(always)]
pub(crate) fn copy(dst: &mut [f64], src: &[f64]) {
    match (dst, src) {
        ([d], [s]) => *d = *s,
        (dst, src) => dst.copy_from_slice(src),
    }
}

/// `v = 0`, likewise without a library call for one element.
#[inline(always)]
pub(crate) fn zero(v: &mut [f64]) {
    match v {
        [x] => *x = 0.0,
        v => v.fill(0.0),
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
