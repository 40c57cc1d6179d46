//! The model of the `question_answering` example, shared with its test: a
//! scene of colour-shape pairs is bound, stored in a memory, and queried
//! by unbinding a colour.

use snn::prelude::*;

/// Dimensions of the pointers.
pub const D: usize = 64;
/// The scene is shown for this long, then questions follow, each this long.
pub const SHOW: f64 = 0.3;
pub const ASK: f64 = 0.3;
/// The questions asked after the scene, and the right answers.
pub const QUESTIONS: [(&str, &str); 2] = [("RED", "CIRCLE"), ("BLUE", "SQUARE")];

/// A run: the vocabulary, sample times and the answer's probe data.
pub struct Answers {
    pub vocab: Vocabulary,
    pub t: Vec<f64>,
    pub answer: nalgebra::DMatrix<f64>,
}

impl Answers {
    /// For each question, the best-matching of the four symbols (not the
    /// scene itself, which an unbound scene can resemble more than any
    /// symbol when the draw makes `SCENE · (SCENE * ~RED)` large) over the
    /// last half of its window, and its similarity.
    pub fn answers(&self) -> Result<Vec<(String, f64)>, snn::Error> {
        let sims = self.vocab.similarity(&self.answer)?;
        let per = (ASK / 1e-3).round() as usize;
        let show = (SHOW / 1e-3).round() as usize;
        Ok((0..QUESTIONS.len())
            .map(|q| {
                let rows = show + q * per + per / 2..show + (q + 1) * per;
                let n = rows.len() as f64;
                let means: Vec<f64> = (0..self.vocab.len())
                    .map(|k| {
                        if self.vocab.keys()[k] == "SCENE" {
                            f64::NEG_INFINITY
                        } else {
                            rows.clone().map(|r| sims[(r, k)]).sum::<f64>() / n
                        }
                    })
                    .collect();
                let best = (0..means.len())
                    .max_by(|&a, &b| means[a].total_cmp(&means[b]))
                    .unwrap();
                (self.vocab.keys()[best].clone(), means[best])
            })
            .collect())
    }
}

/// Runs the scene and the questions with seed `seed`.
pub fn run(seed: u64) -> Result<Answers, snn::Error> {
    let mut vocab = Vocabulary::new(D, seed)?;
    vocab.populate("RED; BLUE; CIRCLE; SQUARE; SCENE = RED * CIRCLE + BLUE * SQUARE")?;
    let scene = vocab.get("SCENE")?.v().to_vec();
    let questions: Vec<Vec<f64>> = QUESTIONS
        .iter()
        .map(|(colour, _)| vocab.get(colour).map(|p| p.v().to_vec()))
        .collect::<Result<_, _>>()?;
    let mut net = Network::with_seed(seed);
    let zero = vec![0.0; D];
    let show = {
        let zero = zero.clone();
        net.node(
            "scene",
            Node::time(move |t| {
                if t < SHOW {
                    scene.clone()
                } else {
                    zero.clone()
                }
            }),
        )?
    };
    let ask = net.node(
        "question",
        Node::time(move |t| {
            let q = ((t - SHOW) / ASK).floor();
            if t < SHOW || q as usize >= questions.len() {
                zero.clone()
            } else {
                questions[q as usize].clone()
            }
        }),
    )?;
    // Working memory: holds the scene after it is gone.
    let memory = net.add(
        "memory",
        // The plain form, as its Nengo twin builds it.
        spa::State::new(&vocab)
            .represent_cc_identity(false)
            .feedback(1.0)
            .feedback_synapse(Lowpass(0.1)),
    )?;
    // The answer: the memory unbound by the question's colour.
    let unbind = net.add("unbind", spa::Bind::new(&vocab).unbind_right(true))?;
    net.connect(Connection::new(show, memory.input))?;
    net.connect(Connection::new(memory.output, unbind.input_left))?;
    net.connect(Connection::new(ask, unbind.input_right))?;
    let answer = net.probe(Probe::new(unbind.output).synapse(0.03))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(SHOW + ASK * QUESTIONS.len() as f64)?;
    Ok(Answers {
        t: sim.trange(),
        answer: sim.data(answer)?,
        vocab,
    })
}
