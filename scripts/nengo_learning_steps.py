"""Nengo 4.1's learned values step for step, for the side-by-side tests
`voja_matches_nengo_step_for_step` (tests/integration/learning_voja.rs)
and `pes_weights_and_delta_match_nengo_step_for_step`
(tests/integration/learning_pes.rs). Every tuning is given, so nothing is
drawn at random and the runs can be compared number for number.

Usage: ~/.venvs/nengo/bin/python scripts/nengo_learning_steps.py

voja: eight LIFRate neurons in 2-D with given encoders, max rates,
intercepts and radius 1.5; a constant [0.6, -0.3] through the default
Lowpass(0.005) learns with Voja(0.5), while a second constant [0.1, 0.2]
reaches the ensemble unlearned. The scaled encoders every 50 ms over
0.2 s, one row per sample, neuron-major.

pes: eight LIFRate neurons in 1-D driven by sin(2 pi 4 t) learn, from zero
weights, a neuron-to-node connection with PES(1e-3) and the error
y - u. The weights and the delta every 50 ms over 0.2 s.
"""
import json
import nengo
import numpy as np

max_rates = [200, 230, 260, 290, 320, 350, 380, 400]
intercepts = [-0.8, -0.5, -0.2, 0.0, 0.1, 0.3, -0.6, 0.5]

encoders = [[1, 0], [0, 1], [-1, 0], [0, -1], [0.6, 0.8], [-0.8, 0.6], [0.8, -0.6], [-0.6, -0.8]]
with nengo.Network(seed=0) as net:
    u = nengo.Node([0.6, -0.3])
    other = nengo.Node([0.1, 0.2])
    x = nengo.Ensemble(8, 2, neuron_type=nengo.LIFRate(), encoders=encoders,
                       max_rates=max_rates, intercepts=intercepts, radius=1.5)
    nengo.Connection(u, x, learning_rule_type=nengo.Voja(learning_rate=0.5))
    nengo.Connection(other, x)
    p = nengo.Probe(x, "scaled_encoders", sample_every=0.05)
with nengo.Simulator(net, progress_bar=False) as sim:
    sim.run(0.2)
print(json.dumps({"voja_scaled_encoders": sim.data[p].reshape(4, -1).round(10).tolist()}))

with nengo.Network(seed=0) as net:
    u = nengo.Node(lambda t: np.sin(2 * np.pi * 4 * t))
    a = nengo.Ensemble(8, 1, neuron_type=nengo.LIFRate(), encoders=[[1], [-1]] * 4,
                       max_rates=max_rates, intercepts=intercepts)
    y = nengo.Node(size_in=1)
    err = nengo.Node(size_in=1)
    nengo.Connection(u, a)
    c = nengo.Connection(a.neurons, y, transform=np.zeros((1, 8)),
                         learning_rule_type=nengo.PES(learning_rate=1e-3))
    nengo.Connection(y, err)
    nengo.Connection(u, err, transform=-1)
    nengo.Connection(err, c.learning_rule)
    pw = nengo.Probe(c, "weights", sample_every=0.05)
    pd = nengo.Probe(c.learning_rule, "delta", sample_every=0.05)
with nengo.Simulator(net, progress_bar=False) as sim:
    sim.run(0.2)
print(json.dumps({"pes_weights": sim.data[pw].reshape(4, -1).round(10).tolist(),
                  "pes_delta": sim.data[pd].reshape(4, -1).tolist()}))
