//! Checking: names, parameters, and every dimension that is known at
//! compile time. All mistakes are collected and reported together, each
//! pointing at its tokens.

use crate::ast::*;
use crate::literal::{
    as_float_literal, closure_arity, matrix_shape, negated, output_size, usize_of,
};
use crate::path::{resolve, Part, Resolved, Unraw, Use, RULE_PROBEABLE};
use crate::state::known_type;
use crate::suggest::did_you_mean;
use proc_macro2::Span;
use std::collections::HashMap;
use syn::spanned::Spanned;
use syn::Ident;

pub const ENSEMBLE_PARAMS: &[&str] = &[
    "neurons",
    "dimensions",
    "radius",
    "neuron_type",
    "max_rates",
    "intercepts",
    "encoders",
    "eval_points",
    "n_eval_points",
    "normalize_encoders",
    "gain",
    "bias",
    "seed",
    "initial_state",
    "noise",
];
pub const NODE_PARAMS: &[&str] = &["output", "size_in", "size_out"];
pub const CONNECTION_PARAMS: &[&str] = &[
    "function",
    "transform",
    "synapse",
    "solver",
    "eval_points",
    "scale_eval_points",
    "label",
    "learning_rule",
];
pub const PROBE_PARAMS: &[&str] = &["synapse", "sample_every", "solver"];

/// What kind of object a name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Node,
    Ensemble,
    Probe,
    Subnet,
    Connection,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Node => "node",
            Kind::Ensemble => "ensemble",
            Kind::Probe => "probe",
            Kind::Subnet => "sub-network",
            Kind::Connection => "connection",
        }
    }
}

/// A declared name and what is known of its sizes.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub kind: Kind,
    /// Output size (ensemble dimensions, node output).
    pub size_out: Option<usize>,
    /// Input size (ensemble dimensions, node input).
    pub size_in: Option<usize>,
    /// Number of neurons of an ensemble.
    pub neurons: Option<usize>,
    /// For a node declared without `size_in`: what it is ("a constant
    /// node", "a function of time"), to explain why it takes no input.
    pub no_input: Option<&'static str>,
    /// For a named connection, its learning rule's type where the tokens
    /// show it (`PES`).
    pub rule: Option<String>,
}

impl Symbol {
    /// A symbol whose sizes are not known at compile time.
    fn opaque(kind: Kind) -> Self {
        Self {
            kind,
            size_out: None,
            size_in: None,
            neurons: None,
            no_input: None,
            rule: None,
        }
    }
}

/// The symbol table the expansion uses.
pub type Symbols = HashMap<String, Symbol>;

/// What the check learned that the expansion needs beyond the syntax tree
/// (the check reads the tree and never writes into it).
pub struct Checked {
    /// Every declared name.
    pub symbols: Symbols,
    /// The end of each open range `a..` of a connection end: the size of
    /// the object, by the connection's item index and end (`true`: pre).
    pub open_range_ends: HashMap<(usize, bool), usize>,
}

struct Checker {
    symbols: Symbols,
    errors: Vec<syn::Error>,
    /// See [`Checked::open_range_ends`].
    open_range_ends: HashMap<(usize, bool), usize>,
    /// The index of the item being checked.
    item: usize,
}

impl Checker {
    fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// Unknown and repeated parameter names.
    fn params(&mut self, params: &[Param], allowed: &[&str], what: &str) {
        let mut seen: Vec<String> = Vec::new();
        for p in params {
            let key = p.key.to_string();
            if !allowed.contains(&key.as_str()) {
                let hint = did_you_mean(&key, allowed.iter().copied());
                self.error(
                    p.key.span(),
                    format!(
                        "unknown {what} parameter `{key}`{hint} (expected one of: {})",
                        allowed.join(", ")
                    ),
                );
            } else if seen.contains(&key) {
                self.error(p.key.span(), format!("parameter `{key}` is given twice"));
            }
            seen.push(key);
        }
    }

    fn declare(&mut self, name: &Ident, symbol: Symbol) {
        let key = name.unraw_string();
        if key == "network" {
            self.error(
                name.span(),
                "`network` is reserved for the built network itself; choose another name",
            );
        } else if let std::collections::hash_map::Entry::Vacant(slot) =
            self.symbols.entry(key.clone())
        {
            slot.insert(symbol);
        } else {
            self.error(name.span(), format!("the name `{key}` is declared twice"));
        }
    }

    fn ensemble(&mut self, d: &Decl) {
        self.params(&d.params, ENSEMBLE_PARAMS, "ensemble");
        let neurons = find(&d.params, "neurons");
        if neurons.is_none() {
            self.error(
                d.name.span(),
                format!(
                    "ensemble `{}` needs a neuron count: `{} {{ neurons: 100, … }}`",
                    d.name, d.name
                ),
            );
        }
        match (find(&d.params, "gain"), find(&d.params, "bias")) {
            (Some(g), None) => self.error(
                g.span(),
                "`gain` needs `bias` too (they replace max rates and intercepts)",
            ),
            (None, Some(b)) => self.error(
                b.span(),
                "`bias` needs `gain` too (they replace max rates and intercepts)",
            ),
            _ => {}
        }
        let n = neurons.and_then(usize_of);
        if n == Some(0) {
            self.error(
                neurons.map_or(d.name.span(), |e| e.span()),
                "an ensemble needs at least one neuron",
            );
        }
        let dims = match find(&d.params, "dimensions") {
            None => Some(1),
            Some(e) => usize_of(e),
        };
        if dims == Some(0) {
            self.error(
                find(&d.params, "dimensions").map_or(d.name.span(), |e| e.span()),
                "an ensemble represents at least one dimension",
            );
        }
        self.declare(
            &d.name,
            Symbol {
                kind: Kind::Ensemble,
                size_out: dims,
                size_in: dims,
                neurons: n,
                no_input: None,
                rule: None,
            },
        );
    }

    fn node(&mut self, d: &Decl) {
        self.params(&d.params, NODE_PARAMS, "node");
        let output = d.value.as_ref().or_else(|| find(&d.params, "output"));
        let size_in_expr = find(&d.params, "size_in");
        let size_in = match size_in_expr {
            Some(e) => usize_of(e),
            None => Some(0),
        };
        let size_out = match output {
            None if size_in_expr.is_none() => {
                self.error(
                    d.name.span(),
                    format!("node `{}` needs an `output` (a value or a closure) or a `size_in` (a passthrough)", d.name),
                );
                None
            }
            None => size_in,
            Some(o) => {
                if closure_arity(o) == Some(2) && size_in_expr.is_none() {
                    self.error(
                        o.span(),
                        "a node closure `|t, x|` reads an input: give its `size_in`",
                    );
                }
                if let Some(k) = closure_arity(o).filter(|k| *k != 1 && *k != 2) {
                    self.error(
                        o.span(),
                        format!("a node closure takes `|t|` or `|t, x|`, not {k} parameters"),
                    );
                }
                output_size(o)
            }
        };
        let size_out = match find(&d.params, "size_out") {
            None => size_out,
            Some(e) => {
                let declared = usize_of(e);
                match (declared, size_out) {
                    (Some(want), Some(got)) if want != got => {
                        let what = if output.is_some() {
                            "its output gives"
                        } else {
                            "a passthrough outputs its `size_in`,"
                        };
                        self.error(
                            e.span(),
                            format!(
                                "node `{}` declares `size_out: {want}`, but {what} {got} value{}",
                                d.name,
                                if got == 1 { "" } else { "s" }
                            ),
                        );
                        size_out
                    }
                    // A literal size is the node's size (a process's output
                    // is sized by it); any other is checked by the builder.
                    (Some(want), _) => Some(want),
                    (None, known) => known,
                }
            }
        };
        self.declare(
            &d.name,
            Symbol {
                kind: Kind::Node,
                size_out,
                size_in,
                neurons: None,
                no_input: match (size_in_expr, output) {
                    (None, Some(o)) if closure_arity(o).is_some() => Some("a function of time"),
                    (None, _) => Some("a constant node"),
                    _ => None,
                },
                rule: None,
            },
        );
    }

    fn lookup(&mut self, name: &Ident) -> Option<Symbol> {
        let key = name.unraw_string();
        match self.symbols.get(&key) {
            Some(s) => Some(s.clone()),
            None => {
                let hint = did_you_mean(&key, self.symbols.keys().map(String::as_str));
                self.error(name.span(), format!("unknown object `{key}`{hint}"));
                None
            }
        }
    }

    /// Size of a connection end (`pre`: output side), after its slice.
    fn endpoint_size(&mut self, end: &Endpoint, pre: bool) -> Option<usize> {
        let sym = self.lookup(&end.base)?;
        let part = match resolve(end, sym.kind, Use::Connect) {
            Ok(r) => r.part,
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let size = match (sym.kind, part) {
            (Kind::Ensemble, Part::Neurons) => sym.neurons,
            (Kind::Ensemble, _) => sym.size_out,
            (Kind::Node, _) if pre => sym.size_out,
            (Kind::Node, _) => sym.size_in,
            (Kind::Connection, Part::LearningRule) => {
                if pre {
                    self.error(
                        end.span,
                        format!(
                            "`{}.learning_rule` takes the rule's error in; it is no signal to connect from",
                            end.base
                        ),
                    );
                    return None;
                }
                if let Some(why) = sym.no_input {
                    self.error(end.span, format!("connection `{}` {why}", end.base));
                    return None;
                }
                sym.size_in
            }
            // A sub-network's value (a handle, or a struct whose parts are
            // reached with `.part`) is typed by its function; the compiler
            // and the builder check it.
            _ => None,
        };
        self.slice(end, size, pre)
    }

    /// A connection into a node that was declared without an input (a
    /// constant, or a function of time only): say how to give it one, with
    /// the size that arrives (`n`) when it is known.
    fn feeds_inputless_node(&mut self, post: &Endpoint, n: Option<usize>) -> bool {
        let what = match self.symbols.get(&post.base.unraw_string()) {
            Some(Symbol {
                kind: Kind::Node,
                no_input: Some(what),
                ..
            }) if post.fields.is_empty() => *what,
            _ => return false,
        };
        let name = &post.base;
        let n = n.map_or("N".to_string(), |n| n.to_string());
        self.error(
            post.span,
            format!(
                "`{name}` is {what} and has no input; to feed it, give it an input size and \
                 make its output a function of the input: \
                 `node {name} {{ size_in: {n}, output: |t, x: &[f64]| … }}`, \
                 or make it a passthrough: `node {name} {{ size_in: {n} }}`"
            ),
        );
        true
    }

    /// Size after the slice; records the end of an open range `a..` (at
    /// the `pre` or post end of the current item) as the known size, for
    /// the expansion, or reports that it must be given.
    fn slice(&mut self, end: &Endpoint, size: Option<usize>, pre: bool) -> Option<usize> {
        if let Some(SliceSpec::Range(_, None)) = &end.slice {
            match size {
                Some(n) => {
                    self.open_range_ends.insert((self.item, pre), n);
                }
                None => {
                    self.error(
                        end.span,
                        "give the end of the range: the size of this object is not known here",
                    );
                    return None;
                }
            }
        }
        let Some(slice) = &end.slice else {
            return size;
        };
        if let Some(e) = negative_bound(slice) {
            let path = written(end);
            let fix = match (negated(e).and_then(usize_of), size) {
                (Some(k), Some(n)) if k <= n => format!(
                    "write `{path}[{}]` (`{path}` has {n} element{}; `-{k}` counts from the end)",
                    n - k,
                    plural(n),
                ),
                _ => format!(
                    "count from the start: the last of the `N` elements of `{path}` is `{path}[N - 1]`"
                ),
            };
            self.error(
                e.span(),
                format!("negative indices are not supported: {fix}"),
            );
            return None;
        }
        match slice {
            SliceSpec::Index(e) => {
                if let (Some(i), Some(n)) = (usize_of(e), size) {
                    if i >= n {
                        self.error(
                            e.span(),
                            format!(
                                "index {i} is out of range: `{}` has {n} element{}",
                                end.base,
                                plural(n)
                            ),
                        );
                    }
                }
                Some(1)
            }
            SliceSpec::Range(a, b) => {
                let start = a.as_ref().map_or(Some(0), usize_of);
                let end_i = match b {
                    Some(b) => usize_of(b),
                    None => size,
                };
                if let (Some(e), Some(n), Some(b)) = (end_i, size, b.as_ref()) {
                    if e > n {
                        self.error(
                            b.span(),
                            format!(
                                "range end {e} is out of range: `{}` has {n} element{}",
                                end.base,
                                plural(n)
                            ),
                        );
                        return None;
                    }
                }
                match (start, end_i) {
                    (Some(s), Some(e)) if s >= e => {
                        self.error(end.span, "the slice is empty");
                        None
                    }
                    (Some(s), Some(e)) => Some(e - s),
                    _ => None,
                }
            }
        }
    }

    fn connection(&mut self, c: &ConnectDef) {
        self.params(&c.params, CONNECTION_PARAMS, "connection");
        self.encoder_rule_post(c);
        self.float_params(&c.params, &["synapse", "transform"]);
        let pre = self.endpoint_size(&c.pre, true);
        let mid = match find(&c.params, "function") {
            Some(f) => {
                if closure_arity(f).is_some_and(|k| k != 1) {
                    self.error(f.span(), "a connection function takes one parameter, `|x|`");
                }
                output_size(f)
            }
            None => pre,
        };
        let transform = find(&c.params, "transform").map(|t| (t, matrix_shape(t)));
        let arriving = match &transform {
            Some((_, Some(Ok((rows, _))))) => Some(*rows),
            Some((t, _)) if !crate::literal::is_number(t) => None,
            _ => mid,
        };
        if self.feeds_inputless_node(&c.post, arriving) {
            return;
        }
        let post = self.endpoint_size(&c.post, false);
        match transform {
            Some((t, Some(Err(row)))) => {
                self.error(
                    t.span(),
                    format!("row {row} of the transform has a different length than row 0"),
                );
            }
            Some((t, Some(Ok((rows, cols))))) => {
                if let Some(p) = post.filter(|p| *p != rows) {
                    self.error(
                        t.span(),
                        format!(
                            "the transform has {rows} row{} but `{}` takes {p} value{}",
                            plural(rows),
                            c.post.base,
                            plural(p)
                        ),
                    );
                }
                if let Some(m) = mid.filter(|m| *m != cols) {
                    self.error(
                        t.span(),
                        format!(
                            "the transform has {cols} column{} but receives {m} value{}",
                            plural(cols),
                            plural(m)
                        ),
                    );
                }
            }
            // A transform given by an expression has a shape known only at run time.
            Some((t, None)) if !crate::literal::is_number(t) => {}
            _ => {
                if let (Some(m), Some(p)) = (mid, post) {
                    if m != p {
                        let from = if find(&c.params, "function").is_some() {
                            "the function gives".to_string()
                        } else {
                            format!("`{}` gives", c.pre.base)
                        };
                        self.error(
                            c.arrow,
                            format!(
                                "dimension mismatch: {from} {m} value{} but `{}` takes {p}; add a `function` returning {p} value{} or a {p}×{m} `transform`",
                                plural(m),
                                c.post.base,
                                plural(p)
                            ),
                        );
                    }
                }
            }
        }
    }

    /// The symbol of a named connection: its `size_in` is the input size
    /// of its learning rule where the tokens show it (PES: the
    /// connection's output size, or the post ensemble's dimensions for a
    /// connection into `.neurons`); `no_input` says why nothing connects
    /// into it (no rule, or a rule that takes no input).
    fn rule_symbol(&mut self, conn: &ConnectDef) -> Symbol {
        let mut symbol = Symbol::opaque(Kind::Connection);
        let Some(rule) = find(&conn.params, "learning_rule") else {
            symbol.no_input = Some("has no `learning_rule`, so nothing connects into it");
            return symbol;
        };
        symbol.rule = rule_type(rule);
        symbol.size_in = match symbol.rule.as_deref() {
            Some("PES") | Some("RLS") => {
                let neurons_dims = self.lookup(&conn.post.base).and_then(|s| {
                    let neurons = matches!(
                        resolve(&conn.post, s.kind, Use::Connect).map(|r| r.part),
                        Ok(Part::Neurons)
                    );
                    (s.kind == Kind::Ensemble && neurons).then_some(s.size_out)
                });
                match neurons_dims {
                    Some(dims) => dims,
                    None => self.endpoint_size(&conn.post, false),
                }
            }
            Some("Voja") => Some(1),
            Some("BCM" | "Oja" | "Hebbian" | "STDP") => {
                symbol.no_input = Some("has a learning rule that takes no error input");
                None
            }
            _ => None,
        };
        symbol
    }

    fn probe(&mut self, p: &ProbeDef) {
        self.params(&p.params, PROBE_PARAMS, "probe");
        self.float_params(&p.params, &["synapse"]);
        if let Some(sym) = self.lookup(&p.target.base) {
            match resolve(&p.target, sym.kind, Use::Probe) {
                Err(e) => self.errors.push(e),
                Ok(Resolved {
                    part: Part::RuleSignal(signal),
                    ..
                }) => self.rule_signal(&p.target.base, &sym, &signal),
                Ok(_) => {}
            }
        }
        if p.target.slice.is_some() {
            self.error(
                p.target.span,
                "probes record whole objects; slice the data afterwards",
            );
        }
        self.declare(&p.name, Symbol::opaque(Kind::Probe));
    }

    /// A probed signal of a connection's rule: one the rule has, where its
    /// type shows in the tokens.
    fn rule_signal(&mut self, conn: &Ident, sym: &Symbol, signal: &Ident) {
        let Some(rule) = sym.rule.as_deref() else {
            return;
        };
        let Some((_, has)) = RULE_PROBEABLE.iter().find(|(r, _)| *r == rule) else {
            return;
        };
        let name = signal.unraw_string();
        if !has.contains(&name.as_str()) {
            let hint = did_you_mean(&name, has.iter().copied());
            self.error(
                signal.span(),
                format!(
                    "`{conn}`'s {rule} rule has no signal `{name}` (it records {}){hint}",
                    has.join(", ")
                ),
            );
        }
    }

    /// Voja changes the post ensemble's encoders: its connection must end
    /// at an ensemble itself.
    fn encoder_rule_post(&mut self, c: &ConnectDef) {
        let Some(rule) = find(&c.params, "learning_rule") else {
            return;
        };
        if rule_type(rule).as_deref() != Some("Voja") {
            return;
        }
        let Some(sym) = self.lookup(&c.post.base) else {
            return;
        };
        let part = resolve(&c.post, sym.kind, Use::Connect).map(|r| r.part);
        let why = match (sym.kind, part) {
            (_, Ok(Part::Neurons)) => "not its `.neurons`, which no encoders feed",
            (Kind::Node, _) => "not a node, which has no encoders",
            _ => return,
        };
        self.error(
            rule.span(),
            format!(
                "Voja learns the post ensemble's encoders: connect to an ensemble itself, {why}"
            ),
        );
    }

    /// Integer literals given for `f64` parameters (`synapse: 0`,
    /// `transform: [[1, 0]]`): the builder's generic setters can't say
    /// which float to write, so say it here.
    fn float_params(&mut self, params: &[Param], keys: &[&str]) {
        for p in params.iter().filter(|p| keys.iter().any(|k| p.key == k)) {
            let Value::Expr(value) = &p.value else {
                continue;
            };
            if let Some(fix) = as_float_literal(value) {
                let key = &p.key;
                let why = if p.key == "synapse" {
                    " (the time constant of a lowpass filter, in seconds)"
                } else {
                    ""
                };
                self.error(
                    value.span(),
                    format!("`{key}` takes floats, not integers: write `{key}: {fix}`{why}"),
                );
            }
        }
    }

    /// `initial_state`: each state variable once, and, when the neuron
    /// type is evident from the tokens ([`known_type`]), one it has.
    fn initial_state(&mut self, d: &Decl) {
        let Some(states) = find_states(&d.params) else {
            return;
        };
        let known = known_type(find(&d.params, "neuron_type"));
        let mut seen: Vec<String> = Vec::new();
        for s in states {
            let name = s.name.unraw_string();
            if seen.contains(&name) {
                self.error(
                    s.name.span(),
                    format!("state variable `{name}` is given twice in `initial_state`"),
                );
                continue;
            }
            seen.push(name.clone());
            let Some(ty) = &known else {
                continue;
            };
            if ty.states.contains(&name.as_str()) {
                continue;
            }
            let message = if ty.states.is_empty() {
                format!(
                    "`{}` neurons have no state variables, so `initial_state` has nothing to set \
                     (`{name}` is not one)",
                    ty.name
                )
            } else {
                // `refractory` for `refractory_time` is too many edits
                // away for "did you mean", but a prefix is as telling.
                let mut hint = did_you_mean(&name, ty.states.iter().copied());
                if let (true, Some(full)) = (
                    hint.is_empty(),
                    ty.states.iter().find(|s| s.starts_with(&name)),
                ) {
                    hint = format!("; did you mean `{full}`?");
                }
                format!(
                    "`{}` neurons have no state variable `{name}`{hint} (their state variables: {})",
                    ty.name,
                    ty.states.join(", ")
                )
            };
            self.error(s.name.span(), message);
        }
    }

    /// A neuron type written as a bare type name (`neuron_type: LIF`): the
    /// types of `snn-core` other than unit structs need a value.
    fn neuron_type(&mut self, d: &Decl) {
        let Some(syn::Expr::Path(path)) = find(&d.params, "neuron_type") else {
            return;
        };
        let Some(last) = path.path.segments.last() else {
            return;
        };
        if !last.arguments.is_none() || path.qself.is_some() {
            return;
        }
        let written = quote::ToTokens::to_token_stream(&path.path)
            .to_string()
            .replace(' ', "");
        let name = last.ident.to_string();
        let fix = match NEURON_TYPES.iter().find(|(n, _)| *n == name) {
            Some((_, Construct::DefaultOrNew)) => {
                format!("write `{written}::default()` (or `{written}::new(…)` with its parameters)")
            }
            Some((_, Construct::Default)) => format!("write `{written}::default()`"),
            Some((_, Construct::Wraps)) => format!(
                "it turns a rate type's output into spikes: write \
                 `{written}::new(LIFRate::default())` (or another rate type)"
            ),
            None => return,
        };
        self.error(
            path.span(),
            format!("`{written}` is a type, not a neuron type value; {fix}"),
        );
    }
}

/// How a value of one of `snn-core`'s neuron types is made.
enum Construct {
    /// `T::default()` or `T::new(params)`.
    DefaultOrNew,
    /// `T::default()` only.
    Default,
    /// `T::new(base)`: a wrapper of a rate type.
    Wraps,
}

/// The neuron types of `snn-core` that are not unit structs (a unit struct
/// such as `Direct` is its own value and stays valid bare).
const NEURON_TYPES: &[(&str, Construct)] = &[
    ("LIF", Construct::DefaultOrNew),
    ("LIFRate", Construct::Default),
    ("AdaptiveLIF", Construct::DefaultOrNew),
    ("AdaptiveLIFRate", Construct::DefaultOrNew),
    ("IAF", Construct::DefaultOrNew),
    ("RectifiedLinear", Construct::DefaultOrNew),
    ("SpikingRectifiedLinear", Construct::DefaultOrNew),
    ("Izhikevich", Construct::DefaultOrNew),
    ("HodgkinHuxley", Construct::Default),
    ("Sigmoid", Construct::DefaultOrNew),
    ("Tanh", Construct::DefaultOrNew),
    ("RegularSpiking", Construct::Wraps),
    ("PoissonSpiking", Construct::Wraps),
];

/// The first negative literal bound of a slice (`a[-1]`, `a[-2..]`).
fn negative_bound(slice: &SliceSpec) -> Option<&syn::Expr> {
    match slice {
        SliceSpec::Index(e) => negated(e).map(|_| e),
        SliceSpec::Range(a, b) => [a, b].into_iter().flatten().find(|e| negated(e).is_some()),
    }
}

/// An endpoint's path as written (`a`, `a.neurons`, `s.x`), for messages.
fn written(end: &Endpoint) -> String {
    std::iter::once(&end.base)
        .chain(&end.fields)
        .map(Ident::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The value of parameter `key`, if given.
pub fn find<'a>(params: &'a [Param], key: &str) -> Option<&'a syn::Expr> {
    params
        .iter()
        .find(|p| p.key == key)
        .and_then(|p| match &p.value {
            Value::Expr(e) => Some(e),
            Value::States(_) => None,
        })
}

/// The state values of `initial_state`, if given.
pub fn find_states(params: &[Param]) -> Option<&[StateValue]> {
    params.iter().find_map(|p| match &p.value {
        Value::States(s) => Some(s.as_slice()),
        Value::Expr(_) => None,
    })
}

/// Checks a network definition; returns what the expansion needs or every
/// error found.
pub fn check(def: &NetworkDef) -> Result<Checked, syn::Error> {
    let mut c = Checker {
        symbols: HashMap::new(),
        errors: Vec::new(),
        open_range_ends: HashMap::new(),
        item: 0,
    };
    // Declarations first, so connections and probes may come in any order.
    for item in &def.items {
        match &item.kind {
            ItemKind::Node(d) => c.node(d),
            ItemKind::Ensemble(d) => {
                c.ensemble(d);
                c.neuron_type(d);
                c.initial_state(d);
            }
            ItemKind::Subnet(s) => c.declare(&s.name, Symbol::opaque(Kind::Subnet)),
            ItemKind::Connect(conn) => {
                if let Some(name) = &conn.name {
                    c.declare(name, Symbol::opaque(Kind::Connection));
                }
            }
            ItemKind::Probe(_) => {}
        }
    }
    // The sizes of the learning rules' inputs, before any connection into
    // one is checked (it may come first); errors of the ends are reported
    // once, by the connection's own check.
    for item in &def.items {
        if let ItemKind::Connect(conn) = &item.kind {
            if let Some(name) = &conn.name {
                let errors = c.errors.len();
                let symbol = c.rule_symbol(conn);
                c.errors.truncate(errors);
                c.symbols.insert(name.unraw_string(), symbol);
            }
        }
    }
    for (index, item) in def.items.iter().enumerate() {
        c.item = index;
        match &item.kind {
            ItemKind::Connect(conn) => c.connection(conn),
            ItemKind::Probe(p) => c.probe(p),
            _ => {}
        }
    }
    let mut errors = c.errors.into_iter();
    match errors.next() {
        None => Ok(Checked {
            symbols: c.symbols,
            open_range_ends: c.open_range_ends,
        }),
        Some(mut first) => {
            for e in errors {
                first.combine(e);
            }
            Err(first)
        }
    }
}

/// The name of a learning rule's type from its expression, where the
/// tokens show it: `PES::new(1e-3).pre_synapse(0.01)` and `PES::default()`
/// give `PES`.
fn rule_type(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::MethodCall(m) => rule_type(&m.receiver),
        syn::Expr::Call(c) => rule_type(&c.func),
        syn::Expr::Path(p) => {
            let segments = &p.path.segments;
            let n = segments.len();
            // `PES::new` names the type in its next-to-last segment, a bare
            // `PES` (a unit value) in its last.
            let at = if n >= 2 { n - 2 } else { n.checked_sub(1)? };
            Some(segments[at].ident.to_string())
        }
        syn::Expr::Paren(p) => rule_type(&p.expr),
        syn::Expr::Group(g) => rule_type(&g.expr),
        _ => None,
    }
}
