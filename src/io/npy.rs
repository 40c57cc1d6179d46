//! NumPy's `.npy` format, written by hand.
//!
//! A file is the magic string `\x93NUMPY`, a version (major, minor byte),
//! the header length (`u16` little-endian in version 1.0, `u32` in 2.0 and
//! 3.0), the header (a Python dict literal, padded with spaces and a final
//! `\n` so that the data starts at a multiple of 64 bytes), then the raw
//! array. We write version 1.0, `'<f8'`, C order: the format is a page of
//! specification, so a dependency (and the array crate it would bring) buys
//! nothing; the round trip through NumPy itself is tested.
//!
//! Cost: one pass over the matrix, `8 · rows · columns` bytes through a
//! buffered writer.

use super::FileError;
use nalgebra::DMatrix;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// The data starts at a multiple of this many bytes.
const ALIGN: usize = 64;

/// The header of a `'<f8'` C-order array of `shape`, padded so that magic,
/// version, length and header together are a multiple of [`ALIGN`] bytes.
fn header(rows: usize, cols: usize) -> Vec<u8> {
    let dict = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, {cols}), }}");
    let unpadded = MAGIC.len() + 2 + 2 + dict.len() + 1;
    let pad = (ALIGN - unpadded % ALIGN) % ALIGN;
    let mut h = dict.into_bytes();
    h.extend(std::iter::repeat_n(b' ', pad));
    h.push(b'\n');
    h
}

/// Saves `data` as a NumPy `.npy` file (format 1.0, `'<f8'`, C order,
/// shape `(rows, columns)`): `numpy.load(path)` gives the same values.
pub fn save_npy(path: impl AsRef<Path>, data: &DMatrix<f64>) -> Result<(), FileError> {
    let path = path.as_ref();
    let (rows, cols) = data.shape();
    let header = header(rows, cols);
    let len = u16::try_from(header.len()).map_err(|_| FileError::Format {
        path: path.to_path_buf(),
        reason: format!("a header of {} bytes does not fit format 1.0", header.len()),
    })?;
    let io = |e| FileError::io(path, e);
    let mut out = BufWriter::new(File::create(path).map_err(io)?);
    out.write_all(MAGIC).map_err(io)?;
    out.write_all(&[1, 0]).map_err(io)?;
    out.write_all(&len.to_le_bytes()).map_err(io)?;
    out.write_all(&header).map_err(io)?;
    for r in 0..rows {
        for c in 0..cols {
            out.write_all(&data[(r, c)].to_le_bytes()).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// Loads a NumPy `.npy` file of little-endian `f64` (`'<f8'`) values,
/// in C or Fortran order, of 1 dimension (read as one column) or 2, in
/// format version 1.0, 2.0 or 3.0.
pub fn load_npy(path: impl AsRef<Path>) -> Result<DMatrix<f64>, FileError> {
    let path = path.as_ref();
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| FileError::io(path, e))?;
    parse(&bytes).map_err(|reason| FileError::Format {
        path: path.to_path_buf(),
        reason,
    })
}

/// Parses the bytes of an `.npy` file.
fn parse(bytes: &[u8]) -> Result<DMatrix<f64>, String> {
    if bytes.len() < 10 || &bytes[..6] != MAGIC {
        return Err("it does not start with \\x93NUMPY".into());
    }
    let (header_start, header_len) = match bytes[6] {
        1 => (10, usize::from(u16::from_le_bytes([bytes[8], bytes[9]]))),
        2 | 3 if bytes.len() >= 12 => (
            12,
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
        ),
        v => return Err(format!("format version {v}.{} is not supported", bytes[7])),
    };
    let data_start = header_start + header_len;
    let header = bytes
        .get(header_start..data_start)
        .and_then(|h| std::str::from_utf8(h).ok())
        .ok_or("the header is cut short or not text")?;
    let descr = dict_value(header, "descr")?;
    if !matches!(descr.trim(), "'<f8'" | "\"<f8\"") {
        return Err(format!(
            "dtype {} is not little-endian f64 ('<f8')",
            descr.trim()
        ));
    }
    let fortran = match dict_value(header, "fortran_order")?.trim() {
        "True" => true,
        "False" => false,
        other => return Err(format!("fortran_order is {other}")),
    };
    let (rows, cols) = shape(&dict_value(header, "shape")?)?;
    let count = rows
        .checked_mul(cols)
        .filter(|n| n.checked_mul(8).is_some())
        .ok_or("the shape is too large")?;
    let data = &bytes[data_start..];
    if data.len() != count * 8 {
        return Err(format!(
            "shape ({rows}, {cols}) needs {} bytes of data, the file has {}",
            count * 8,
            data.len()
        ));
    }
    let values = data
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
    Ok(if fortran {
        DMatrix::from_iterator(rows, cols, values)
    } else {
        DMatrix::from_row_iterator(rows, cols, values)
    })
}

/// The text of `key`'s value in a Python dict literal: up to the next
/// top-level comma or closing brace.
fn dict_value(header: &str, key: &str) -> Result<String, String> {
    let missing = || format!("the header has no '{key}'");
    let at = header
        .find(&format!("'{key}'"))
        .or_else(|| header.find(&format!("\"{key}\"")))
        .ok_or_else(missing)?;
    let rest = &header[at + key.len() + 2..];
    let rest = rest.trim_start().strip_prefix(':').ok_or_else(missing)?;
    let mut depth = 0usize;
    for (i, ch) in rest.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | '}' if depth == 0 => return Ok(rest[..i].to_string()),
            _ => {}
        }
    }
    Err(missing())
}

/// `(r, c)` or `(n,)` (one column); other ranks are refused.
fn shape(text: &str) -> Result<(usize, usize), String> {
    let inner = text
        .trim()
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(|| format!("shape {} is not a tuple", text.trim()))?;
    let dims = inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|_| format!("shape ({inner})")))
        .collect::<Result<Vec<_>, _>>()?;
    match dims[..] {
        [n] => Ok((n, 1)),
        [r, c] => Ok((r, c)),
        _ => Err(format!(
            "shape ({inner}) has {} dimensions; only 1 or 2 are read",
            dims.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version 1.0 file with this header dict and data bytes.
    fn npy_bytes(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut file = Vec::new();
        file.extend_from_slice(MAGIC);
        file.extend_from_slice(&[1, 0]);
        file.extend_from_slice(&(dict.len() as u16).to_le_bytes());
        file.extend_from_slice(dict.as_bytes());
        file.extend_from_slice(data);
        file
    }

    #[test]
    fn header_pads_data_to_64_bytes() {
        for (r, c) in [(0, 0), (1, 1), (1000, 3), (123_456_789, 12)] {
            let h = header(r, c);
            assert_eq!((10 + h.len()) % ALIGN, 0);
            assert_eq!(h.last(), Some(&b'\n'));
        }
    }

    #[test]
    fn parses_fortran_order_and_one_dimension() {
        let data: Vec<u8> = [1.0f64, 4.0, 2.0, 5.0, 3.0, 6.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }";
        let m = parse(&npy_bytes(dict, &data)).unwrap();
        assert_eq!(
            m,
            DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
        );
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }";
        let m = parse(&npy_bytes(dict, &data)).unwrap();
        assert_eq!(m.shape(), (6, 1));
        assert_eq!(m[(1, 0)], 4.0);
        assert!(shape("(2, 3, 4)").is_err());
    }

    #[test]
    fn refuses_other_dtypes_and_short_data() {
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
        let err = parse(&npy_bytes(dict, &1.0f32.to_le_bytes())).unwrap_err();
        assert!(err.contains("'<f4'"), "{err}");
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        let err = parse(&npy_bytes(dict, &1.0f64.to_le_bytes())).unwrap_err();
        assert!(err.contains("needs 16 bytes"), "{err}");
        assert!(parse(b"not numpy at all").is_err());
    }
}
