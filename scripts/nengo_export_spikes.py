"""Nengo 4.1's built parameters and spike trains for tests/integration/nengo_spike_match.rs.

Regenerate (from the repository root, with Nengo 4.1 installed):

    ~/.venvs/nengo/bin/python scripts/nengo_export_spikes.py

which writes tests/integration/data/nengo_spikes.json (an optional argument gives another
output path).

The model, seed 0, dt = 1 ms, run for 0.5 s, all other settings Nengo's
defaults:

    u(t) = sin(2 pi t)  ->  A (40 LIF, 1-D)  --x**2-->  B (40 LIF, 1-D)

with decoded probe of B (synapse 0.01) and spike probes of A and B.

For A and B the JSON holds what the simulator needs to reproduce the run
without redoing the build: the scaled encoders (n x d, already multiplied by
gain / radius), the bias, and the initial voltage and refractory time of every
neuron (the initial values of the built neuron state signals, read before the
first step). For the A -> B connection and the probe of B it holds the
decoders as Nengo applies them, `weights` (d x n, the transform included).
The spike trains are stored as, for each neuron, the list of step indices
(0-based rows of the probe data, i.e. step k ends at time (k + 1) dt) at which
it spiked; the decoded probe of B is stored in full, one value per step.
"""

import json
import os
import sys

import numpy as np
import nengo

SEED = 0
DT = 0.001
T = 0.5
N_NEURONS = 40
PROBE_SYNAPSE = 0.01

DEFAULT_OUT = os.path.normpath(
    os.path.join(os.path.dirname(__file__), "..", "tests", "integration", "data", "nengo_spikes.json")
)


def build_network():
    with nengo.Network(seed=SEED) as net:
        u = nengo.Node(lambda t: np.sin(2 * np.pi * t), label="u")
        a = nengo.Ensemble(N_NEURONS, 1, label="A")
        b = nengo.Ensemble(N_NEURONS, 1, label="B")
        nengo.Connection(u, a)
        conn = nengo.Connection(a, b, function=lambda x: x[0] ** 2)
        probes = {
            "b_decoded": nengo.Probe(b, synapse=PROBE_SYNAPSE),
            "a_spikes": nengo.Probe(a.neurons),
            "b_spikes": nengo.Probe(b.neurons),
        }
    return net, a, b, conn, probes


def initial_state(sim, ens, name):
    """Initial value of one built neuron state signal (before any step)."""
    return sim.signals[sim.model.sig[ens.neurons][name]].copy()


def probe_connection(sim, probe):
    """The hidden connection the builder made to decode an ensemble probe."""
    found = [
        obj
        for obj in sim.model.params
        if isinstance(obj, nengo.Connection) and obj.post_obj is probe
    ]
    assert len(found) == 1, found
    return found[0]


def spike_steps(data):
    """Per neuron, the steps (rows) at which it spiked."""
    return [np.flatnonzero(data[:, i] > 0).tolist() for i in range(data.shape[1])]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    nengo.rc.set("decoder_cache", "enabled", "False")
    net, a, b, conn, probes = build_network()
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        ensembles = {}
        for key, ens in (("a", a), ("b", b)):
            built = sim.data[ens]
            ensembles[key] = {
                "scaled_encoders": built.scaled_encoders.tolist(),
                "bias": built.bias.tolist(),
                "voltage": initial_state(sim, ens, "voltage").tolist(),
                "refractory_time": initial_state(sim, ens, "refractory_time").tolist(),
            }
        sim.run(T)
        n_steps = len(sim.trange())
        probe_conn = probe_connection(sim, probes["b_decoded"])
        result = {
            "nengo_version": nengo.__version__,
            "seed": SEED,
            "dt": DT,
            "t": T,
            "n_steps": n_steps,
            "a": ensembles["a"],
            "b": ensembles["b"],
            "a_to_b_weights": sim.data[conn].weights.tolist(),
            "b_probe_weights": sim.data[probe_conn].weights.tolist(),
            "b_probe_synapse": PROBE_SYNAPSE,
            "b_decoded": sim.data[probes["b_decoded"]][:, 0].tolist(),
            "a_spikes": spike_steps(sim.data[probes["a_spikes"]]),
            "b_spikes": spike_steps(sim.data[probes["b_spikes"]]),
        }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    n_a = sum(len(s) for s in result["a_spikes"])
    n_b = sum(len(s) for s in result["b_spikes"])
    print(f"wrote {out}: {n_steps} steps, {n_a} spikes in A, {n_b} in B")


if __name__ == "__main__":
    main()
