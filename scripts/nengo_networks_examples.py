"""Nengo 4.1's side of the network-library examples (basal_ganglia,
question_answering, matrix_multiplication): the same models built with
nengo.networks, run for seeds 0-4, printing the figures the Rust examples
print, so docs/guide.md can put them side by side.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_networks_examples.py
(the semantic pointers come from nengo_spa's Vocabulary when nengo_spa is
installed, else from normalized Gaussian vectors: the statistics, not the
numbers, are comparable; `pip install nengo-spa` next to nengo).
"""

import numpy as np
import nengo

ACTIONS, WINDOW = 5, 0.2


def utilities(w):
    u = np.array([0.3 + 0.3 * (((i + 2 * w) * 7) % 5) / 4.0 for i in range(ACTIONS)])
    u[w % ACTIONS] = 0.8
    return u


def basal_ganglia(seed):
    with nengo.Network(seed=seed) as net:
        inp = nengo.Node(lambda t: utilities(int(max(np.floor((t - 1e-9) / WINDOW), 0))))
        bg = nengo.networks.BasalGanglia(ACTIONS)
        thal = nengo.networks.Thalamus(ACTIONS)
        nengo.Connection(inp, bg.input, synapse=None)
        nengo.Connection(bg.output, thal.input)
        p = nengo.Probe(thal.output, synapse=0.01)
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run(WINDOW * ACTIONS)
    per = int(round(WINDOW / 1e-3))
    correct, levels = 0, []
    for w in range(ACTIONS):
        means = sim.data[p][w * per + per // 2 : (w + 1) * per].mean(axis=0)
        correct += int(np.argmax(means) == w % ACTIONS)
        levels.append(means.max())
    return correct, float(np.mean(levels))


D, SHOW, ASK = 64, 0.3, 0.3


def vocabulary(seed):
    try:
        import nengo_spa

        vocab = nengo_spa.Vocabulary(D, pointer_gen=np.random.RandomState(seed))
        vocab.populate("RED; BLUE; CIRCLE; SQUARE; SCENE = RED * CIRCLE + BLUE * SQUARE")
        return {k: vocab[k].v for k in vocab.keys()}
    except ImportError:
        rng = np.random.RandomState(seed)
        v = {k: rng.randn(D) for k in ("RED", "BLUE", "CIRCLE", "SQUARE")}
        v = {k: x / np.linalg.norm(x) for k, x in v.items()}
        bind = lambda a, b: np.fft.irfft(np.fft.rfft(a) * np.fft.rfft(b), n=D)
        v["SCENE"] = bind(v["RED"], v["CIRCLE"]) + bind(v["BLUE"], v["SQUARE"])
        return v


def question_answering(seed):
    v = vocabulary(seed)
    keys = list(v)
    questions = [("RED", "CIRCLE"), ("BLUE", "SQUARE")]
    similarity = nengo.dists.CosineSimilarity(D + 2)
    with nengo.Network(seed=seed) as net:
        show = nengo.Node(lambda t: v["SCENE"] if t < SHOW else np.zeros(D))

        def question(t):
            q = int(np.floor((t - SHOW) / ASK))
            return np.zeros(D) if t < SHOW or q >= len(questions) else v[questions[q][0]]

        ask = nengo.Node(question)
        memory = nengo.networks.EnsembleArray(
            800, D // 16, ens_dimensions=16, eval_points=similarity, intercepts=similarity
        )
        nengo.Connection(memory.output, memory.input, synapse=0.1)
        unbind = nengo.networks.CircularConvolution(200, D, invert_b=True)
        nengo.Connection(show, memory.input)
        nengo.Connection(memory.output, unbind.input_a)
        nengo.Connection(ask, unbind.input_b)
        p = nengo.Probe(unbind.output, synapse=0.03)
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run(SHOW + ASK * len(questions))
    # Answers are the four symbols, not the scene itself.
    keys = [k for k in keys if k != "SCENE"]
    vectors = np.array([v[k] for k in keys])
    sims = sim.data[p] @ vectors.T
    per, show = int(round(ASK / 1e-3)), int(round(SHOW / 1e-3))
    correct, values = 0, []
    for q, (_, expected) in enumerate(questions):
        means = sims[show + q * per + per // 2 : show + (q + 1) * per].mean(axis=0)
        correct += int(keys[int(np.argmax(means))] == expected)
        values.append(means.max())
    return correct, float(np.mean(values))


A = np.array([[0.5, -0.5], [0.3, 0.7]])
B = np.array([[0.8, 0.3], [0.2, -0.6]])


def matrix_multiplication(seed):
    n = 100
    with nengo.Network(seed=seed) as net:
        input_a = nengo.Node(A.ravel())
        input_b = nengo.Node(B.ravel())
        a = nengo.networks.EnsembleArray(n, 4)
        b = nengo.networks.EnsembleArray(n, 4)
        nengo.Connection(input_a, a.input)
        nengo.Connection(input_b, b.input)
        corners = nengo.dists.Choice([[1, 1], [-1, 1], [1, -1], [-1, -1]])
        pairs = nengo.networks.EnsembleArray(
            n, 8, ens_dimensions=2, radius=np.sqrt(2), encoders=corners
        )
        to_a, to_b, to_c = np.zeros((16, 4)), np.zeros((16, 4)), np.zeros((4, 8))
        for i in range(2):
            for j in range(2):
                for k in range(2):
                    pair = 4 * i + 2 * k + j
                    to_a[2 * pair, 2 * i + j] = 1
                    to_b[2 * pair + 1, 2 * j + k] = 1
                    to_c[2 * i + k, pair] = 1
        nengo.Connection(a.output, pairs.input, transform=to_a)
        nengo.Connection(b.output, pairs.input, transform=to_b)
        products = pairs.add_output("product", lambda x: x[0] * x[1])
        c = nengo.networks.EnsembleArray(n, 4)
        nengo.Connection(products, c.input, transform=to_c)
        p = nengo.Probe(c.output, synapse=0.03)
    with nengo.Simulator(net, progress_bar=False) as sim:
        sim.run(0.5)
    late = sim.data[p][-200:].mean(axis=0)
    return float(np.sqrt(np.mean((late - (A @ B).ravel()) ** 2)))


def main():
    seeds = range(5)
    bg = [basal_ganglia(s) for s in seeds]
    qa = [question_answering(s) for s in seeds]
    mm = [matrix_multiplication(s) for s in seeds]
    print(f"basal_ganglia_correct_windows: {sum(c for c, _ in bg)}/{5 * ACTIONS}")
    print(f"basal_ganglia_mean_winner_output: {np.mean([l for _, l in bg]):.3f}")
    print(f"question_answering_correct: {sum(c for c, _ in qa)}/{2 * len(seeds)}")
    print(f"question_answering_mean_similarity: {np.mean([s for _, s in qa]):.3f}")
    print(f"matrix_multiplication_mean_rmse: {np.mean(mm):.4f}")


if __name__ == "__main__":
    main()
