//! The model of the `basal_ganglia` example, shared with its test: five
//! actions whose utilities change every 0.2 s, selected by `BasalGanglia`
//! and cleaned up by `Thalamus`.

use snn::prelude::*;

/// Actions, and how long each utility pattern lasts.
pub const ACTIONS: usize = 5;
pub const WINDOW: f64 = 0.2;

/// The utilities in window `w`: action `w mod 5` at 0.8, the others at
/// 0.3 to 0.6 (a different runner-up each time).
pub fn utilities(w: usize) -> [f64; ACTIONS] {
    let mut u = [0.0; ACTIONS];
    for (i, v) in u.iter_mut().enumerate() {
        *v = 0.3 + 0.3 * (((i + 2 * w) * 7) % 5) as f64 / 4.0;
    }
    u[w % ACTIONS] = 0.8;
    u
}

/// A run: sample times, utilities, the thalamus' output.
pub struct Selection {
    pub t: Vec<f64>,
    pub utilities: nalgebra::DMatrix<f64>,
    pub selected: nalgebra::DMatrix<f64>,
}

impl Selection {
    /// For each window, the action the thalamus selects (largest mean
    /// output over the window's second half) and that mean.
    pub fn choices(&self) -> Vec<(usize, f64)> {
        let per = (WINDOW / 1e-3).round() as usize;
        (0..self.t.len() / per)
            .map(|w| {
                let rows = w * per + per / 2..(w + 1) * per;
                let n = rows.len() as f64;
                let means: Vec<f64> = (0..ACTIONS)
                    .map(|a| rows.clone().map(|r| self.selected[(r, a)]).sum::<f64>() / n)
                    .collect();
                let best = (0..ACTIONS)
                    .max_by(|&a, &b| means[a].total_cmp(&means[b]))
                    .unwrap();
                (best, means[best])
            })
            .collect()
    }
}

/// Runs five windows with seed `seed`.
pub fn run(seed: u64) -> Result<Selection, snn::Error> {
    let mut net = Network::with_seed(seed);
    let input = net.node(
        "utilities",
        Node::time(|t| utilities(((t - 1e-9) / WINDOW).floor().max(0.0) as usize).to_vec()),
    )?;
    let bg = net.add("bg", BasalGanglia::new(ACTIONS))?;
    let thalamus = net.add("thalamus", Thalamus::new(ACTIONS))?;
    net.connect(Connection::new(input, bg.input).synapse(None))?;
    net.connect(Connection::new(bg.output, thalamus.input))?;
    let u = net.probe(Probe::new(input))?;
    let s = net.probe(Probe::new(thalamus.output).synapse(0.01))?;
    let mut sim = Simulator::new(&net)?;
    sim.run(WINDOW * ACTIONS as f64)?;
    Ok(Selection {
        t: sim.trange(),
        utilities: sim.data(u)?,
        selected: sim.data(s)?,
    })
}
