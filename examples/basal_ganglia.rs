//! Action selection: five actions' utilities change every 0.2 s; the
//! basal ganglia (Gurney, Prescott & Redgrave's model in spiking neurons)
//! release the one with the largest utility from inhibition, and the
//! thalamus turns that into a clean one-hot output.
//!
//! Prints, for every window, the action selected and the thalamus' output
//! for it, and the share of windows where the right action won; draws the
//! utilities and the thalamus' output in `target/plots/basal_ganglia.png`.
//! Run with a seed as argument (default 0).

#[path = "shared/action_selection.rs"]
mod action_selection;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let run = action_selection::run(seed)?;
    let choices = run.choices();
    println!("seed: {seed}");
    let mut correct = 0;
    for (w, &(action, level)) in choices.iter().enumerate() {
        let best = w % action_selection::ACTIONS;
        correct += usize::from(action == best);
        println!("window_{w}: selected {action} (best {best}), output {level:.3}");
    }
    println!("correct_windows: {correct}/{}", choices.len());
    #[cfg(feature = "plot")]
    {
        use snn::plot::{self, Series};
        let path = plot::output_path("basal_ganglia.png")?;
        let columns = |m: &nalgebra::DMatrix<f64>| -> Vec<Vec<f64>> {
            m.column_iter()
                .map(|c| c.iter().copied().collect())
                .collect()
        };
        let (selected, utilities) = (columns(&run.selected), columns(&run.utilities));
        let labels: Vec<String> = (0..selected.len()).map(|a| format!("action {a}")).collect();
        let series: Vec<Series<'_>> = labels
            .iter()
            .zip(&selected)
            .map(|(l, v)| Series::new(l, v))
            .collect();
        let ideal: Vec<Series<'_>> = labels
            .iter()
            .zip(&utilities)
            .map(|(l, v)| Series::new(l, v))
            .collect();
        plot::timeseries(
            &path,
            &format!("Basal ganglia and thalamus: thalamus output (solid) and utilities (dashed), seed {seed}"),
            &run.t,
            &series,
            Some(&ideal),
        )?;
        println!("plot: {}", path.display());
    }
    Ok(())
}
