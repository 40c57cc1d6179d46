//! Question answering with semantic pointers: the scene "a red circle and
//! a blue square" is `RED * CIRCLE + BLUE * SQUARE` (binding by circular
//! convolution), shown for 0.3 s to a 64-D working memory that keeps it;
//! then the questions "what is red?" and "what is blue?" unbind `RED` and
//! `BLUE` from the memory in neurons, giving about `CIRCLE` and `SQUARE`.
//!
//! Prints each question's answer (the most similar pointer) and its
//! similarity; draws the answer's similarity to every pointer in
//! `target/plots/question_answering.png`. Run with a seed (default 0).

#[path = "shared/question_answering.rs"]
mod question_answering;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = question_answering::run(seed)?;
    println!("seed: {seed}");
    let mut correct = 0;
    for ((colour, expected), (answer, similarity)) in
        question_answering::QUESTIONS.iter().zip(run.answers()?)
    {
        correct += usize::from(answer == *expected);
        println!(
            "what_is_{}: {answer} (similarity {similarity:.3}, expected {expected})",
            colour.to_lowercase()
        );
    }
    println!(
        "correct_answers: {correct}/{}",
        question_answering::QUESTIONS.len()
    );
    #[cfg(feature = "plot")]
    {
        let path = snn::plot::output_path("question_answering.png")?;
        snn::plot::similarity(
            &path,
            &format!("Unbinding RED then BLUE from the remembered scene (seed {seed})"),
            &run.t,
            &run.answer,
            &run.vocab,
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
