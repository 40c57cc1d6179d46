//! The `network!` DSL: declare a whole NEF model in Rust, checked at
//! compile time, expanded into calls of `snn-nef`'s builder API.
//!
//! Pipeline: [`parse`] (syn) → [`check`] (names, parameters, known
//! dimensions; all errors together) → [`expand`] (quote). The macro never
//! panics: every input ends in code or in spanned `compile_error!`s.

mod ast;
mod check;
mod expand;
mod literal;
mod parse;
mod suggest;

#[cfg(test)]
mod fuzz;

use proc_macro2::TokenStream;

/// Declares a network. See the `snn` crate's documentation for the syntax.
#[proc_macro]
pub fn network(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    run(input.into()).into()
}

/// Parse → check → expand, on `proc_macro2` tokens (so it also runs
/// outside a compiler, in tests).
fn run(input: TokenStream) -> TokenStream {
    let mut def = match syn::parse2::<ast::NetworkDef>(input) {
        Ok(def) => def,
        Err(e) => return errors(e),
    };
    match check::check(&mut def) {
        Ok(symbols) => expand::expand(&def, &symbols),
        Err(e) => errors(e),
    }
}

/// Every error as a `compile_error!`, inside one block so that all of them
/// are reported wherever the macro stands (expression or statement).
fn errors(e: syn::Error) -> TokenStream {
    let errors = e.to_compile_error();
    quote::quote!({ #errors })
}
