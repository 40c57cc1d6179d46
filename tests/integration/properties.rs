//! Properties of the builder API over generated models (proptest).
//!
//! - Any valid model (ensembles of every neuron type with given tuning
//!   distributions and evaluation-point counts, nodes, slices, transforms,
//!   functions, decoder and weight solvers, synapses, probes of every
//!   kind) builds and runs a few steps, and every probe holds finite
//!   numbers, one row per sample and one column per probed value; the one
//!   typed refusal such a model may meet is an ensemble silent at all its
//!   evaluation points.
//! - An invalid parameter (radius, neuron count, dimensions, slice index,
//!   transform shape, synapse time constant, max rate, intercept,
//!   `sample_every`, solver regularization, a neuron type's own parameter)
//!   is refused with the error variant that names the object, the
//!   parameter and the value.
//!
//! Networks are kept small (at most three ensembles of 30 neurons) so a
//! few hundred cases run in seconds.

use nalgebra::DMatrix;
use proptest::prelude::*;
use snn::core::{NeuronError, SynapseError};
use snn::nef::SolverError;
use snn::prelude::*;
use std::sync::Arc;

// ---------------------------------------------------------------- models

/// The neuron types an ensemble can be given.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Lif,
    LifRate,
    RectifiedLinear,
    SpikingRectifiedLinear,
    Sigmoid,
    Tanh,
    AdaptiveLif,
    AdaptiveLifRate,
    Iaf,
    Izhikevich,
    RegularSpikingLifRate,
    PoissonLifRate,
}

impl Kind {
    fn make(self) -> Arc<dyn NeuronType> {
        match self {
            Kind::Lif => Arc::new(LIF::default()),
            Kind::LifRate => Arc::new(LIFRate::default()),
            Kind::RectifiedLinear => Arc::new(RectifiedLinear::default()),
            Kind::SpikingRectifiedLinear => Arc::new(SpikingRectifiedLinear::default()),
            Kind::Sigmoid => Arc::new(Sigmoid::default()),
            Kind::Tanh => Arc::new(Tanh::default()),
            Kind::AdaptiveLif => Arc::new(AdaptiveLIF::default()),
            Kind::AdaptiveLifRate => Arc::new(AdaptiveLIFRate::default()),
            Kind::Iaf => Arc::new(IAF::default()),
            Kind::Izhikevich => Arc::new(Izhikevich::default()),
            Kind::RegularSpikingLifRate => Arc::new(RegularSpiking::new(LIFRate::default())),
            Kind::PoissonLifRate => Arc::new(PoissonSpiking::new(LIFRate::default())),
        }
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Lif),
        Just(Kind::LifRate),
        Just(Kind::RectifiedLinear),
        Just(Kind::SpikingRectifiedLinear),
        Just(Kind::Sigmoid),
        Just(Kind::Tanh),
        Just(Kind::AdaptiveLif),
        Just(Kind::AdaptiveLifRate),
        Just(Kind::Iaf),
        Just(Kind::Izhikevich),
        Just(Kind::RegularSpikingLifRate),
        Just(Kind::PoissonLifRate),
    ]
}

/// A synapse, or none (a same-step connection).
#[derive(Debug, Clone, Copy)]
enum Syn {
    None,
    Lowpass(f64),
    Alpha(f64),
    DoubleExp(f64, f64),
}

impl Syn {
    fn make(self) -> Option<Arc<dyn Synapse>> {
        match self {
            Syn::None => None,
            Syn::Lowpass(t) => Some(Arc::new(Lowpass(t))),
            Syn::Alpha(t) => Some(Arc::new(Alpha(t))),
            Syn::DoubleExp(a, b) => Some(Arc::new(DoubleExp(a, b))),
        }
    }
}

/// Time constants from far below the step (1 ms) to far above it.
fn tau() -> impl Strategy<Value = f64> {
    // Zero is Nengo's one-step delay; 1e-60 is far below dt (a pass-through
    // that once hung the discretization).
    prop_oneof![0.001..0.2f64, 1e-6..1.0f64, Just(0.0), Just(1e-60)]
}

fn syn() -> impl Strategy<Value = Syn> {
    prop_oneof![
        Just(Syn::None),
        tau().prop_map(Syn::Lowpass),
        tau().prop_map(Syn::Alpha),
        (tau(), tau()).prop_map(|(a, b)| Syn::DoubleExp(a, b)),
    ]
}

/// A filtered synapse (for connections that may close a loop).
fn filtered_syn() -> impl Strategy<Value = Syn> {
    prop_oneof![
        tau().prop_map(Syn::Lowpass),
        tau().prop_map(Syn::Alpha),
        (tau(), tau()).prop_map(|(a, b)| Syn::DoubleExp(a, b)),
    ]
}

#[derive(Debug, Clone)]
struct EnsSpec {
    n: usize,
    d: usize,
    radius: f64,
    kind: Kind,
    /// Max rates drawn from `Uniform(low, high)` instead of Nengo's
    /// default; below 400 Hz, which every type here can reach.
    max_rates: Option<(f64, f64)>,
    /// Intercepts drawn from `Uniform(low, high)` inside (-1, 1).
    intercepts: Option<(f64, f64)>,
    /// Fewer (or more) evaluation points than Nengo's default.
    n_eval_points: Option<usize>,
}

fn ens_spec() -> impl Strategy<Value = EnsSpec> {
    let rates = (1.0..300.0f64, 1.0..99.0f64).prop_map(|(low, width)| (low, low + width));
    let intercepts =
        (-0.99..0.9f64, 0.0..1.0f64).prop_map(|(low, t)| (low, low + 1e-3 + t * (0.98 - low)));
    (
        1..30usize,
        1..4usize,
        prop_oneof![0.1..3.0f64, 1e-3..1e3f64],
        kind(),
        prop::option::of(rates),
        prop::option::of(intercepts),
        prop::option::of(1..100usize),
    )
        .prop_map(
            |(n, d, radius, kind, max_rates, intercepts, n_eval_points)| EnsSpec {
                n,
                d,
                radius,
                kind,
                max_rates,
                intercepts,
                n_eval_points,
            },
        )
}

#[derive(Debug, Clone)]
enum NodeSpec {
    Constant(Vec<f64>),
    Sines(usize, f64),
}

impl NodeSpec {
    fn size(&self) -> usize {
        match self {
            NodeSpec::Constant(v) => v.len(),
            NodeSpec::Sines(n, _) => *n,
        }
    }

    fn make(&self) -> Node {
        match self {
            NodeSpec::Constant(v) => Node::constant(v.clone()),
            NodeSpec::Sines(n, f) => {
                let (n, f) = (*n, *f);
                Node::time(move |t| (0..n).map(|i| (f * t + i as f64).sin()).collect::<Vec<_>>())
            }
        }
    }
}

fn node_spec() -> impl Strategy<Value = NodeSpec> {
    prop_oneof![
        prop::collection::vec(prop_oneof![-1.5..1.5f64, -1e3..1e3f64], 1..4)
            .prop_map(NodeSpec::Constant),
        (1..4usize, 0.5..20.0f64).prop_map(|(n, f)| NodeSpec::Sines(n, f)),
    ]
}

/// What a connection computes from its (sliced) pre value.
#[derive(Debug, Clone, Copy)]
enum Func {
    Identity,
    Square,
    Sum,
    Product,
}

impl Func {
    fn size_out(self, size_in: usize) -> usize {
        match self {
            Func::Identity | Func::Square => size_in,
            Func::Sum | Func::Product => 1,
        }
    }
}

/// The decoder solver of a connection from an ensemble.
#[derive(Debug, Clone, Copy)]
enum SolverKind {
    Default,
    LstsqL2 { reg: f64, weights: bool },
    LstsqL2nz(f64),
    Nnls { reg: f64, weights: bool },
}

fn solver_kind() -> impl Strategy<Value = SolverKind> {
    // Regularization above 0: with none, an ensemble whose neurons are all
    // silent on the evaluation points has a singular Gram matrix, which is
    // a typed error (SolverError::Singular), not a valid model.
    let reg = 0.01..0.5f64;
    prop_oneof![
        3 => Just(SolverKind::Default),
        1 => (reg.clone(), any::<bool>()).prop_map(|(reg, weights)| SolverKind::LstsqL2 { reg, weights }),
        1 => reg.clone().prop_map(SolverKind::LstsqL2nz),
        1 => (0.0..0.5f64, any::<bool>()).prop_map(|(reg, weights)| SolverKind::Nnls { reg, weights }),
    ]
}

/// Where a connection starts: a node, an ensemble's decoded value or its
/// neurons. Indices are taken modulo the number of such objects.
#[derive(Debug, Clone, Copy)]
enum Source {
    Node(usize),
    Ensemble(usize),
    Neurons(usize),
}

#[derive(Debug, Clone)]
struct ConnSpec {
    from: Source,
    /// Raw slice indices (reduced modulo the pre size), or the whole.
    pre_slice: Option<Vec<usize>>,
    to: usize,
    post_slice: Option<Vec<usize>>,
    func: Func,
    /// A scalar transform when the sizes allow it, else a matrix.
    scalar: Option<f64>,
    /// Entries of a matrix transform, cycled to fill it.
    matrix: Vec<f64>,
    /// The synapse of a connection from a node (may be none).
    syn: Syn,
    /// The synapse of a connection from an ensemble: connections between
    /// ensembles can close a loop, which needs a filter to have a delay.
    filtered: Syn,
    /// Used on connections from an ensemble's decoded value; weight
    /// solvers only between two ensembles without slices.
    solver: SolverKind,
}

fn conn_spec() -> impl Strategy<Value = ConnSpec> {
    let from = prop_oneof![
        (0..4usize).prop_map(Source::Node),
        (0..4usize).prop_map(Source::Ensemble),
        (0..4usize).prop_map(Source::Neurons),
    ];
    let slice = prop::option::of(prop::collection::vec(0..64usize, 1..4));
    let func = prop_oneof![
        Just(Func::Identity),
        Just(Func::Square),
        Just(Func::Sum),
        Just(Func::Product),
    ];
    let ends = (from, slice.clone(), 0..4usize, slice, func);
    let rest = (
        prop::option::of(-2.0..2.0f64),
        prop::collection::vec(-1.0..1.0f64, 1..8),
        syn(),
        filtered_syn(),
        solver_kind(),
    );
    (ends, rest).prop_map(
        |((from, pre_slice, to, post_slice, func), (scalar, matrix, syn, filtered, solver))| {
            ConnSpec {
                from,
                pre_slice,
                to,
                post_slice,
                func,
                scalar,
                matrix,
                syn,
                filtered,
                solver,
            }
        },
    )
}

#[derive(Debug, Clone)]
struct ModelSpec {
    seed: u64,
    ensembles: Vec<EnsSpec>,
    nodes: Vec<NodeSpec>,
    connections: Vec<ConnSpec>,
    probe_syn: Vec<Syn>,
    sample_every: Option<f64>,
    steps: u64,
}

fn model_spec() -> impl Strategy<Value = ModelSpec> {
    (
        any::<u64>(),
        prop::collection::vec(ens_spec(), 1..4),
        prop::collection::vec(node_spec(), 0..3),
        prop::collection::vec(conn_spec(), 0..5),
        prop::collection::vec(syn(), 1..4),
        prop::option::of(prop_oneof![Just(0.001), Just(0.002), Just(0.003)]),
        1..25u64,
    )
        .prop_map(
            |(seed, ensembles, nodes, connections, probe_syn, sample_every, steps)| ModelSpec {
                seed,
                ensembles,
                nodes,
                connections,
                probe_syn,
                sample_every,
                steps,
            },
        )
}

fn reduce(raw: &Option<Vec<usize>>, size: usize) -> Option<Vec<usize>> {
    raw.as_ref()
        .map(|r| r.iter().map(|i| i % size).collect::<Vec<_>>())
}

fn endpoint(base: impl Slice, slice: Option<Vec<usize>>) -> snn::nef::Endpoint {
    match slice {
        Some(s) => base.pick(s),
        None => base.into(),
    }
}

/// A probe, the number of columns it must have and its sampling period
/// (`None`: every step).
struct Probed {
    id: ProbeId,
    columns: usize,
    every: Option<f64>,
    what: String,
}

/// Builds `spec` with the builder API; every call must succeed.
fn build(spec: &ModelSpec) -> Result<(Network, Vec<Probed>), BuildError> {
    let mut net = Network::with_seed(spec.seed);
    let mut ens = Vec::new();
    let mut probes = Vec::new();
    let probe_syn = |k: usize| spec.probe_syn[k % spec.probe_syn.len()].make();
    for (i, e) in spec.ensembles.iter().enumerate() {
        let neuron = e.kind.make();
        let spiking = neuron.spiking();
        let neuron_states = neuron.state_names();
        let mut ensemble = Ensemble::new(e.n, e.d)
            .radius(e.radius)
            .neuron_type_arc(neuron);
        if let Some((low, high)) = e.max_rates {
            ensemble = ensemble.max_rates(Uniform::new(low, high));
        }
        if let Some((low, high)) = e.intercepts {
            ensemble = ensemble.intercepts(Uniform::new(low, high));
        }
        if let Some(m) = e.n_eval_points {
            ensemble = ensemble.n_eval_points(m);
        }
        let id = net.ensemble(&format!("e{i}"), ensemble)?;
        let mut decoded = Probe::new(id);
        if let Some(s) = probe_syn(i) {
            decoded = decoded.synapse(s);
        }
        if let Some(every) = spec.sample_every {
            decoded = decoded.sample_every(every);
        }
        probes.push(Probed {
            id: net.probe(decoded)?,
            columns: e.d,
            every: spec.sample_every,
            what: format!("e{i} decoded"),
        });
        let attr = if spiking { "spikes" } else { "output" };
        probes.push(Probed {
            id: net.probe(Probe::attr(id, attr))?,
            columns: e.n,
            every: None,
            what: format!("e{i} {attr}"),
        });
        probes.push(Probed {
            id: net.probe(Probe::input(id))?,
            columns: e.n,
            every: None,
            what: format!("e{i} input"),
        });
        for state in neuron_states {
            probes.push(Probed {
                id: net.probe(Probe::attr(id, state))?,
                columns: e.n,
                every: None,
                what: format!("e{i} {state}"),
            });
        }
        ens.push((id, e.clone()));
    }
    let mut nodes = Vec::new();
    for (i, n) in spec.nodes.iter().enumerate() {
        let id = net.node(&format!("n{i}"), n.make())?;
        probes.push(Probed {
            id: net.probe(Probe::new(id))?,
            columns: n.size(),
            every: None,
            what: format!("n{i}"),
        });
        nodes.push((id, n.size()));
    }
    for c in &spec.connections {
        let (post, post_spec) = &ens[c.to % ens.len()];
        let post_slice = reduce(&c.post_slice, post_spec.d);
        let post_size = post_slice.as_ref().map_or(post_spec.d, Vec::len);
        let (pre, pre_size, decoded, syn, source) = match c.from {
            Source::Node(k) if !nodes.is_empty() => {
                let (id, size) = nodes[k % nodes.len()];
                let slice = reduce(&c.pre_slice, size);
                let n = slice.as_ref().map_or(size, Vec::len);
                (endpoint(id, slice), n, false, c.syn, None)
            }
            Source::Node(k) | Source::Ensemble(k) => {
                let (id, e) = &ens[k % ens.len()];
                let slice = reduce(&c.pre_slice, e.d);
                let n = slice.as_ref().map_or(e.d, Vec::len);
                (
                    endpoint(*id, slice),
                    n,
                    true,
                    c.filtered,
                    Some(k % ens.len()),
                )
            }
            Source::Neurons(k) => {
                let (id, e) = &ens[k % ens.len()];
                let slice = reduce(&c.pre_slice, e.n);
                let n = slice.as_ref().map_or(e.n, Vec::len);
                (
                    endpoint(id.neurons(), slice),
                    n,
                    false,
                    c.filtered,
                    Some(k % ens.len()),
                )
            }
        };
        // Loops are kept stable: ensembles connect forward (to a later
        // ensemble), or to themselves computing the identity through a
        // transform of gain at most 1. A loop of gain above 1 grows
        // geometrically each step; with neuron types whose rate is
        // unbounded (rectified linear, IAF) a decoded x³ fed back grows by
        // 10⁵ a step, and the f32 input currents overflow to ±inf within
        // the run. That is the model diverging (Nengo's f64 state would
        // too, later), not a fault this property looks for.
        let target = c.to % ens.len();
        let self_loop = source == Some(target);
        match source {
            Some(s) if s > target => continue,
            Some(_) if self_loop && !(decoded && matches!(c.func, Func::Identity)) => continue,
            _ => {}
        }
        let mid = if decoded {
            c.func.size_out(pre_size)
        } else {
            pre_size
        };
        let mut conn = Connection::new(pre, endpoint(*post, post_slice));
        if decoded {
            conn = match c.func {
                Func::Identity => conn,
                Func::Square => {
                    conn.function(|x: &[f64]| x.iter().map(|v| v * v).collect::<Vec<_>>())
                }
                Func::Sum => conn.function(|x: &[f64]| x.iter().sum::<f64>()),
                Func::Product => conn.function(|x: &[f64]| x.iter().product::<f64>()),
            };
        }
        conn = match c.scalar {
            Some(s) if mid == post_size => conn.transform(if self_loop { s / 2.0 } else { s }),
            _ => {
                // Scaled down from a neurons' output (hundreds of Hz).
                // A self-loop's rows sum to at most 1 in magnitude.
                let scale = if matches!(c.from, Source::Neurons(_)) {
                    1e-3
                } else if self_loop {
                    1.0 / mid as f64
                } else {
                    1.0
                };
                let m = DMatrix::from_fn(post_size, mid, |r, k| {
                    scale * c.matrix[(r * mid + k) % c.matrix.len()]
                });
                conn.transform(m)
            }
        };
        if decoded {
            conn = match c.solver {
                SolverKind::Default => conn,
                SolverKind::LstsqL2 { reg, weights } => {
                    conn.solver(LstsqL2::new(reg).weights(weights))
                }
                SolverKind::LstsqL2nz(reg) => conn.solver(LstsqL2nz::new(reg)),
                SolverKind::Nnls { reg, weights } => conn.solver(Nnls::new(reg).weights(weights)),
            };
        }
        conn = match syn.make() {
            Some(s) => conn.synapse(s),
            None => conn.synapse(None),
        };
        net.connect(conn)?;
    }
    Ok((net, probes))
}

/// The one typed refusal a generated model may meet at build: with few
/// evaluation points and high intercepts, no neuron of an ensemble may be
/// active at any of them, so nothing can be decoded from it.
fn silent_at_every_eval_point(e: &BuildError) -> bool {
    matches!(e, BuildError::InvalidParameter { param: "eval_points", reason, .. }
        if reason.contains("no neuron is active"))
}

fn is_finite(m: &DMatrix<f64>) -> bool {
    m.iter().all(|v| v.is_finite())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // No files of failing seeds: a failure prints its shrunk case.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn valid_models_build_and_run_with_finite_probes(spec in model_spec()) {
        let (net, probes) = build(&spec).map_err(|e| TestCaseError::fail(format!("declaring: {e}")))?;
        let mut sim = match Simulator::new(&net) {
            Ok(sim) => sim,
            Err(e) if silent_at_every_eval_point(&e) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("building: {e}"))),
        };
        sim.run_steps(spec.steps).map_err(|e| TestCaseError::fail(format!("running: {e}")))?;
        for p in &probes {
            let data = sim.data(p.id).unwrap();
            prop_assert!(is_finite(&data), "{}: {data}", p.what);
            prop_assert_eq!(data.ncols(), p.columns, "{}", p.what);
            // One sample each `every / dt` steps, at the end of each
            // period, as Nengo samples.
            let rows = match p.every {
                None => spec.steps,
                Some(every) => (spec.steps as f64 * sim.dt() / every + 1e-9).floor() as u64,
            };
            prop_assert_eq!(data.nrows() as u64, rows, "{}", p.what);
            prop_assert_eq!(sim.probe_trange(p.id).unwrap().len() as u64, rows, "{}", p.what);
        }
    }
}

// ------------------------------------------------------ invalid parameters

/// A number the builder must refuse as a radius, time constant or
/// `sample_every`: zero, negative, NaN or infinite.
fn not_positive_finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        -1e6..-1e-9f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
    ]
}

/// Negative or non-finite: a time constant no synapse accepts (zero is
/// Nengo's one-step delay, so it is valid).
fn negative_or_non_finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..-1e-9f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
    ]
}

/// Whether the error's `value` text is `v` (NaN matches NaN).
fn names_value(text: &str, v: f64) -> bool {
    text.parse::<f64>()
        .is_ok_and(|t| t == v || (t.is_nan() && v.is_nan()))
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// Builds `net` into a simulator: the errors found only at build time.
fn simulate(net: &Network) -> Result<Simulator, BuildError> {
    Simulator::new(net)
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn a_bad_radius_is_named_with_its_value(radius in not_positive_finite(), n in 1..20usize, d in 1..4usize) {
        let mut net = Network::new();
        let err = net.ensemble("ens", Ensemble::new(n, d).radius(radius)).unwrap_err();
        match &err {
            BuildError::InvalidParameter { object, param, value, .. } => {
                prop_assert_eq!(object, "ens");
                prop_assert_eq!(*param, "radius");
                prop_assert!(names_value(value, radius), "{err}");
            }
            other => prop_assert!(false, "expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn zero_neurons_or_dimensions_are_named(n in 0..20usize, d in 0..4usize) {
        prop_assume!(n == 0 || d == 0);
        let mut net = Network::new();
        let err = net.ensemble("ens", Ensemble::new(n, d)).unwrap_err();
        let want = if n == 0 { "n_neurons" } else { "dimensions" };
        match &err {
            BuildError::InvalidParameter { object, param, value, .. } => {
                prop_assert_eq!(object, "ens");
                prop_assert_eq!(*param, want);
                prop_assert_eq!(value, "0");
            }
            other => prop_assert!(false, "expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn an_out_of_range_slice_names_the_object_index_and_size(
        size in 1..5usize,
        d in 1..4usize,
        past in 0..10usize,
        at_pre in any::<bool>(),
        first in 0..4usize,
    ) {
        let mut net = Network::new();
        let stim = net.node("stim", Node::constant(vec![0.5; size])).unwrap();
        let ens = net.ensemble("ens", Ensemble::new(10, d)).unwrap();
        let (object, limit) = if at_pre { ("stim", size) } else { ("ens", d) };
        let bad = limit + past;
        // One valid index before the bad one, so the search must go on.
        let indices = vec![first % limit, bad];
        let conn = if at_pre {
            Connection::new(stim.pick(indices), ens.at(0))
        } else {
            Connection::new(stim.at(0), ens.pick(indices))
        };
        let err = net.connect(conn).unwrap_err();
        match &err {
            BuildError::SliceOutOfRange { object: o, index, size: s } => {
                prop_assert_eq!(o, object);
                prop_assert_eq!((*index, *s), (bad, limit));
            }
            other => prop_assert!(false, "expected SliceOutOfRange, got {other:?}"),
        }
    }

    #[test]
    fn a_transform_of_the_wrong_shape_names_both_shapes(
        size in 1..4usize,
        d in 1..4usize,
        rows in 1..5usize,
        cols in 1..5usize,
    ) {
        prop_assume!((rows, cols) != (d, size));
        let mut net = Network::new();
        let stim = net.node("stim", Node::constant(vec![0.5; size])).unwrap();
        let ens = net.ensemble("ens", Ensemble::new(10, d)).unwrap();
        let conn = Connection::new(stim, ens).transform(DMatrix::from_element(rows, cols, 0.5));
        let err = net.connect(conn).unwrap_err();
        match &err {
            BuildError::Shape { object, what, expected, got } => {
                prop_assert_eq!(object, "stim -> ens");
                prop_assert_eq!(what, "transform");
                prop_assert_eq!(expected, &format!("{d}×{size}"));
                prop_assert_eq!(got, &format!("{rows}×{cols}"));
            }
            other => prop_assert!(false, "expected Shape, got {other:?}"),
        }
    }

    #[test]
    fn a_bad_synapse_time_constant_is_named_with_its_value(
        tau in negative_or_non_finite(),
        which in 0..3usize,
        on_probe in any::<bool>(),
    ) {
        let mut net = Network::new();
        let stim = net.node("stim", Node::constant(0.5)).unwrap();
        let ens = net.ensemble("ens", Ensemble::new(10, 1)).unwrap();
        let synapse: Arc<dyn Synapse> = match which {
            0 => Arc::new(Lowpass(tau)),
            1 => Arc::new(Alpha(tau)),
            _ => Arc::new(DoubleExp(0.005, tau)),
        };
        let (err, label) = if on_probe {
            (net.probe(Probe::new(ens).synapse(synapse)).unwrap_err(), "probe(ens)")
        } else {
            (net.connect(Connection::new(stim, ens).synapse(synapse)).unwrap_err(), "stim -> ens")
        };
        match &err {
            BuildError::Synapse { object, source: SynapseError::InvalidTimeConstant { value, .. } } => {
                prop_assert_eq!(object, label);
                prop_assert!(same(*value, tau), "{err}");
            }
            other => prop_assert!(false, "expected Synapse(InvalidTimeConstant), got {other:?}"),
        }
    }

    #[test]
    fn a_bad_max_rate_names_the_ensemble_neuron_and_value(
        n in 1..10usize,
        index in 0..10usize,
        rate in prop_oneof![Just(0.0), -1e3..-1e-6f64, Just(f64::INFINITY), Just(f64::NEG_INFINITY)],
    ) {
        let index = index % n;
        let mut rates = vec![250.0; n];
        rates[index] = rate;
        let mut net = Network::new();
        // An infinite rate fails the declaration's finiteness check, as NaN
        // does (below); the others reach the neuron type's tuning.
        match net.ensemble("ens", Ensemble::new(n, 1).max_rates(rates)) {
            Err(BuildError::NonFinite { object, parameter, index: i, value }) => {
                prop_assert!(!rate.is_finite());
                prop_assert_eq!(object, "ens");
                prop_assert_eq!(parameter, "max_rates");
                prop_assert_eq!(i, (index, 0));
                prop_assert_eq!(value, rate);
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
            Ok(_) => {
                let err = simulate(&net).unwrap_err();
                match &err {
                    BuildError::Neuron {
                        ensemble,
                        source: NeuronError::InvalidMaxRate { index: i, value, .. },
                    } => {
                        prop_assert_eq!(ensemble, "ens");
                        prop_assert_eq!(*i, index);
                        prop_assert!(same(*value, rate), "{err}");
                    }
                    other => prop_assert!(false, "expected Neuron(InvalidMaxRate), got {other:?}"),
                }
            }
        }
    }

    #[test]
    fn a_nan_max_rate_is_refused_naming_the_ensemble_and_parameter(
        n in 1..10usize,
        index in 0..10usize,
    ) {
        let mut rates = vec![250.0; n];
        rates[index % n] = f64::NAN;
        let mut net = Network::new();
        let err = net.ensemble("ens", Ensemble::new(n, 1).max_rates(rates)).unwrap_err();
        let text = err.to_string();
        match &err {
            BuildError::NonFinite { object, parameter, index: i, value } => {
                prop_assert_eq!(object, "ens");
                prop_assert_eq!(parameter, "max_rates");
                prop_assert_eq!(*i, (index % n, 0));
                prop_assert!(value.is_nan());
                prop_assert!(text.contains("NaN") && text.contains(&format!("row {}", index % n)), "{text}");
            }
            other => prop_assert!(false, "expected NonFinite, got {other:?}"),
        }
    }

    #[test]
    fn a_max_rate_drawn_from_a_nan_distribution_is_refused(high in 201.0..400.0f64) {
        let mut net = Network::new();
        net.ensemble("ens", Ensemble::new(5, 1).max_rates(Uniform::new(f64::NAN, high))).unwrap();
        let err = simulate(&net).unwrap_err();
        match &err {
            BuildError::Distribution { object, param, .. } => {
                prop_assert_eq!(object, "ens");
                prop_assert_eq!(*param, "max_rates");
            }
            other => prop_assert!(false, "expected Distribution, got {other:?}"),
        }
    }

    #[test]
    fn an_intercept_outside_minus_one_one_names_the_neuron_and_value(
        n in 1..10usize,
        index in 0..10usize,
        intercept in prop_oneof![1.0..10.0f64, -10.0..=-1.0f64],
    ) {
        let index = index % n;
        let mut intercepts = vec![0.0; n];
        intercepts[index] = intercept;
        let mut net = Network::new();
        net.ensemble("ens", Ensemble::new(n, 1).intercepts(intercepts)).unwrap();
        let err = simulate(&net).unwrap_err();
        match &err {
            BuildError::Neuron {
                ensemble,
                source: NeuronError::InvalidIntercept { index: i, value, .. },
            } => {
                prop_assert_eq!(ensemble, "ens");
                prop_assert_eq!(*i, index);
                prop_assert_eq!(*value, intercept);
            }
            other => prop_assert!(false, "expected Neuron(InvalidIntercept), got {other:?}"),
        }
    }

    #[test]
    fn a_bad_sample_every_is_named_with_its_value(every in not_positive_finite()) {
        let mut net = Network::new();
        let ens = net.ensemble("ens", Ensemble::new(10, 1)).unwrap();
        let err = net.probe(Probe::new(ens).sample_every(every)).unwrap_err();
        match &err {
            BuildError::InvalidParameter { object, param, value, .. } => {
                prop_assert_eq!(object, "probe(ens)");
                prop_assert_eq!(*param, "sample_every");
                prop_assert!(names_value(value, every), "{err}");
            }
            other => prop_assert!(false, "expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn a_bad_solver_regularization_names_the_connection_solver_and_value(
        reg in prop_oneof![-1e3..-1e-9f64, Just(f64::NAN), Just(f64::INFINITY)],
        which in 0..3usize,
    ) {
        let mut net = Network::new();
        let a = net.ensemble("a", Ensemble::new(10, 1)).unwrap();
        let b = net.ensemble("b", Ensemble::new(10, 1)).unwrap();
        let conn = Connection::new(a, b);
        let (conn, name) = match which {
            0 => (conn.solver(LstsqL2::new(reg)), "LstsqL2"),
            1 => (conn.solver(LstsqL2nz::new(reg)), "LstsqL2nz"),
            _ => (conn.solver(Nnls::new(reg)), "Nnls"),
        };
        // Refused when connected, not only at the build.
        let err = net.connect(conn).unwrap_err();
        match &err {
            BuildError::Solver {
                object,
                source: SolverError::InvalidParameter { solver, param, value, .. },
            } => {
                prop_assert_eq!(object, "a -> b");
                prop_assert!(solver.starts_with(name), "{err}");
                prop_assert_eq!(*param, "reg");
                prop_assert!(same(*value, reg), "{err}");
            }
            other => prop_assert!(false, "expected Solver(InvalidParameter), got {other:?}"),
        }
    }

    #[test]
    fn a_bad_neuron_parameter_names_the_type_parameter_and_value(
        bad in not_positive_finite(),
        which in 0..2usize,
    ) {
        let (neuron, param) = if which == 0 {
            (LIF::new(bad, 0.002), "tau_rc")
        } else {
            (LIF::new(0.02, bad), "tau_ref")
        };
        // A refractory period of zero is allowed (and so is -0.0).
        prop_assume!(!(which == 1 && bad == 0.0));
        let mut net = Network::new();
        let err = net.ensemble("ens", Ensemble::new(10, 1).neuron_type(neuron)).unwrap_err();
        match &err {
            BuildError::Neuron {
                ensemble,
                source: NeuronError::InvalidParameter { param: p, value, .. },
            } => {
                prop_assert_eq!(ensemble, "ens");
                prop_assert_eq!(*p, param);
                prop_assert!(same(*value, bad), "{err}");
            }
            other => prop_assert!(false, "expected Neuron(InvalidParameter), got {other:?}"),
        }
    }
}
