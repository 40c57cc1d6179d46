//! Choosing, per stage, whether its blocks are stepped on one thread or on
//! all of them.
//!
//! Handing blocks to the workers costs a few microseconds on some machines
//! (a virtual CPU may not be running when the job is published) and less on
//! others, so no fixed size threshold is right everywhere. Since the result
//! of a step is the same either way, the simulator may simply measure: the
//! first steps of each eligible stage alternate between the two, and the
//! faster median wins. The machine may change under a running simulation
//! (another program takes a core, or a worker first shares the caller's
//! core until the system moves it), so a decision is taken again after
//! [`FIRST_RETRY`] steps, then after twice as many each time, up to
//! [`MAX_RETRY`]: a wrong early choice costs a few hundred steps, not the
//! run, and the trials cost under 2% of the steps once the interval is long.

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

/// Steps after the first decision before it is taken again.
const FIRST_RETRY: u64 = 256;

/// The longest interval between two decisions.
const MAX_RETRY: u64 = 1 << 14;

/// The timing trials of one stage and, once made, the decision.
#[derive(Debug, Clone, Default)]
pub(crate) struct StageTuner {
    serial: Vec<u64>,
    parallel: Vec<u64>,
    /// Parallel steps not counted, some thread having taken no part.
    set_aside: usize,
    choice: Option<bool>,
    /// Steps since the last decision, and how many make the next trials.
    since: u64,
    retry: u64,
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

    /// Counts a step taken under the decision; once enough have passed,
    /// the stage is timed both ways again.
    pub fn tick(&mut self) {
        if self.choice.is_none() {
            return;
        }
        self.since += 1;
        if self.since >= self.retry {
            self.since = 0;
            self.retry = (self.retry * 2).min(MAX_RETRY);
            self.serial.clear();
            self.parallel.clear();
            self.choice = None;
        }
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
            if self.retry == 0 {
                self.retry = FIRST_RETRY;
            }
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
    fn a_decision_is_taken_again_after_longer_and_longer_intervals() {
        let mut t = StageTuner::default();
        let decide = |t: &mut StageTuner, parallel_ns: u64| {
            while t.measuring() {
                let p = t.parallel();
                t.record(
                    p,
                    if p { parallel_ns } else { 1000 },
                    (if p { 2 } else { 1 }, 2),
                );
            }
            t.parallel()
        };
        // A worker slowed at the start: serial wins the first trials.
        assert!(!decide(&mut t, 1500));
        let mut intervals = Vec::new();
        for round in 0..8 {
            let mut steps = 0;
            while !t.measuring() {
                t.tick();
                steps += 1;
            }
            intervals.push(steps);
            // Later the parallel steps are fast, and the stage goes parallel.
            assert!(decide(&mut t, 500), "round {round}");
        }
        assert_eq!(&intervals[..4], &[256, 512, 1024, 2048]);
        assert_eq!(*intervals.last().unwrap(), MAX_RETRY);
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
