//! Progress reports on stderr for long runs and builds.
//!
//! A [`Progress`] setting says when to report; a [`Tracker`] counts the work
//! done (simulation steps, or items such as the objects of a build) and
//! reports it the way the setting and stderr allow:
//!
//! | setting | stderr is a terminal | otherwise (pipe, file, CI, tests) |
//! | --- | --- | --- |
//! | [`Progress::Auto`] (default) | a bar, once the work has taken [`AUTO_DELAY`] | nothing |
//! | [`Progress::Always`] | a bar from the start | a status line about once a second |
//! | [`Progress::Never`] | nothing | nothing |
//!
//! A terminal whose `TERM` is `dumb` counts as no terminal. The environment
//! variable `SNN_PROGRESS` (`auto`, `always` or `never`) replaces
//! [`Progress::Auto`]: `SNN_PROGRESS=never cargo test` keeps long tests quiet
//! in a terminal. Settings made in code other than `Auto` win over it.
//!
//! Cost: the per-step check [`Tracker::tick`] is one comparison; the clock is
//! read only every `stride` steps, with `stride` adapted so that reads happen
//! about every [`CHECK_INTERVAL`] of wall time. When nothing is to be shown
//! the tracker holds nothing and never reads the clock.

mod format;

use format::{status_line, style, summary_line};
use indicatif::{ProgressBar, ProgressDrawTarget};
use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::OnceLock;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long work must have run before [`Progress::Auto`] shows a bar.
pub const AUTO_DELAY: Duration = Duration::from_secs(1);

/// Target wall time between two clock reads of a [`Tracker`].
pub const CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// Wall time between two status lines when stderr is not a terminal.
pub const LINE_INTERVAL: Duration = Duration::from_secs(1);

/// How often a visible bar of items redraws while one item takes long.
const STEADY_TICK: Duration = Duration::from_millis(100);

/// When to report progress on stderr (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Progress {
    /// A bar when stderr is a terminal and the work has run for
    /// [`AUTO_DELAY`]; silent otherwise. `SNN_PROGRESS` can replace it.
    #[default]
    Auto,
    /// From the start: a bar on a terminal, a status line about once a
    /// second (and one at the end) otherwise.
    Always,
    /// Never report.
    Never,
}

/// What a [`Progress`] setting shows, once the terminal question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// Nothing; the clock is never read.
    Off,
    /// A bar redrawn in place, visible once the work has run for `delay`.
    Bar {
        /// Wall time before the bar appears.
        delay: Duration,
    },
    /// Plain status lines, about one per [`LINE_INTERVAL`], and one at the end.
    Lines,
}

impl Progress {
    /// What this setting shows when stderr is (or is not) an interactive
    /// terminal. Pure: the environment is not consulted.
    pub fn report(self, stderr_is_terminal: bool) -> Report {
        match (self, stderr_is_terminal) {
            (Progress::Never, _) | (Progress::Auto, false) => Report::Off,
            (Progress::Auto, true) => Report::Bar { delay: AUTO_DELAY },
            (Progress::Always, true) => Report::Bar {
                delay: Duration::ZERO,
            },
            (Progress::Always, false) => Report::Lines,
        }
    }

    /// Parses a value of `SNN_PROGRESS` (`auto`, `always`/`1`/`on`,
    /// `never`/`0`/`off`, any case); `None` for anything else.
    pub fn parse(value: &str) -> Option<Progress> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Progress::Auto),
            "always" | "1" | "on" | "true" => Some(Progress::Always),
            "never" | "0" | "off" | "false" => Some(Progress::Never),
            _ => None,
        }
    }

    /// This setting with `Auto` replaced by `SNN_PROGRESS` (read once per
    /// process), resolved against the real stderr.
    pub fn resolve(self) -> Report {
        static FROM_ENV: OnceLock<Option<Progress>> = OnceLock::new();
        let setting = match self {
            Progress::Auto => FROM_ENV
                .get_or_init(|| {
                    std::env::var("SNN_PROGRESS")
                        .ok()
                        .and_then(|v| Progress::parse(&v))
                })
                .unwrap_or(Progress::Auto),
            other => other,
        };
        if setting == Progress::Never {
            return Report::Off;
        }
        setting.report(stderr_is_terminal())
    }
}

/// Whether stderr is an interactive terminal that can redraw a bar
/// (`TERM=dumb`, or no `TERM` outside Windows, does not count; `TERM` is
/// read once per process).
pub fn stderr_is_terminal() -> bool {
    static DUMB: OnceLock<bool> = OnceLock::new();
    let dumb = *DUMB.get_or_init(|| match std::env::var("TERM") {
        Ok(term) => term == "dumb",
        Err(_) => !cfg!(windows),
    });
    std::io::stderr().is_terminal() && !dumb
}

/// What is being counted.
#[derive(Debug, Clone)]
enum Kind {
    /// Simulation steps of `dt` seconds, from simulated time `t0`.
    Steps { t0: f64, dt: f64 },
    /// Named items (objects of a build…); `verb` says what is done to them.
    Items { verb: &'static str },
}

/// Where reports go.
enum Sink {
    /// An indicatif bar; hidden until `target` is given to it.
    Bar {
        bar: ProgressBar,
        /// The visible target, until it is handed to the bar.
        target: Option<ProgressDrawTarget>,
        /// When the bar appears (for steps, checked at each clock read).
        reveal_at: Instant,
        /// For items: a thread that reveals the bar after the delay even
        /// while one item runs long.
        watchdog: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
        /// Leave the finished bar on screen (shown from the start) or clear it.
        keep: bool,
    },
    /// Plain lines.
    Lines {
        out: Box<dyn Write + Send>,
        last: Option<Instant>,
        item: String,
    },
}

struct Active {
    kind: Kind,
    len: u64,
    start: Instant,
    last_check: Instant,
    last_done: u64,
    stride: u64,
    clock_reads: u64,
    sink: Sink,
}

/// Counts work done and reports it on stderr as a [`Progress`] setting asks.
///
/// Used by the simulator (steps) and by the NEF build (objects). Dropping a
/// tracker without [`finish`](Self::finish) (an error stopped the work)
/// clears its bar.
pub struct Tracker {
    /// The `done` count at which the clock is read next (`u64::MAX`: never).
    next_check: u64,
    active: Option<Box<Active>>,
}

impl fmt::Debug for Tracker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tracker")
            .field("active", &self.active.is_some())
            .field("next_check", &self.next_check)
            .finish()
    }
}

impl Tracker {
    /// A tracker that reports nothing.
    pub fn off() -> Self {
        Self {
            next_check: u64::MAX,
            active: None,
        }
    }

    /// Tracks `n` simulation steps of `dt` seconds starting at simulated
    /// time `t0`.
    pub fn steps(progress: Progress, n: u64, t0: f64, dt: f64) -> Self {
        Self::new(Kind::Steps { t0, dt }, n, progress.resolve(), None)
    }

    /// Tracks `n` named items; `verb` ("building") heads the report.
    pub fn items(progress: Progress, n: u64, verb: &'static str) -> Self {
        Self::new(Kind::Items { verb }, n, progress.resolve(), None)
    }

    /// A tracker reporting as `report` says, writing to `target` (a bar's target, or the
    /// writer of status lines) instead of stderr.
    fn new(kind: Kind, len: u64, report: Report, target: Option<Target>) -> Self {
        if len == 0 {
            return Self::off();
        }
        let now = Instant::now();
        let sink = match report {
            Report::Off => return Self::off(),
            Report::Lines => Sink::Lines {
                out: match target {
                    Some(Target::Writer(w)) => w,
                    _ => Box::new(std::io::stderr()),
                },
                last: None,
                item: String::new(),
            },
            Report::Bar { delay } => {
                let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden())
                    .with_style(style(&kind, len));
                let target = match target {
                    Some(Target::Bar(t)) => t,
                    _ => ProgressDrawTarget::stderr(),
                };
                let mut sink = Sink::Bar {
                    bar,
                    target: Some(target),
                    reveal_at: now + delay,
                    watchdog: None,
                    keep: delay.is_zero(),
                };
                if delay.is_zero() {
                    sink.reveal(&kind);
                } else if matches!(kind, Kind::Items { .. }) {
                    sink.spawn_watchdog(delay);
                }
                sink
            }
        };
        Self {
            next_check: 0,
            active: Some(Box::new(Active {
                kind,
                len,
                start: now,
                last_check: now,
                last_done: 0,
                stride: 1,
                clock_reads: 0,
                sink,
            })),
        }
    }

    /// Whether anything may be shown (false: every call is a no-op).
    pub fn is_active(&self) -> bool {
        self.active.is_some()
    }

    /// Records that `done` units are complete. Cheap: the clock is read only
    /// every `stride` units.
    #[inline]
    pub fn tick(&mut self, done: u64) {
        if done >= self.next_check {
            self.check(done);
        }
    }

    #[cold]
    #[inline(never)]
    fn check(&mut self, done: u64) {
        let Some(a) = self.active.as_deref_mut() else {
            self.next_check = u64::MAX;
            return;
        };
        let now = Instant::now();
        a.clock_reads += 1;
        let since = now.saturating_duration_since(a.last_check);
        let units = done.saturating_sub(a.last_done).max(1);
        // Aim the next read CHECK_INTERVAL ahead, growing at most twofold.
        let aimed = if since.is_zero() {
            u64::MAX
        } else {
            (units as f64 * CHECK_INTERVAL.as_secs_f64() / since.as_secs_f64()) as u64
        };
        a.stride = aimed.clamp(1, a.stride.saturating_mul(2));
        a.last_check = now;
        a.last_done = done;
        self.next_check = done.saturating_add(a.stride);
        a.report(done, now);
    }

    /// Announces the item about to be worked on, after `done` items
    /// finished. `name` is only called when something may be shown.
    pub fn item(&mut self, done: u64, name: impl FnOnce() -> String) {
        let Some(a) = self.active.as_deref_mut() else {
            return;
        };
        let name = name();
        match &mut a.sink {
            Sink::Bar { bar, .. } => bar.set_message(name),
            Sink::Lines { item, .. } => *item = name,
        }
        a.clock_reads += 1;
        a.report(done, Instant::now());
    }

    /// Ends the work: a bar shown from the start stays on screen, a bar
    /// that appeared late is cleared, status lines end with a summary.
    pub fn finish(mut self) {
        if let Some(a) = self.active.take() {
            a.close(true);
        }
    }

    /// Clock reads so far (for tests of the hot path's cost).
    #[cfg(test)]
    fn clock_reads(&self) -> u64 {
        self.active.as_ref().map_or(0, |a| a.clock_reads)
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        if let Some(a) = self.active.take() {
            a.close(false);
        }
    }
}

/// A destination other than stderr (only tests build one).
#[cfg_attr(not(test), allow(dead_code))]
enum Target {
    Bar(ProgressDrawTarget),
    Writer(Box<dyn Write + Send>),
}

impl Sink {
    fn reveal(&mut self, kind: &Kind) {
        if let Sink::Bar { bar, target, .. } = self {
            if let Some(t) = target.take() {
                bar.set_draw_target(t);
                if matches!(kind, Kind::Items { .. }) {
                    bar.enable_steady_tick(STEADY_TICK);
                }
                bar.tick();
            }
        }
    }

    fn spawn_watchdog(&mut self, delay: Duration) {
        if let Sink::Bar {
            bar,
            target,
            watchdog,
            ..
        } = self
        {
            let Some(t) = target.take() else { return };
            let bar = bar.clone();
            let (stop, wait) = mpsc::channel::<()>();
            let handle = std::thread::spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(delay) {
                    if !bar.is_finished() {
                        bar.set_draw_target(t);
                        bar.enable_steady_tick(STEADY_TICK);
                    }
                }
            });
            *watchdog = Some((stop, handle));
        }
    }
}

impl Active {
    fn report(&mut self, done: u64, now: Instant) {
        let elapsed = now.saturating_duration_since(self.start);
        match &mut self.sink {
            Sink::Bar {
                bar,
                target,
                reveal_at,
                ..
            } => {
                bar.set_position(done);
                if target.is_some() && now >= *reveal_at {
                    self.sink.reveal(&self.kind);
                }
            }
            Sink::Lines { out, last, item } => {
                if last.is_none_or(|t| now.saturating_duration_since(t) >= LINE_INTERVAL) {
                    *last = Some(now);
                    let line = status_line(&self.kind, done, self.len, elapsed, item);
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }

    fn close(self, completed: bool) {
        let elapsed = self.start.elapsed();
        match self.sink {
            Sink::Bar {
                bar,
                watchdog,
                keep,
                ..
            } => {
                if let Some((stop, handle)) = watchdog {
                    drop(stop);
                    let _ = handle.join();
                }
                if completed && keep {
                    bar.set_position(self.len);
                    if matches!(self.kind, Kind::Items { .. }) {
                        bar.set_message("done");
                    }
                    bar.finish();
                } else {
                    bar.finish_and_clear();
                }
            }
            Sink::Lines { mut out, .. } => {
                if completed {
                    let line = summary_line(&self.kind, self.len, elapsed);
                    let _ = writeln!(out, "{line}");
                }
                let _ = out.flush();
            }
        }
    }
}

impl super::Simulator {
    /// Sets when [`run`](super::Simulator::run) and
    /// [`run_steps`](super::Simulator::run_steps) report progress on stderr
    /// (default [`Progress::Auto`]: a bar on a terminal for runs longer
    /// than [`AUTO_DELAY`], silent in pipes, CI and tests).
    /// [`step`](super::Simulator::step) never reports.
    ///
    /// ```
    /// use snn_core::simulator::Progress;
    /// use snn_core::{CompiledNetwork, Simulator};
    ///
    /// # fn main() -> Result<(), snn_core::SimError> {
    /// let mut sim = Simulator::from_compiled(CompiledNetwork::new(0.001))?;
    /// sim.set_progress(Progress::Never);
    /// assert_eq!(sim.progress(), Progress::Never);
    /// sim.run(0.1)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn set_progress(&mut self, progress: Progress) {
        self.exec.progress = progress;
    }

    /// The progress setting (see [`set_progress`](Self::set_progress)).
    pub fn progress(&self) -> Progress {
        self.exec.progress
    }
}

#[cfg(test)]
mod tests;
