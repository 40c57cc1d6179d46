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

#[test]
fn initial_state_expands_to_one_builder_call_per_variable_in_order() {
    let out = accepted(
        "ensemble a { neurons: 5, initial_state: { voltage: Uniform::new(0.0, 1.0), \
         refractory_time: vec![0.0; 5], } };",
    );
    let calls = ". initial_state (\"voltage\" , Uniform :: new (0.0 , 1.0)) \
                 . initial_state (\"refractory_time\" , vec ! [0.0 ; 5])";
    assert!(out.contains(calls), "{out}");
}

#[test]
fn an_empty_initial_state_is_accepted_and_calls_nothing() {
    let out = accepted("ensemble a { neurons: 5, initial_state: {} };");
    assert!(!out.contains("initial_state"), "{out}");
}

#[test]
fn a_raw_state_variable_name_is_labelled_without_r_hash() {
    // Unknown neuron type: the name is the builder's to check.
    let out = accepted(
        "ensemble a { neurons: 5, neuron_type: my_type, initial_state: { r#type: 0.5 } };",
    );
    assert!(out.contains(". initial_state (\"type\" , 0.5)"), "{out}");
}

#[test]
fn a_state_variable_given_twice_is_reported_at_the_second() {
    let out = errors("ensemble a { neurons: 5, initial_state: { voltage: 0.1, r#voltage: 0.2 } };");
    assert!(
        out.contains("state variable `voltage` is given twice in `initial_state`"),
        "{out}"
    );
    assert_eq!(out.matches("compile_error").count(), 1, "{out}");
}

#[test]
fn unknown_state_variables_of_literal_neuron_types_list_the_valid_names() {
    let out = errors("ensemble a { neurons: 5, initial_state: { votage: 0.1 } };");
    assert!(
        out.contains("`LIF` neurons have no state variable `votage`; did you mean `voltage`? (their state variables: voltage, refractory_time)"),
        "{out}"
    );
    let out = errors("ensemble a { neurons: 5, initial_state: { refractory: 0.1 } };");
    assert!(
        out.contains("`refractory`; did you mean `refractory_time`?"),
        "{out}"
    );
    let out = errors(
        "ensemble a { neurons: 5, neuron_type: snn::prelude::Izhikevich::new(0.02, 0.2), \
         initial_state: { refractory_time: 0.1 } };",
    );
    assert!(
        out.contains("(their state variables: voltage, recovery)"),
        "{out}"
    );
    let out = errors(
        "ensemble a { neurons: 5, neuron_type: RegularSpiking::new(AdaptiveLIFRate::default()), \
         initial_state: { recovery: 0.1 } };",
    );
    assert!(
        out.contains("(their state variables: adaptation, voltage)"),
        "{out}"
    );
    let out = errors(
        "ensemble a { neurons: 5, neuron_type: LIFRate::default(), initial_state: { voltage: 0.1 } };",
    );
    assert!(
        out.contains("`LIFRate` neurons have no state variables"),
        "{out}"
    );
    let out =
        errors("ensemble a { neurons: 5, neuron_type: Direct, initial_state: { voltage: 0.1 } };");
    assert!(
        out.contains("`Direct` neurons have no state variables"),
        "{out}"
    );
}

#[test]
fn state_variables_of_known_types_and_of_opaque_types_are_accepted() {
    accepted("ensemble a { neurons: 5, neuron_type: HodgkinHuxley::default(), initial_state: { voltage: 0.0, n: 0.3, m: 0.05, h: 0.6 } };");
    accepted("ensemble a { neurons: 5, neuron_type: LIF { tau_rc: 0.01, ..LIF::default() }, initial_state: { refractory_time: 0.0 } };");
    // Not evident from the tokens: left to the builder's typed error.
    accepted(
        "ensemble a { neurons: 5, neuron_type: make_type(), initial_state: { anything: 0.0 } };",
    );
    accepted("ensemble a { neurons: 5, neuron_type: LIF::default().clone(), initial_state: { anything: 0.0 } };");
}

#[test]
fn malformed_initial_state_shows_the_form() {
    let form = "`initial_state: { voltage: Uniform::new(0.0, 1.0), refractory_time: vec![…] }`";
    for (input, message) in [
        (
            "initial_state: voltage",
            "`initial_state` takes a value for each state variable, in braces",
        ),
        (
            "initial_state: { \"voltage\": 0.5 }",
            "write the state variable's name without quotes: `voltage: …`",
        ),
        (
            "initial_state: { voltage = 0.5 }",
            "expected `:` and a value after `voltage`",
        ),
        ("initial_state: { voltage: }", "`voltage` needs a value"),
        ("initial_state: { voltage: , }", "`voltage` needs a value"),
        (
            "initial_state: { voltage: 0.5 refractory_time: 0.0 }",
            "expected `,` between state variables",
        ),
        (
            "initial_state: { 3: 0.5 }",
            "expected the name of a state variable",
        ),
        (
            "initial_state: { voltage: => }",
            "the value of `voltage` is a Rust expression",
        ),
    ] {
        let out = errors(&format!("ensemble a {{ neurons: 5, {input} }};"));
        assert!(out.contains(message), "{input}: {out}");
        assert!(out.contains(form), "{input}: {out}");
    }
}

#[test]
fn initial_state_on_a_node_connection_or_probe_is_an_unknown_parameter() {
    let out = errors("ensemble a { neurons: 5 }; a -> a { initial_state: { voltage: 0.5 } };");
    assert!(
        out.contains("unknown connection parameter `initial_state`"),
        "{out}"
    );
    let out = errors("ensemble a { neurons: 5, initial_state: {}, initial_state: {} };");
    assert!(
        out.contains("parameter `initial_state` is given twice"),
        "{out}"
    );
}

/// The check finds the end of `a[1..]` (a's size) without writing it into
/// the syntax tree; the expansion reads it from the check's result, at
/// the end it belongs to.
#[test]
fn an_open_range_ends_at_the_size_the_check_found() {
    let out = accepted(
        "ensemble a { neurons: 5, dimensions: 4 }; ensemble b { neurons: 5, dimensions: 2 }; \
         node n { size_in: 3 }; a[1..] -> n; b -> n[1..];",
    );
    assert!(out.contains("(1) .. (4usize)"), "{out}");
    assert!(out.contains("(1) .. (3usize)"), "{out}");
}
