"""audit --effort and --jobs: search sizes scaled by the documented multiplier, the per-node work spread
over any concurrent.futures executor (processes, threads, a Dask cluster) with the same report."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from boundcalc.audit import EFFORT, audit
from boundcalc.errors import InputError

NODES = ["lemma-C.2", "lemma-2.3", "lemma-D.1"]
"""Seven nodes with their dependencies: seeded searches (C.1, C.2, D.1), a proof record (C.2), calculators
(2.3). The full audit's identity at --jobs 2 is checked by tests/test_reuse.py and benchmarks/bench_speed.py;
Theorem 2.5 here (30 nodes with its closure) made each of the five audits below most of a full one."""


def _json(rep) -> str:
    return json.dumps(rep.to_dict(), indent=2)


@pytest.fixture(scope="module")
def serial() -> str:
    return _json(audit(nodes=NODES, seed=7))


def test_same_report_with_two_processes(serial):
    assert _json(audit(nodes=NODES, seed=7, jobs=2)) == serial


def test_same_report_with_a_thread_executor(serial):
    with ThreadPoolExecutor(max_workers=3) as ex:
        assert _json(audit(nodes=NODES, seed=7, executor=ex)) == serial


def test_other_seed_other_report(serial):
    # the comparison above can fail: the seed reaches the report
    assert _json(audit(nodes=NODES, seed=8)) != serial


def test_same_report_on_a_local_dask_cluster(serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        rep = audit(nodes=NODES, seed=7, executor=client.get_executor())
        assert _json(rep) == serial
        # the work ran on the cluster's worker processes, not here
        assert len(client.scheduler_info()["workers"]) == 2


def _trials(rep, node: str, check: str) -> int:
    f = next(f for f in rep.node(node).findings if f.check == check)
    return f.evidence["trials"]


def test_effort_scales_search_sizes():
    from proofs import registry

    spec = next(s for s in registry().get("lemma-C.2").checks if s.name == "derivative-negative")
    declared = spec.trials
    reps = {level: audit(node="lemma-C.2", effort=level, evaluator=False, proofs=False) for level in EFFORT}
    got = {level: _trials(rep, "lemma-C.2", "counterexample:derivative-negative") for level, rep in reps.items()}
    # the multipliers are 1/4, 1, 4: floor(trials * m), at least 1
    assert got == {"quick": declared // 4, "default": declared, "thorough": 4 * declared}
    # the derived stages scale too: fewer tight-stage candidates at quick, more at thorough
    tight = {level: next(f for f in rep.node("lemma-C.2").findings
                         if f.check == "counterexample:derivative-negative").evidence["stages"].get("tight", 0)
             for level, rep in reps.items()}
    assert tight["quick"] < tight["default"] < tight["thorough"], tight


def test_effort_scope_sets_the_derived_stage_sizes():
    from fractions import Fraction

    from boundcalc.auditing import falsify
    from proofs import registry

    spec = next(s for s in registry().get("lemma-C.2").checks if s.name == "derivative-negative")
    base = {"special": falsify.SPECIAL_BASES, "tight": falsify.TIGHT_TRIES, "joint": falsify.JOINT_STARTS,
            "optimise": falsify.OPT_STARTS}
    for m in (Fraction(1, 4), Fraction(1), Fraction(4)):
        with falsify.effort(m):
            sizes = falsify.Search(spec, 0).sizes
        assert sizes == {k: max(1, int(n * m)) for k, n in base.items()}
    assert falsify.Search(spec, 0).sizes == base          # the scope ended: back to the default


def test_effort_and_jobs_validated_before_work():
    with pytest.raises(InputError, match="effort must be one of quick, default, thorough"):
        audit(node="lemma-C.2", effort="max")
    for bad in (0, -1, 257, 1.5, True, "2"):
        with pytest.raises(InputError, match="jobs must be an integer from 1 to 256"):
            audit(node="lemma-C.2", jobs=bad)
    with pytest.raises(InputError, match="executor must be a concurrent.futures.Executor"):
        audit(node="lemma-C.2", executor=object())


def test_jobs_need_a_registry_loadable_by_name():
    from boundcalc.records import Result
    from boundcalc.registry import Registry

    reg = Registry([Result(id="a", kind="lemma", title="t", statement="s", location="l")])
    with pytest.raises(InputError, match="loadable by name"):
        audit(registry=reg, jobs=2)
    assert audit(registry=reg, jobs=1).nodes[0].id == "a"


@pytest.mark.parametrize("args, message", [
    (["--jobs", "0"], "--jobs must be an integer from 1 to 256"),
    (["--jobs", "two"], "--jobs must be an integer from 1 to 256"),
    (["--jobs", "1e3"], "--jobs must be an integer from 1 to 256"),
    (["--effort", "extreme"], "--effort must be one of quick, default, thorough"),
    (["--effort", ""], "--effort must be one of quick, default, thorough"),
])
def test_cli_bad_values_one_line_exit_2(args, message, capsys):
    import cli

    with pytest.raises(SystemExit) as exc:
        cli.main(["audit", "--node", "lemma-C.2", *args])
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_cli_jobs_and_effort_documented(capsys):
    import cli

    with pytest.raises(SystemExit):
        cli.main(["audit", "--help"])
    out = capsys.readouterr().out
    assert "--effort" in out and "quick|default|thorough" in out and "--jobs N" in out
