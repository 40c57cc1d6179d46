//! The state variables of `snn-core`'s neuron types, so that an
//! `initial_state` name can be checked at compile time when the neuron type
//! is written as a literal value of a known type (or not given: LIF).
//!
//! The names are those of each type's `NeuronType::state_names` (in
//! `snn-core/src/neurons/*.rs`, and `Direct` in `snn-nef`); a wrapper
//! (`RegularSpiking`, `PoissonSpiking`) has its base's variables followed
//! by its own. Anything else (a variable, a method chain, a type this table
//! does not know) is left to the builder, which names the ensemble, the
//! variable and the type's variables in its `BuildError`.

use syn::Expr;

/// The neuron type's name and state variables, for messages.
pub struct KnownType {
    /// As written, without its path (`LIF`, `RegularSpiking`).
    pub name: String,
    pub states: Vec<&'static str>,
}

/// Types whose state variables do not depend on their parameters.
const PLAIN: &[(&str, &[&str])] = &[
    ("LIF", &["voltage", "refractory_time"]),
    ("LIFRate", &[]),
    ("AdaptiveLIF", &["voltage", "refractory_time", "adaptation"]),
    ("AdaptiveLIFRate", &["adaptation"]),
    ("IAF", &["voltage"]),
    ("RectifiedLinear", &[]),
    ("SpikingRectifiedLinear", &["voltage"]),
    ("Izhikevich", &["voltage", "recovery"]),
    ("HodgkinHuxley", &["voltage", "n", "m", "h"]),
    ("Sigmoid", &[]),
    ("Tanh", &[]),
    ("Direct", &[]),
];

/// Wrappers of a rate type (their first constructor argument) and the
/// variables they add after the base's.
const WRAPPERS: &[(&str, &[&str])] = &[("RegularSpiking", &["voltage"]), ("PoissonSpiking", &[])];

/// The ensemble's neuron type, when it is evident from the tokens: absent
/// (LIF, the builder's default), or a known type's value written as
/// `T::default()`, `T::new(…)`, `T { … }`, bare `Direct`, or a wrapper's
/// `W::new(base, …)` of such a value.
pub fn known_type(neuron_type: Option<&Expr>) -> Option<KnownType> {
    match neuron_type {
        None => plain("LIF"),
        Some(e) => of_value(e),
    }
}

fn plain(name: &str) -> Option<KnownType> {
    PLAIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, s)| KnownType {
            name: n.to_string(),
            states: s.to_vec(),
        })
}

fn of_value(expr: &Expr) -> Option<KnownType> {
    match expr {
        Expr::Paren(p) => of_value(&p.expr),
        Expr::Group(g) => of_value(&g.expr),
        // A bare path is a value only for a unit struct (`Direct`); a bare
        // `LIF` is reported by the neuron-type check, not here.
        Expr::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            (last.ident == "Direct" && last.arguments.is_none()).then(|| plain("Direct"))?
        }
        Expr::Struct(s) if s.qself.is_none() => plain(&s.path.segments.last()?.ident.to_string()),
        Expr::Call(call) => {
            let Expr::Path(func) = &*call.func else {
                return None;
            };
            if func.qself.is_some() {
                return None;
            }
            let segments: Vec<_> = func.path.segments.iter().collect();
            let [.., ty, ctor] = segments.as_slice() else {
                return None;
            };
            if !ty.arguments.is_none() || !(ctor.ident == "new" || ctor.ident == "default") {
                return None;
            }
            let ty = ty.ident.to_string();
            if let Some((_, own)) = WRAPPERS.iter().find(|(w, _)| *w == ty) {
                let base = of_value(call.args.first()?)?;
                let mut states = base.states.clone();
                for s in own.iter().filter(|s| !base.states.contains(s)) {
                    states.push(s);
                }
                return Some(KnownType { name: ty, states });
            }
            plain(&ty)
        }
        _ => None,
    }
}
