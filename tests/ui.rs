//! Compile-time checks of the `network!` DSL: each file in `tests/ui/` is a
//! mistake whose compiler output must match its `.stderr` snapshot (spans
//! and messages); `tests/ui-pass/` compiles and runs every declaration form.
//! Snapshots are tied to the pinned toolchain; regenerate them with
//! `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn dsl_mistakes_are_compile_errors_at_the_offending_tokens() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui-pass/*.rs");
}
