"""Nengo 4.1's figures for the weight rules' tests
(tests/integration/learning_weights.rs).

Usage: ~/.venvs/nengo/bin/python scripts/nengo_learning_reference.py

For BCM and Oja with their defaults, on Nengo's `learning_net` of
test_learning_rules.py (10-neuron pre and post joined neuron to neuron
through weights uniform in [0, 1e-3), no input), seeds 0-9, prints the
largest weight change over 0.1 s at dt = 1e-3 ("change") and the largest
difference of the weights (sampled every 10 ms) between dt = 1e-4 and
1e-3 ("diff").
"""
import nengo, numpy as np
for rule in (nengo.BCM, nengo.Oja):
    res=[]
    for seed in range(10):
        rng = np.random.RandomState(seed)
        with nengo.Network(seed=seed) as net:
            pre = nengo.Ensemble(10, 1); post = nengo.Ensemble(10, 1)
            w = rng.uniform(high=1e-3, size=(10, 10))
            conn = nengo.Connection(pre.neurons, post.neurons, transform=w, learning_rule_type=rule())
            wp = nengo.Probe(conn, "weights", synapse=None, sample_every=0.01)
        out = []
        for dt in (1e-4, 1e-3):
            with nengo.Simulator(net, dt=dt, progress_bar=False) as sim:
                sim.run(0.1)
            out.append(sim.data[wp])
        res.append((np.abs(out[1][-1]-out[1][0]).max(), np.abs(out[0]-out[1]).max()))
    print(rule.__name__, "change", [f"{a:.2e}" for a,b in res]); print("   diff", [f"{b:.2e}" for a,b in res])
