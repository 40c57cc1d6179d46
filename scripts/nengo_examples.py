"""Nengo 4.1's figures for this project's example experiments.

Usage: python nengo_examples.py EXPERIMENT [--seeds 0 1 2 3 4]
EXPERIMENT is communication_channel, squaring, multiplication, integrator or
oscillator. Builds the same model as examples/EXPERIMENT.rs, runs it, and
prints one JSON line per seed with the figures defined there (the RMSE
against the ideal signal, or the integrator's held error and drift, or the
oscillator's frequency and amplitudes), then the mean and the worst of each.
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


def mean_between(x, t0, t1):
    t = (np.arange(len(x)) + 1) * DT
    return float(np.mean(x[(t >= t0 - 1e-9) & (t < t1 - 1e-9)]))


def integrator(seed):
    tau = 0.1
    with nengo.Network(seed=seed) as net:
        u = nengo.Node(lambda t: 1.0 if 0.1 <= t < 0.6 else 0.0)
        x = nengo.Ensemble(100, 1)
        nengo.Connection(u, x, transform=tau, synapse=tau)
        nengo.Connection(x, x, synapse=tau)
        p = nengo.Probe(x, synapse=0.01)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run(2.6)
    held = mean_between(sim.data[p][:, 0], 0.6, 0.7)
    late = mean_between(sim.data[p][:, 0], 2.5, 2.6)
    return {"held_error": held - 0.5, "drift": late - held}


def oscillator(seed):
    tau, w = 0.1, 2 * np.pi
    with nengo.Network(seed=seed) as net:
        kick = nengo.Node(lambda t: [1.0, 0.0] if t < 0.1 else [0.0, 0.0])
        osc = nengo.Ensemble(200, 2)
        nengo.Connection(kick, osc)
        nengo.Connection(osc, osc, transform=[[1, -w * tau], [w * tau, 1]], synapse=tau)
        p = nengo.Probe(osc, synapse=0.01)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run(5.0)
    x, y = sim.data[p][:, 0], sim.data[p][:, 1]
    start = int(round(1.0 / DT))
    phase = np.unwrap(np.arctan2(y[start:], x[start:]))
    slope = np.polyfit(np.arange(len(phase)) * DT, phase, 1)[0]
    r = np.hypot(x, y)
    return {
        "frequency_hz": float(slope / (2 * np.pi)),
        "amplitude_1_2s": mean_between(r, 1.0, 2.0),
        "amplitude_4_5s": mean_between(r, 4.0, 5.0),
    }


def rmse_of(experiment):
    def run(seed):
        ideal, actual = experiment(seed)
        return {"rmse": float(np.sqrt(np.mean((ideal - actual) ** 2)))}

    return run


EXPERIMENTS = {
    "communication_channel": rmse_of(communication_channel),
    "squaring": rmse_of(squaring),
    "multiplication": rmse_of(multiplication),
    "integrator": integrator,
    "oscillator": oscillator,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("experiment", choices=sorted(EXPERIMENTS))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = parser.parse_args()
    rows = []
    for seed in args.seeds:
        figures = EXPERIMENTS[args.experiment](seed)
        rows.append(figures)
        print(json.dumps({"experiment": args.experiment, "seed": seed, **figures}))
    summary = {"experiment": args.experiment, "seeds": len(rows)}
    for key in rows[0]:
        values = np.array([r[key] for r in rows])
        summary[key] = {
            "mean": float(values.mean()),
            "mean_abs": float(np.abs(values).mean()),
            "sd": float(values.std(ddof=1)) if len(values) > 1 else 0.0,
            "worst_abs": float(np.abs(values).max()),
        }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
