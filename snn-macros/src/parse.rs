//! Parsing: tokens → [`NetworkDef`]. Syntax errors only; meaning is checked later.

use crate::ast::*;
use proc_macro2::Span;
use syn::ext::IdentExt;
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
            let attrs = parse_attrs(input)?;
            if input.peek(kw::seed) && input.peek2(Token![=]) {
                let key: kw::seed = input.parse()?;
                input.parse::<Token![=]>()?;
                let value: Expr = input.parse()?;
                input.parse::<Token![;]>()?;
                if seed.replace((attrs, value)).is_some() {
                    return Err(syn::Error::new(key.span, "the network seed is given twice"));
                }
                continue;
            }
            let (kind, braced) = parse_item(input)?;
            if input.peek(Token![;]) {
                input.parse::<Token![;]>()?;
            } else if !braced && !input.is_empty() {
                return Err(input.error("expected `;` after the declaration"));
            }
            items.push(Item { attrs, kind });
        }
        Ok(Self { seed, items })
    }
}

/// The lint attributes a declaration may carry (see [`Attrs`]).
const LINTS: &[&str] = &["allow", "warn", "deny", "forbid", "expect"];

/// Outer attributes before a declaration: doc comments and lint
/// attributes are kept; anything else (`#[cfg]`, `#[inline]`, …) is an
/// error, since it would either remove a declaration whose handle the
/// returned struct still names or mean nothing on a `let`.
fn parse_attrs(input: ParseStream) -> syn::Result<Attrs> {
    let mut attrs = Attrs::default();
    for attr in syn::Attribute::parse_outer(input)? {
        let path = attr.path();
        if path.is_ident("doc") {
            attrs.docs.push(attr);
        } else if LINTS.iter().any(|l| path.is_ident(l)) {
            attrs.lints.push(attr);
        } else {
            let name = quote::ToTokens::to_token_stream(path)
                .to_string()
                .replace(' ', "");
            return Err(syn::Error::new(
                attr.span(),
                format!(
                    "`#[{name}]` is not supported before a `network!` declaration; only doc \
                     comments (`/// …`) and lint attributes (`#[allow(…)]`, `#[warn(…)]`, \
                     `#[deny(…)]`, `#[forbid(…)]`, `#[expect(…)]`) are"
                ),
            ));
        }
    }
    Ok(attrs)
}

/// A declared name. A Rust keyword (`type`, `move`, …) cannot be one —
/// the expansion binds every name with `let` — so it gets an error that
/// says what to write instead of syn's "expected identifier".
fn parse_name(input: ParseStream) -> syn::Result<Ident> {
    if input.peek(Ident) || !input.peek(Ident::peek_any) {
        return input.parse();
    }
    let keyword = Ident::parse_any(input)?;
    let hint = match keyword.to_string().as_str() {
        "_" => {
            return Err(syn::Error::new(
                keyword.span(),
                "`_` can't be a name; choose a name",
            ))
        }
        // These four cannot be raw identifiers either.
        "self" | "Self" | "super" | "crate" => "choose another name".to_string(),
        k => format!("write `r#{k}` (labelled \"{k}\") or choose another name"),
    };
    Err(syn::Error::new(
        keyword.span(),
        format!("`{keyword}` is a Rust keyword and can't be a name; {hint}"),
    ))
}

/// One declaration, and whether it ended with a `{ … }` block (after which
/// the `;` is optional).
fn parse_item(input: ParseStream) -> syn::Result<(ItemKind, bool)> {
    let item = if input.peek(kw::node) && input.peek2(Ident::peek_any) {
        input.parse::<kw::node>()?;
        let (decl, braced) = parse_decl(input, true)?;
        return Ok((ItemKind::Node(decl), braced));
    } else if input.peek(kw::ensemble) && input.peek2(Ident::peek_any) {
        input.parse::<kw::ensemble>()?;
        let (decl, braced) = parse_decl(input, false)?;
        return Ok((ItemKind::Ensemble(decl), braced));
    } else if input.peek(kw::probe) && input.peek2(Ident::peek_any) {
        input.parse::<kw::probe>()?;
        let name = parse_name(input)?;
        input.parse::<Token![=]>()?;
        let target = input.parse()?;
        let (params, braced) = parse_optional_params(input)?;
        return Ok((
            ItemKind::Probe(ProbeDef {
                name,
                target,
                params,
            }),
            braced,
        ));
    } else if input.peek(kw::subnet) && input.peek2(Ident::peek_any) {
        input.parse::<kw::subnet>()?;
        let name = parse_name(input)?;
        input.parse::<Token![=]>()?;
        let value: Expr = input.parse()?;
        ItemKind::Subnet(SubnetDef {
            name,
            source: subnet_source(value),
        })
    } else if input.peek(kw::connection) && input.peek2(Ident::peek_any) && input.peek3(Token![=]) {
        input.parse::<kw::connection>()?;
        let name = parse_name(input)?;
        input.parse::<Token![=]>()?;
        return parse_connect(input, Some(name));
    } else if input.peek(Ident::peek_any) {
        return parse_connect(input, None);
    } else {
        return Err(input.error(
                "expected a declaration: `node`, `ensemble`, `connection`, `probe`, `subnet`, `seed = …;` or a connection `a -> b;`",
            ));
    };
    Ok((item, false))
}

/// `pre -> post { params }`, the `{ … }` optional.
fn parse_connect(input: ParseStream, name: Option<Ident>) -> syn::Result<(ItemKind, bool)> {
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
    Ok((ItemKind::Connect(Box::new(def)), braced))
}

/// `name = expr` or `name { params }` (nodes), `name { params }` (ensembles).
fn parse_decl(input: ParseStream, allow_value: bool) -> syn::Result<(Decl, bool)> {
    let name = parse_name(input)?;
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
        skip_docs(&content, "a parameter")?;
        // Any word, keywords included, so that `type: …` is reported as an
        // unknown parameter (with the list of known ones) by the check.
        let key = Ident::parse_any(&content)?;
        content.parse::<Token![:]>()?;
        let value = if key == "initial_state" {
            Value::States(parse_states(&content, &key)?)
        } else {
            Value::Expr(content.parse()?)
        };
        params.push(Param { key, value });
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok((params, true))
}

/// Doc comments before a parameter or a state variable document the source
/// only: dropped. Other attributes there are errors.
fn skip_docs(input: ParseStream, before: &str) -> syn::Result<()> {
    for attr in syn::Attribute::parse_outer(input)? {
        if !attr.path().is_ident("doc") {
            return Err(syn::Error::new(
                attr.span(),
                format!("only doc comments (`/// …`) can be written before {before}"),
            ));
        }
    }
    Ok(())
}

/// The form of `initial_state`, shown by every message about its syntax.
const STATES_FORM: &str =
    "`initial_state: { voltage: Uniform::new(0.0, 1.0), refractory_time: vec![…] }`";

/// The map after `initial_state:` — `{ name: value, … }`, possibly empty,
/// a trailing comma allowed. Names are any word (`r#type` and `type` both
/// mean "type"); duplicates and unknown names are the check's.
fn parse_states(input: ParseStream, key: &Ident) -> syn::Result<Vec<StateValue>> {
    if !input.peek(syn::token::Brace) {
        return Err(syn::Error::new(
            input.span(),
            format!("`{key}` takes a value for each state variable, in braces: {STATES_FORM}"),
        ));
    }
    let content;
    braced!(content in input);
    let mut states = Vec::new();
    while !content.is_empty() {
        skip_docs(&content, "a state variable")?;
        if content.peek(syn::LitStr) {
            let lit: syn::LitStr = content.parse()?;
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "write the state variable's name without quotes: `{}: …` (the form is {STATES_FORM})",
                    lit.value()
                ),
            ));
        }
        if !content.peek(Ident::peek_any) {
            return Err(content.error(format!(
                "expected the name of a state variable, as in {STATES_FORM}"
            )));
        }
        let name = Ident::parse_any(&content)?;
        if !content.peek(Token![:]) || content.peek(Token![::]) {
            return Err(content.error(format!(
                "expected `:` and a value after `{name}`, as in {STATES_FORM}"
            )));
        }
        content.parse::<Token![:]>()?;
        if content.is_empty() || content.peek(Token![,]) {
            return Err(content.error(format!(
                "`{name}` needs a value (a distribution or one value per neuron), as in {STATES_FORM}"
            )));
        }
        let value: Expr = content.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                format!("{e}: the value of `{name}` is a Rust expression, as in {STATES_FORM}"),
            )
        })?;
        states.push(StateValue { name, value });
        if content.is_empty() {
            break;
        }
        if !content.peek(Token![,]) {
            return Err(content.error(format!(
                "expected `,` between state variables, as in {STATES_FORM}"
            )));
        }
        content.parse::<Token![,]>()?;
    }
    Ok(states)
}

impl Parse for Endpoint {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let base = parse_name(input)?;
        let mut span: Span = base.span();
        let mut fields = Vec::new();
        while input.peek(Token![.]) && input.peek2(Ident::peek_any) {
            input.parse::<Token![.]>()?;
            let field = parse_name(input)?;
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

/// A call of a plain function path (`integrator(0.1)`, `parts::outer()`)
/// is the function form, which gets the network as its first argument;
/// anything else (a path through a type, `EnsembleArray::new(50, 4)`, a
/// method chain, a variable) is a value implementing `Subnet`.
fn subnet_source(value: Expr) -> SubnetSource {
    if let Expr::Call(call) = &value {
        if let Expr::Path(func) = &*call.func {
            let starts_upper = |i: &Ident| {
                i.to_string()
                    .trim_start_matches("r#")
                    .starts_with(char::is_uppercase)
            };
            let through_type = func.path.segments.iter().any(|s| starts_upper(&s.ident));
            if !through_type && func.qself.is_none() {
                return SubnetSource::Function {
                    func: func.path.clone(),
                    args: call.args.iter().cloned().collect(),
                };
            }
        }
    }
    SubnetSource::Value(value)
}
