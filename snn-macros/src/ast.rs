//! The DSL's own syntax tree: what `network! { … }` declares, before any check.

use proc_macro2::Span;
use syn::{Expr, Ident};

/// A whole `network! { … }` body.
pub struct NetworkDef {
    /// `seed = expr;`, if given.
    pub seed: Option<Expr>,
    /// Declarations in source order.
    pub items: Vec<Item>,
}

/// One declaration. (Variants differ in size; the tree is built once per
/// macro call and never copied, so boxing would buy nothing.)
#[allow(clippy::large_enum_variant)]
pub enum Item {
    Node(Decl),
    Ensemble(Decl),
    Connect(Box<ConnectDef>),
    Probe(ProbeDef),
    Subnet(SubnetDef),
}

/// `key: value` inside braces.
pub struct Param {
    pub key: Ident,
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

/// `name`, `name.neurons`, `sub.part`, `sub.part.neurons`, `name.attr`, each
/// optionally followed by `[slice]`.
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

/// `subnet name = function(args);`: calls `function(&mut network, args…)`
/// inside a sub-network called `name`.
pub struct SubnetDef {
    pub name: Ident,
    pub func: syn::Path,
    pub args: Vec<Expr>,
}
