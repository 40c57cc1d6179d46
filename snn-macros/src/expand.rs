//! Expansion: a checked definition → calls of the public `snn-nef` builder
//! API, returning a struct with a typed handle per declared name.

use crate::ast::*;
use crate::check::{find, Kind, Symbols};
use crate::literal::closure_arity;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// `Network::method(value)` calls for the optional parameters of one object.
fn setters(params: &[Param], skip: &[&str]) -> TokenStream {
    params
        .iter()
        .filter(|p| !skip.contains(&p.key.to_string().as_str()))
        .map(|p| {
            let (key, value) = (&p.key, &p.value);
            quote_spanned!(value.span()=> .#key(#value))
        })
        .collect()
}

fn node(d: &Decl) -> TokenStream {
    let name = &d.name;
    let label = name.to_string();
    let output = d.value.as_ref().or_else(|| find(&d.params, "output"));
    let size_in = find(&d.params, "size_in");
    let node = match (output, size_in) {
        (Some(o), _) if closure_arity(o) == Some(1) => quote!(::snn::nef::Node::time(#o)),
        (Some(o), Some(n)) if closure_arity(o) == Some(2) => {
            quote!(::snn::nef::Node::time_input(#n, #o))
        }
        (Some(o), _) => quote!(::snn::nef::Node::constant(#o)),
        (None, Some(n)) => quote!(::snn::nef::Node::passthrough(#n)),
        (None, None) => quote!(::snn::nef::Node::passthrough(0)),
    };
    quote!(let #name = __net.node(#label, #node)?;)
}

fn ensemble(d: &Decl) -> TokenStream {
    let name = &d.name;
    let label = name.to_string();
    let neurons = find(&d.params, "neurons").map_or(quote!(0), |n| quote!(#n));
    let dims = find(&d.params, "dimensions").map_or(quote!(1), |n| quote!(#n));
    let mut rest = setters(&d.params, &["neurons", "dimensions", "gain", "bias"]);
    if let (Some(g), Some(b)) = (find(&d.params, "gain"), find(&d.params, "bias")) {
        rest.extend(quote!(.gain_bias(#g, #b)));
    }
    quote!(let #name = __net.ensemble(#label, ::snn::nef::Ensemble::new(#neurons, #dims) #rest)?;)
}

/// An endpoint as a builder value: the object, `.neurons()`, a sub-network
/// part, and a slice.
fn endpoint(end: &Endpoint) -> TokenStream {
    let base = &end.base;
    let mut tokens = quote!(#base);
    for field in &end.fields {
        tokens = if field == "neurons" {
            quote!(#tokens.neurons())
        } else {
            quote!(#tokens.#field)
        };
    }
    match &end.slice {
        None => tokens,
        Some(SliceSpec::Index(i)) => quote!(::snn::nef::Slice::at(#tokens, #i)),
        Some(SliceSpec::Range(a, b)) => {
            let start = a.as_ref().map_or(quote!(0usize), |a| quote!(#a));
            // The check filled in every open end it could and rejected the rest.
            let stop = b.as_ref().map_or(quote!(0usize), |b| quote!(#b));
            quote!(::snn::nef::Slice::slice(#tokens, (#start)..(#stop)))
        }
    }
}

fn connection(c: &ConnectDef) -> TokenStream {
    let pre = endpoint(&c.pre);
    let post = endpoint(&c.post);
    let rest = setters(&c.params, &[]);
    let connect =
        quote_spanned!(c.arrow=> __net.connect(::snn::nef::Connection::new(#pre, #post) #rest)?);
    match &c.name {
        Some(name) => quote!(let #name = #connect;),
        None => quote!(#connect;),
    }
}

fn probe(p: &ProbeDef, symbols: &Symbols) -> TokenStream {
    let name = &p.name;
    let base = &p.target.base;
    let rest = setters(&p.params, &[]);
    let kind = symbols.get(&base.to_string()).map(|s| s.kind);
    let target = match (kind, p.target.fields.as_slice()) {
        (_, []) => quote!(::snn::nef::Probe::new(#base)),
        (Some(Kind::Ensemble), [f]) if f == "neurons" => {
            quote!(::snn::nef::Probe::new(#base.neurons()))
        }
        (Some(Kind::Ensemble), [attr]) => {
            let attr = attr.to_string();
            quote!(::snn::nef::Probe::attr(#base, #attr))
        }
        (_, fields) => {
            // A sub-network part, optionally followed by `.neurons` or an attribute.
            let part = &fields[0];
            match fields.get(1) {
                None => quote!(::snn::nef::Probe::new(#base.#part)),
                Some(f) if f == "neurons" => quote!(::snn::nef::Probe::new(#base.#part.neurons())),
                Some(attr) => {
                    let attr = attr.to_string();
                    quote!(::snn::nef::Probe::attr(#base.#part, #attr))
                }
            }
        }
    };
    quote!(let #name = __net.probe(#target #rest)?;)
}

fn subnet(s: &SubnetDef) -> TokenStream {
    let name = &s.name;
    let label = name.to_string();
    let func = &s.func;
    let args = &s.args;
    quote!(let #name = __net.subnetwork(#label, |__sub| #func(__sub #(, #args)*))?;)
}

/// The whole expansion: an immediately called closure that builds the
/// network and returns `Result<struct, BuildError>`.
pub fn expand(def: &NetworkDef, symbols: &Symbols) -> TokenStream {
    let new = match &def.seed {
        Some(seed) => quote!(::snn::nef::Network::with_seed(#seed)),
        None => quote!(::snn::nef::Network::new()),
    };
    let mut body = TokenStream::new();
    let mut fields = Vec::new();
    let mut generics = Vec::new();
    for item in &def.items {
        body.extend(match item {
            Item::Node(d) => {
                fields.push((d.name.clone(), quote!(::snn::nef::NodeId)));
                node(d)
            }
            Item::Ensemble(d) => {
                fields.push((d.name.clone(), quote!(::snn::nef::EnsembleId)));
                ensemble(d)
            }
            Item::Connect(c) => {
                if let Some(name) = &c.name {
                    fields.push((name.clone(), quote!(::snn::nef::ConnectionId)));
                }
                connection(c)
            }
            Item::Probe(p) => {
                fields.push((p.name.clone(), quote!(::snn::nef::ProbeId)));
                probe(p, symbols)
            }
            Item::Subnet(s) => {
                let g = format_ident!("__S{}", generics.len());
                fields.push((s.name.clone(), quote!(#g)));
                generics.push(g);
                subnet(s)
            }
        });
    }
    let infer = generics.iter().map(|_| quote!(_));
    let names: Vec<_> = fields.iter().map(|(n, _)| n).collect();
    let types: Vec<_> = fields.iter().map(|(_, t)| t).collect();
    quote! {{
        /// The declared network and a typed handle per declared name.
        #[allow(non_camel_case_types, dead_code)]
        struct __SnnNetwork<#(#generics),*> {
            /// The network, ready for `Simulator::new(&net.network)`.
            network: ::snn::nef::Network,
            #(#names: #types,)*
        }
        (|| -> ::core::result::Result<__SnnNetwork<#(#infer),*>, ::snn::nef::BuildError> {
            let mut __network = #new;
            let __net = &mut __network;
            #body
            ::core::result::Result::Ok(__SnnNetwork { network: __network, #(#names,)* })
        })()
    }}
}
