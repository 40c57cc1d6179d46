//! CSV tables (RFC 4180): a header row of column names, then one row per
//! sample.
//!
//! Numbers are written in the shortest form that reads back to the same
//! `f64` (decimal for magnitudes in `[1e-5, 1e16)`, scientific otherwise;
//! `NaN`, `inf`, `-inf` as such). Names containing a comma, a quote or a
//! line break are quoted, with quotes doubled. Lines end in `\n`.

use super::FileError;
use nalgebra::DMatrix;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// `prefix_0, prefix_1, …, prefix_{n-1}`: the default names of the
/// dimensions of a signal.
pub fn column_names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}_{i}")).collect()
}

/// Saves a time series as CSV: header `t,<names…>`, then per row the time
/// and the data row. `times` must have one entry per row of `data` and
/// `names` one per column (see [`column_names`]).
pub fn save_csv(
    path: impl AsRef<Path>,
    times: &[f64],
    data: &DMatrix<f64>,
    names: &[impl AsRef<str>],
) -> Result<(), FileError> {
    let path = path.as_ref();
    if times.len() != data.nrows() {
        return Err(FileError::RowCount {
            path: path.to_path_buf(),
            times: times.len(),
            rows: data.nrows(),
        });
    }
    write_table(path, Some(times), data, names)
}

/// Saves a table as CSV without a time column: header `<names…>`, then
/// the data rows. `names` must have one entry per column of `data`.
pub fn save_table_csv(
    path: impl AsRef<Path>,
    data: &DMatrix<f64>,
    names: &[impl AsRef<str>],
) -> Result<(), FileError> {
    write_table(path.as_ref(), None, data, names)
}

fn write_table(
    path: &Path,
    times: Option<&[f64]>,
    data: &DMatrix<f64>,
    names: &[impl AsRef<str>],
) -> Result<(), FileError> {
    if names.len() != data.ncols() {
        return Err(FileError::NameCount {
            path: path.to_path_buf(),
            names: names.len(),
            columns: data.ncols(),
        });
    }
    let io = |e| FileError::io(path, e);
    let mut out = BufWriter::new(File::create(path).map_err(io)?);
    writeln!(out, "{}", header_line(times.is_some(), names)).map_err(io)?;
    let mut line = String::new();
    for r in 0..data.nrows() {
        line.clear();
        if let Some(t) = times {
            push_number(&mut line, t[r]);
        }
        for c in 0..data.ncols() {
            if !line.is_empty() || c > 0 {
                line.push(',');
            }
            push_number(&mut line, data[(r, c)]);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// The header row (without line end): `t,` when `time`, then the names.
pub(crate) fn header_line(time: bool, names: &[impl AsRef<str>]) -> String {
    let mut header: Vec<String> = Vec::with_capacity(names.len() + 1);
    if time {
        header.push("t".into());
    }
    header.extend(names.iter().map(|n| field(n.as_ref())));
    header.join(",")
}

/// A header field, quoted when it holds a comma, quote or line break.
fn field(name: &str) -> String {
    if name.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

/// Appends the shortest text that parses back to `v`.
pub(crate) fn push_number(line: &mut String, v: f64) {
    use std::fmt::Write as _;
    let a = v.abs();
    let _ = if v == 0.0 || !v.is_finite() || (1e-5..1e16).contains(&a) {
        write!(line, "{v}")
    } else {
        write!(line, "{v:e}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f64) -> String {
        let mut s = String::new();
        push_number(&mut s, v);
        s
    }

    #[test]
    fn numbers_are_short_and_read_back_exactly() {
        assert_eq!(number(0.001), "0.001");
        assert_eq!(number(1.0), "1");
        assert_eq!(number(-2.5e-12), "-2.5e-12");
        assert_eq!(number(3e20), "3e20");
        assert_eq!(number(f64::NAN), "NaN");
        for v in [
            0.1 + 0.2,
            1.0 / 3.0,
            6.02e23,
            -1e-300,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(number(v).parse::<f64>(), Ok(v));
        }
    }

    #[test]
    fn names_with_commas_or_quotes_are_quoted() {
        assert_eq!(field("a_0"), "a_0");
        assert_eq!(field("x, y"), "\"x, y\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
