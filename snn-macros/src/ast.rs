//! The DSL's own syntax tree: what `network! { … }` declares, before any check.

use proc_macro2::Span;
use syn::{Attribute, Expr, Ident};

/// A whole `network! { … }` body.
pub struct NetworkDef {
    /// `seed = expr;`, if given, with the attributes written before it.
    pub seed: Option<(Attrs, Expr)>,
    /// Declarations in source order.
    pub items: Vec<Item>,
}

/// The outer attributes written before a declaration, sorted by what the
/// expansion does with them.
#[derive(Default)]
pub struct Attrs {
    /// Doc comments (`/// …`, `#[doc = …]`): put on the handle's field of
    /// the returned struct, where `cargo doc` and IDEs show them; dropped
    /// for what has no handle (unnamed connections, the seed).
    pub docs: Vec<Attribute>,
    /// Lint attributes (`#[allow]`, `#[warn]`, `#[deny]`, `#[expect]`):
    /// put on the statement the declaration expands to, so they govern the
    /// user's expressions in it as they would in hand-written builder code.
    pub lints: Vec<Attribute>,
}

/// One declaration and the attributes written before it.
pub struct Item {
    pub attrs: Attrs,
    pub kind: ItemKind,
}

/// What a declaration declares. (Variants differ in size; the tree is
/// built once per macro call and never copied, so boxing would buy nothing.)
#[allow(clippy::large_enum_variant)]
pub enum ItemKind {
    Node(Decl),
    Ensemble(Decl),
    Connect(Box<ConnectDef>),
    Probe(ProbeDef),
    Subnet(SubnetDef),
}

/// `key: value` inside braces.
pub struct Param {
    pub key: Ident,
    pub value: Value,
}

/// What a parameter is given.
pub enum Value {
    /// An ordinary Rust expression (every parameter but `initial_state`).
    Expr(Expr),
    /// `initial_state: { voltage: …, refractory_time: … }`: a value per
    /// state variable, in source order.
    States(Vec<StateValue>),
}

/// `name: value` inside `initial_state: { … }`.
pub struct StateValue {
    /// The state variable (`voltage`, `r#type`); labelled without `r#`.
    pub name: Ident,
    pub value: Expr,
}

/// `node name = expr;`, `node name { … }` or `ensemble name { … }`.
pub struct Decl {
    pub name: Ident,
    /// The `= expr` shorthand of a node (its output).
    pub value: Option<Expr>,
    pub params: Vec<Param>,
}

/// Which elements of an object an endpoint takes.
pub enum SliceSpec {
    /// `[i]`.
    Index(Expr),
    /// `[start..end]` (either bound optional).
    Range(Option<Expr>, Option<Expr>),
}

/// A dotted path — `name`, `name.neurons`, `name.attr`, `sub.part`,
/// `sub.inner.part.neurons`, `sub.part.voltage`, … — optionally followed by
/// `[slice]`. What the fields mean is decided by [`crate::path::resolve`].
pub struct Endpoint {
    pub base: Ident,
    /// Field accesses after the base, in order.
    pub fields: Vec<Ident>,
    pub slice: Option<SliceSpec>,
    /// Span of the whole endpoint, for errors.
    pub span: Span,
}

/// `pre -> post { … };`, or `connection name = pre -> post { … };`.
pub struct ConnectDef {
    /// The handle's name, when the connection is named.
    pub name: Option<Ident>,
    pub pre: Endpoint,
    pub post: Endpoint,
    pub params: Vec<Param>,
    pub arrow: Span,
}

/// `probe name = target { … };`
pub struct ProbeDef {
    pub name: Ident,
    pub target: Endpoint,
    pub params: Vec<Param>,
}

/// `subnet name = function(args);` or `subnet name = Type::new(args)…;`.
pub struct SubnetDef {
    pub name: Ident,
    pub source: SubnetSource,
}

/// How a sub-network is made.
pub enum SubnetSource {
    /// `function(args)`: calls `function(&mut network, args…)` inside a
    /// sub-network called `name`.
    Function { func: syn::Path, args: Vec<Expr> },
    /// Any other expression (`EnsembleArray::new(50, 4)`,
    /// `Product::new(100, 2).input_magnitude(2.0)`): a value of a type
    /// implementing `Subnet`, built inside the sub-network.
    Value(Expr),
}
