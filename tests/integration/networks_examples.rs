//! The network-library examples reach their figures: the same models as
//! `examples/basal_ganglia.rs`, `question_answering.rs` and
//! `matrix_multiplication.rs`, over seeds, against the exact answers (and
//! Nengo 4.1's figures for the same models, `scripts/nengo_networks_examples.py`,
//! quoted in docs/guide.md).

#[allow(dead_code)] // the tests read only some of the shared fields
#[path = "../../examples/shared/action_selection.rs"]
mod action_selection;
#[allow(dead_code)]
#[path = "../../examples/shared/matrix_multiplication.rs"]
mod matrix_multiplication;
#[allow(dead_code)]
#[path = "../../examples/shared/question_answering.rs"]
mod question_answering;

#[test]
fn basal_ganglia_example_selects_the_best_action_in_every_window() {
    for seed in [0, 1] {
        let run = action_selection::run(seed).unwrap();
        for (w, (action, level)) in run.choices().into_iter().enumerate() {
            assert_eq!(
                action,
                w % action_selection::ACTIONS,
                "seed {seed}, window {w}"
            );
            assert!(level > 0.7, "seed {seed}, window {w}: output {level}");
        }
    }
}

#[test]
fn question_answering_example_unbinds_the_right_shape_for_each_colour() {
    for seed in [0, 2] {
        let run = question_answering::run(seed).unwrap();
        for ((colour, expected), (answer, similarity)) in question_answering::QUESTIONS
            .iter()
            .zip(run.answers().unwrap())
        {
            assert_eq!(answer, *expected, "seed {seed}: what is {colour}?");
            assert!(similarity > 0.35, "seed {seed}: {colour}: {similarity}");
        }
    }
}

#[test]
fn matrix_multiplication_example_is_within_0_05_of_the_product() {
    let run = matrix_multiplication::run(0).unwrap();
    let (got, exact) = (run.late_mean(), matrix_multiplication::exact());
    let rmse = run.rmse();
    assert!(rmse < 0.05, "rmse {rmse}: {got:?} vs {exact:?}");
}
