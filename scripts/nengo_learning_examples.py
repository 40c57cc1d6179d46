"""Nengo 4.1's side of the learning examples (examples/learn_communication_channel.rs
and examples/learn_square.rs), as in Nengo's own examples
(docs/examples/learning/learn-communication-channel, learn-square):

- channel: 60-neuron 2-D pre, post and error ensembles; input
  WhiteSignal(period 60, high 5) in 2-D; pre -> post starts computing a
  random function; PES (default rate 1e-4) learns it into the identity from
  error = post - pre; after 10 s the error ensemble is inhibited (its
  neurons get -2 each), which stops learning; run 15 s.
- square: the same with 1-D 100-neuron ensembles, input WhiteSignal(period
  60, high 5) and error = post - pre**2.

Prints, per model and seed, the rmse of post (synapse 0.01) against the
target (pre, or the square of pre, synapse 0.01) over 10 < t <= 15 s, and
the mean over seeds 0-9, as `name: value` lines. Writes them to
tests/integration/data/nengo_learning_examples.json.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_learning_examples.py
"""

import json
from pathlib import Path

import nengo
import numpy as np
from nengo.processes import WhiteSignal

SEEDS = range(10)


def run(model_name, seed):
    dims, n = (2, 60) if model_name == "channel" else (1, 100)
    rng = np.random.RandomState(seed)
    with nengo.Network(seed=seed) as model:
        inp = nengo.Node(WhiteSignal(60, high=5, seed=seed), size_out=dims)
        pre = nengo.Ensemble(n, dimensions=dims)
        nengo.Connection(inp, pre)
        post = nengo.Ensemble(n, dimensions=dims)
        conn = nengo.Connection(pre, post, function=lambda x: rng.random_sample(dims))
        error = nengo.Ensemble(n, dimensions=dims)
        nengo.Connection(post, error)
        if model_name == "channel":
            nengo.Connection(pre, error, transform=-1)
        else:
            nengo.Connection(pre, error, function=lambda x: x**2, transform=-1)
        conn.learning_rule_type = nengo.PES()
        nengo.Connection(error, conn.learning_rule)
        inhib = nengo.Node(lambda t: 2.0 if t > 10.0 else 0.0)
        nengo.Connection(inhib, error.neurons, transform=[[-1]] * error.n_neurons)
        pre_p = nengo.Probe(pre, synapse=0.01)
        post_p = nengo.Probe(post, synapse=0.01)
    with nengo.Simulator(model, progress_bar=False) as sim:
        sim.run(15.0)
    late = sim.trange() > 10.0
    target = sim.data[pre_p] if model_name == "channel" else sim.data[pre_p] ** 2
    return float(np.sqrt(np.mean((sim.data[post_p][late] - target[late]) ** 2)))


def main():
    means, per_seed = {}, {}
    for name in ("channel", "square"):
        errors = [run(name, s) for s in SEEDS]
        per_seed[name] = errors
        for s, e in zip(SEEDS, errors):
            print(f"{name}_rmse_seed{s}: {e:.4f}")
        means[name] = float(np.mean(errors))
        print(f"{name}_rmse_mean: {means[name]:.4f}")
    out = Path(__file__).resolve().parent.parent / "tests/integration/data/nengo_learning_examples.json"
    out.write_text(json.dumps(
            {
                "nengo": nengo.__version__,
                "seeds": list(SEEDS),
                "rmse_mean": means,
                "rmse": per_seed,
            },
            indent=1,
        ) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
