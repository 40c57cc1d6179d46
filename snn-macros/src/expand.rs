//! Expansion: a checked definition → calls of the public `snn-nef` builder
//! API, returning a struct with a typed handle per declared name.
//!
//! Hygiene: the expansion's own locals (the network, the `&mut` to it, a
//! sub-network's builder) are identifiers with [`Span::mixed_site`], so
//! they live in the macro's own syntax context: no name the user declares
//! (`__net`, `network_`, …) and no variable in the user's expressions can
//! shadow or capture them, and they shadow nothing of the user's.

use crate::ast::*;
use crate::check::{find, Checked, Symbols};
use crate::literal::closure_arity;
use crate::path::{resolve, Part, Unraw, Use};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Ident;

/// The identifiers only the expansion can name.
struct Locals {
    /// The `Network` being built.
    network: Ident,
    /// `&mut` to it, which every builder call goes through.
    net: Ident,
    /// A sub-network function's `&mut Network`.
    sub: Ident,
    /// The block whose value is the result (see [`expand`]).
    block: syn::Lifetime,
    /// A builder call's value and error.
    ok: Ident,
    err: Ident,
}

impl Locals {
    fn new() -> Self {
        let local = |name| Ident::new(name, Span::mixed_site());
        Self {
            network: local("network"),
            net: local("net"),
            sub: local("sub"),
            block: syn::Lifetime::new("'snn", Span::mixed_site()),
            ok: local("ok"),
            err: local("err"),
        }
    }

    /// A fallible builder call: its value, or the whole block's `Err`.
    fn attempt(&self, call: TokenStream) -> TokenStream {
        let (block, ok, err) = (&self.block, &self.ok, &self.err);
        quote! {
            match #call {
                ::core::result::Result::Ok(#ok) => #ok,
                ::core::result::Result::Err(#err) => break #block ::core::result::Result::Err(#err),
            }
        }
    }
}

/// `Network::method(value)` calls for the optional parameters of one object.
fn setters(params: &[Param], skip: &[&str]) -> TokenStream {
    params
        .iter()
        .filter(|p| !skip.contains(&p.key.to_string().as_str()))
        .map(|p| match &p.value {
            Value::Expr(value) => {
                let key = &p.key;
                quote_spanned!(value.span()=> .#key(#value))
            }
            Value::States(states) => initial_state(states),
        })
        .collect()
}

/// `initial_state: { voltage: v, … }` → `.initial_state("voltage", v)…`,
/// one call per variable in source order (none for an empty map).
fn initial_state(states: &[StateValue]) -> TokenStream {
    states
        .iter()
        .map(|s| {
            let (label, value) = (s.name.unraw_string(), &s.value);
            quote_spanned!(value.span()=> .initial_state(#label, #value))
        })
        .collect()
}

/// The lint attributes of a declaration, for the statement it becomes.
fn lints(attrs: &Attrs) -> TokenStream {
    let lints = &attrs.lints;
    quote!(#(#lints)*)
}

fn node(d: &Decl, l: &Locals) -> TokenStream {
    let (name, net) = (&d.name, &l.net);
    let label = name.unraw_string();
    let output = d.value.as_ref().or_else(|| find(&d.params, "output"));
    let size_in = find(&d.params, "size_in");
    let node = match (output, size_in) {
        (Some(o), _) if closure_arity(o) == Some(1) => quote!(::snn::nef::Node::time(#o)),
        (Some(o), Some(n)) if closure_arity(o) == Some(2) => {
            quote!(::snn::nef::Node::time_input(#n, #o))
        }
        (Some(o), _) => quote!(::snn::nef::Node::from_output(#o)),
        (None, Some(n)) => quote!(::snn::nef::Node::passthrough(#n)),
        (None, None) => quote!(::snn::nef::Node::passthrough(0)),
    };
    let node = match find(&d.params, "size_out") {
        Some(n) => quote!(#node.with_size_out(#n)),
        None => node,
    };
    let call = l.attempt(quote!(#net.node(#label, #node)));
    quote!(let #name = #call;)
}

fn ensemble(d: &Decl, l: &Locals) -> TokenStream {
    let (name, net) = (&d.name, &l.net);
    let label = name.unraw_string();
    let neurons = find(&d.params, "neurons").map_or(quote!(0), |n| quote!(#n));
    let dims = find(&d.params, "dimensions").map_or(quote!(1), |n| quote!(#n));
    let mut rest = setters(&d.params, &["neurons", "dimensions", "gain", "bias"]);
    if let (Some(g), Some(b)) = (find(&d.params, "gain"), find(&d.params, "bias")) {
        rest.extend(quote!(.gain_bias(#g, #b)));
    }
    let call =
        l.attempt(quote!(#net.ensemble(#label, ::snn::nef::Ensemble::new(#neurons, #dims) #rest)));
    quote!(let #name = #call;)
}

/// A path as a builder value, resolved as the check resolved it: the base,
/// its sub-network fields, then `.neurons()`, or `Probe::attr(…, "attr")`
/// for a probed attribute (whose `Probe` the caller then does not wrap).
fn path(end: &Endpoint, symbols: &Symbols, usage: Use) -> (TokenStream, Option<Ident>) {
    let base = &end.base;
    let kind = symbols.get(&base.unraw_string()).map(|s| s.kind);
    let resolved = kind.and_then(|k| resolve(end, k, usage).ok());
    let (fields, part) = match &resolved {
        Some(r) => (r.fields, r.part.clone()),
        // The check accepted the path, so it resolves; if it ever did not,
        // plain field accesses let the compiler report it.
        None => (end.fields.as_slice(), Part::Object),
    };
    let value = quote!(#base #(.#fields)*);
    match part {
        Part::Object => (value, None),
        Part::Neurons => (quote!(#value.neurons()), None),
        Part::Attr(attr) => (value, Some(attr)),
        Part::LearningRule => (quote!(#value.learning_rule()), None),
        Part::Weights => (quote!(::snn::nef::ProbeOf::Weights(#value)), None),
        Part::RuleSignal(signal) => {
            let signal = signal.unraw_string();
            (
                quote!(::snn::nef::ProbeOf::LearningRule(
                    #value.learning_rule(),
                    ::std::string::String::from(#signal)
                )),
                None,
            )
        }
    }
}

/// A connection end: its path, then its slice (`open_end`: the end the
/// check found for an open range `a..`).
fn endpoint(end: &Endpoint, symbols: &Symbols, open_end: Option<usize>) -> TokenStream {
    let (tokens, _) = path(end, symbols, Use::Connect);
    match &end.slice {
        None => tokens,
        Some(SliceSpec::Index(i)) => quote!(::snn::nef::Slice::at(#tokens, #i)),
        Some(SliceSpec::Range(a, b)) => {
            let start = a.as_ref().map_or(quote!(0usize), |a| quote!(#a));
            // The check found every open end's size or rejected the range.
            let stop = match (b, open_end) {
                (Some(b), _) => quote!(#b),
                (None, Some(n)) => quote!(#n),
                (None, None) => quote!(0usize),
            };
            quote!(::snn::nef::Slice::slice(#tokens, (#start)..(#stop)))
        }
    }
}

/// Connection `c`, item `index` of the definition.
fn connection(c: &ConnectDef, index: usize, checked: &Checked, l: &Locals) -> TokenStream {
    let net = &l.net;
    let open_end = |pre: bool| checked.open_range_ends.get(&(index, pre)).copied();
    let pre = endpoint(&c.pre, &checked.symbols, open_end(true));
    let post = endpoint(&c.post, &checked.symbols, open_end(false));
    let rest = setters(&c.params, &[]);
    let connect = l.attempt(
        quote_spanned!(c.arrow=> #net.connect(::snn::nef::Connection::new(#pre, #post) #rest)),
    );
    match &c.name {
        Some(name) => quote!(let #name = #connect;),
        None => quote!(#connect;),
    }
}

fn probe(p: &ProbeDef, symbols: &Symbols, l: &Locals) -> TokenStream {
    let (name, net) = (&p.name, &l.net);
    let rest = setters(&p.params, &[]);
    let target = match path(&p.target, symbols, Use::Probe) {
        (value, None) => quote!(::snn::nef::Probe::new(#value)),
        (value, Some(attr)) => {
            let attr = attr.unraw_string();
            quote!(::snn::nef::Probe::attr(#value, #attr))
        }
    };
    let call = l.attempt(quote!(#net.probe(#target #rest)));
    quote!(let #name = #call;)
}

fn subnet(s: &SubnetDef, l: &Locals) -> TokenStream {
    let (name, net, sub) = (&s.name, &l.net, &l.sub);
    let label = name.unraw_string();
    let call = match &s.source {
        SubnetSource::Function { func, args } => {
            l.attempt(quote!(#net.subnetwork(#label, |#sub| #func(#sub #(, #args)*))))
        }
        SubnetSource::Value(value) => {
            // Spanned on the value, so a type that is not a `Subnet` is
            // reported there.
            let build = quote_spanned!(value.span()=> ::snn::nef::Subnet::build(#value, #sub));
            l.attempt(quote!(#net.subnetwork(#label, |#sub| #build)))
        }
    };
    quote!(let #name = #call;)
}

/// The whole expansion: a labelled block that builds the network and
/// evaluates to `Result<struct, BuildError>`, leaving early with the first
/// error. A block, not an immediately called closure: the user's closures
/// are then written directly in the user's function, so one that borrows a
/// local gets rustc's "closure may outlive the current function … use the
/// `move` keyword" (E0373, with the fix) instead of a lifetime error about
/// the wrapping closure (E0597).
pub fn expand(def: &NetworkDef, checked: &Checked) -> TokenStream {
    let symbols = &checked.symbols;
    let l = Locals::new();
    let (network, net, block, result) = (&l.network, &l.net, &l.block, &l.ok);
    let new = match &def.seed {
        Some((attrs, seed)) => {
            let lints = lints(attrs);
            quote!(#lints let mut #network = ::snn::nef::Network::with_seed(#seed);)
        }
        None => quote!(let mut #network = ::snn::nef::Network::new();),
    };
    let mut body = TokenStream::new();
    let mut fields = Vec::new();
    let mut generics = Vec::new();
    for (index, item) in def.items.iter().enumerate() {
        let docs = &item.attrs.docs;
        let mut field = |name: &Ident, ty: TokenStream| {
            fields.push(quote!(#(#docs)* #name: #ty,));
        };
        let statement = match &item.kind {
            ItemKind::Node(d) => {
                field(&d.name, quote!(::snn::nef::NodeId));
                node(d, &l)
            }
            ItemKind::Ensemble(d) => {
                field(&d.name, quote!(::snn::nef::EnsembleId));
                ensemble(d, &l)
            }
            ItemKind::Connect(c) => {
                if let Some(name) = &c.name {
                    field(name, quote!(::snn::nef::ConnectionId));
                }
                connection(c, index, checked, &l)
            }
            ItemKind::Probe(p) => {
                field(&p.name, quote!(::snn::nef::ProbeId));
                probe(p, symbols, &l)
            }
            ItemKind::Subnet(s) => {
                let g = format_ident!("__S{}", generics.len());
                field(&s.name, quote!(#g));
                generics.push(g);
                subnet(s, &l)
            }
        };
        body.extend(lints(&item.attrs));
        body.extend(statement);
    }
    let infer = generics.iter().map(|_| quote!(_));
    let names = def.items.iter().filter_map(|item| match &item.kind {
        ItemKind::Node(d) | ItemKind::Ensemble(d) => Some(&d.name),
        ItemKind::Connect(c) => c.name.as_ref(),
        ItemKind::Probe(p) => Some(&p.name),
        ItemKind::Subnet(s) => Some(&s.name),
    });
    quote! {{
        /// The declared network and a typed handle per declared name.
        #[allow(non_camel_case_types, dead_code)]
        struct __SnnNetwork<#(#generics),*> {
            /// The network (`Simulator::new(&net)` simulates it directly).
            network: ::snn::nef::Network,
            #(#fields)*
        }
        /// Simulated as its network: `Simulator::new(&net)`.
        impl<#(#generics),*> ::snn::core::Model for __SnnNetwork<#(#generics),*> {
            type Error = ::snn::nef::BuildError;
            fn compile(
                &self,
                dt: f64,
            ) -> ::core::result::Result<::snn::core::CompiledNetwork, ::snn::nef::BuildError> {
                ::snn::core::Model::compile(&self.network, dt)
            }
            fn compile_kept(
                &self,
                dt: f64,
            ) -> ::core::result::Result<
                (
                    ::std::sync::Arc<::snn::core::CompiledNetwork>,
                    ::core::option::Option<::snn::core::network::Origin>,
                ),
                ::snn::nef::BuildError,
            > {
                ::snn::core::Model::compile_kept(&self.network, dt)
            }
        }
        #[allow(dead_code)]
        impl<#(#generics),*> __SnnNetwork<#(#generics),*> {
            /// Builds the network as `options` say (`Network::build`).
            fn build(
                &self,
                options: ::snn::nef::BuildOptions,
            ) -> ::core::result::Result<::snn::nef::BuiltModel, ::snn::nef::BuildError> {
                self.network.build(options)
            }
        }
        #[allow(unused_labels)]
        let #result: ::core::result::Result<__SnnNetwork<#(#infer),*>, ::snn::nef::BuildError> = #block: {
            #new
            let #net = &mut #network;
            #body
            ::core::result::Result::Ok(__SnnNetwork { network: #network, #(#names,)* })
        };
        #result
    }}
}
