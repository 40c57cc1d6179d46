"""Prints the reference values of snn-nef/src/processes/cubic_spline.rs's tests.

Usage: ~/.venvs/nengo/bin/python scripts/cubic_spline_reference.py
(the venv is made with `python3 -m venv ~/.venvs/nengo &&
~/.venvs/nengo/bin/pip install scipy numpy`).

Nengo's `Piecewise(data, interpolation="cubic")` evaluates
`scipy.interpolate.interp1d(tp, yp, axis=0, kind="cubic",
bounds_error=False, fill_value=0.0)`, a not-a-knot cubic B-spline
(`make_interp_spline(tp, yp, k=3)`) that is 0 outside [tp[0], tp[-1]].
This script evaluates exactly that for the cases the Rust tests check and
prints them as Rust constants (repr of float64, so they round-trip):

- NENGO: Nengo's test_piecewise data {0: -0.5, 0.05: 1, 0.075: -1, 0.1: -0.5}
  at t = 0.001 * k for k = 0..=150 (4 points: one cubic on [0, 0.1]).
- TWO_D: 5 points of 2-D values at t = -0.25 + 0.125 * k for k = 0..=24.
- UNEVEN: 5 unevenly spaced points (some spacing ratios large enough that
  the tridiagonal solve has to swap rows) at t = -0.1 + 0.025 * k for
  k = 0..=48.
- MANY: 12 points of sin(3 t) at geometrically growing spacing, at
  t = -0.5 + 0.1 * k for k = 0..=99.

The t grids are computed as `start + step * k` in float64, which the Rust
tests reproduce bit for bit.
"""

import math

import numpy as np
import scipy
from scipy.interpolate import interp1d


def spline(tp, yp):
    return interp1d(
        np.asarray(tp, dtype=float),
        np.asarray(yp, dtype=float),
        axis=0,
        kind="cubic",
        bounds_error=False,
        fill_value=0.0,
    )


def rust_array(name, values, per_line=3):
    flat = [float(v) for v in np.asarray(values, dtype=float).ravel()]
    print(f"const {name}: [f64; {len(flat)}] = [")
    for i in range(0, len(flat), per_line):
        print("    " + " ".join(f"{v!r}," for v in flat[i : i + per_line]))
    print("];")


def case(name, tp, yp, start, step, count):
    t = np.array([start + step * k for k in range(count)])
    y = spline(tp, yp)(t)
    print(f"// {name}: t = {start!r} + {step!r} * k, k = 0..{count}")
    rust_array(f"{name}_TIMES", tp)
    rust_array(f"{name}_VALUES", yp)
    rust_array(f"{name}_EXPECTED", y)
    print()


def main():
    print(f"// scipy {scipy.__version__}, numpy {np.__version__}")
    case("NENGO", [0.0, 0.05, 0.075, 0.1], [-0.5, 1.0, -1.0, -0.5], 0.0, 0.001, 151)
    case(
        "TWO_D",
        [0.0, 0.5, 1.0, 1.5, 2.5],
        [[0.0, 1.0], [1.0, 0.0], [0.0, -1.0], [-1.0, 0.0], [0.5, 2.0]],
        -0.25,
        0.125,
        25,
    )
    case(
        "UNEVEN",
        [0.0, 0.1, 0.35, 0.4, 1.0],
        [1.0, -2.0, 0.5, 3.0, -1.0],
        -0.1,
        0.025,
        49,
    )
    many_t = [0.0]
    for i in range(11):
        many_t.append(many_t[-1] + 0.05 * 1.5**i)
    case("MANY", many_t, [math.sin(3.0 * x) for x in many_t], -0.5, 0.1, 100)


if __name__ == "__main__":
    main()
