//! What a dotted path names: the one resolution that connections and
//! probes share, so that a path that connects can also be probed.
//!
//! A path is `base.f1.f2…`. The base is a declared name. Then:
//!
//! - after an ensemble: nothing (its value), `neurons`, `neurons.attr` or
//!   `attr` (a neuron attribute: `voltage`, `input`, …);
//! - after a node: nothing;
//! - after a sub-network: its parts at any depth (`s.inner.y`: Rust field
//!   accesses on whatever the sub-network's function returned), then
//!   optionally `neurons`, `neurons.attr`, or an attribute that only
//!   neurons have ([`NEURON_ONLY`]). Any other last name is a field: a
//!   sub-network struct may well have a field `input` or `output`, so those
//!   attributes are reached as `s.x.neurons.input` after a sub-network.

use crate::ast::Endpoint;
use crate::check::Kind;
use crate::suggest::did_you_mean;
use syn::Ident;

/// Neuron attributes that no sub-network part is expected to be called
/// (the state variables of `snn-core`'s neuron types, and `spikes`), so
/// that they end a sub-network path as an attribute, not a field.
pub const NEURON_ONLY: &[&str] = &[
    "spikes",
    "voltage",
    "refractory_time",
    "adaptation",
    "recovery",
];

/// The signals of a learning rule a probe can record (Nengo's
/// `probeable`; which of them a rule has is checked where its type shows).
pub const RULE_SIGNALS: &[&str] = &[
    "delta",
    "error",
    "activities",
    "pre_filtered",
    "post_filtered",
    "theta",
    "inv_gamma",
    "scaled_encoders",
];

/// The signals each rule type has (Nengo's `probeable`, and ours for the
/// rules Nengo lacks).
pub const RULE_PROBEABLE: &[(&str, &[&str])] = &[
    ("PES", &["error", "activities", "delta"]),
    ("RLS", &["pre_filtered", "error", "delta", "inv_gamma"]),
    ("BCM", &["theta", "pre_filtered", "post_filtered", "delta"]),
    ("Oja", &["pre_filtered", "post_filtered", "delta"]),
    ("Hebbian", &["pre_filtered", "post_filtered", "delta"]),
    ("STDP", &["delta"]),
    ("Voja", &["post_filtered", "scaled_encoders", "delta"]),
];

/// The trailing neuron part of a path, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The object itself (an ensemble's value, a node, a sub-network part).
    Object,
    /// `.neurons`.
    Neurons,
    /// A neuron attribute, by name (`.voltage`, `.neurons.input`).
    Attr(Ident),
    /// A named connection's `.learning_rule`: where its error goes.
    LearningRule,
    /// A named connection's `.weights`: what a probe of it records.
    Weights,
    /// A signal of a named connection's rule, `.learning_rule.delta`.
    RuleSignal(Ident),
}

/// A resolved path: the Rust field accesses after the base, then the part.
pub struct Resolved<'a> {
    pub fields: &'a [Ident],
    pub part: Part,
}

/// Where a path is used: connection ends take objects and neurons, probes
/// also take neuron attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Connect,
    Probe,
}

/// Resolves `end`'s fields for a base of kind `kind`, used as `usage`.
pub fn resolve(end: &Endpoint, kind: Kind, usage: Use) -> Result<Resolved<'_>, syn::Error> {
    let fields = end.fields.as_slice();
    let (rest, part) = split_part(fields, kind == Kind::Subnet);
    let error = |at: &Ident, message: String| Err(syn::Error::new(at.span(), message));
    match (kind, usage, fields) {
        (Kind::Connection, Use::Connect, [f]) if f == "learning_rule" => Ok(Resolved {
            fields: &[],
            part: Part::LearningRule,
        }),
        (Kind::Connection, Use::Probe, [f]) if f == "weights" => Ok(Resolved {
            fields: &[],
            part: Part::Weights,
        }),
        (Kind::Connection, Use::Probe, [f, signal]) if f == "learning_rule" => {
            let name = signal.unraw_string();
            if RULE_SIGNALS.contains(&name.as_str()) {
                return Ok(Resolved {
                    fields: &[],
                    part: Part::RuleSignal(signal.clone()),
                });
            }
            let hint = did_you_mean(&name, RULE_SIGNALS.iter().copied());
            error(
                signal,
                format!(
                    "a learning rule has no signal `{name}` (rules record {}){hint}",
                    RULE_SIGNALS.join(", ")
                ),
            )
        }
        (Kind::Connection, _, _) => {
            let b = &end.base;
            let what = match usage {
                Use::Connect => format!(
                    "only its `{b}.learning_rule` is connected (the post end, carrying the rule's error)"
                ),
                Use::Probe => format!(
                    "probe its `{b}.weights` or a signal of its rule (`{b}.learning_rule.delta`)"
                ),
            };
            let at = fields.first().unwrap_or(b);
            error(at, format!("`{b}` is a connection; {what}"))
        }
        (Kind::Probe, _, _) => {
            let what = match usage {
                Use::Connect => "only ensembles, nodes and sub-network parts are connected",
                Use::Probe => "probe an ensemble, a node or a sub-network part",
            };
            error(
                &end.base,
                format!("`{}` is a {}; {what}", end.base, kind.noun()),
            )
        }
        (Kind::Node, Use::Connect, _) if !fields.is_empty() => error(
            &fields[0],
            format!(
                "`{}` has no part `{}`: a node connects as itself",
                end.base, fields[0]
            ),
        ),
        (Kind::Node, Use::Probe, _) if !fields.is_empty() => error(
            &fields[0],
            "a node's probe records its output; it has no parts".to_string(),
        ),
        (Kind::Ensemble, Use::Connect, _) if !rest.is_empty() || matches!(part, Part::Attr(_)) => {
            let f = fields
                .iter()
                .find(|f| *f != "neurons")
                .unwrap_or(&fields[0]);
            let hint = did_you_mean(&f.unraw_string(), ["neurons"]);
            error(
                f,
                format!(
                    "`{}` has no part `{f}`{hint}: an ensemble connects as itself or through `.neurons`",
                    end.base
                ),
            )
        }
        (Kind::Ensemble, Use::Probe, _) if !rest.is_empty() => error(
            &rest[0],
            format!(
                "`{}` has no part `{}`: probe `{}`, `{}.neurons` or a neuron attribute \
                 (`{}.voltage`, `{}.neurons.input`, …)",
                end.base, rest[0], end.base, end.base, end.base, end.base
            ),
        ),
        (Kind::Subnet, Use::Connect, _) if matches!(part, Part::Attr(_)) => {
            let attr = fields.last().unwrap_or(&end.base);
            error(
                attr,
                format!(
                    "`{attr}` is a neuron attribute, which only a probe records; \
                     connect the part itself or its `.neurons`"
                ),
            )
        }
        _ => Ok(Resolved { fields: rest, part }),
    }
}

/// Splits the trailing neuron part off `fields`. After an ensemble any last
/// name other than `neurons` is an attribute; after a sub-network only the
/// names of [`NEURON_ONLY`] are (the others are fields).
fn split_part(fields: &[Ident], subnet: bool) -> (&[Ident], Part) {
    let n = fields.len();
    if n >= 2 && fields[n - 2] == "neurons" {
        return (&fields[..n - 2], Part::Attr(fields[n - 1].clone()));
    }
    match fields.last() {
        None => (fields, Part::Object),
        Some(f) if f == "neurons" => (&fields[..n - 1], Part::Neurons),
        Some(f) if !subnet && n == 1 => (&[], Part::Attr(f.clone())),
        Some(f) if NEURON_ONLY.contains(&f.unraw_string().as_str()) => {
            (&fields[..n - 1], Part::Attr(f.clone()))
        }
        Some(_) => (fields, Part::Object),
    }
}

/// An identifier as the builder would name it (`r#type` → `type`).
pub trait Unraw {
    fn unraw_string(&self) -> String;
}

impl Unraw for Ident {
    fn unraw_string(&self) -> String {
        syn::ext::IdentExt::unraw(self).to_string()
    }
}
