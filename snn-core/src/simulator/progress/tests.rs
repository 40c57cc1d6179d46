//! What a tracker shows, and its cost, without timing assertions.

use super::*;
use std::sync::{Arc, Mutex};

#[test]
fn auto_without_terminal_shows_nothing() {
    assert_eq!(Progress::Auto.report(false), Report::Off);
    assert_eq!(Progress::Never.report(false), Report::Off);
    assert_eq!(Progress::Never.report(true), Report::Off);
}

#[test]
fn auto_on_terminal_waits_and_always_does_not() {
    assert_eq!(
        Progress::Auto.report(true),
        Report::Bar { delay: AUTO_DELAY }
    );
    assert_eq!(
        Progress::Always.report(true),
        Report::Bar {
            delay: Duration::ZERO
        }
    );
    assert_eq!(Progress::Always.report(false), Report::Lines);
}

#[test]
fn env_values_parse_case_insensitively() {
    assert_eq!(Progress::parse("NEVER"), Some(Progress::Never));
    assert_eq!(Progress::parse(" off "), Some(Progress::Never));
    assert_eq!(Progress::parse("Always"), Some(Progress::Always));
    assert_eq!(Progress::parse("1"), Some(Progress::Always));
    assert_eq!(Progress::parse("auto"), Some(Progress::Auto));
    assert_eq!(Progress::parse("sometimes"), None);
}

#[test]
fn an_off_tracker_never_reads_the_clock() {
    let mut t = Tracker::new(Kind::Steps { t0: 0.0, dt: 1e-3 }, 1000, Report::Off, None);
    for k in 1..=1000 {
        t.tick(k);
    }
    assert!(!t.is_active());
    assert_eq!(t.clock_reads(), 0);
    assert_eq!(t.next_check, u64::MAX);
    t.finish();
}

#[test]
fn an_empty_run_is_never_tracked() {
    let t = Tracker::new(Kind::Steps { t0: 0.0, dt: 1e-3 }, 0, Report::Lines, None);
    assert!(!t.is_active());
}

/// A terminal that records what is written to it.
#[derive(Debug, Clone, Default)]
struct Screen(Arc<Mutex<String>>);

impl indicatif::TermLike for Screen {
    fn width(&self) -> u16 {
        120
    }
    fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
        Ok(())
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.write_str(s)?;
        self.write_str("\n")
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.lock().unwrap().push_str(s);
        Ok(())
    }
    fn clear_line(&self) -> std::io::Result<()> {
        Ok(())
    }
    fn flush(&self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A writer that keeps what is written to it.
#[derive(Debug, Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn always_on_a_terminal_draws_the_bar_with_simulated_time_and_speed() {
    let screen = Screen::default();
    let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
    let display = Progress::Always.report(true);
    let kind = Kind::Steps { t0: 0.0, dt: 1e-3 };
    let mut t = Tracker::new(kind, 2000, display, Some(Target::Bar(target)));
    for k in 1..=2000 {
        t.tick(k);
    }
    t.finish();
    let drawn = screen.0.lock().unwrap().clone();
    assert!(drawn.contains("simulating"), "{drawn}");
    assert!(drawn.contains("2.000/2.000 s"), "{drawn}");
    assert!(drawn.contains("steps/s"), "{drawn}");
    assert!(drawn.contains("100%"), "{drawn}");
}

#[test]
fn a_delayed_bar_stays_hidden_and_reads_the_clock_rarely() {
    let screen = Screen::default();
    let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
    let display = Report::Bar {
        delay: Duration::from_secs(3600),
    };
    let n = 1_000_000;
    let kind = Kind::Steps { t0: 0.0, dt: 1e-3 };
    let mut t = Tracker::new(kind, n, display, Some(Target::Bar(target)));
    for k in 1..=n {
        t.tick(k);
    }
    // The stride doubles while reads come faster than CHECK_INTERVAL:
    // a loop doing nothing reads the clock about log2(n) times.
    assert!(t.clock_reads() < 1000, "{} reads", t.clock_reads());
    t.finish();
    assert!(screen.0.lock().unwrap().is_empty());
}

#[test]
fn always_without_terminal_writes_status_lines_and_a_summary() {
    let log = Log::default();
    let display = Progress::Always.report(false);
    let kind = Kind::Steps { t0: 1.0, dt: 1e-3 };
    let mut t = Tracker::new(
        kind,
        500,
        display,
        Some(Target::Writer(Box::new(log.clone()))),
    );
    for k in 1..=500 {
        t.tick(k);
    }
    t.finish();
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("snn: simulating 1.001/1.500 s"),
        "{text}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("snn: simulated 0.500 s in"),
        "{text}"
    );
}

#[test]
fn items_report_their_names() {
    let log = Log::default();
    let kind = Kind::Items { verb: "building" };
    let mut t = Tracker::new(
        kind,
        3,
        Report::Lines,
        Some(Target::Writer(Box::new(log.clone()))),
    );
    t.item(0, || "ensemble a".into());
    t.item(1, || "connection a -> b".into());
    t.item(2, || "probe p".into());
    t.finish();
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.starts_with("snn: building 0/3 (0%) ensemble a"),
        "{text}"
    );
    assert!(text.contains("snn: building: 3 done in"), "{text}");
}

#[test]
fn a_dropped_tracker_writes_no_summary() {
    let log = Log::default();
    let kind = Kind::Items { verb: "building" };
    let mut t = Tracker::new(
        kind,
        3,
        Report::Lines,
        Some(Target::Writer(Box::new(log.clone()))),
    );
    t.item(0, || "ensemble a".into());
    drop(t);
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
}
