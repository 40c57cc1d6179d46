//! Per-step evaluation of sources and links over the flat state.

use crate::network::{Link, Source, Transform};
use crate::neurons::NeuronState;
use crate::synapses::FilterState;

/// Run-time state of one population.
#[derive(Debug, Clone)]
pub(crate) struct PopState {
    /// Summed input vector (to be encoded).
    pub x: Vec<f64>,
    /// Summed direct input currents.
    pub current_in: Vec<f64>,
    /// Total input current `J` of the last step.
    pub j: Vec<f32>,
    /// Neuron outputs of the last step (spikes or rates).
    pub out: Vec<f32>,
    /// Neuron state.
    pub state: NeuronState,
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
    /// The sliced (and function-applied) source signal.
    pub mid: Vec<f64>,
    /// The transformed signal of this step.
    pub value: Vec<f64>,
    /// Filter state (filtered links only).
    pub filter: Option<FilterState>,
}

/// Adds the decoded output `sum_i a_i D[i, :]` of a population into `out`,
/// touching only the neurons with non-zero output (for a spiking population,
/// the few that spiked this step).
pub(crate) fn decode_into(activities: &[f32], decoders: &[f32], dims: usize, out: &mut [f64]) {
    for (i, &a) in activities.iter().enumerate() {
        if a != 0.0 {
            let row = &decoders[i * dims..(i + 1) * dims];
            for (o, &d) in out.iter_mut().zip(row) {
                *o += f64::from(a * d);
            }
        }
    }
}

/// Writes the value of `source` (before slicing) into `out`.
pub(crate) fn read_source(
    source: &Source,
    nodes: &[NodeState],
    pops: &[PopState],
    out: &mut [f64],
) {
    match source {
        Source::Node(i) => out.copy_from_slice(&nodes[*i].output),
        Source::Decoded {
            pop,
            decoders,
            dims,
        } => {
            out.fill(0.0);
            decode_into(&pops[*pop].out, decoders, *dims, out);
        }
        Source::Neurons(p) => {
            for (o, &a) in out.iter_mut().zip(&pops[*p].out) {
                *o = f64::from(a);
            }
        }
    }
}

/// Scratch buffers for links that slice or apply a function.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    src: Vec<f64>,
    sliced: Vec<f64>,
}

/// Computes this step's transformed value of `link` into `state.value`.
/// Returns `Err(len)` when a run-time function returned `len` values
/// instead of the declared number.
pub(crate) fn eval_link(
    link: &Link,
    state: &mut LinkState,
    nodes: &[NodeState],
    pops: &[PopState],
    sc: &mut Scratch,
) -> Result<(), usize> {
    if link.pre_slice.is_none() && link.function.is_none() {
        read_source(&link.source, nodes, pops, &mut state.mid);
    } else {
        let len = match &link.source {
            Source::Node(i) => nodes[*i].output.len(),
            Source::Decoded { dims, .. } => *dims,
            Source::Neurons(p) => pops[*p].out.len(),
        };
        sc.src.resize(len, 0.0);
        read_source(&link.source, nodes, pops, &mut sc.src);
        let input: &[f64] = match &link.pre_slice {
            Some(idx) => {
                sc.sliced.clear();
                sc.sliced.extend(idx.iter().map(|&i| sc.src[i]));
                &sc.sliced
            }
            None => &sc.src,
        };
        match &link.function {
            Some((f, _)) => f(input, &mut state.mid)?,
            None => state.mid.copy_from_slice(input),
        }
    }
    apply_transform(&link.transform, &state.mid, &mut state.value);
    Ok(())
}

/// `value = T mid`; a dense transform skips zero inputs, so spikes routed
/// through neuron-to-neuron weights cost one column per spike.
pub(crate) fn apply_transform(transform: &Transform, mid: &[f64], value: &mut [f64]) {
    match transform {
        Transform::Identity => value.copy_from_slice(mid),
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
