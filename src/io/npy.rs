//! NumPy's `.npy` format, through the `npyz` crate.
//!
//! A file is the magic string `\x93NUMPY`, a version, the header length,
//! the header (a Python dict literal giving dtype, order and shape, padded
//! so that the data starts at a multiple of 64 bytes), then the raw array.
//! `npyz` writes and parses all of that (versions 1.0 to 3.0); what is ours
//! is the mapping to a `DMatrix<f64>`: we write `'<f8'` in C order, shape
//! `(rows, columns)`, and read `f64` arrays of one or two dimensions in
//! either order, with the data's length checked against the shape before
//! anything is decoded.
//!
//! Cost: one pass over the matrix, `8 · rows · columns` bytes through a
//! buffered writer; loading reads the whole file, then decodes it once.

use super::FileError;
use nalgebra::DMatrix;
use npyz::WriterBuilder;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

/// Saves `data` as a NumPy `.npy` file (format 1.0, `'<f8'`, C order,
/// shape `(rows, columns)`): `numpy.load(path)` gives the same values.
pub fn save_npy(path: impl AsRef<Path>, data: &DMatrix<f64>) -> Result<(), FileError> {
    let path = path.as_ref();
    let (rows, cols) = data.shape();
    let io = |e| FileError::io(path, e);
    let mut out = BufWriter::new(File::create(path).map_err(io)?);
    let mut writer = npyz::WriteOptions::new()
        .default_dtype()
        .shape(&[rows as u64, cols as u64])
        .writer(&mut out)
        .begin_nd()
        .map_err(io)?;
    // C order: row by row, while the matrix is stored column by column.
    for r in 0..rows {
        writer.extend(data.row(r).iter().copied()).map_err(io)?;
    }
    writer.finish().map_err(io)?;
    out.flush().map_err(io)
}

/// Loads a NumPy `.npy` file of `f64` values (`'<f8'`, or big-endian
/// `'>f8'`), in C or Fortran order, of 1 dimension (read as one column) or
/// 2, in format version 1.0, 2.0 or 3.0.
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
    if !bytes.starts_with(b"\x93NUMPY") {
        return Err("it does not start with \\x93NUMPY".into());
    }
    let mut data = bytes;
    let header = npyz::NpyHeader::from_reader(&mut data).map_err(|e| format!("header: {e}"))?;
    let (rows, cols) = match header.shape()[..] {
        [n] => (n, 1),
        [r, c] => (r, c),
        ref dims => {
            return Err(format!(
                "shape {dims:?} has {} dimensions; only 1 or 2 are read",
                dims.len()
            ))
        }
    };
    let npy = npyz::NpyFile::new(bytes).map_err(|e| format!("header: {e}"))?;
    let descr = npy.dtype().descr();
    if !matches!(descr.as_str(), "'<f8'" | "'>f8'") {
        return Err(format!("dtype {descr} is not f64 ('<f8')"));
    }
    let count = usize::try_from(rows)
        .ok()
        .zip(usize::try_from(cols).ok())
        .and_then(|(r, c)| r.checked_mul(c))
        .filter(|n| n.checked_mul(8).is_some())
        .ok_or("the shape is too large")?;
    if data.len() != count * 8 {
        return Err(format!(
            "shape ({rows}, {cols}) needs {} bytes of data, the file has {}",
            count * 8,
            data.len()
        ));
    }
    let fortran = npy.order() == npyz::Order::Fortran;
    let values: Vec<f64> = npy.into_vec().map_err(|e| format!("data: {e}"))?;
    let (rows, cols) = (rows as usize, cols as usize);
    Ok(if fortran {
        DMatrix::from_vec(rows, cols, values)
    } else {
        DMatrix::from_row_iterator(rows, cols, values)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version 1.0 file with this header dict and data bytes.
    fn npy_bytes(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut file = Vec::new();
        file.extend_from_slice(b"\x93NUMPY");
        file.extend_from_slice(&[1, 0]);
        file.extend_from_slice(&(dict.len() as u16).to_le_bytes());
        file.extend_from_slice(dict.as_bytes());
        file.extend_from_slice(data);
        file
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
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3), }";
        let err = parse(&npy_bytes(dict, &data)).unwrap_err();
        assert!(err.contains("3 dimensions"), "{err}");
    }

    #[test]
    fn reads_big_endian_f64_too() {
        let data: Vec<u8> = [1.5f64, -2.0]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        let dict = "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }";
        let m = parse(&npy_bytes(dict, &data)).unwrap();
        assert_eq!(m, DMatrix::from_row_slice(1, 2, &[1.5, -2.0]));
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
