//! Compile-time checks of the `network!` DSL: each file in `tests/ui/` is a
//! mistake whose compiler output must match its `.stderr` snapshot (spans
//! and messages). Only compile-fail cases live there, so trybuild runs
//! `cargo check` rather than a full build of every dependency; what must
//! compile is proven by ordinary tests (`every_form.rs`, `dsl.rs`).
//! Snapshots are tied to the pinned toolchain; regenerate them with
//! `TRYBUILD=overwrite cargo test --test integration ui::`.

#[test]
fn dsl_mistakes_are_compile_errors_at_the_offending_tokens() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
