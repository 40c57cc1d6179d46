//! The not-a-knot cubic spline that Nengo's
//! `Piecewise(data, interpolation="cubic")` interpolates with.
//!
//! Nengo evaluates `scipy.interpolate.interp1d(tp, yp, axis=0,
//! kind="cubic", bounds_error=False, fill_value=0.0)`: scipy builds it as
//! `make_interp_spline(tp, yp, k=3)`, a cubic B-spline whose knots are the
//! data times without the second and the second-to-last one (the
//! "not-a-knot" conditions), and fills 0 outside `[tp[0], tp[-1]]`. That
//! function is a piecewise cubic, so this module stores it in piecewise
//! form (one cubic per interval, evaluated in three multiply-adds) and
//! builds it with one tridiagonal solve, as scipy's `CubicSpline` does; the
//! B-spline and the piecewise form agree to rounding.

/// A cubic interpolant of vector values at increasing times, each component
/// on its own: the function of Nengo's cubic `Piecewise`, scipy's
/// `interp1d(kind="cubic", fill_value=0.0)`.
///
/// On interval `i`, `[t_i, t_{i+1}]` with `h_i = t_{i+1} - t_i`, the
/// divided difference `m_i = (y_{i+1} - y_i) / h_i` and the slopes
/// `s_i = p'(t_i)`, the interpolant is the cubic Hermite polynomial
///
/// ```text
/// p(t) = y_i + s_i u + c_i u^2 + d_i u^3,   u = t - t_i,
/// c_i = (3 m_i - 2 s_i - s_{i+1}) / h_i,
/// d_i = (s_i + s_{i+1} - 2 m_i) / h_i^2,
/// ```
///
/// which takes the data values at both ends and the slopes `s_i`,
/// `s_{i+1}` there, so `p` and `p'` are continuous. The slopes make `p''`
/// continuous at the interior times and `p'''` continuous at `t_1` and
/// `t_{n-2}` (not-a-knot: the first two and the last two intervals are
/// each one cubic), see [`CubicSpline::not_a_knot`]. Outside
/// `[t_0, t_{n-1}]` it is 0, as Nengo's `Piecewise` outputs 0 before its
/// first and after its last time.
#[derive(Debug, Clone)]
pub(crate) struct CubicSpline {
    /// The data times `t_0 < t_1 < ... < t_{n-1}`, `n >= 4`.
    knots: Vec<f64>,
    /// The number of components of each value.
    dims: usize,
    /// The cubics, interval-major then component: interval `i`, component
    /// `j` is `coeffs[4 * (i * dims + j)..][..4] = [y_i, s_i, c_i, d_i]`.
    coeffs: Vec<f64>,
    /// The values at the last time, returned as they are at `t = t_{n-1}`
    /// (the last cubic evaluated at `u = h_{n-2}` is only within rounding
    /// of them; at every other time `u = 0` gives the data exactly).
    last: Vec<f64>,
}

impl CubicSpline {
    /// The not-a-knot cubic spline through `(times[i], values[i])`.
    ///
    /// The slopes solve `n` linear equations, tridiagonal (scipy's
    /// `CubicSpline` system). At the interior times, `i = 1..=n-2`,
    /// continuity of `p''`:
    ///
    /// ```text
    /// h_i s_{i-1} + 2 (h_{i-1} + h_i) s_i + h_{i-1} s_{i+1}
    ///     = 3 (h_i m_{i-1} + h_{i-1} m_i);
    /// ```
    ///
    /// not-a-knot at `t_1`, with `D = h_0 + h_1` (continuity of `p'''`,
    /// with `s_2` eliminated through the equation of `t_1`):
    ///
    /// ```text
    /// h_1 s_0 + D s_1 = ((h_0 + 2 D) h_1 m_0 + h_0^2 m_1) / D;
    /// ```
    ///
    /// and at `t_{n-2}`, with `D = h_{n-3} + h_{n-2}`:
    ///
    /// ```text
    /// D s_{n-2} + h_{n-3} s_{n-1}
    ///     = (h_{n-2}^2 m_{n-3} + (2 D + h_{n-2}) h_{n-3} m_{n-2}) / D.
    /// ```
    ///
    /// With 4 points both conditions hold at the two interior times, so
    /// the spline is the one cubic through the 4 points. The system has a
    /// unique solution for any strictly increasing times; it is solved with
    /// partial pivoting (LAPACK's `dgtsv`, which scipy uses too) because
    /// its end rows are not diagonally dominant.
    ///
    /// # Errors
    /// A message when there are fewer than 4 points (scipy's `interp1d`
    /// raises then: a cubic B-spline with not-a-knot ends needs `n >= 4`),
    /// when `times` and `values` differ in length, when a time is not
    /// finite or the times are not strictly increasing, or when the values
    /// are not all of one length.
    pub(crate) fn not_a_knot(times: &[f64], values: &[Vec<f64>]) -> Result<Self, String> {
        let n = times.len();
        if values.len() != n {
            return Err(format!(
                "cubic interpolation needs one value per time, got {n} times and {} values",
                values.len()
            ));
        }
        if n < 4 {
            return Err(format!(
                "cubic interpolation needs at least 4 points, got {n}"
            ));
        }
        if let Some(i) = times.iter().position(|t| !t.is_finite()) {
            return Err(format!(
                "cubic interpolation needs finite times, times[{i}] = {}",
                times[i]
            ));
        }
        if let Some(i) = times.windows(2).position(|w| w[1] <= w[0]) {
            return Err(format!(
                "cubic interpolation needs strictly increasing times, times[{}] = {} follows times[{i}] = {}",
                i + 1,
                times[i + 1],
                times[i]
            ));
        }
        let dims = values[0].len();
        if let Some(i) = values.iter().position(|v| v.len() != dims) {
            return Err(format!(
                "cubic interpolation needs values of one length, values[{i}] has {} components and values[0] {dims}",
                values[i].len()
            ));
        }

        // h[i] = t_{i+1} - t_i; m[i * dims + j] = (y_{i+1,j} - y_{i,j}) / h_i.
        let h: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        let mut m = Vec::with_capacity((n - 1) * dims);
        for (w, &hi) in values.windows(2).zip(&h) {
            m.extend(w[0].iter().zip(&w[1]).map(|(y0, y1)| (y1 - y0) / hi));
        }

        // The tridiagonal system: row i is
        // lower[i - 1] s_{i-1} + diag[i] s_i + upper[i] s_{i+1} = rhs[i],
        // with one column of rhs per component (in s, row-major, which the
        // solve overwrites with the slopes).
        let mut lower = vec![0.0; n - 1];
        let mut diag = vec![0.0; n];
        let mut upper = vec![0.0; n - 1];
        let mut s = vec![0.0; n * dims];

        let d = h[0] + h[1];
        diag[0] = h[1];
        upper[0] = d;
        for j in 0..dims {
            s[j] = ((h[0] + 2.0 * d) * h[1] * m[j] + h[0] * h[0] * m[dims + j]) / d;
        }
        for i in 1..n - 1 {
            lower[i - 1] = h[i];
            diag[i] = 2.0 * (h[i - 1] + h[i]);
            upper[i] = h[i - 1];
            for j in 0..dims {
                s[i * dims + j] = 3.0 * (h[i] * m[(i - 1) * dims + j] + h[i - 1] * m[i * dims + j]);
            }
        }
        let (ha, hb) = (h[n - 3], h[n - 2]);
        let d = ha + hb;
        lower[n - 2] = d;
        diag[n - 1] = ha;
        for j in 0..dims {
            s[(n - 1) * dims + j] =
                (hb * hb * m[(n - 3) * dims + j] + (2.0 * d + hb) * ha * m[(n - 2) * dims + j]) / d;
        }
        solve_tridiagonal(&mut lower, &mut diag, &mut upper, &mut s, dims)?;

        let mut coeffs = Vec::with_capacity(4 * (n - 1) * dims);
        for (i, &hi) in h.iter().enumerate() {
            for j in 0..dims {
                let (m_i, s0, s1) = (m[i * dims + j], s[i * dims + j], s[(i + 1) * dims + j]);
                // e = (s_i + s_{i+1} - 2 m_i) / h_i, c_i = (m_i - s_i) / h_i - e
                // and d_i = e / h_i: scipy's CubicHermiteSpline arithmetic.
                let e = (s0 + s1 - 2.0 * m_i) / hi;
                coeffs.extend_from_slice(&[values[i][j], s0, (m_i - s0) / hi - e, e / hi]);
            }
        }
        Ok(Self {
            knots: times.to_vec(),
            dims,
            coeffs,
            last: values[n - 1].clone(),
        })
    }

    /// Writes the interpolant at `t` into `out` (`out.len()` = the values'
    /// length): the cubic of the interval `t_i <= t < t_{i+1}` holding `t`,
    /// the last value at `t = t_{n-1}`, 0 outside `[t_0, t_{n-1}]` (scipy's
    /// `fill_value=0.0`) and NaN for a NaN `t` (as scipy).
    ///
    /// # Panics
    /// When `out` is not as long as the values.
    pub(crate) fn eval(&self, t: f64, out: &mut [f64]) {
        assert_eq!(
            out.len(),
            self.dims,
            "CubicSpline::eval: out has {} components, the values {}",
            out.len(),
            self.dims
        );
        let n = self.knots.len();
        if t.is_nan() {
            out.fill(f64::NAN);
        } else if t < self.knots[0] || t > self.knots[n - 1] {
            out.fill(0.0);
        } else if t == self.knots[n - 1] {
            out.copy_from_slice(&self.last);
        } else {
            // t_0 <= t < t_{n-1}, so 1 <= partition_point <= n - 1.
            let i = self.knots.partition_point(|&k| k <= t) - 1;
            let u = t - self.knots[i];
            let cubics = &self.coeffs[4 * i * self.dims..4 * (i + 1) * self.dims];
            for (o, c) in out.iter_mut().zip(cubics.chunks_exact(4)) {
                *o = c[0] + u * (c[1] + u * (c[2] + u * c[3]));
            }
        }
    }
}

/// Solves the tridiagonal system `A X = B` in place (`b` becomes `X`):
/// `A` has `diag` on its diagonal, `lower[i] = A[i + 1][i]` and
/// `upper[i] = A[i][i + 1]`; `b` holds `B` row-major with `cols` columns.
///
/// Gaussian elimination with partial pivoting, LAPACK's `dgtsv`: where
/// rows are swapped, the upper row gets a second superdiagonal entry (kept
/// in `upper2`). The three diagonals are overwritten.
///
/// # Errors
/// A message when a pivot is exactly zero (a singular matrix).
fn solve_tridiagonal(
    lower: &mut [f64],
    diag: &mut [f64],
    upper: &mut [f64],
    b: &mut [f64],
    cols: usize,
) -> Result<(), String> {
    let n = diag.len();
    let singular = || "cubic interpolation: the spline's linear system is singular".to_string();
    let mut upper2 = vec![0.0; n.saturating_sub(2)];
    for i in 0..n.saturating_sub(1) {
        let (row, next) = two_rows(b, cols, i);
        if diag[i].abs() >= lower[i].abs() {
            // No swap: row i + 1 -= fact * row i.
            if diag[i] == 0.0 {
                return Err(singular());
            }
            let fact = lower[i] / diag[i];
            diag[i + 1] -= fact * upper[i];
            for (x, y) in row.iter().zip(next.iter_mut()) {
                *y -= fact * x;
            }
        } else {
            // Swap rows i and i + 1, then eliminate from the new row i + 1.
            let fact = diag[i] / lower[i];
            diag[i] = lower[i];
            let temp = diag[i + 1];
            diag[i + 1] = upper[i] - fact * temp;
            if i + 2 < n {
                upper2[i] = upper[i + 1];
                upper[i + 1] = -fact * upper2[i];
            }
            upper[i] = temp;
            for (x, y) in row.iter_mut().zip(next.iter_mut()) {
                let old = *x;
                *x = *y;
                *y = old - fact * *y;
            }
        }
    }
    if diag[n - 1] == 0.0 {
        return Err(singular());
    }
    for i in (0..n).rev() {
        for j in 0..cols {
            let mut x = b[i * cols + j];
            if i + 1 < n {
                x -= upper[i] * b[(i + 1) * cols + j];
            }
            if i + 2 < n {
                x -= upper2[i] * b[(i + 2) * cols + j];
            }
            b[i * cols + j] = x / diag[i];
        }
    }
    Ok(())
}

/// Rows `i` and `i + 1` of the row-major `b` with `cols` columns, both
/// mutable.
fn two_rows(b: &mut [f64], cols: usize, i: usize) -> (&mut [f64], &mut [f64]) {
    let (top, bottom) = b.split_at_mut((i + 1) * cols);
    (&mut top[i * cols..], &mut bottom[..cols])
}

#[cfg(test)]
mod tests {
    use super::CubicSpline;

    // Generated by scripts/cubic_spline_reference.py (scipy's interp1d,
    // kind="cubic", bounds_error=False, fill_value=0.0, as Nengo's
    // Piecewise uses it); rerun it to regenerate. Values are row-major,
    // one row per point; EXPECTED has one row per t.
    // scipy 1.17.1, numpy 2.4.6
    // NENGO: t = 0.0 + 0.001 * k, k = 0..151
    const NENGO_TIMES: [f64; 4] = [0.0, 0.05, 0.075, 0.1];
    const NENGO_VALUES: [f64; 4] = [-0.5, 1.0, -1.0, -0.5];
    const NENGO_EXPECTED: [f64; 151] = [
        -0.5,
        -0.27243199999999995,
        -0.05625599999999995,
        0.14873600000000006,
        0.34275200000000006,
        0.5260000000000001,
        0.698688,
        0.8610240000000001,
        1.0132160000000001,
        1.1554720000000003,
        1.2880000000000003,
        1.4110080000000005,
        1.5247040000000003,
        1.6292960000000007,
        1.7249920000000005,
        1.8119999999999998,
        1.8905280000000002,
        1.9607840000000003,
        2.022976,
        2.077312,
        2.124,
        2.1632480000000007,
        2.1952640000000008,
        2.2202560000000013,
        2.238432000000001,
        2.250000000000001,
        2.2551680000000003,
        2.254144000000001,
        2.2471360000000007,
        2.234352,
        2.2159999999999997,
        2.1922879999999996,
        2.163424,
        2.1296160000000004,
        2.0910720000000005,
        2.048,
        2.000608,
        1.9491039999999995,
        1.8936960000000005,
        1.8345920000000002,
        1.772000000000001,
        1.7061280000000008,
        1.6371840000000002,
        1.5653760000000003,
        1.4909120000000011,
        1.4140000000000006,
        1.3348479999999998,
        1.2536640000000003,
        1.1706560000000004,
        1.0860319999999999,
        1.0,
        0.912768,
        0.8245439999999996,
        0.7355360000000005,
        0.6459519999999999,
        0.5560000000000003,
        0.4658880000000002,
        0.3758240000000001,
        0.2860160000000002,
        0.19667199999999985,
        0.10800000000000044,
        0.020208000000000628,
        -0.0664959999999996,
        -0.1519040000000003,
        -0.2358079999999999,
        -0.3179999999999999,
        -0.39827199999999996,
        -0.47641600000000023,
        -0.552224,
        -0.6254880000000003,
        -0.6960000000000004,
        -0.7635520000000005,
        -0.8279360000000006,
        -0.888944,
        -0.9463679999999999,
        -1.0000000000000002,
        -1.049632,
        -1.095056,
        -1.136064,
        -1.1724480000000002,
        -1.2040000000000002,
        -1.230512,
        -1.251776,
        -1.2675840000000003,
        -1.2777280000000006,
        -1.2820000000000003,
        -1.280192,
        -1.2720960000000003,
        -1.2575040000000002,
        -1.2362080000000004,
        -1.2080000000000004,
        -1.1726720000000002,
        -1.1300160000000004,
        -1.0798240000000003,
        -1.0218880000000004,
        -0.9560000000000004,
        -0.8819520000000004,
        -0.7995360000000004,
        -0.7085440000000002,
        -0.6087680000000001,
        -0.5,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ];

    // TWO_D: t = -0.25 + 0.125 * k, k = 0..25
    const TWO_D_TIMES: [f64; 5] = [0.0, 0.5, 1.0, 1.5, 2.5];
    const TWO_D_VALUES: [f64; 10] = [0.0, 1.0, 1.0, 0.0, 0.0, -1.0, -1.0, 0.0, 0.5, 2.0];
    const TWO_D_EXPECTED: [f64; 50] = [
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        1.0,
        0.5613511029411765,
        0.9044117647058822,
        0.8915441176470587,
        0.6764705882352939,
        1.025965073529412,
        0.3602941176470588,
        0.9999999999999999,
        -4.163336342344337e-17,
        0.8490349264705881,
        -0.3602941176470586,
        0.6084558823529411,
        -0.6764705882352939,
        0.3136488970588234,
        -0.904411764705882,
        1.1102230246251565e-16,
        -0.9999999999999997,
        -0.3012408088235294,
        -0.9319852941176466,
        -0.5753676470588237,
        -0.7205882352941172,
        -0.811810661764706,
        -0.39889705882352944,
        -1.0,
        -1.1102230246251565e-16,
        -1.1293658088235294,
        0.4430147058823529,
        -1.189338235294118,
        0.8970588235294119,
        -1.1693474264705883,
        1.3290441176470584,
        -1.0588235294117647,
        1.7058823529411762,
        -0.8471966911764708,
        1.9944852941176467,
        -0.5238970588235294,
        2.1617647058823524,
        -0.07835477941176483,
        2.174632352941176,
        0.5,
        2.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ];

    // UNEVEN: t = -0.1 + 0.025 * k, k = 0..49
    const UNEVEN_TIMES: [f64; 5] = [0.0, 0.1, 0.35, 0.4, 1.0];
    const UNEVEN_VALUES: [f64; 5] = [1.0, -2.0, 0.5, 3.0, -1.0];
    const UNEVEN_EXPECTED: [f64; 49] = [
        0.0,
        0.0,
        0.0,
        0.0,
        1.0,
        0.06970090667846082,
        -0.743884598373763,
        -1.435527804239105,
        -1.9999999999999998,
        -2.4320724747388827,
        -2.726516517538188,
        -2.8781034174803506,
        -2.8816044636478044,
        -2.731790945122986,
        -2.4234341509883275,
        -1.9513053703262653,
        -1.310175892219232,
        -0.4948170057496637,
        0.5000000000000009,
        1.6733884343210963,
        2.9999999999999996,
        4.448370998196849,
        5.987037730071785,
        7.584536496784947,
        9.209403599496477,
        10.830175339366505,
        12.415388017555188,
        13.933577935222662,
        15.353281393529056,
        16.643034693634522,
        17.77137413669919,
        18.706836023883216,
        19.417956656346725,
        19.87327233524986,
        20.04131936175277,
        19.890634037015587,
        19.38975266219845,
        18.507211538461508,
        17.211546966964892,
        15.471295248868747,
        13.254992685333221,
        10.531175577518422,
        7.26838022658454,
        3.4351429336916928,
        -1.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ];

    // MANY: t = -0.5 + 0.1 * k, k = 0..100
    const MANY_TIMES: [f64; 12] = [
        0.0,
        0.05,
        0.125,
        0.2375,
        0.40625,
        0.659375,
        1.0390625,
        1.60859375,
        2.462890625,
        3.7443359375,
        5.66650390625,
        8.549755859375,
    ];
    const MANY_VALUES: [f64; 12] = [
        0.0,
        0.14943813247359924,
        0.36627252908604757,
        0.6537276367571393,
        0.9386690655767598,
        0.9181823650496098,
        0.024402730996829252,
        -0.9935779821105666,
        0.8936826197404639,
        -0.9719448330458069,
        -0.961263020178728,
        0.4938626455610353,
    ];
    const MANY_EXPECTED: [f64; 100] = [
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.2955167375910841,
        0.5646584235980182,
        0.7831647178199569,
        0.9320366483896264,
        0.9974001502553838,
        0.9744503196783296,
        0.8613979392892903,
        0.6678664676908417,
        0.4180624378446048,
        0.1371430580629481,
        -0.14999439869097164,
        -0.422201238398628,
        -0.661144060688914,
        -0.8485579338067056,
        -0.9661779259968768,
        -0.995739105504303,
        -0.9241237364756328,
        -0.7648872199836401,
        -0.5401987754451968,
        -0.27223189978850004,
        0.0168399100582561,
        0.30484315716687405,
        0.5696043446091585,
        0.7889499754569124,
        0.9409683775914957,
        1.0159062767024047,
        1.0210562552333426,
        0.9649853303888245,
        0.8562605193733662,
        0.7034488393914837,
        0.515117307647691,
        0.2998329413465041,
        0.06616275769243804,
        -0.17732622610999044,
        -0.4220669928562661,
        -0.6594925253418754,
        -0.8810358063623007,
        -1.0784096300538886,
        -1.248326900870054,
        -1.3918132267338263,
        -1.5100356021855939,
        -1.6041610217657376,
        -1.6753564800146439,
        -1.724788971472697,
        -1.7536254906802806,
        -1.763033032177779,
        -1.7541785905055771,
        -1.7282291602040596,
        -1.68635173581361,
        -1.6297133118746143,
        -1.5594808829274542,
        -1.476821443512517,
        -1.382901988170184,
        -1.2788895114408432,
        -1.165951007864877,
        -1.0452534719826685,
        -0.917963898334605,
        -0.7852492814610669,
        -0.6482766159024433,
        -0.5082128961991168,
        -0.36622511689146936,
        -0.2234802725198889,
        -0.08114535762475636,
        0.05961263325354038,
        0.1976267055746187,
        0.3317298647980951,
        0.4607551163835827,
        0.5835354657906999,
        0.6989039184790604,
        0.8056934799082799,
        0.9027371555379753,
        0.988867950827761,
        1.062918871237254,
        1.1237229222260674,
        1.1701131092538193,
        1.2009224377801242,
        1.214983913264598,
        1.2111305411668563,
        1.1881953269465142,
        1.1450112760631885,
        1.0804113939764939,
        0.9932286861460448,
        0.8822961580314593,
        0.7464468150923523,
        0.5845136627883393,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ];

    /// The spline of `times` and row-major `values` with `dims` components.
    fn spline(times: &[f64], values: &[f64], dims: usize) -> CubicSpline {
        let values: Vec<Vec<f64>> = values.chunks(dims).map(<[f64]>::to_vec).collect();
        CubicSpline::not_a_knot(times, &values).expect("valid data")
    }

    /// Asserts the spline at `start + step * k` (as the script computes
    /// it) is within 1e-9 of scipy's `expected` row k.
    fn assert_matches_scipy(
        times: &[f64],
        values: &[f64],
        dims: usize,
        start: f64,
        step: f64,
        expected: &[f64],
    ) {
        let spline = spline(times, values, dims);
        let mut out = vec![0.0; dims];
        for (k, want) in expected.chunks(dims).enumerate() {
            let t = start + step * k as f64;
            spline.eval(t, &mut out);
            for (j, (got, want)) in out.iter().zip(want).enumerate() {
                assert!(
                    (got - want).abs() <= 1e-9,
                    "t = {t}, component {j}: got {got}, scipy {want}"
                );
            }
        }
    }

    #[test]
    fn matches_scipy_on_nengos_piecewise_test_data() {
        assert_matches_scipy(&NENGO_TIMES, &NENGO_VALUES, 1, 0.0, 0.001, &NENGO_EXPECTED);
    }

    #[test]
    fn matches_scipy_for_two_dimensional_values_component_by_component() {
        assert_matches_scipy(
            &TWO_D_TIMES,
            &TWO_D_VALUES,
            2,
            -0.25,
            0.125,
            &TWO_D_EXPECTED,
        );
        // Each component is the spline of that component alone.
        let dims = 2;
        let both = spline(&TWO_D_TIMES, &TWO_D_VALUES, dims);
        for j in 0..dims {
            let column: Vec<f64> = TWO_D_VALUES.iter().skip(j).step_by(dims).copied().collect();
            let alone = spline(&TWO_D_TIMES, &column, 1);
            let (mut out, mut one) = (vec![0.0; dims], [0.0]);
            for k in 0..=100 {
                let t = -0.1 + 0.027 * f64::from(k);
                both.eval(t, &mut out);
                alone.eval(t, &mut one);
                assert_eq!(out[j], one[0], "t = {t}, component {j}");
            }
        }
    }

    #[test]
    fn matches_scipy_for_five_unevenly_spaced_points() {
        assert_matches_scipy(
            &UNEVEN_TIMES,
            &UNEVEN_VALUES,
            1,
            -0.1,
            0.025,
            &UNEVEN_EXPECTED,
        );
    }

    #[test]
    fn matches_scipy_for_twelve_geometrically_spaced_points() {
        assert_matches_scipy(&MANY_TIMES, &MANY_VALUES, 1, -0.5, 0.1, &MANY_EXPECTED);
    }

    #[test]
    fn reproduces_a_cubic_exactly() {
        // A not-a-knot spline reproduces any cubic: the cubic meets every
        // condition, and the solution is unique.
        let cubic = |t: f64| 1.0 - 2.0 * t + 0.5 * t * t + 3.0 * t * t * t;
        for times in [
            vec![-1.0, -0.2, 0.3, 2.0],
            vec![-1.0, -0.9, 0.0, 0.1, 0.15, 1.0, 2.0],
        ] {
            let values: Vec<f64> = times.iter().map(|&t| cubic(t)).collect();
            let spline = spline(&times, &values, 1);
            let mut out = [0.0];
            for k in 0..=300 {
                let t = -1.0 + 0.01 * f64::from(k);
                spline.eval(t, &mut out);
                assert!(
                    (out[0] - cubic(t)).abs() <= 1e-12,
                    "{} points, t = {t}: got {}, cubic {}",
                    times.len(),
                    out[0],
                    cubic(t)
                );
            }
        }
    }

    #[test]
    fn gives_the_data_values_exactly_at_the_times() {
        let cases: [(&[f64], &[f64], usize); 4] = [
            (&NENGO_TIMES, &NENGO_VALUES, 1),
            (&TWO_D_TIMES, &TWO_D_VALUES, 2),
            (&UNEVEN_TIMES, &UNEVEN_VALUES, 1),
            (&MANY_TIMES, &MANY_VALUES, 1),
        ];
        for (times, values, dims) in cases {
            let spline = spline(times, values, dims);
            let mut out = vec![0.0; dims];
            for (&t, want) in times.iter().zip(values.chunks(dims)) {
                spline.eval(t, &mut out);
                assert_eq!(out, want, "t = {t}");
            }
        }
    }

    #[test]
    fn is_zero_outside_the_times_and_nan_at_nan() {
        let spline = spline(&TWO_D_TIMES, &TWO_D_VALUES, 2);
        let (first, last) = (TWO_D_TIMES[0], TWO_D_TIMES[TWO_D_TIMES.len() - 1]);
        let mut out = [7.0, 7.0];
        for t in [
            f64::NEG_INFINITY,
            -1e9,
            first - 1e-12,
            last + 1e-12,
            last + 1.0,
            f64::INFINITY,
        ] {
            spline.eval(t, &mut out);
            assert_eq!(out, [0.0, 0.0], "t = {t}");
        }
        // Just inside either end it is near the end values, not 0.
        for (t, row) in [(first + 1e-12, 0), (last - 1e-12, TWO_D_TIMES.len() - 1)] {
            spline.eval(t, &mut out);
            for (got, want) in out.iter().zip(&TWO_D_VALUES[2 * row..2 * row + 2]) {
                assert!((got - want).abs() < 1e-9, "t = {t}: got {got}, want {want}");
            }
        }
        spline.eval(f64::NAN, &mut out);
        assert!(out.iter().all(|x| x.is_nan()));
    }

    #[test]
    fn rejects_fewer_than_four_points() {
        for n in 0..4 {
            let times: Vec<f64> = (0..n).map(f64::from).collect();
            let values = vec![vec![1.0]; times.len()];
            let err = CubicSpline::not_a_knot(&times, &values).expect_err("too few points");
            assert!(err.contains("at least 4 points"), "{n} points: {err}");
        }
    }

    #[test]
    fn rejects_times_that_are_not_finite_and_strictly_increasing() {
        let values = vec![vec![1.0]; 4];
        for times in [
            [0.0, 1.0, 1.0, 2.0],
            [0.0, 2.0, 1.0, 3.0],
            [3.0, 2.0, 1.0, 0.0],
        ] {
            let err = CubicSpline::not_a_knot(&times, &values).expect_err("not increasing");
            assert!(err.contains("strictly increasing"), "{times:?}: {err}");
        }
        for times in [[0.0, f64::NAN, 1.0, 2.0], [0.0, 1.0, 2.0, f64::INFINITY]] {
            let err = CubicSpline::not_a_knot(&times, &values).expect_err("not finite");
            assert!(err.contains("finite times"), "{times:?}: {err}");
        }
    }

    #[test]
    fn rejects_values_of_different_lengths_or_count() {
        let times = [0.0, 1.0, 2.0, 3.0];
        let ragged = vec![vec![1.0, 2.0], vec![1.0, 2.0], vec![1.0], vec![1.0, 2.0]];
        let err = CubicSpline::not_a_knot(&times, &ragged).expect_err("ragged");
        assert!(err.contains("values of one length"), "{err}");
        let three = vec![vec![1.0]; 3];
        let err = CubicSpline::not_a_knot(&times, &three).expect_err("one value short");
        assert!(err.contains("one value per time"), "{err}");
    }
}
