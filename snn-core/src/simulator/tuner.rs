//! Choosing, per stage, whether its blocks are stepped on one thread or on
//! all of them.
//!
//! Handing blocks to the workers costs a few microseconds on some machines
//! (a virtual CPU may not be running when the job is published) and less on
//! others, so no fixed size threshold is right everywhere. Since the result
//! of a step is the same either way, the simulator may simply measure: the
//! first steps of each eligible stage alternate between the two, and the
//! faster median wins.

/// Timed steps of each kind before deciding.
const TRIALS: usize = 16;

/// The timing trials of one stage and, once made, the decision.
#[derive(Debug, Clone, Default)]
pub(crate) struct StageTuner {
    serial: Vec<u64>,
    parallel: Vec<u64>,
    choice: Option<bool>,
}

impl StageTuner {
    /// Whether this step of the stage should run in parallel.
    pub fn parallel(&self) -> bool {
        self.choice
            .unwrap_or(self.parallel.len() <= self.serial.len())
    }

    /// True while the stage is still being timed.
    pub fn measuring(&self) -> bool {
        self.choice.is_none()
    }

    /// Records how long a step took (ns) and decides once both kinds have
    /// enough samples: parallel only when its median is at least 10% faster.
    pub fn record(&mut self, parallel: bool, nanos: u64) {
        if self.choice.is_some() {
            return;
        }
        if parallel {
            self.parallel.push(nanos);
        } else {
            self.serial.push(nanos);
        }
        if self.serial.len() >= TRIALS && self.parallel.len() >= TRIALS {
            let (s, p) = (median(&mut self.serial), median(&mut self.parallel));
            self.choice = Some(p * 10 < s * 9);
        }
    }
}

fn median(v: &mut [u64]) -> u64 {
    v.sort_unstable();
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trials_alternate_and_the_faster_median_wins() {
        let mut t = StageTuner::default();
        let mut kinds = Vec::new();
        while t.measuring() {
            let p = t.parallel();
            kinds.push(p);
            // Parallel is faster except for one huge outlier (thread start).
            let ns = if p {
                if kinds.len() == 1 {
                    1_000_000
                } else {
                    500
                }
            } else {
                1000
            };
            t.record(p, ns);
        }
        assert_eq!(kinds.len(), 2 * TRIALS);
        assert!(kinds.windows(2).all(|w| w[0] != w[1]));
        assert!(t.parallel());

        let mut slow = StageTuner::default();
        while slow.measuring() {
            let p = slow.parallel();
            slow.record(p, if p { 980 } else { 1000 });
        }
        assert!(!slow.parallel(), "a gain under 10% keeps the stage serial");
    }
}
