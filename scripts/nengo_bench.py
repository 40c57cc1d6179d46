"""Nengo 4.1's side of the benchmark models of docs/benchmarks.md.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_bench.py MODEL SIZE [--seconds S]

MODEL: neurons, channel, ensemble_array, integrator, oscillator, learning,
stdp, circconv or spa_memory; SIZE: the total number of neurons (for circconv
and spa_memory, the dimension). Prints one JSON line with the fields snn-bench
prints: model, size, neurons, build_s (wall time of nengo.Simulator(net),
decoder solves included), sim_s_per_sim_s (wall time of sim.run over the
simulated time) and rmse (against the model's ideal signal, or null).

The models here and in snn-bench/src/models.rs must stay the same; the
definitions are in docs/benchmarks.md.
"""

import argparse
import json
import time

import numpy as np
import nengo
from nengo.builder import Builder, Operator, Signal

DT = 0.001
SEED = 0
# Nengo's default connection synapse and the synapse of every probe.
CONNECTION_TAU = 0.005
PROBE_TAU = 0.01
RECURRENT_TAU = 0.1

# Nengo's decoder cache would make a second build skip its solves; snn-bench
# builds cold unless given --cache, so Nengo must too.
nengo.rc.set("decoder_cache", "enabled", "False")


def zoh_lowpass(signal, tau):
    """First-order lowpass discretized with a zero-order hold, run along
    axis 0 from a zero state: y[k] = d * y[k-1] + (1 - d) * x[k] with
    d = exp(-dt / tau), which is what Nengo's Lowpass does to a signal."""
    decay = np.exp(-DT / tau)
    out = np.empty_like(signal)
    y = np.zeros(signal.shape[1:])
    for k, x in enumerate(signal):
        y = decay * y + (1.0 - decay) * x
        out[k] = y
    return out


def through_two_connections_and_probe(signal):
    """The input as the decoded output ideally sees it: two connections'
    synapses, then the probe's."""
    for tau in (CONNECTION_TAU, CONNECTION_TAU, PROBE_TAU):
        signal = zoh_lowpass(signal, tau)
    return signal


class Bench:
    """A benchmark network and, if it has one, its scoring probes: `output`
    is compared with `ideal(input data)`."""

    def __init__(self, net, output=None, source=None, ideal=None):
        self.net = net
        self.output = output
        self.source = source
        self.ideal = ideal

    def rmse(self, sim):
        if self.output is None:
            return None
        error = sim.data[self.output] - self.ideal(sim.data[self.source])
        return float(np.sqrt(np.mean(error**2)))


def neurons(size):
    """SIZE neurons in one 1-D ensemble representing a constant 0.5."""
    with nengo.Network(seed=SEED) as net:
        constant = nengo.Node(0.5)
        nengo.Connection(constant, nengo.Ensemble(size, 1))
    return Bench(net)


def channel(size):
    """sin(2 pi t) through two ensembles of SIZE/2 neurons each."""
    with nengo.Network(seed=SEED) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t))
        first = nengo.Ensemble(size // 2, 1)
        second = nengo.Ensemble(size // 2, 1)
        nengo.Connection(stim, first)
        nengo.Connection(first, second)
        out = nengo.Probe(second, synapse=PROBE_TAU)
        given = nengo.Probe(stim, synapse=None)
    return Bench(net, out, given, through_two_connections_and_probe)


def ensemble_array(size):
    """SIZE/100 phase-shifted sines through two arrays of 50-neuron 1-D
    ensembles, one to one."""
    count = max(size // 100, 1)
    phase = 2 * np.pi * np.arange(count) / count
    with nengo.Network(seed=SEED) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t + phase))
        first = nengo.networks.EnsembleArray(50, count)
        second = nengo.networks.EnsembleArray(50, count)
        nengo.Connection(stim, first.input)
        nengo.Connection(first.output, second.input)
        out = nengo.Probe(second.output, synapse=PROBE_TAU)
        given = nengo.Probe(stim, synapse=None)
    return Bench(net, out, given, through_two_connections_and_probe)


def integrator(size):
    """A recurrent 1-D ensemble integrating a pulse of height 1 on
    [0.2, 0.4) s; ideally it holds the running integral of the pulse."""
    with nengo.Network(seed=SEED) as net:
        pulse = nengo.Node(lambda t: 1.0 if 0.2 <= t < 0.4 else 0.0)
        ens = nengo.Ensemble(size, 1)
        nengo.Connection(pulse, ens, transform=RECURRENT_TAU, synapse=RECURRENT_TAU)
        nengo.Connection(ens, ens, synapse=RECURRENT_TAU)
        out = nengo.Probe(ens, synapse=PROBE_TAU)
        given = nengo.Probe(pulse, synapse=None)
    return Bench(net, out, given, lambda u: DT * np.cumsum(u, axis=0))


def oscillator(size):
    """A recurrent 2-D ensemble rotating at 1 Hz after a kick [1, 0] on
    [0, 0.1) s; not scored."""
    wt = 2 * np.pi * RECURRENT_TAU
    with nengo.Network(seed=SEED) as net:
        kick = nengo.Node(lambda t: [1.0, 0.0] if t < 0.1 else [0.0, 0.0])
        ens = nengo.Ensemble(size, 2)
        nengo.Connection(kick, ens)
        nengo.Connection(ens, ens, transform=[[1, -wt], [wt, 1]], synapse=RECURRENT_TAU)
        nengo.Probe(ens, synapse=PROBE_TAU)
    return Bench(net)


def learning(size):
    """SIZE/300 learned channels (nengo_benchmarks' learning benchmark):
    each a 100-neuron 1-D pre given a phase-shifted sine, pre -> post
    starting at 0 and learning the identity by PES(1e-4) from a 100-neuron
    error = post - pre."""
    count = max(size // 300, 1)
    phase = 2 * np.pi * np.arange(count) / count
    with nengo.Network(seed=SEED) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t + phase))
        out = nengo.Node(size_in=count)
        for i in range(count):
            pre = nengo.Ensemble(100, 1)
            post = nengo.Ensemble(100, 1)
            error = nengo.Ensemble(100, 1)
            nengo.Connection(stim[i], pre)
            learned = nengo.Connection(
                pre, post, function=lambda x: 0, learning_rule_type=nengo.PES(1e-4)
            )
            nengo.Connection(post, error)
            nengo.Connection(pre, error, transform=-1)
            nengo.Connection(error, learned.learning_rule)
            nengo.Connection(post, out[i], synapse=None)
        probe = nengo.Probe(out, synapse=PROBE_TAU)
        given = nengo.Probe(stim, synapse=None)
    return Bench(net, probe, given, through_two_connections_and_probe)


class STDP(nengo.learning_rules.LearningRuleType):
    """Pair-based STDP with all-to-all traces, as snn's `STDP` steps it (Nengo
    has no such rule, so the benchmark adds it the way Nengo's own rules are
    made: a rule type, an operator and a build function). Each step the
    traces decay, a post spike adds A+ times the pre traces to its row of
    weights and a pre spike subtracts A- times the post traces from its
    column, the weights are clipped to [w_min, w_max], and then the spikes
    join the traces."""

    modifies = "weights"
    probeable = ("delta",)

    def __init__(self, a_plus=1e-5, w_max=2e-3):
        super().__init__(learning_rate=a_plus, size_in=0)
        self.a_plus = a_plus
        self.a_minus = 1.05 * a_plus
        self.tau = 0.02
        self.w_min = 0.0
        self.w_max = w_max


class SimSTDP(Operator):
    """The step of `STDP`: reads the pre and post spikes and the weights,
    updates the delta (applied to the weights next step) and the traces."""

    def __init__(self, pre, post, weights, delta, pre_trace, post_trace, rule):
        super().__init__(tag="STDP")
        self.rule = rule
        self.sets = []
        self.incs = []
        self.reads = [pre, post, weights]
        self.updates = [delta, pre_trace, post_trace]

    def make_step(self, signals, dt, rng):
        pre, post, weights = (signals[s] for s in self.reads)
        delta, x, y = (signals[s] for s in self.updates)
        r = self.rule
        decay = np.exp(-dt / r.tau)

        def step_stdp():
            x[...] *= decay
            y[...] *= decay
            fired_pre = pre > 0
            fired_post = post > 0
            delta[...] = 0.0
            delta[fired_post, :] += r.a_plus * x
            delta[:, fired_pre] -= r.a_minus * y[:, None]
            delta[...] = np.clip(weights + delta, r.w_min, r.w_max) - weights
            x[fired_pre] += 1.0
            y[fired_post] += 1.0

        return step_stdp


@Builder.register(STDP)
def build_stdp(model, stdp, rule):
    conn = rule.connection
    pre = model.sig[conn.pre_obj]["out"]
    post = model.sig[conn.post_obj]["out"]
    model.add_op(
        SimSTDP(
            pre,
            post,
            model.sig[conn]["weights"],
            model.sig[rule]["delta"],
            Signal(shape=pre.shape, name="STDP:pre_trace"),
            Signal(shape=post.shape, name="STDP:post_trace"),
            stdp,
        )
    )


def stdp(size):
    """SIZE/200 groups: a 100-neuron 1-D pre given a phase-shifted sine, its
    neurons joined to a 100-neuron post's through fixed-pattern weights in
    [0, 1e-3), learned by STDP(a_plus=1e-5) bounded to [0, 2e-3]; post
    probed. Not scored."""
    count = max(size // 200, 1)
    phase = 2 * np.pi * np.arange(count) / count
    r, c = np.mgrid[0:100, 0:100]
    weights = ((100 * r + c) * 37 % 101) / 101 * 1e-3
    with nengo.Network(seed=SEED) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t + phase))
        for i in range(count):
            pre = nengo.Ensemble(100, 1)
            post = nengo.Ensemble(100, 1)
            nengo.Connection(stim[i], pre)
            nengo.Connection(
                pre.neurons, post.neurons, transform=weights, learning_rule_type=STDP()
            )
            nengo.Probe(post, synapse=PROBE_TAU)
    return Bench(net)


def pseudo_random_unit(d, seed):
    """The deterministic unit vector of snn-bench's `pseudo_random_unit`."""
    k = np.arange(d)
    v = ((7919 * k + 104729 * seed) % 1009) / 1009 - 0.5
    return v / np.linalg.norm(v)


def circconv_exact(a, b):
    """c_i = sum_j a_j b_(i - j mod D), through the FFT."""
    return np.fft.irfft(np.fft.rfft(a) * np.fft.rfft(b), n=len(a))


class LateRmse(Bench):
    """Scored by the RMSE of `output` after 0.2 s against a constant."""

    def __init__(self, net, output, constant):
        super().__init__(net, output)
        self.constant = constant

    def rmse(self, sim):
        late = sim.data[self.output][int(round(0.2 / DT)) :]
        return float(np.sqrt(np.mean((late - self.constant) ** 2)))


def circconv(size):
    """SIZE = D: CircularConvolution(50, D) of two constant unit vectors,
    probed; scored against their exact circular convolution after 0.2 s."""
    a, b = pseudo_random_unit(size, 1), pseudo_random_unit(size, 2)
    with nengo.Network(seed=SEED) as net:
        input_a = nengo.Node(a)
        input_b = nengo.Node(b)
        cconv = nengo.networks.CircularConvolution(50, size)
        nengo.Connection(input_a, cconv.input_a)
        nengo.Connection(input_b, cconv.input_b)
        out = nengo.Probe(cconv.output, synapse=PROBE_TAU)
    return LateRmse(net, out, circconv_exact(a, b))


def spa_memory(size):
    """SIZE = D (a multiple of 16): a D-dimensional state (an EnsembleArray
    of 16-D ensembles of 800 neurons with CosineSimilarity(D + 2) intercepts
    and evaluation points, as nengo_spa's State with represent_cc_identity
    off) with feedback 1 through Lowpass(0.1), cued with A for 50 ms, bound
    to a constant B by CircularConvolution(200, D); probed, not scored."""
    d = max(size // 16, 1) * 16
    a, b = pseudo_random_unit(d, 1), pseudo_random_unit(d, 2)
    similarity = nengo.dists.CosineSimilarity(d + 2)
    with nengo.Network(seed=SEED) as net:
        cue = nengo.Node(lambda t: a if t < 0.05 else np.zeros(d))
        other = nengo.Node(b)
        memory = nengo.networks.EnsembleArray(
            800, d // 16, ens_dimensions=16, eval_points=similarity, intercepts=similarity
        )
        nengo.Connection(memory.output, memory.input, synapse=RECURRENT_TAU)
        bind = nengo.networks.CircularConvolution(200, d)
        nengo.Connection(cue, memory.input)
        nengo.Connection(memory.output, bind.input_a)
        nengo.Connection(other, bind.input_b)
        nengo.Probe(bind.output, synapse=PROBE_TAU)
    return Bench(net)


MODELS = {
    f.__name__: f
    for f in (
        neurons,
        channel,
        ensemble_array,
        integrator,
        oscillator,
        learning,
        stdp,
        circconv,
        spa_memory,
    )
}


def measure(model, size, seconds):
    bench = MODELS[model](size)
    start = time.perf_counter()
    sim = nengo.Simulator(bench.net, dt=DT, progress_bar=False)
    build_s = time.perf_counter() - start
    with sim:
        start = time.perf_counter()
        sim.run(seconds)
        run_s = time.perf_counter() - start
        rmse = bench.rmse(sim)
    return {
        "model": model,
        "size": size,
        "neurons": sum(e.n_neurons for e in bench.net.all_ensembles),
        "build_s": round(build_s, 4),
        "sim_s_per_sim_s": round(run_s / seconds, 4),
        "rmse": rmse,
    }


def main():
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("model", choices=sorted(MODELS))
    cli.add_argument("size", type=int)
    cli.add_argument("--seconds", type=float, default=1.0)
    args = cli.parse_args()
    if args.size < 1 or not args.seconds > 0:
        cli.error("SIZE must be at least 1 and --seconds positive")
    print(json.dumps(measure(args.model, args.size, args.seconds)))


if __name__ == "__main__":
    main()
