"""Nengo 4.1's side of the process costs in docs/performance.md.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_processes_speed.py

Prints, as `name: value` lines:
- step_quiet_us / step_white_noise_us: microseconds per step of a
  10 000-neuron LIF ensemble driven by a constant node and decoded into a
  passthrough node, without and with WhiteNoise(Gaussian(0, 0.1)) on every
  neuron (the model of the snn-core bench `simulator_step/noise_10k`);
  median of 5 runs of 2000 steps after a 200-step warm-up.
- white_signal_ms: milliseconds to make the step of WhiteSignal(10, high=5)
  for 1000 dimensions at dt = 1 ms (the snn-nef bench `processes`);
  median of 5.
"""

import statistics
import time

import nengo
import numpy as np
from nengo.dists import Gaussian
from nengo.processes import WhiteNoise, WhiteSignal


def step_time(noisy):
    with nengo.Network(seed=0) as net:
        stim = nengo.Node(0.5)
        ens = nengo.Ensemble(
            10_000, 1, noise=WhiteNoise(Gaussian(0, 0.1)) if noisy else None
        )
        out = nengo.Node(size_in=1)
        nengo.Connection(stim, ens)
        nengo.Connection(ens, out)
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run_steps(200)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            sim.run_steps(2000)
            times.append((time.perf_counter() - start) / 2000 * 1e6)
    return statistics.median(times)


def white_signal_time():
    process = WhiteSignal(10.0, high=5)
    rng = np.random.RandomState(1)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        state = process.make_state((0,), (1000,), 0.001)
        process.make_step((0,), (1000,), 0.001, rng, state)
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    print(f"nengo: {nengo.__version__}")
    print(f"step_quiet_us: {step_time(False):.1f}")
    print(f"step_white_noise_us: {step_time(True):.1f}")
    print(f"white_signal_ms: {white_signal_time():.1f}")


if __name__ == "__main__":
    main()
