//! The fingerprint of a compiled network: what a checkpoint must have been
//! saved from to be resumed by a simulator of this network.
//!
//! It covers everything that decides how the network steps: `dt`, every
//! population's model, parameters, encoders, biases and initial state,
//! every node's kind and sizes (and constant values), every link's source,
//! decoders, slices, function size, transform, synapse and target, and
//! every probe. Closures cannot be compared, only their sizes; neither can
//! the network's owner id, which differs from process to process. Numbers
//! enter by their exact bits, so a model rebuilt with the same seed (or
//! from a decoder cache) has the same fingerprint and any other change a
//! different one.

use crate::network::{CompiledNetwork, NodeKind, ProbeTarget, Source, Target, Transform};
use xxhash_rust::xxh3::Xxh3;

/// The 64-bit xxh3 fingerprint of `net`.
pub(crate) fn fingerprint(net: &CompiledNetwork) -> u64 {
    let mut h = Hasher::default();
    h.str("snn compiled network");
    h.f64s(&[net.dt]);
    h.len(net.populations.len());
    for pop in &net.populations {
        let model = &pop.neuron_type;
        h.str(&pop.label);
        h.str(model.name());
        h.str(&format!("{model:?}"));
        h.str(&format!("{:?}", model.block_key()));
        h.len(pop.n);
        h.len(pop.dims);
        h.f32s(&pop.encoders);
        h.f32s(&pop.bias);
        let state = &pop.initial_state;
        h.len(state.n_vars());
        for v in 0..state.n_vars() {
            h.f32s(state.var(v));
        }
        h.len(usize::from(state.has_rng()));
        h.str(pop.noise.as_ref().map_or("", |p| p.name()));
    }
    h.len(net.nodes.len());
    for node in &net.nodes {
        h.str(&node.label);
        h.len(node.size_in);
        h.len(node.size_out);
        match &node.kind {
            NodeKind::Constant(v) => {
                h.str("constant");
                h.f64s(v);
            }
            NodeKind::Function(_) => h.str("function"),
            NodeKind::Passthrough => h.str("passthrough"),
            NodeKind::Process(p) => {
                h.str("process");
                h.str(p.name());
            }
        }
    }
    h.len(net.links.len());
    for link in &net.links {
        h.str(&link.label);
        h.source(&link.source);
        h.indices(link.pre_slice.as_deref());
        h.len(link.function.as_ref().map_or(0, |(_, n)| n + 1));
        match &link.transform {
            Transform::Identity => h.str("identity"),
            Transform::Scalar(s) => {
                h.str("scalar");
                h.f64s(&[*s]);
            }
            Transform::Diagonal(d) => {
                h.str("diagonal");
                h.f64s(d);
            }
            Transform::Dense(m) => {
                h.str("dense");
                h.len(m.nrows());
                h.f64s(m.as_slice());
            }
            Transform::Fourier(f) => h.str(&format!("{:?}", f.map())),
        }
        h.str(&format!("{:?}", link.synapse));
        let (kind, index) = match link.target {
            Target::Node(i) => ("node", i),
            Target::Population(p) => ("population", p),
            Target::Neurons(p) => ("neurons", p),
            Target::Rule(r) => ("rule", r),
        };
        h.str(kind);
        h.len(index);
        h.indices(link.post_slice.as_deref());
    }
    h.len(net.rules.len());
    for rule in &net.rules {
        h.str(&rule.label);
        h.len(rule.link);
        h.str(&format!("{:?} {:?}", rule.modifies, rule.out_scale));
        h.str(&format!("{:?}", rule.rule));
        h.str(&format!("{:?} {:?}", rule.pre_synapse, rule.post_synapse));
    }
    h.len(net.probes.len());
    for probe in &net.probes {
        h.str(&probe.label);
        match &probe.target {
            ProbeTarget::Source(s) => h.source(s),
            ProbeTarget::State { pop, var } => {
                h.str("state");
                h.len(*pop);
                h.len(*var);
            }
            ProbeTarget::InputCurrent(p) => {
                h.str("current");
                h.len(*p);
            }
            ProbeTarget::Weights(l) => {
                h.str("weights");
                h.len(*l);
            }
            ProbeTarget::Encoders(p) => {
                h.str("encoders");
                h.len(*p);
            }
            ProbeTarget::Rule { rule, signal } => {
                h.str(&format!("rule {signal:?}"));
                h.len(*rule);
            }
        }
        h.str(&format!("{:?}", probe.synapse));
        h.f64s(&probe.sample_every.map_or(Vec::new(), |s| vec![s]));
    }
    h.0.digest()
}

/// xxh3 over the network's parts, each framed by its length so that no two
/// different sequences of parts give the same bytes.
#[derive(Default)]
struct Hasher(Xxh3);

impl Hasher {
    fn len(&mut self, n: usize) {
        self.0.update(&(n as u64).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.update(s.as_bytes());
    }

    fn f32s(&mut self, v: &[f32]) {
        self.len(v.len());
        // In chunks, so a million encoders cost one buffer, not a million
        // calls.
        let mut buf = Vec::with_capacity(4096);
        for chunk in v.chunks(1024) {
            buf.clear();
            buf.extend(chunk.iter().flat_map(|x| x.to_le_bytes()));
            self.0.update(&buf);
        }
    }

    fn f64s(&mut self, v: &[f64]) {
        self.len(v.len());
        let mut buf = Vec::with_capacity(8192);
        for chunk in v.chunks(1024) {
            buf.clear();
            buf.extend(chunk.iter().flat_map(|x| x.to_le_bytes()));
            self.0.update(&buf);
        }
    }

    fn indices(&mut self, idx: Option<&[usize]>) {
        match idx {
            None => self.str("all"),
            Some(idx) => {
                self.len(idx.len());
                for &i in idx {
                    self.len(i);
                }
            }
        }
    }

    fn source(&mut self, source: &Source) {
        match source {
            Source::Node(i) => {
                self.str("node");
                self.len(*i);
            }
            Source::Decoded {
                pop,
                decoders,
                dims,
            } => {
                self.str("decoded");
                self.len(*pop);
                self.len(*dims);
                self.f32s(decoders);
            }
            Source::Neurons(p) => {
                self.str("neurons");
                self.len(*p);
            }
        }
    }
}
