//! Terms: a unit's inputs planned as plain reads, for the common case
//! where every link into it reads a contiguous piece of a ready signal.
//!
//! Models of many small ensembles (ensemble arrays, circular convolution,
//! semantic pointer states) are wired almost entirely by links of one
//! shape: an element range of a node's output into one small population,
//! or one population's dense decoded sums into an element range of a node,
//! unfiltered, with an identity or scalar transform. The general link
//! evaluation ([`eval_link`](super::links::eval_link)) pays for what such a
//! link does not have (functions, index lists, learned matrices, checks of
//! each link's value): tens of nanoseconds a link, a step of an ensemble
//! array of 200 ensembles several microseconds. A term is the same link
//! reduced, when the simulator is planned, to its source slice, scale and
//! target offset; summing a unit's terms does the very same additions, in
//! the same order, as the general path, so results are bit-identical.
//!
//! The general path checks every link's value for finiteness, a term does
//! not: the unit's summed input is checked once, and on any failure the
//! step sums the unit again the general way, which finds the link at fault
//! and reports it exactly as before.

use super::block::BlockState;
use super::decode::Decoding;
use super::plan::LinkPlan;
use super::state::{LinkState, NodeState};
use crate::network::{Link, Source, Transform};

/// Where a term reads its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermSource {
    /// Node `node`'s output from element `start`.
    Node { node: u32, start: u32 },
    /// Link `link`'s filter output (its value filtered up to the last step).
    Filter { link: u32 },
    /// A population's dense decoded sums, kept by block `block` from
    /// `slot` (a population in one block only).
    Decoded { block: u32, slot: u32 },
}

/// One link into a unit, as a plain read: `target[post + k] += scale *
/// source[k]` for `k < len`. An identity has scale 1, and `1 * v` is `v`
/// to the bit (NaN stays NaN, infinities and signed zeros stay), so the
/// sum is the general path's. Small (24 bytes), and a unit's terms are
/// stored side by side, so a step reads them in one sweep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Term {
    pub source: TermSource,
    pub len: u32,
    pub post: u32,
    pub scale: f64,
}

impl Term {
    /// The term of link `l`, when it has one: a filtered link (its filter
    /// output is ready), or an unfiltered one from a node or a dense
    /// decoding in one block, without a function or a learned matrix, with
    /// an identity or scalar transform; and contiguous slices either side.
    pub fn of(l: usize, link: &Link, plan: &LinkPlan, learned: bool) -> Option<Term> {
        let small = |v: usize| u32::try_from(v).ok();
        let post = small(contiguous(link.post_slice.as_deref())?)?;
        if link.synapse.is_some() {
            return Some(Term {
                source: TermSource::Filter { link: small(l)? },
                len: small(plan.out_dims)?,
                scale: 1.0,
                post,
            });
        }
        Self::read(link, plan, learned)
    }

    /// The link's value before its synapse as a plain read, when it has
    /// one (no function or learned matrix, an identity or scalar
    /// transform, a contiguous pre slice, a node or a dense decoding in one
    /// block as its source), whether or not the link is filtered.
    pub fn read(link: &Link, plan: &LinkPlan, learned: bool) -> Option<Term> {
        let small = |v: usize| u32::try_from(v).ok();
        let post = small(contiguous(link.post_slice.as_deref())?)?;
        if learned || link.function.is_some() {
            return None;
        }
        let scale = match link.transform {
            Transform::Identity => 1.0,
            Transform::Scalar(s) => s,
            Transform::Diagonal(_) | Transform::Dense(_) | Transform::Fourier(_) => return None,
        };
        let start = contiguous(link.pre_slice.as_deref())?;
        let source = match (&link.source, &plan.decoding) {
            (Source::Node(node), _) => TermSource::Node {
                node: small(*node)?,
                start: small(start)?,
            },
            (Source::Decoded { .. }, Some(Decoding::Dense(parts))) => match &parts[..] {
                [part] => TermSource::Decoded {
                    block: small(part.block)?,
                    slot: small(part.slot + start)?,
                },
                _ => return None,
            },
            _ => return None,
        };
        Some(Term {
            source,
            len: small(plan.mid_dims)?,
            scale,
            post,
        })
    }

    /// The `len` values a term from a node or a decoding reads (empty for
    /// a filter's output, which lives with its link).
    #[inline(always)]
    fn read_now<'s>(&self, nodes: &'s [NodeState], blocks: &'s [BlockState]) -> &'s [f64] {
        let len = self.len as usize;
        match self.source {
            TermSource::Node { node, start } => {
                let start = start as usize;
                &nodes[node as usize].output[start..start + len]
            }
            TermSource::Decoded { block, slot } => {
                let slot = slot as usize;
                &blocks[block as usize].decoded[slot..slot + len]
            }
            TermSource::Filter { .. } => &[],
        }
    }

    /// True when `next` reads the `len` values after this term's and adds
    /// them, with the same scale, to the `len` elements after this term's.
    pub(crate) fn continues(&self, next: &Term) -> bool {
        let reads_on = match (self.source, next.source) {
            (TermSource::Node { node: a, start }, TermSource::Node { node: b, start: s }) => {
                a == b && start.checked_add(self.len) == Some(s)
            }
            (TermSource::Decoded { block: a, slot }, TermSource::Decoded { block: b, slot: s }) => {
                a == b && slot.checked_add(self.len) == Some(s)
            }
            _ => false,
        };
        reads_on
            && self.post.checked_add(self.len) == Some(next.post)
            && self.scale.to_bits() == next.scale.to_bits()
    }

    /// Adds the term into `target`.
    #[inline(always)]
    pub fn add_into(
        &self,
        (nodes, links, blocks): (&[NodeState], &[LinkState], &[BlockState]),
        target: &mut [f64],
    ) {
        let len = self.len as usize;
        let src: &[f64] = match self.source {
            TermSource::Filter { link } => links[link as usize]
                .filter
                .as_ref()
                .expect("a filtered link keeps its filter between steps")
                .output(),
            _ => self.read_now(nodes, blocks),
        };
        let post = self.post as usize;
        let dst = &mut target[post..post + len];
        let k = self.scale;
        match (dst, src) {
            ([d], [s]) => *d += k * s,
            (dst, src) => {
                for (d, &s) in dst.iter_mut().zip(src) {
                    *d += k * s;
                }
            }
        }
    }
}

/// A filtered link whose value is a plain read ([`Term::read`]) and whose
/// synapse is first order (every Lowpass): the step updates its filter as
/// `y ← a y + b (scale · s)` straight from the source, the same arithmetic
/// in the same order as the general path (transform, then
/// [`DiscreteFilter::update`](crate::synapses::DiscreteFilter::update)),
/// so the same bits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FilterTerm {
    pub read: Term,
    pub a: f64,
    pub b: f64,
}

impl FilterTerm {
    /// The fast update of link `link`'s filter, when it has one.
    pub fn of(link: &Link, plan: &LinkPlan, learned: bool) -> Option<FilterTerm> {
        let (a, b) = link.synapse.as_ref()?.first_order()?;
        let read = Term::read(link, plan, learned)?;
        (read.len as usize == plan.out_dims).then_some(FilterTerm { read, a, b })
    }

    /// Updates `y` (the filter's output, its state) from the source; false,
    /// changing nothing, when a value is not finite (the general path then
    /// names the link).
    #[inline(always)]
    pub fn update(&self, (nodes, blocks): (&[NodeState], &[BlockState]), y: &mut [f64]) -> bool {
        if matches!(self.read.source, TermSource::Filter { .. }) {
            return false;
        }
        let src = self.read.read_now(nodes, blocks);
        let (k, a, b) = (self.read.scale, self.a, self.b);
        match (y, src) {
            ([y], [s]) => {
                let u = k * s;
                if !u.is_finite() {
                    return false;
                }
                *y = a * *y + b * u;
            }
            (y, src) => {
                if src.iter().any(|&s| !(k * s).is_finite()) {
                    return false;
                }
                for (y, &s) in y.iter_mut().zip(src) {
                    *y = a * *y + b * (k * s);
                }
            }
        }
        true
    }
}

/// The terms of every unit that has them, side by side.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    pub terms: Vec<Term>,
}

/// A population whose input the step sums from terms and writes straight
/// into the one block holding it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlainPopulation {
    /// The population.
    pub pop: u32,
    /// Its terms: `terms[first..first + count]`.
    pub first: u32,
    pub count: u32,
    pub dims: u32,
    pub block: u32,
    pub x_offset: u32,
}

/// Consecutive plain populations of a block summed together:
/// `plains[start..end]` of the block's list, each fed by one term that
/// fills its whole input, the terms reading on from one another and the
/// inputs side by side in the block, so that their sums are one read of
/// `term` (every element gets the same single addition as alone); then
/// each population's sum is checked on its own. A batch of one is summed
/// as a population alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SumBatch {
    pub start: u32,
    pub end: u32,
    /// The merged term, when the first population has one that fills its
    /// input (else the batch holds that population alone).
    pub term: Option<Term>,
}

/// The batches of a block's plain populations `plains`, in order.
pub(crate) fn sum_batches(plains: &[PlainPopulation], terms: &Terms) -> Vec<SumBatch> {
    let whole = |p: &PlainPopulation| -> Option<Term> {
        match terms.of((p.first, p.count)) {
            [t] if t.post == 0 && t.len == p.dims => Some(*t),
            _ => None,
        }
    };
    let mut batches: Vec<SumBatch> = Vec::new();
    for (k, plain) in (0u32..).zip(plains) {
        let term = whole(plain);
        if let (Some(last), Some(t)) = (batches.last_mut(), term) {
            let prev = &plains[last.end as usize - 1];
            if let Some(merged) = &mut last.term {
                let next = Term {
                    post: merged.len,
                    ..t
                };
                if prev.x_offset + prev.dims == plain.x_offset && merged.continues(&next) {
                    merged.len += t.len;
                    last.end = k + 1;
                    continue;
                }
            }
        }
        batches.push(SumBatch {
            start: k,
            end: k + 1,
            term,
        });
    }
    batches
}

impl Terms {
    /// Appends the terms of a unit fed by the links `links_of`, when every
    /// one of them has a term; returns where they are (first, count).
    pub fn push_unit(
        &mut self,
        links_of: &[usize],
        links: &[Link],
        plans: &[LinkPlan],
        learned: &[bool],
    ) -> Option<(u32, u32)> {
        let terms: Vec<Term> = links_of
            .iter()
            .map(|&l| Term::of(l, &links[l], &plans[l], learned[l]))
            .collect::<Option<_>>()?;
        // Neighbouring terms that read on where the last one stopped and
        // write on where it stopped, with the same scale, are one term:
        // every element gets the same additions in the same order (the
        // merged terms write disjoint elements), in one loop. An ensemble
        // array's output node sums one term per ensemble, and a block's
        // ensembles keep their sums side by side.
        let mut unit: Vec<Term> = Vec::with_capacity(terms.len());
        for term in terms {
            match unit.last_mut() {
                Some(last) if last.continues(&term) => last.len += term.len,
                _ => unit.push(term),
            }
        }
        let first = u32::try_from(self.terms.len()).ok()?;
        let count = u32::try_from(unit.len()).ok()?;
        self.terms.extend(unit);
        Some((first, count))
    }

    /// The terms `first..first + count`.
    #[inline(always)]
    pub fn of(&self, (first, count): (u32, u32)) -> &[Term] {
        &self.terms[first as usize..(first + count) as usize]
    }
}

/// The first index of a slice that is a run of consecutive indices (0
/// without a slice); `None` for any other index list.
fn contiguous(slice: Option<&[usize]>) -> Option<usize> {
    match slice {
        None => Some(0),
        Some([]) => Some(0),
        Some(idx) => idx.windows(2).all(|w| w[1] == w[0] + 1).then_some(idx[0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_terms_reading_and_writing_on_where_the_last_stopped_continue_it() {
        let term = |source, len, post, scale| Term {
            source,
            len,
            post,
            scale,
        };
        let decoded = |block, slot| TermSource::Decoded { block, slot };
        let a = term(decoded(3, 10), 2, 5, 1.0);
        assert!(a.continues(&term(decoded(3, 12), 1, 7, 1.0)));
        assert!(
            !a.continues(&term(decoded(4, 12), 1, 7, 1.0)),
            "another block"
        );
        assert!(
            !a.continues(&term(decoded(3, 11), 1, 7, 1.0)),
            "overlapping reads"
        );
        assert!(
            !a.continues(&term(decoded(3, 12), 1, 6, 1.0)),
            "overlapping writes"
        );
        assert!(
            !a.continues(&term(decoded(3, 12), 1, 7, 0.5)),
            "another scale"
        );
        let node = |node, start| TermSource::Node { node, start };
        assert!(term(node(1, 0), 3, 0, 2.0).continues(&term(node(1, 3), 4, 3, 2.0)));
        assert!(!term(node(1, 0), 3, 0, 2.0).continues(&term(node(2, 3), 4, 3, 2.0)));
        let filter = TermSource::Filter { link: 0 };
        assert!(!term(filter, 1, 0, 1.0).continues(&term(filter, 1, 1, 1.0)));
    }

    #[test]
    fn only_runs_of_consecutive_indices_are_contiguous_slices() {
        assert_eq!(contiguous(None), Some(0));
        assert_eq!(contiguous(Some(&[4])), Some(4));
        assert_eq!(contiguous(Some(&[2, 3, 4])), Some(2));
        assert_eq!(contiguous(Some(&[2, 4])), None);
        assert_eq!(contiguous(Some(&[3, 2])), None);
        assert_eq!(contiguous(Some(&[1, 1])), None);
    }
}
