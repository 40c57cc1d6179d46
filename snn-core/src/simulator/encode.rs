//! Encoding: the input currents of a block of neurons.

use super::shard::Segment;
use super::signals::PopState;
use crate::neurons::affine_currents;
use crate::simd::multiversion;

multiversion! {
    /// Encodes every segment of a block: its population's input `x` (and
    /// direct currents) into `j[offset..offset + len]`. One dispatch for the
    /// whole block, so a block of many small populations pays it once.
    pub(crate) fn encode_segments(segments: &[Segment], encoders: &[f32], bias: &[f32], inputs: &[f32], pops: &[PopState], j: &mut [f32]) {
        for seg in segments {
            let range = seg.offset..seg.offset + seg.len;
            let pop = &pops[seg.pop];
            affine_currents(
                &encoders[seg.enc_offset..seg.enc_offset + seg.len * seg.dims],
                &bias[range.clone()],
                &inputs[seg.x_offset..seg.x_offset + seg.dims],
                &mut j[range.clone()],
            );
            if !pop.current_in.is_empty() {
                let currents = &pop.current_in[seg.pop_start..seg.pop_start + seg.len];
                add_currents(currents, &mut j[range]);
            }
        }
    }
}

/// Adds direct input currents (from connections into `.neurons`) to `j`.
#[inline(always)]
fn add_currents(current: &[f64], j: &mut [f32]) {
    for (o, &c) in j.iter_mut().zip(current) {
        *o = (f64::from(*o) + c) as f32;
    }
}
