//! Parsing: tokens → [`NetworkDef`]. Syntax errors only; meaning is checked later.

use crate::ast::*;
use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{braced, bracketed, Expr, Ident, Token};

mod kw {
    syn::custom_keyword!(node);
    syn::custom_keyword!(ensemble);
    syn::custom_keyword!(probe);
    syn::custom_keyword!(subnet);
    syn::custom_keyword!(seed);
    syn::custom_keyword!(connection);
}

impl Parse for NetworkDef {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut seed = None;
        let mut items = Vec::new();
        while !input.is_empty() {
            if input.peek(kw::seed) && input.peek2(Token![=]) {
                let key: kw::seed = input.parse()?;
                input.parse::<Token![=]>()?;
                let value: Expr = input.parse()?;
                input.parse::<Token![;]>()?;
                if seed.replace(value).is_some() {
                    return Err(syn::Error::new(key.span, "the network seed is given twice"));
                }
                continue;
            }
            items.push(input.parse()?);
        }
        Ok(Self { seed, items })
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let (item, braced) = parse_item(input)?;
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
        } else if !braced && !input.is_empty() {
            return Err(input.error("expected `;` after the declaration"));
        }
        Ok(item)
    }
}

/// One declaration, and whether it ended with a `{ … }` block (after which
/// the `;` is optional).
fn parse_item(input: ParseStream) -> syn::Result<(Item, bool)> {
    let item = if input.peek(kw::node) && input.peek2(Ident) {
        input.parse::<kw::node>()?;
        let (decl, braced) = parse_decl(input, true)?;
        return Ok((Item::Node(decl), braced));
    } else if input.peek(kw::ensemble) && input.peek2(Ident) {
        input.parse::<kw::ensemble>()?;
        let (decl, braced) = parse_decl(input, false)?;
        return Ok((Item::Ensemble(decl), braced));
    } else if input.peek(kw::probe) && input.peek2(Ident) {
        input.parse::<kw::probe>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let target = input.parse()?;
        let (params, braced) = parse_optional_params(input)?;
        return Ok((
            Item::Probe(ProbeDef {
                name,
                target,
                params,
            }),
            braced,
        ));
    } else if input.peek(kw::subnet) && input.peek2(Ident) {
        input.parse::<kw::subnet>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let call: syn::ExprCall = input.parse()?;
        let Expr::Path(func) = *call.func else {
            return Err(syn::Error::new(
                    call.func.span(),
                    "a sub-network is built by calling a function by name: `subnet name = path::to::function(args);`",
                ));
        };
        Item::Subnet(SubnetDef {
            name,
            func: func.path,
            args: call.args.into_iter().collect(),
        })
    } else if input.peek(kw::connection) && input.peek2(Ident) && input.peek3(Token![=]) {
        input.parse::<kw::connection>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        return parse_connect(input, Some(name));
    } else if input.peek(Ident) {
        return parse_connect(input, None);
    } else {
        return Err(input.error(
                "expected a declaration: `node`, `ensemble`, `connection`, `probe`, `subnet`, `seed = …;` or a connection `a -> b;`",
            ));
    };
    Ok((item, false))
}

/// `pre -> post { params }`, the `{ … }` optional.
fn parse_connect(input: ParseStream, name: Option<Ident>) -> syn::Result<(Item, bool)> {
    let pre = input.parse()?;
    let arrow: Token![->] = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `->` (a connection `pre -> post`), or a declaration starting with \
             `node`, `ensemble`, `connection`, `probe`, `subnet` or `seed =`",
        )
    })?;
    let post = input.parse()?;
    let (params, braced) = parse_optional_params(input)?;
    let def = ConnectDef {
        name,
        pre,
        post,
        params,
        arrow: arrow.spans[0],
    };
    Ok((Item::Connect(Box::new(def)), braced))
}

/// `name = expr` or `name { params }` (nodes), `name { params }` (ensembles).
fn parse_decl(input: ParseStream, allow_value: bool) -> syn::Result<(Decl, bool)> {
    let name: Ident = input.parse()?;
    if allow_value && input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        let value = Some(input.parse()?);
        return Ok((
            Decl {
                name,
                value,
                params: Vec::new(),
            },
            false,
        ));
    }
    if !input.peek(syn::token::Brace) {
        let what = if allow_value {
            "expected `= output` or `{ size_in: …, output: … }` after the node's name"
        } else {
            "expected `{ neurons: …, dimensions: … }` after the ensemble's name"
        };
        return Err(input.error(what));
    }
    let (params, braced) = parse_optional_params(input)?;
    Ok((
        Decl {
            name,
            value: None,
            params,
        },
        braced,
    ))
}

/// `{ key: value, … }` if present; returns whether braces were there.
fn parse_optional_params(input: ParseStream) -> syn::Result<(Vec<Param>, bool)> {
    if !input.peek(syn::token::Brace) {
        return Ok((Vec::new(), false));
    }
    let content;
    braced!(content in input);
    let mut params = Vec::new();
    while !content.is_empty() {
        let key: Ident = content.parse()?;
        content.parse::<Token![:]>()?;
        let value: Expr = content.parse()?;
        params.push(Param { key, value });
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok((params, true))
}

impl Parse for Endpoint {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let base: Ident = input.parse()?;
        let mut span: Span = base.span();
        let mut fields = Vec::new();
        while input.peek(Token![.]) && input.peek2(Ident) {
            input.parse::<Token![.]>()?;
            let field: Ident = input.parse()?;
            span = span.join(field.span()).unwrap_or(span);
            fields.push(field);
        }
        let slice = if input.peek(syn::token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            span = span.join(bracket.span.join()).unwrap_or(span);
            Some(parse_slice(&content)?)
        } else {
            None
        };
        Ok(Self {
            base,
            fields,
            slice,
            span,
        })
    }
}

fn parse_slice(input: ParseStream) -> syn::Result<SliceSpec> {
    if input.is_empty() {
        return Err(input.error("expected an index or a range inside `[]`"));
    }
    let expr: Expr = input.parse()?;
    if !input.is_empty() {
        return Err(input.error("unexpected tokens after the slice"));
    }
    Ok(match expr {
        Expr::Range(r) => {
            if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                return Err(syn::Error::new(
                    r.span(),
                    "use a half-open range `a..b` to slice",
                ));
            }
            SliceSpec::Range(r.start.map(|e| *e), r.end.map(|e| *e))
        }
        other => SliceSpec::Index(other),
    })
}
