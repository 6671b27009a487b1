"""The generic exact evaluator: FFN/attention against hand and independent computations."""
import json
import random
import sys
from fractions import Fraction as F
from pathlib import Path

import mpmath
import pytest
from flint import fmpq

from boundcalc.errors import InputError
from boundcalc.transformer import FFN, Attention, Network, network_from_json, network_to_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))
import reference_forward as ref  # noqa: E402


def test_ffn_hand_computed():
    # z + W2 ReLU(W1 z + b1) + b2 with W1 = [[1],[−1]], b1 = [−1, 0], W2 = [[2, 3]], b2 = [1/2]
    f = FFN([[1], [-1]], [-1, 0], [[2, 3]], ["1/2"])
    # z = 3: ReLU(2) = 2, ReLU(-3) = 0 -> 3 + 4 + 1/2
    assert f.column([fmpq(3)]) == [fmpq(15, 2)]
    # z = -2: ReLU(-3) = 0, ReLU(2) = 2 -> -2 + 6 + 1/2
    assert f.column([fmpq(-2)]) == [fmpq(9, 2)]


def test_grouped_ffn_equals_naive_sum_exactly():
    rng = random.Random(3)
    r, d = 40, 2
    # many neurons along two directions so the 1-D grouping kicks in
    scales = [F(rng.choice([-5, -3, -1, 1, 2, 5]), 4) for _ in range(r)]
    W1 = [[scales[i] * s for s in ([1, 2] if i % 2 else [3, -1])] for i in range(r)]
    b1 = [F(rng.randint(-30, 30), 7) for _ in range(r)]
    W2 = [[F(rng.randint(-9, 9), 3) for _ in range(r)] for _ in range(d)]
    f = FFN(W1, b1, W2, [0, F(1, 3)])
    assert f._groups, "grouping should apply"
    for _ in range(50):
        z = [fmpq(rng.randint(-40, 40), 9) for _ in range(d)]
        naive = []
        for a in range(d):  # written out independently with Fractions
            acc = F(0)
            for i in range(r):
                pre = sum(F(int(w.p), int(w.q)) * F(int(x.p), int(x.q)) for w, x in zip(f.W1[i], z)) + F(int(f.b1[i].p), int(f.b1[i].q))
                acc += F(int(f.W2[a][i].p), int(f.W2[a][i].q)) * max(pre, F(0))
            naive.append(F(int(z[a].p), int(z[a].q)) + acc + F(int(f.b2[a].p), int(f.b2[a].q)))
        got = f.column(z)
        assert [F(int(x.p), int(x.q)) for x in got] == naive


def test_attention_matches_mpmath():
    # d = s = 1, two tokens 1 and 2; weights 1: logits k*q, output z + softmax-average of values
    att = Attention([[1]], [[1]], [[1]], [["1/2"]])
    from boundcalc.transformer.numeric import precision
    with precision(128):
        out = att([[fmpq(1), fmpq(2)]])
    mpmath.mp.dps = 40
    for k, zq in enumerate([1, 2]):
        w = [mpmath.exp(zk * zq) for zk in (1, 2)]
        expect = zq + mpmath.mpf(1) / 2 * (1 * w[0] + 2 * w[1]) / (w[0] + w[1])
        ball = out[0][k]
        assert abs(float(ball.mid()) - float(expect)) < 1e-14
        assert ball.rad() < 1e-30


def _random_net(rng):
    rq = lambda: F(rng.randint(-20, 20), 8)  # noqa: E731
    d, L, Lp, s = 2, 2, 1, 2
    f1 = FFN([[rq(), rq()] for _ in range(6)], [rq() for _ in range(6)], [[rq() for _ in range(6)] for _ in range(d)], [rq(), rq()])
    att = Attention(*[[[rq(), rq()] for _ in range(s)] for _ in range(3)], [[rq(), rq()] for _ in range(d)])
    f2 = FFN([[1, 0]] * 10, [F(i, 3) for i in range(10)], [[1] * 10, [F(-1, 2)] * 10], [0, 0])
    return Network(d, L, Lp, [("f1", f1), ("att", att), ("f2", f2)], positional=[[0, 1, 2], [0, 1, 2]],
                   prompt=[["0.5"], ["0.25"]])


def test_export_import_and_reference_forward():
    net = _random_net(random.Random(1))
    X = [[F(1, 3), F(2, 3)], [F(1, 5), 1]]
    out = net(X)
    js = json.loads(json.dumps(network_to_json(net)))
    assert js["format"] == "boundcalc-transformer/2"
    assert all(isinstance(x, str) and "." not in x for r in js["layers"][0]["W1"] for x in r)
    refout = ref.forward(js, [[str(x) for x in r] for r in X])
    for r1, r2 in zip(out, refout):
        for a, b in zip(r1, r2):
            assert abs(float(a.mid()) - float(b)) <= float(a.rad()) + 1e-25
    again = network_from_json(js)(X)
    for r1, r2 in zip(out, again):
        for a, b in zip(r1, r2):
            assert a.overlaps(b)


def test_trace_names_every_layer():
    net = _random_net(random.Random(2))
    tr = net.forward([[0, 0], [0, 0]])
    assert list(tr) == ["embedded", "f1", "att", "f2", "output"]
    assert len(tr["output"][0]) == 2 and len(tr["att"][0]) == 3


def test_import_rejects_bad_files():
    net = _random_net(random.Random(3))
    js = network_to_json(net)
    with pytest.raises(InputError):
        network_from_json({"format": "other"})
    bad = json.loads(json.dumps(js))
    bad["layers"][0]["W2"] = [["1"]]
    with pytest.raises(InputError):
        network_from_json(bad)
    bad = json.loads(json.dumps(js))
    bad["layers"][1]["WQ"][0][0] = 0.1   # binary float, not a decimal string
    with pytest.raises(InputError):
        network_from_json(bad)


def test_attention_accepts_rows_mixing_exact_and_ball_scores():
    from flint import arb, fmpq

    from boundcalc.transformer.model import Attention

    att = Attention([[1, 0]], [[0, 1]], [[1, 1]], [[1], [0]])
    exact = [[fmpq(1, 2), fmpq(3, 1)], [fmpq(1, 4), fmpq(-2, 1)]]
    mixed = [[arb("0.5"), fmpq(3, 1)], [fmpq(1, 4), fmpq(-2, 1)]]  # one ball entry
    a, b = att(exact), att(mixed)
    for ra, rb in zip(a, b):
        for x, y in zip(ra, rb):
            assert arb(x).overlaps(arb(y))
    # by hand: query column 0 has q = 1/2, keys (1/4, -2): weights e^{1/8}, e^{-1}; values 3/4, 1
    import mpmath
    w1, w2 = mpmath.e ** mpmath.mpf(0.125), mpmath.e ** -1
    want = mpmath.mpf(0.5) + (w1 * 0.75 + w2 * 1) / (w1 + w2)
    assert abs(float(arb(b[0][0]).mid()) - float(want)) < 1e-12


def test_schema_1_decimal_files_still_read():
    """A /1 file (finite decimals) and its /2 form (p/q) give the same network and reference output."""
    from boundcalc.transformer.numeric import dec, q
    net = _random_net(random.Random(2))
    js2 = json.loads(json.dumps(network_to_json(net)))
    js1 = json.loads(json.dumps(js2).replace("boundcalc-transformer/2", "boundcalc-transformer/1"))

    def to_dec(o):
        if isinstance(o, dict):
            return {k: (v if k in ("format", "name", "type", "meta", "d", "L", "Lp", "precision_bits") else to_dec(v))
                    for k, v in o.items()}
        if isinstance(o, list):
            return [to_dec(v) for v in o]
        return dec(q(o)) if isinstance(o, str) else o
    js1 = to_dec(js1)
    X = [[F(1, 3), F(2, 3)], [F(1, 5), 1]]
    a, b = network_from_json(js1)(X), network_from_json(js2)(X)
    assert all(x.overlaps(y) for r1, r2 in zip(a, b) for x, y in zip(r1, r2))
    r1 = ref.forward(js1, [[str(x) for x in r] for r in X])
    r2 = ref.forward(js2, [[str(x) for x in r] for r in X])
    assert r1 == r2
