//! The macro on token streams (no compiler): which messages the check
//! gives, and what the expansion calls. The compiler's view of the same
//! cases is in the facade's `tests/ui`.

use crate::run;

/// The macro's output for `input`, as text.
fn expand(input: &str) -> String {
    run(input.parse().expect("test input tokenizes")).to_string()
}

/// The messages of the `compile_error!`s the macro gives for `input`.
fn errors(input: &str) -> String {
    let out = expand(input);
    assert!(
        out.contains("compile_error"),
        "expected errors for: {input}"
    );
    out
}

fn accepted(input: &str) -> String {
    let out = expand(input);
    assert!(!out.contains("compile_error"), "rejected: {input}\n{out}");
    out
}

#[test]
fn a_negative_index_of_unknown_size_says_to_count_from_the_start() {
    let out = errors("subnet s = part(); ensemble b { neurons: 5 }; s.x[-1] -> b;");
    assert!(out.contains("negative indices are not supported"), "{out}");
    assert!(out.contains("`s.x[N - 1]`"), "{out}");
}

#[test]
fn a_negative_range_bound_names_the_index_from_the_start() {
    let out = errors(
        "ensemble a { neurons: 5, dimensions: 4 }; ensemble b { neurons: 5 }; a[-2..] -> b;",
    );
    assert!(out.contains("write `a[2]`"), "{out}");
}

#[test]
fn a_bare_unit_neuron_type_such_as_direct_stays_valid() {
    accepted("ensemble a { neurons: 5, neuron_type: Direct };");
    accepted("ensemble a { neurons: 5, neuron_type: snn::core::neurons::LIF::default() };");
}

#[test]
fn a_bare_spiking_wrapper_type_is_shown_how_to_wrap_a_rate_type() {
    let out = errors("ensemble a { neurons: 5, neuron_type: RegularSpiking };");
    assert!(
        out.contains("RegularSpiking::new(LIFRate::default())"),
        "{out}"
    );
    let out = errors("ensemble a { neurons: 5, neuron_type: snn::prelude::LIFRate };");
    assert!(
        out.contains("write `snn::prelude::LIFRate::default()`"),
        "{out}"
    );
}

#[test]
fn synapse_zero_expands_to_the_same_builder_call_as_any_time_constant() {
    let out = accepted(
        "ensemble a { neurons: 5 }; a -> a { synapse: 0.0 }; probe p = a { synapse: 0.0 };",
    );
    assert_eq!(out.matches(". synapse (0.0)").count(), 2, "{out}");
}

#[test]
fn integer_matrix_transforms_are_rewritten_with_floats_in_the_message() {
    let out = errors("ensemble a { neurons: 5, dimensions: 2 }; ensemble b { neurons: 5 }; a -> b { transform: [[1, -0.5]] };");
    assert!(out.contains("write `transform: [[1.0, -0.5]]`"), "{out}");
    accepted("ensemble a { neurons: 5 }; a -> a { transform: 2.0 * 0.5, synapse: 1e-3 };");
}

#[test]
fn keywords_as_connection_ends_and_probe_names_get_the_keyword_message() {
    let out = errors("ensemble a { neurons: 5 }; type -> a;");
    assert!(
        out.contains("`type` is a Rust keyword and can't be a name; write `r#type`"),
        "{out}"
    );
    let out = errors("ensemble a { neurons: 5 }; probe move = a;");
    assert!(out.contains("`move` is a Rust keyword"), "{out}");
    let out = errors("ensemble self { neurons: 5 };");
    assert!(
        out.contains("`self` is a Rust keyword and can't be a name; choose another name"),
        "{out}"
    );
}

#[test]
fn a_raw_network_is_still_the_reserved_name() {
    let out = errors("ensemble r#network { neurons: 5 };");
    assert!(out.contains("`network` is reserved"), "{out}");
}

#[test]
fn raw_names_are_labelled_without_r_hash() {
    let out = accepted("ensemble r#type { neurons: 5 }; node r#fn = 0.5; r#fn -> r#type;");
    assert!(out.contains("\"type\""), "{out}");
    assert!(out.contains("\"fn\""), "{out}");
    assert!(!out.contains("\"r#"), "{out}");
}

#[test]
fn probe_paths_resolve_parts_then_a_trailing_neuron_part() {
    let out = accepted(
        "subnet s = part(); ensemble a { neurons: 5 };
         probe p1 = s.inner.y; probe p2 = s.inner.y.voltage; probe p3 = s.inner.y.neurons;
         probe p4 = s.inner.y.neurons.input; probe p5 = s.input; probe p6 = a.neurons.input;
         probe p7 = a.voltage;",
    );
    for expected in [
        "Probe :: new (s . inner . y)",
        "Probe :: attr (s . inner . y , \"voltage\")",
        "Probe :: new (s . inner . y . neurons ())",
        "Probe :: attr (s . inner . y , \"input\")",
        "Probe :: new (s . input)",
        "Probe :: attr (a , \"input\")",
        "Probe :: attr (a , \"voltage\")",
    ] {
        assert!(out.contains(expected), "missing {expected} in {out}");
    }
}

#[test]
fn connection_paths_resolve_like_probe_paths() {
    let out = accepted(
        "subnet s = part(); ensemble a { neurons: 5 }; s.inner.y.neurons -> a; a -> s.inner.input;",
    );
    assert!(
        out.contains("Connection :: new (s . inner . y . neurons () , a)"),
        "{out}"
    );
    assert!(
        out.contains("Connection :: new (a , s . inner . input)"),
        "{out}"
    );
    let out = errors("ensemble a { neurons: 5 }; a.neurons.input -> a;");
    assert!(
        out.contains("an ensemble connects as itself or through `.neurons`"),
        "{out}"
    );
}

#[test]
fn a_function_of_time_node_is_explained_as_having_no_input() {
    let out = errors("node clock = |t| t; ensemble a { neurons: 5 }; a -> clock;");
    assert!(
        out.contains("`clock` is a function of time and has no input"),
        "{out}"
    );
    assert!(
        out.contains("node clock { size_in: 1, output: |t, x: &[f64]| … }"),
        "{out}"
    );
}

#[test]
fn attributes_other_than_docs_and_lints_are_refused_and_docs_go_on_the_handle() {
    let out = errors("#[inline] ensemble a { neurons: 5 };");
    assert!(out.contains("`#[inline]` is not supported"), "{out}");
    let out = accepted("/// The input.\n#[allow(unused)] node a = 0.5;");
    assert!(
        out.contains("# [doc = \" The input.\"] a : :: snn :: nef :: NodeId"),
        "{out}"
    );
    assert!(out.contains("# [allow (unused)] let a ="), "{out}");
}

#[test]
fn doc_comments_before_parameters_are_dropped_and_other_attributes_refused() {
    let out = accepted("ensemble a { /// How many.\n neurons: 5, /// Its radius.\n radius: 2.0 };");
    assert!(!out.contains("How many"), "{out}");
    let out = errors("ensemble a { #[allow(unused)] neurons: 5 };");
    assert!(
        out.contains("only doc comments (`/// …`) can be written before a parameter"),
        "{out}"
    );
}
