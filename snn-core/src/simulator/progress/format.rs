//! The text of reports: the bar's template, status lines and summaries.

use super::Kind;
use super::CHECK_INTERVAL;
use indicatif::{ProgressState, ProgressStyle};
use std::fmt;
use std::time::Duration;

/// The bar's look: simulated time, steps per second and ETA for steps;
/// count, current item and elapsed time for items.
pub(super) fn style(kind: &Kind, len: u64) -> ProgressStyle {
    let base = match kind {
        Kind::Steps { t0, dt } => {
            let (t0, dt) = (*t0, *dt);
            let end = t0 + len as f64 * dt;
            ProgressStyle::with_template(
                "{spinner:.green} simulating {sim_time} [{wide_bar:.cyan/blue}] {percent:>3}% {speed} ETA {eta}",
            )
            .map(|s| {
                s.with_key("sim_time", move |st: &ProgressState, w: &mut dyn fmt::Write| {
                    let _ = write!(w, "{:.3}/{end:.3} s", t0 + st.pos() as f64 * dt);
                })
                .with_key("speed", move |st: &ProgressState, w: &mut dyn fmt::Write| {
                    let _ = write!(w, "{}", speed(st.per_sec(), dt));
                })
            })
        }
        Kind::Items { verb } => ProgressStyle::with_template(&format!(
            "{{spinner:.green}} {verb} [{{bar:30.cyan/blue}}] {{pos}}/{{len}} {{wide_msg}} {{elapsed}}"
        )),
    };
    base.unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// `12.3k steps/s (0.81× real time)`.
fn speed(steps_per_sec: f64, dt: f64) -> String {
    format!(
        "{} steps/s ({:.2}× real time)",
        human(steps_per_sec),
        steps_per_sec * dt
    )
}

/// A count with a k/M suffix and three significant digits.
fn human(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    let (v, unit) = if x >= 1e6 {
        (x / 1e6, "M")
    } else if x >= 1e3 {
        (x / 1e3, "k")
    } else {
        (x, "")
    };
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$}{unit}")
}

pub(super) fn status_line(
    kind: &Kind,
    done: u64,
    len: u64,
    elapsed: Duration,
    item: &str,
) -> String {
    let secs = elapsed.as_secs_f64();
    let percent = 100.0 * done as f64 / len as f64;
    match kind {
        Kind::Steps { t0, dt } => {
            let mut line = format!(
                "snn: simulating {:.3}/{:.3} s ({percent:.0}%)",
                t0 + done as f64 * dt,
                t0 + len as f64 * dt,
            );
            // A rate measured over less than one check interval is noise.
            if elapsed >= CHECK_INTERVAL && done > 0 {
                let rate = done as f64 / secs;
                let eta = (len - done.min(len)) as f64 / rate;
                line += &format!(", {}, ETA {eta:.1} s", speed(rate, *dt));
            }
            line
        }
        Kind::Items { verb } => {
            format!("snn: {verb} {done}/{len} ({percent:.0}%) {item}, elapsed {secs:.1} s")
        }
    }
}

pub(super) fn summary_line(kind: &Kind, len: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    match kind {
        Kind::Steps { dt, .. } => format!(
            "snn: simulated {:.3} s in {secs:.2} s: {}",
            len as f64 * dt,
            speed(len as f64 / secs, *dt)
        ),
        Kind::Items { verb } => format!("snn: {verb}: {len} done in {secs:.2} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_read_as_humans_write_them() {
        assert_eq!(human(12_345.0), "12.3k");
        assert_eq!(human(999.0), "999");
        assert_eq!(human(2_500_000.0), "2.50M");
        assert_eq!(speed(1000.0, 1e-3), "1.00k steps/s (1.00× real time)");
    }
}
