#![deny(missing_docs)]
//! The `network!` DSL: declare a whole NEF model in Rust, checked at
//! compile time, expanded into calls of `snn-nef`'s builder API.
//!
//! Pipeline: `parse` (syn) → `check` (names, parameters, known
//! dimensions; all errors together) → `expand` (quote). The macro never
//! panics: every input ends in code or in spanned `compile_error!`s.

mod ast;
mod check;
mod expand;
mod literal;
mod parse;
mod path;
mod state;
mod suggest;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;

/// Declares a network and evaluates to `Result<Net, BuildError>`, where
/// `Net` has a field `network` (the built-up `Network`) and one typed handle
/// per declared name (`EnsembleId`, `NodeId`, `ProbeId`, or whatever a
/// sub-network function returns). `Net` is a model itself, simulated and
/// built as its network: `Simulator::new(&net)`, `net.build(options)`.
///
/// ```text
/// network! {
///     seed = 0;                                          // optional network seed
///     node stim = |t| (2.0 * PI * t).sin();              // function of time
///     node level = 0.5;                                  // constant (number or array)
///     node gate { size_in: 2, output: |t, x: &[f64]| x[0] * x[1] };  // of time and input
///     node junction { size_in: 3 };                      // passthrough
///     ensemble a { neurons: 100, dimensions: 2, radius: 1.5,
///                  neuron_type: LIF::default(), max_rates: Uniform::new(200.0, 400.0),
///                  intercepts: Uniform::new(-1.0, 0.9), encoders: …, eval_points: …,
///                  n_eval_points: 1000, normalize_encoders: true, seed: 3 };
///     ensemble c { neurons: 2, gain: vec![10.0, 20.0], bias: vec![1.0, -1.0] };
///     ensemble d { neurons: 3, initial_state: { voltage: Uniform::new(0.0, 0.5),
///                                               refractory_time: vec![0.0, 0.001, 0.002] } };
///     subnet mem = integrator(0.1);                      // calls integrator(&mut Network, 0.1)
///     subnet ea = EnsembleArray::new(50, 4);             // a library network (any `Subnet` value)
///     stim -> a[0];                                      // slices: a[i], a[i..j], a[i..]
///     a -> b { function: |x| x[0] * x[1], transform: 2.0, synapse: 0.01,
///              solver: LstsqL2::new(0.05), eval_points: …, scale_eval_points: true, label: "…" };
///     a.neurons -> b.neurons { transform: weights };     // neuron ends
///     b -> b { synapse: 0.1 };                           // recurrent
///     connection c = a -> b;                             // named: a ConnectionId handle
///     mem.x -> a[1];                                     // parts of a sub-network
///     probe p = b { synapse: 0.01, sample_every: 0.005, solver: … };  // decoded value
///     probe s = a.neurons;                               // spikes; a.voltage, a.input, …
///     probe v = mem.inner.y.voltage;                     // parts at any depth, then an attribute
///     /// Shown on the handle `net.r#type`.               // doc comments and lint attributes
///     #[allow(unused_parens)]                            //   (#[allow], #[warn], #[deny], …)
///     ensemble r#type { neurons: (10) };                 // raw names, labelled "type"
/// }
/// ```
///
/// A dotted path is resolved the same way in connections and probes: the
/// declared name, then (after a sub-network) its parts at any depth, then
/// optionally `.neurons`, `.neurons.attr` or a neuron attribute. After an
/// ensemble any other name is an attribute (`a.voltage`, `a.input`); after a
/// sub-network only `spikes`, `voltage`, `refractory_time`, `adaptation` and
/// `recovery` are (a part may be called `input`: write `s.x.neurons.input`).
///
/// `subnet` takes a plain function path called with the network first
/// (`integrator(0.1)`, `parts::outer()`), or any other expression, which
/// must be a value implementing `Subnet` (`EnsembleArray::new(50, 4)`,
/// `Product::new(100, 2).input_magnitude(2.0)`): its parts are its
/// `Parts` struct's fields (`ea.input`, `prod.sq1.output`).
///
/// Doc comments go on the handle's field of the returned struct (dropped
/// for unnamed connections, the seed and parameters); lint attributes go on
/// the statement the declaration expands to; other attributes are errors.
///
/// `initial_state` maps state variables to a distribution or one value per
/// neuron, each becoming `.initial_state("name", value)`. A name the neuron
/// type lacks is a compile error when the type is evident from the tokens
/// (not given, which is LIF, or `T::default()`, `T::new(…)`, `T { … }` of
/// one of `snn-core`'s types, `Direct`, or a wrapper of such a value);
/// otherwise the builder reports it.
///
/// Values are ordinary Rust expressions and may use variables in scope. The
/// expansion is a block, not a closure: `?` or `return` in a value leaves
/// the enclosing function, and closures given to nodes and connections that
/// borrow a local need `move`, as with the builder API. The expansion's own
/// locals are hygienic, so any name may be declared (`__net`, `r#type`).
/// Checked at compile time, each error spanning its tokens and all reported
/// together: unknown or duplicate names, unknown or repeated parameters
/// (with "did you mean"), a missing neuron count, zero neurons or
/// dimensions, slices out of range or negative, keywords as names,
/// integers where floats go (`synapse: 0`), neuron types without a value
/// (`LIF` for `LIF::default()`), state variables given twice or unknown to
/// an evident neuron type, connections into nodes that take no input,
/// and — wherever sizes are literals —
/// connections whose dimensions do not match, transform literals of the
/// wrong shape and functions returning the wrong number of values. What
/// depends on run-time values is checked by the builder, with the same
/// typed errors as the builder API.
#[proc_macro]
pub fn network(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    run(input.into()).into()
}

/// Parse → check → expand, on `proc_macro2` tokens (so it also runs
/// outside a compiler, in tests).
fn run(input: TokenStream) -> TokenStream {
    let def = match syn::parse2::<ast::NetworkDef>(input) {
        Ok(def) => def,
        Err(e) => return errors(e),
    };
    match check::check(&def) {
        Ok(checked) => expand::expand(&def, &checked),
        Err(e) => errors(e),
    }
}

/// Every error as a `compile_error!`, inside one block so that all of them
/// are reported wherever the macro stands (expression or statement).
fn errors(e: syn::Error) -> TokenStream {
    let errors = e.to_compile_error();
    quote::quote!({ #errors })
}
