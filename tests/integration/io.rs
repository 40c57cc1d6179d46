//! Data out: `.npy` and CSV files read back in Rust and, when NumPy is
//! installed, by NumPy itself.

use nalgebra::DMatrix;
use snn::io::{self, FileError};
use snn::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("io-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 2-D oscillating input represented by an ensemble, probed twice: every
/// step, and every 5 ms.
fn simulated() -> (Simulator, ProbeId, ProbeId) {
    let mut net = Network::with_seed(3);
    let stim = net
        .node("stim", Node::time(|t| [(6.0 * t).sin(), (6.0 * t).cos()]))
        .unwrap();
    let a = net.ensemble("a", Ensemble::new(80, 2)).unwrap();
    net.connect(Connection::new(stim, a)).unwrap();
    let every = net.probe(Probe::new(a).synapse(0.01)).unwrap();
    let sparse = net
        .probe(Probe::new(a).synapse(0.01).sample_every(0.005))
        .unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run(0.2).unwrap();
    (sim, every, sparse)
}

/// Splits an `.npy` file into (version, header text, data values).
fn read_npy_parts(path: &Path) -> ((u8, u8), String, Vec<f64>) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..6], b"\x93NUMPY");
    let len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    let header = String::from_utf8(bytes[10..10 + len].to_vec()).unwrap();
    let data = bytes[10 + len..]
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap()))
        .collect();
    ((bytes[6], bytes[7]), header, data)
}

#[test]
fn npy_round_trip_keeps_shape_order_and_bits() {
    let dir = scratch("npy-round-trip");
    let m = DMatrix::from_row_slice(
        3,
        2,
        &[1.0, -2.5, 1e-300, f64::INFINITY, f64::NAN, 0.1 + 0.2],
    );
    let path = dir.join("m.npy");
    io::save_npy(&path, &m).unwrap();

    let (version, header, data) = read_npy_parts(&path);
    assert_eq!(version, (1, 0));
    assert_eq!(
        (10 + header.len()) % 64,
        0,
        "data must start 64-byte aligned"
    );
    assert!(header.ends_with('\n'));
    // The shape tuple as npyz spells it (a trailing comma); NumPy reads it
    // (numpy_loads_the_npy_and_csv_files_with_shape_and_values).
    assert_eq!(
        header.trim_end(),
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2, ), }"
    );
    // C order: row by row.
    let row_major: Vec<u64> = (0..3)
        .flat_map(|r| (0..2).map(move |c| (r, c)))
        .map(|rc| m[rc].to_bits())
        .collect();
    assert_eq!(
        data.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
        row_major
    );

    let back = io::load_npy(&path).unwrap();
    assert_eq!(back.shape(), (3, 2));
    assert!(back
        .iter()
        .zip(m.iter())
        .all(|(a, b)| a.to_bits() == b.to_bits()));
}

#[test]
fn empty_matrix_saves_with_its_shape() {
    let dir = scratch("npy-empty");
    let path = dir.join("empty.npy");
    io::save_npy(&path, &DMatrix::zeros(0, 3)).unwrap();
    let (_, header, data) = read_npy_parts(&path);
    assert!(header.contains("'shape': (0, 3, )"), "{header}");
    assert!(data.is_empty());
    assert_eq!(io::load_npy(&path).unwrap().shape(), (0, 3));
}

#[test]
fn probe_npy_holds_exactly_the_probe_data() {
    let dir = scratch("probe-npy");
    let (sim, every, sparse) = simulated();
    for (probe, rows) in [(every, 200), (sparse, 40)] {
        let path = dir.join(format!("p{rows}.npy"));
        io::save_probe_npy(&sim, probe, &path).unwrap();
        let back = io::load_npy(&path).unwrap();
        assert_eq!(back.shape(), (rows, 2));
        assert_eq!(back, sim.data(probe).unwrap());
    }
}

#[test]
fn probe_csv_has_time_column_named_dimensions_and_one_row_per_sample() {
    let dir = scratch("probe-csv");
    let (sim, _, sparse) = simulated();
    let path = dir.join("a.csv");
    io::save_probe_csv(&sim, sparse, &path, "a").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("t,a_0,a_1"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    let times = sim.probe_trange(sparse).unwrap();
    let data = sim.data(sparse).unwrap();
    assert_eq!(rows.len(), 40);
    for (k, row) in rows.iter().enumerate() {
        // Exact: numbers are written in a form that reads back bit for bit.
        assert_eq!(row, &vec![times[k], data[(k, 0)], data[(k, 1)]]);
    }
    assert!((rows[0][0] - 0.005).abs() < 1e-12);
}

#[test]
fn probe_csv_after_take_data_labels_each_row_with_its_own_time() {
    // Before: take_data left probe_trange with every step's time (20 times
    // for 10 rows), so save_probe_csv refused, and the times handed out
    // were shifted (a sample of t = 0.030 labelled 0.020).
    let dir = scratch("probe-csv-after-take");
    let mut net = Network::with_seed(0);
    let clock = net.node("clock", Node::time(|t| t)).unwrap();
    let probe = net.probe(Probe::new(clock)).unwrap();
    let mut sim = Simulator::new(&net).unwrap();
    sim.run_steps(10).unwrap();
    let (t, d) = sim.take_data(probe).unwrap();
    assert_eq!(t, d.column(0).iter().copied().collect::<Vec<_>>());
    sim.run_steps(10).unwrap();
    let path = dir.join("clock.csv");
    io::save_probe_csv(&sim, probe, &path, "clock").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 10);
    for row in &rows {
        assert_eq!(row[0], row[1], "the clock's value is its time");
    }
    assert!((rows[0][0] - 0.011).abs() < 1e-12);
}

#[test]
fn csv_takes_the_callers_column_names_and_quotes_them_when_needed() {
    let dir = scratch("csv-names");
    let path = dir.join("xy.csv");
    let data = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 3.0, 4.0]);
    io::save_csv(&path, &[0.001, 0.002], &data, &["x", "y, scaled"]).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "t,x,\"y, scaled\"\n0.001,1,2\n0.002,3,4\n");

    let owned = io::column_names("u", 2);
    assert_eq!(owned, ["u_0", "u_1"]);
    io::save_table_csv(&path, &data, &owned).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "u_0,u_1\n1,2\n3,4\n"
    );
}

#[test]
fn csv_names_with_quotes_or_line_breaks_are_quoted_with_quotes_doubled() {
    let dir = scratch("csv-quotes");
    let path = dir.join("q.csv");
    let data = DMatrix::from_row_slice(1, 3, &[1.0, 2.0, 3.0]);
    io::save_table_csv(&path, &data, &["say \"hi\"", "two\nlines", "plain"]).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\"say \"\"hi\"\"\",\"two\nlines\",plain\n1,2,3\n"
    );
}

#[test]
fn tuning_curves_export_inputs_then_activities() {
    let dir = scratch("tuning");
    let mut net = Network::with_seed(1);
    let a = net.ensemble("a", Ensemble::new(7, 1)).unwrap();
    let curves = tuning_curves(&net.build(BuildOptions::default()).unwrap(), a, None).unwrap();
    io::save_tuning_npy(dir.join("tc.npy"), &curves).unwrap();
    let back = io::load_npy(dir.join("tc.npy")).unwrap();
    assert_eq!(back.shape(), (50, 8));
    assert_eq!(back.column(0), curves.inputs.column(0));
    assert_eq!(back.column(7), curves.activities.column(6));

    let resp = response_curves(&net.build(BuildOptions::default()).unwrap(), a, 11).unwrap();
    io::save_tuning_csv(dir.join("rc.csv"), &resp).unwrap();
    let text = std::fs::read_to_string(dir.join("rc.csv")).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("x_0,neuron_0,neuron_1,neuron_2,neuron_3,neuron_4,neuron_5,neuron_6")
    );
    assert_eq!(text.lines().count(), 12);
}

#[test]
fn unwritable_path_is_an_io_error_naming_the_file() {
    let dir = scratch("unwritable");
    let path = dir.join("no-such-dir").join("m.npy");
    let err = io::save_npy(&path, &DMatrix::zeros(2, 2)).unwrap_err();
    assert!(matches!(err, FileError::Io { .. }), "{err:?}");
    assert_eq!(err.path(), path);
    assert!(err.to_string().contains("no-such-dir"), "{err}");

    // A directory is not a file either.
    let err = io::save_csv(&dir, &[0.0], &DMatrix::zeros(1, 1), &["x"]).unwrap_err();
    assert!(matches!(err, FileError::Io { .. }), "{err:?}");
    let err = io::load_npy(dir.join("missing.npy")).unwrap_err();
    assert!(matches!(err, FileError::Io { .. }), "{err:?}");
}

#[test]
fn mismatched_names_or_times_are_refused_before_writing() {
    let dir = scratch("mismatch");
    let path = dir.join("bad.csv");
    let data = DMatrix::zeros(3, 2);
    let err = io::save_csv(&path, &[0.0, 1.0, 2.0], &data, &["only one"]).unwrap_err();
    match &err {
        FileError::NameCount { names, columns, .. } => assert_eq!((*names, *columns), (1, 2)),
        other => panic!("expected NameCount, got {other:?}"),
    }
    assert!(err.to_string().contains("bad.csv"), "{err}");
    let err = io::save_csv(&path, &[0.0], &data, &["x", "y"]).unwrap_err();
    match &err {
        FileError::RowCount { times, rows, .. } => assert_eq!((*times, *rows), (1, 3)),
        other => panic!("expected RowCount, got {other:?}"),
    }
    let err = io::save_table_csv(&path, &data, &["a", "b", "c"]).unwrap_err();
    assert!(matches!(err, FileError::NameCount { .. }), "{err:?}");
    assert!(
        !path.exists(),
        "nothing is written when the arguments disagree"
    );
}

#[test]
fn a_probe_of_another_simulator_is_a_probe_error() {
    let dir = scratch("foreign-probe");
    let (sim, ..) = simulated();
    let mut other = Network::with_seed(0);
    let b = other.ensemble("b", Ensemble::new(10, 1)).unwrap();
    let foreign = other.probe(Probe::new(b)).unwrap();
    let path = dir.join("p.csv");
    let err = io::save_probe_csv(&sim, foreign, &path, "b").unwrap_err();
    assert!(matches!(err, FileError::Probe { .. }), "{err:?}");
    assert!(err.to_string().contains("p.csv"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_csv_file_is_not_loaded_as_npy() {
    let dir = scratch("not-npy");
    let path = dir.join("x.csv");
    io::save_table_csv(&path, &DMatrix::zeros(1, 1), &["x"]).unwrap();
    let err = io::load_npy(&path).unwrap_err();
    assert!(matches!(err, FileError::Format { .. }), "{err:?}");
    assert!(err.to_string().contains("x.csv"), "{err}");
}

/// Whether `python3` can import NumPy here.
fn numpy_available() -> bool {
    Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|o| o.status.success())
}

const NUMPY_CHECK: &str = r#"
import json, sys
import numpy as np
a = np.load(sys.argv[1])
c = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, ndmin=2)
with open(sys.argv[2]) as f:
    header = f.readline().strip()
np.save(sys.argv[3], np.asfortranarray(a))
np.save(sys.argv[4], a[:, 1].copy())
print(json.dumps({
    "dtype": a.dtype.str,
    "shape": list(a.shape),
    "c_contiguous": bool(a.flags["C_CONTIGUOUS"]),
    "npy": a.view(np.uint64).tolist(),
    "csv_header": header,
    "csv": c.view(np.uint64).tolist(),
}))
"#;

#[test]
fn numpy_loads_the_npy_and_csv_files_with_shape_and_values() {
    if !numpy_available() {
        println!("note: skipped, `python3 -c \"import numpy\"` fails here");
        return;
    }
    let dir = scratch("numpy");
    let (sim, every, _) = simulated();
    let (npy, csv) = (dir.join("a.npy"), dir.join("a.csv"));
    io::save_probe_npy(&sim, every, &npy).unwrap();
    io::save_probe_csv(&sim, every, &csv, "a").unwrap();
    let out = Command::new("python3")
        .args(["-c", NUMPY_CHECK])
        .arg(&npy)
        .arg(&csv)
        .arg(dir.join("fortran.npy"))
        .arg(dir.join("column.npy"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let data = sim.data(every).unwrap();
    let times = sim.probe_trange(every).unwrap();
    assert_eq!(got["dtype"], "<f8");
    assert_eq!(got["shape"], serde_json::json!([200, 2]));
    assert_eq!(got["c_contiguous"], true);
    assert_eq!(got["csv_header"], "t,a_0,a_1");
    let npy_rows = got["npy"].as_array().unwrap();
    let csv_rows = got["csv"].as_array().unwrap();
    assert_eq!((npy_rows.len(), csv_rows.len()), (200, 200));
    for k in 0..200 {
        for d in 0..2 {
            // Compared bit for bit: Python sends the bits as integers.
            assert_eq!(npy_rows[k][d].as_u64(), Some(data[(k, d)].to_bits()));
            assert_eq!(csv_rows[k][d + 1].as_u64(), Some(data[(k, d)].to_bits()));
        }
        assert_eq!(csv_rows[k][0].as_u64(), Some(times[k].to_bits()));
    }
    // And back: NumPy's own files, in Fortran order and 1-D.
    assert_eq!(io::load_npy(dir.join("fortran.npy")).unwrap(), data);
    let column = io::load_npy(dir.join("column.npy")).unwrap();
    assert_eq!(column.shape(), (200, 1));
    assert_eq!(column.column(0), data.column(1));
}
