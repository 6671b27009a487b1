"""Issue 21, item 2: O/Theta/o claims checked along every variable they name, one at a time and jointly,
and at other fixed values of the constants, each part its own finding.

Planted errors, each caught by one part only (the main check along the declared variable passes):
Theta(V^4 ln n) misprinted as Theta(V^4 ln^2 n) (along n), O(V + n) for V n (jointly), and
O(eps^{-L}) for eps^{-(L_p + L)} when the declaration holds L_p = 0 (constants moved). True
statements: the same claims correctly printed, which every part leaves alone.
"""
from __future__ import annotations

from boundcalc.audit import audit
from boundcalc.checks import Asymptotic
from boundcalc.findings import Verdict
from boundcalc.records import Param, Result
from boundcalc.registry import Registry


def parts(spec, params):
    r = Result(id="n", kind="lemma", title="n", statement="s", location="t", params=params, checks=(spec,))
    rep = audit(registry=Registry([r]), evaluator=False)
    return {f.check.split(":", 1)[1]: f for f in rep.nodes[0].findings if f.check.startswith("asymptotic:")}


VN = (Param("V", "posint", default="3"), Param("n", "int>=2", default="10"))


def theta(claimed):
    return Asymptotic("t", explicit="V**4*log(n)", claimed=claimed, variable="V", held={"n": "10"},
                      variables=("n",), bound="Theta")


def test_theta_misprint_in_a_second_variable_is_its_own_finding():
    found = parts(theta("V**4*log(n)**2"), VN)
    assert found["t"].verdict is Verdict.VERIFIED                  # along V: ratio 1/ln 10, fine
    assert found["t@n"].verdict is Verdict.UNSUPPORTED             # along n: ratio 1/ln n -> 0, not Theta
    assert "not Theta" in found["t@n"].detail
    # the certified samples agree: log10 of the ratio falls along n
    logs = [float(r["log10_ratio"]) for r in found["t@n"].evidence["samples"]]
    assert logs == sorted(logs, reverse=True) and logs[-1] < -1
    assert found["t@joint"].verdict is Verdict.UNSUPPORTED


def test_correct_theta_is_left_alone_along_every_variable():
    found = parts(theta("V**4*log(n)"), VN)
    assert {k: f.verdict for k, f in found.items()} == {"t": Verdict.VERIFIED, "t@n": Verdict.VERIFIED,
                                                         "t@joint": Verdict.VERIFIED}


def test_a_claim_false_only_jointly():
    spec = Asymptotic("j", explicit="V*n", claimed="V + n", variable="V", held={"n": "10"}, variables=("n",))
    found = parts(spec, VN)
    assert found["j"].verdict is Verdict.VERIFIED and found["j@n"].verdict is Verdict.VERIFIED
    assert found["j@joint"].verdict is Verdict.UNSUPPORTED
    ok = parts(Asymptotic("j", explicit="V + n", claimed="V*n", variable="V", held={"n": "10"},
                          variables=("n",)), VN)
    assert all(f.verdict is Verdict.VERIFIED for f in ok.values())


EPS = (Param("eps", "(0,1)", default="1/2"), Param("L", "posint", default="1"), Param("Lp", "nonnegint", default="0"))


def test_a_dropped_exponent_shows_when_the_held_constants_move():
    spec = Asymptotic("e", explicit="eps**(-(Lp + L))", claimed="eps**(-L)", variable="eps", point="0",
                      held={"L": "1", "Lp": "0"})
    found = parts(spec, EPS)
    assert found["e"].verdict is Verdict.VERIFIED                          # at L_p = 0 the exponents agree
    moved = found["e@constants-moved"]
    assert moved.verdict is Verdict.UNSUPPORTED and moved.evidence["moved"] == {"L": "2", "Lp": "1"}
    right = parts(Asymptotic("e", explicit="eps**(-(Lp + L))", claimed="eps**(-(Lp + L))", variable="eps",
                             point="0", held={"L": "1", "Lp": "0"}), EPS)
    assert all(f.verdict is Verdict.VERIFIED for f in right.values())


def test_hidden_growth_and_fixed_value_are_separate_findings():
    """L_p secretly grows like 1/eps: the main part is unsupported, the O at a fixed L_p holds."""
    spec = Asymptotic("h", explicit="eps**(-(Lp + L))", claimed="eps**(-(Lp + L))", variable="eps", point="0",
                      held={"L": "1", "Lp": "ceil(1/eps)"})
    found = parts(spec, EPS)
    assert found["h"].evidence["hidden_dependence"] == ["Lp"]
    assert found["h@fixed[Lp=2]"].verdict is Verdict.VERIFIED


def test_a_further_variable_is_checked_when_the_main_one_has_no_default():
    params = (Param("V", "posint"), Param("n", "int>=2", default="10"))
    found = parts(theta("V**4*log(n)**2"), params)
    assert found["t@n"].verdict is Verdict.UNSUPPORTED                 # V fixed at 16 along n
    assert found["t@n"].evidence["held_here"]["V"] == "16"
