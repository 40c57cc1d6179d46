//! The learning examples against Nengo 4.1 running the same models
//! (`scripts/nengo_learning_examples.py` writes
//! `data/nengo_learning_examples.json`): over seeds 0-9, the RMSE of the
//! learned output after learning stopped is no worse than Nengo's, within
//! two standard errors of the difference of the two means (the seeds give
//! different signals and neurons on each side).

#[allow(dead_code)]
#[path = "../../examples/shared/learned.rs"]
mod learned;

use serde_json::Value;

fn nengo(model: &str) -> Vec<f64> {
    let v: Value = serde_json::from_str(include_str!("data/nengo_learning_examples.json")).unwrap();
    v["rmse"][model]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn mean_and_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    (
        mean,
        x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0),
    )
}

fn compare(model: &str, dims: usize, n: usize, square: bool) {
    let theirs = nengo(model);
    let ours: Vec<f64> = (0..theirs.len() as u64)
        .map(|seed| {
            let run = learned::run(seed, dims, n, square).expect("the model runs");
            assert!(
                run.rmse_after < 0.8 * run.rmse_first_second,
                "{model} seed {seed}: learning did not reduce the error ({} -> {})",
                run.rmse_first_second,
                run.rmse_after
            );
            run.rmse_after
        })
        .collect();
    let ((m_ours, v_ours), (m_theirs, v_theirs)) = (mean_and_var(&ours), mean_and_var(&theirs));
    let se = (v_ours / ours.len() as f64 + v_theirs / theirs.len() as f64).sqrt();
    assert!(
        m_ours <= m_theirs + 2.0 * se,
        "{model}: mean rmse {m_ours:.4} against Nengo's {m_theirs:.4} (se {se:.4}); ours {ours:?}"
    );
}

#[test]
fn learned_channel_is_as_accurate_as_nengos() {
    compare("channel", 2, 60, false);
}

#[test]
fn learned_square_is_as_accurate_as_nengos() {
    compare("square", 1, 100, true);
}
