"""Regenerates snn-core/tests/data/nengo_reference.json from Nengo 4.1.0.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_reference.py [OUT]
(OUT defaults to snn-core/tests/data/nengo_reference.json beside this
script's repository). The venv is made with
`python3 -m venv ~/.venvs/nengo && ~/.venvs/nengo/bin/pip install nengo==4.1.0`.

What it records, all at dt = 1 ms and in float64:

- lif.rates: LIF's steady-state rate curve, r(J) = 1 / (tau_ref +
  tau_rc * log1p(1 / (J - 1))) above threshold and 0 below, over J in
  0, 0.1, ..., 10. Nengo's `rates(x, gain, bias)` is called with x = J and
  101 unit gains and zero biases, so the result is 101 x 101 and row i
  holds r(J_i) in every column (the tests read column 0).
- lif.spiking_1s: a one-neuron ensemble (gain 1, bias J, no input) in a
  seed-0 network simulated for 1 s from Nengo's default initial state
  (voltage ~ U(0, 1) drawn from the ensemble's seed): the spike count,
  the first ten steps that spiked (0-based) and r(J) from the formula.
- lif.spiking_1s_from_zero_counts: the same runs started from voltage 0,
  which is what a test can reproduce without Nengo's random draw.
- gain_bias: LIF.gain_bias for four max rates and intercepts.
- synapses: `Synapse.filt` of a unit step of 200 samples (y[k] after the
  input of step k) for Lowpass(0.005), Lowpass(0.1), Alpha(0.005) and the
  double exponential 1 / ((tau1 s + 1)(tau2 s + 1)) with tau1 = 0.002,
  tau2 = 0.01 as a LinearFilter.
"""

import json
import sys
from pathlib import Path

import numpy as np
import nengo

PINNED = "4.1.0"
DT = 0.001
CURRENTS = (1.5, 2.0, 5.0, 10.0)
STEPS = 200


def check_version():
    if nengo.__version__ != PINNED:
        sys.exit(
            f"nengo {nengo.__version__} is installed; this reference is "
            f"pinned to nengo {PINNED} (pip install nengo=={PINNED})"
        )


def floats(a):
    """A NumPy array as nested lists of Python floats."""
    return np.asarray(a, dtype=float).tolist()


def rate_curve(lif):
    J = np.linspace(0.0, 10.0, 101)
    rates = lif.rates(J, np.ones_like(J), np.zeros_like(J))
    return J, rates


def spike_train(J, initial_state=None):
    """Output of one LIF neuron driven by a constant current J for 1 s."""
    with nengo.Network(seed=0) as net:
        ens = nengo.Ensemble(
            1,
            1,
            neuron_type=nengo.LIF(initial_state=initial_state),
            gain=[1.0],
            bias=[J],
        )
        probe = nengo.Probe(ens.neurons, "output")
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run(1.0)
    return sim.data[probe][:, 0]


def spiking(lif):
    runs, from_zero = {}, {}
    for J in CURRENTS:
        spikes = spike_train(J)
        runs[str(J)] = {
            "count": int(np.count_nonzero(spikes)),
            "first_spike_steps": np.flatnonzero(spikes)[:10].tolist(),
            "rate_formula": float(lif.rates(J, 1.0, 0.0).item()),
        }
        at_rest = spike_train(J, {"voltage": nengo.dists.Choice([0.0])})
        from_zero[str(J)] = int(np.count_nonzero(at_rest))
    return runs, from_zero


def gain_bias(lif):
    max_rates = np.array([200.0, 300.0, 400.0, 250.0])
    intercepts = np.array([-0.5, 0.0, 0.5, 0.9])
    gain, bias = lif.gain_bias(max_rates, intercepts)
    return {
        "max_rates": floats(max_rates),
        "intercepts": floats(intercepts),
        "gain": floats(gain),
        "bias": floats(bias),
    }


def step_responses():
    tau1, tau2 = 0.002, 0.01
    synapses = {
        "lowpass_0.005": nengo.Lowpass(0.005),
        "lowpass_0.1": nengo.Lowpass(0.1),
        "alpha_0.005": nengo.Alpha(0.005),
        "doubleexp_0.002_0.01": nengo.LinearFilter(
            [1.0], [tau1 * tau2, tau1 + tau2, 1.0]
        ),
    }
    # One column: Nengo 4.1's filt fails on a 1-D signal under NumPy 2.
    step = np.ones((STEPS, 1))
    return {
        key: {"step_response": floats(syn.filt(step, dt=DT, y0=0)[:, 0])}
        for key, syn in synapses.items()
    }


def reference():
    lif = nengo.LIF()
    J, rates = rate_curve(lif)
    runs, from_zero = spiking(lif)
    return {
        "nengo": nengo.__version__,
        "dt": DT,
        "lif": {
            "tau_rc": lif.tau_rc,
            "tau_ref": lif.tau_ref,
            "J": floats(J),
            "rates": floats(rates),
            "spiking_1s": runs,
            "spiking_1s_note": (
                "Started from Nengo's default initial state: voltage drawn "
                "from U(0, 1) with the seed of the ensemble of a seed-0 "
                "network, so the spike steps depend on that draw. "
                "spiking_1s_from_zero_counts are the same runs started "
                "from voltage 0."
            ),
            "spiking_1s_from_zero_counts": from_zero,
        },
        "gain_bias": gain_bias(lif),
        "synapses": step_responses(),
        "note": (
            "step_response[k] is the output after the input of step k of a "
            "unit step that starts at k = 0, as Nengo's Synapse.filt gives it"
        ),
    }


def main():
    check_version()
    root = Path(__file__).resolve().parent.parent
    default = root / "snn-core" / "tests" / "data" / "nengo_reference.json"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(reference(), indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
