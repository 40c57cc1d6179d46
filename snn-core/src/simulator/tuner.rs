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

/// Parallel steps in which a worker took no part that are set aside
/// before such steps count as trials too.
///
/// A worker just started may wait on the caller's core until the operating
/// system moves it (a millisecond or more on a virtual machine), and the
/// caller, taking over the tasks it finds unclaimed, never waits for it; a
/// step without it times the serial loop, not the parallel one. So such
/// steps do not count until this many have passed (then a worker that
/// never comes is what the machine offers, and counts).
const MAX_SET_ASIDE: usize = 16 * TRIALS;

/// The timing trials of one stage and, once made, the decision.
#[derive(Debug, Clone, Default)]
pub(crate) struct StageTuner {
    serial: Vec<u64>,
    parallel: Vec<u64>,
    /// Parallel steps not counted, some thread having taken no part.
    set_aside: usize,
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

    /// Records how long a step took (ns) and on how many threads (1 for a
    /// serial step), of the `threads` it might have used, and decides once
    /// both kinds have enough samples: parallel only when its median is at
    /// least 10% faster.
    pub fn record(&mut self, parallel: bool, nanos: u64, (took_part, threads): (usize, usize)) {
        if self.choice.is_some() {
            return;
        }
        if parallel && took_part < threads && self.set_aside < MAX_SET_ASIDE {
            self.set_aside += 1;
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
            t.record(p, ns, (if p { 2 } else { 1 }, 2));
        }
        assert_eq!(kinds.len(), 2 * TRIALS);
        assert!(kinds.windows(2).all(|w| w[0] != w[1]));
        assert!(t.parallel());

        let mut slow = StageTuner::default();
        while slow.measuring() {
            let p = slow.parallel();
            slow.record(p, if p { 980 } else { 1000 }, (if p { 2 } else { 1 }, 2));
        }
        assert!(!slow.parallel(), "a gain under 10% keeps the stage serial");
    }

    #[test]
    fn parallel_steps_without_every_thread_do_not_count_until_many() {
        let mut t = StageTuner::default();
        // A worker that never comes: the parallel steps time the serial
        // loop. They are set aside, the stage keeps trying in parallel.
        for _ in 0..MAX_SET_ASIDE {
            assert!(t.parallel() && t.measuring());
            t.record(true, 1000, (1, 2));
        }
        assert!(t.parallel(), "nothing was counted yet");
        // Once the worker takes part, its steps count.
        t.record(true, 500, (2, 2));
        assert!(
            !t.parallel(),
            "the counted parallel step asks for a serial one"
        );
        let mut never = StageTuner::default();
        while never.measuring() {
            let p = never.parallel();
            never.record(p, 1000, (1, 2));
        }
        assert!(
            !never.parallel(),
            "a worker that never comes leaves the stage serial"
        );
    }
}
