"""Regenerates snn-nef/tests/data/nengo_processes.json from Nengo 4.1.0.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_processes_reference.py [OUT]
(the venv: `python3 -m venv ~/.venvs/nengo && ~/.venvs/nengo/bin/pip
install nengo==4.1.0 scipy`).

What it records, at dt = 1 ms, from `Process.run` (row i is the output at
t = (i + 1) dt, as a node of the process outputs it):

- piecewise_zero: Piecewise({0.05: 1, 0.1: 0}) over 0.15 s.
- piecewise_2d: the data of Nengo's test_interpolation_2d,
  {0: [-0.5, -0.5], 0.05: [1, 0.5], 0.075: [-1, -0.5], 0.1: [-0.5, -0.25]},
  for each of zero, linear, nearest and cubic, over 0.15 s.
- present_input: PresentInput of five 3-vectors (input i = [i, -i, i / 10])
  shown 0.1 s each, over 1 s.
- white_signal_psd: the power spectrum (Nengo's test `psd`: twice the std
  over dimensions of |rfft|, over sqrt n) of WhiteSignal(1, high=5,
  rms=0.5) over 500 dimensions and 1 s, bins 0..=10 (0..10 Hz); random,
  so it is compared in shape (flat in band, zero above), not value.
"""

import json
import sys
from pathlib import Path

import numpy as np
from nengo.processes import Piecewise, PresentInput, WhiteSignal

DT = 0.001


def main():
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "snn-nef/tests/data/nengo_processes.json"
    )
    ref = {"nengo": __import__("nengo").__version__, "dt": DT}
    ref["piecewise_zero"] = Piecewise({0.05: 1, 0.1: 0}).run(0.15, dt=DT)[:, 0].tolist()
    data = {0: [-0.5, -0.5], 0.05: [1, 0.5], 0.075: [-1, -0.5], 0.1: [-0.5, -0.25]}
    ref["piecewise_2d"] = {
        kind: Piecewise(data, interpolation=kind).run(0.15, dt=DT).tolist()
        for kind in ("zero", "linear", "nearest", "cubic")
    }
    inputs = np.array([[i, -i, i / 10] for i in range(5)], dtype=float)
    ref["present_input"] = PresentInput(inputs, 0.1).run(1.0, dt=DT).tolist()
    values = WhiteSignal(1.0, high=5, rms=0.5, seed=0).run(1.0, d=500, dt=DT)
    n = values.shape[0]
    power = 2.0 * np.std(np.abs(np.fft.rfft(values, axis=0)), axis=1) / np.sqrt(n)
    ref["white_signal_psd"] = power[:11].tolist()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(ref, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
