//! CSV tables (RFC 4180): a header row of column names, then one row per
//! sample, written with the `csv` crate.
//!
//! Numbers are written in the shortest form that reads back to the same
//! `f64` (decimal for magnitudes in `[1e-5, 1e16)`, scientific otherwise;
//! `NaN`, `inf`, `-inf` as such): `csv` writes fields, not numbers, so
//! [`push_number`] formats them. The crate quotes a name that holds a comma,
//! a quote or a line break (quotes doubled). Lines end in `\n`.

use super::FileError;
use nalgebra::DMatrix;
use std::fs::File;
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
    let mut out = writer(File::create(path).map_err(io)?);
    write_header(&mut out, times.is_some(), names).map_err(io)?;
    let mut number = String::new();
    for r in 0..data.nrows() {
        if let Some(t) = times {
            write_number(&mut out, &mut number, t[r]).map_err(io)?;
        }
        for c in 0..data.ncols() {
            write_number(&mut out, &mut number, data[(r, c)]).map_err(io)?;
        }
        end_record(&mut out).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// A CSV writer with `\n` line ends (the crate's default quoting: only
/// fields that need it).
pub(crate) fn writer(file: File) -> csv::Writer<File> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(file)
}

/// Writes the header row: `t` when `time`, then the names.
pub(crate) fn write_header(
    out: &mut csv::Writer<File>,
    time: bool,
    names: &[impl AsRef<str>],
) -> std::io::Result<()> {
    if time {
        out.write_field("t")?;
    }
    for name in names {
        out.write_field(name.as_ref())?;
    }
    end_record(out)
}

/// Writes `v` as the next field, formatted by [`push_number`] into the
/// reused buffer `text`.
pub(crate) fn write_number(
    out: &mut csv::Writer<File>,
    text: &mut String,
    v: f64,
) -> std::io::Result<()> {
    text.clear();
    push_number(text, v);
    Ok(out.write_field(text.as_bytes())?)
}

/// Ends the current row.
pub(crate) fn end_record(out: &mut csv::Writer<File>) -> std::io::Result<()> {
    Ok(out.write_record(None::<&[u8]>)?)
}

/// Appends the shortest text that parses back to `v`.
fn push_number(line: &mut String, v: f64) {
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
}
