"""Nengo 4.1's figures for this project's example experiments.

Usage: python nengo_examples.py EXPERIMENT [--seeds 0 1 2 3 4]
EXPERIMENT is communication_channel, squaring or multiplication. Builds the
same model as examples/EXPERIMENT.rs, runs it, and prints one JSON line per
seed with the RMSE against the ideal signal defined there, then the mean and
the worst.
"""

import argparse
import json

import numpy as np
import nengo

nengo.rc.set("decoder_cache", "enabled", "False")
DT = 0.001


def lowpass(x, tau):
    """Zero-order-hold Lowpass, y[k] = a y[k-1] + (1 - a) x[k]."""
    a = np.exp(-DT / tau)
    y = np.zeros_like(x)
    s = np.zeros(x.shape[1:])
    for k in range(len(x)):
        s = a * s + (1 - a) * x[k]
        y[k] = s
    return y


def communication_channel(seed):
    with nengo.Network(seed=seed) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t))
        a = nengo.Ensemble(100, 1)
        b = nengo.Ensemble(100, 1)
        nengo.Connection(stim, a)
        nengo.Connection(a, b)
        p_in = nengo.Probe(stim)
        p = nengo.Probe(b, synapse=0.01)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run(1.0)
    ideal = lowpass(lowpass(lowpass(sim.data[p_in], 0.005), 0.005), 0.01)
    return ideal, sim.data[p]


def squaring(seed):
    with nengo.Network(seed=seed) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t))
        a = nengo.Ensemble(100, 1)
        b = nengo.Ensemble(100, 1)
        nengo.Connection(stim, a)
        nengo.Connection(a, b, function=lambda x: x**2)
        p_in = nengo.Probe(stim)
        p = nengo.Probe(b, synapse=0.01)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run(2.0)
    ideal = lowpass(lowpass(lowpass(sim.data[p_in], 0.005) ** 2, 0.005), 0.01)
    return ideal, sim.data[p]


def multiplication(seed):
    with nengo.Network(seed=seed) as net:
        x = nengo.Node(lambda t: np.sin(2 * np.pi * t))
        y = nengo.Node(lambda t: np.cos(np.pi * t))
        combined = nengo.Ensemble(200, 2, radius=1.5)
        prod = nengo.Ensemble(100, 1)
        nengo.Connection(x, combined[0])
        nengo.Connection(y, combined[1])
        nengo.Connection(combined, prod, function=lambda v: v[0] * v[1])
        p_x = nengo.Probe(x)
        p_y = nengo.Probe(y)
        p = nengo.Probe(prod, synapse=0.01)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run(2.0)
    xy = lowpass(sim.data[p_x], 0.005) * lowpass(sim.data[p_y], 0.005)
    ideal = lowpass(lowpass(xy, 0.005), 0.01)
    return ideal, sim.data[p]


EXPERIMENTS = {
    "communication_channel": communication_channel,
    "squaring": squaring,
    "multiplication": multiplication,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("experiment", choices=sorted(EXPERIMENTS))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = parser.parse_args()
    rmses = []
    for seed in args.seeds:
        ideal, actual = EXPERIMENTS[args.experiment](seed)
        rmse = float(np.sqrt(np.mean((ideal - actual) ** 2)))
        rmses.append(rmse)
        print(json.dumps({"experiment": args.experiment, "seed": seed, "rmse": rmse}))
    print(json.dumps({"experiment": args.experiment, "mean": float(np.mean(rmses)), "worst": max(rmses)}))


if __name__ == "__main__":
    main()
