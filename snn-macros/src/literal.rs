//! What can be read off literal expressions at compile time: integers,
//! output sizes of constants and closures, matrix shapes.

use syn::{Expr, Lit};

/// A literal non-negative integer (`3`, `3usize`, `(3)`).
pub fn usize_of(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => i.base10_parse().ok(),
            _ => None,
        },
        Expr::Paren(p) => usize_of(&p.expr),
        Expr::Group(g) => usize_of(&g.expr),
        _ => None,
    }
}

/// True for a numeric literal, possibly negated (`0.5`, `-1`).
pub fn is_number(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(l) => matches!(l.lit, Lit::Int(_) | Lit::Float(_)),
        Expr::Unary(u) => matches!(u.op, syn::UnOp::Neg(_)) && is_number(&u.expr),
        Expr::Paren(p) => is_number(&p.expr),
        Expr::Group(g) => is_number(&g.expr),
        _ => false,
    }
}

/// Number of values an output expression gives, when it is evident: a
/// number is 1, an array literal or `vec![…]` its length, a closure the
/// size of its body.
pub fn output_size(expr: &Expr) -> Option<usize> {
    match expr {
        e if is_number(e) => Some(1),
        Expr::Array(a) => Some(a.elems.len()),
        Expr::Closure(c) => output_size(&c.body),
        Expr::Paren(p) => output_size(&p.expr),
        Expr::Group(g) => output_size(&g.expr),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => m
            .mac
            .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
            .ok()
            .map(|p| p.len()),
        _ => None,
    }
}

/// The number of parameters of a closure expression.
pub fn closure_arity(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Closure(c) => Some(c.inputs.len()),
        Expr::Paren(p) => closure_arity(&p.expr),
        _ => None,
    }
}

/// The shape of a matrix literal `[[a, b], [c, d]]`; `Err` for ragged rows
/// (with the index of the first row whose length differs).
pub fn matrix_shape(expr: &Expr) -> Option<Result<(usize, usize), usize>> {
    let Expr::Array(rows) = expr else {
        return None;
    };
    let mut cols = None;
    for (i, row) in rows.elems.iter().enumerate() {
        let Expr::Array(r) = row else {
            return None;
        };
        match cols {
            None => cols = Some(r.elems.len()),
            Some(c) if c != r.elems.len() => return Some(Err(i)),
            Some(_) => {}
        }
    }
    Some(Ok((rows.elems.len(), cols.unwrap_or(0))))
}

/// The operand of a negation (`-x` → `x`), through parentheses.
pub fn negated(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => Some(&u.expr),
        Expr::Paren(p) => negated(&p.expr),
        Expr::Group(g) => negated(&g.expr),
        _ => None,
    }
}

/// For a number or (nested) array literal of numbers in which some are
/// integers (`0`, `-2`, `[[1, 0.5]]`), the same literal written with floats
/// (`0.0`, `-2.0`, `[[1.0, 0.5]]`); `None` when there is no integer or the
/// expression is not such a literal.
pub fn as_float_literal(expr: &Expr) -> Option<String> {
    let mut integers = 0;
    let text = float_text(expr, &mut integers)?;
    (integers > 0).then_some(text)
}

fn float_text(expr: &Expr, integers: &mut usize) -> Option<String> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => {
                *integers += 1;
                Some(format!("{}.0", i.base10_digits()))
            }
            Lit::Float(f) => Some(f.base10_digits().to_string()),
            _ => None,
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            float_text(&u.expr, integers).map(|t| format!("-{t}"))
        }
        Expr::Paren(p) => float_text(&p.expr, integers),
        Expr::Group(g) => float_text(&g.expr, integers),
        Expr::Array(a) => {
            let elems: Option<Vec<String>> =
                a.elems.iter().map(|e| float_text(e, integers)).collect();
            Some(format!("[{}]", elems?.join(", ")))
        }
        _ => None,
    }
}
