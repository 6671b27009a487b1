"""`boundcalc graph`: the lemma graph as text, node-link JSON, Graphviz dot or a self-contained HTML picture."""
from __future__ import annotations

import json
import sys

import click

from ._audit import audit_options, prepare


@click.command("graph")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "dot", "html"]), default="text",
              show_default=True, help="output format")
@click.option("--json", "as_json", is_flag=True, help="same as --format json (node-link JSON)")
@click.option("--focus", default=None, help="only the neighbourhood of this result (id or alias)")
@click.option("--up", is_flag=True, help="with --focus: what it uses (its proof's dependencies)")
@click.option("--down", is_flag=True, help="with --focus: what uses it")
@click.option("--depth", default=None, type=click.IntRange(0, None), help="with --focus: at most K steps")
@click.option("--out", "out", default=None, help="write to FILE instead of standard output (checked before any work)")
@click.option("--seed", default="0", show_default=True, help="seed of the audit that colours the nodes")
@click.option("--no-audit", is_flag=True, help="draw the structure only (no verdicts; fast)")
@audit_options
def command(fmt, as_json, focus, up, down, depth, out, seed, no_audit, effort, jobs, paper_text, no_cache):
    """Draw the dependency graph: an edge goes from a result to one its proof uses.

    --focus without --up/--down shows both directions.
    """
    from ..errors import InputError
    from ._common import OutputFile, parse_seed

    seed_ = parse_seed(seed)
    if as_json:
        if fmt not in ("text", "json"):
            raise InputError(f"--json conflicts with --format {fmt}")
        fmt = "json"
    if focus is not None and not focus.strip():
        raise InputError("--focus needs a result id or alias, got an empty string")
    if (up or down or depth is not None) and focus is None:
        raise InputError("--up, --down and --depth need --focus ID")
    run = prepare(seed=seed_, effort=effort, jobs=jobs, paper_text=paper_text, no_cache=no_cache)
    sink = OutputFile(out, "--out") if out is not None else None
    options = {"format": fmt, "focus": focus, "up": up, "down": down, "depth": depth, "no_audit": no_audit}
    try:
        drawn = run.reuse_output("graph", options, lambda: _draw(fmt, up, down, depth, focus, no_audit, run))
        text = drawn["text"]
        if sink:
            sink.write(text)
            sink.commit()
    except KeyboardInterrupt:
        click.echo("boundcalc: interrupted (nothing written)", err=True)
        sys.exit(130)
    finally:
        if sink:
            sink.discard()
    if out:
        click.echo(f"wrote {out} ({fmt}, {drawn['nodes']} nodes, {drawn['edges']} edges)", err=True)
    else:
        click.echo(text, nl=False)


def _sub(reg, wanted):
    from ..registry import Registry

    sub = Registry(r for r in reg if r.id in wanted)
    sub.defects, sub.paper = reg.defects, reg.paper
    sub.load_proofs_with(lambda: reg.proofs)
    return sub


def _draw(fmt, up, down, depth, focus, no_audit, run) -> dict:
    """Draw the (focused) graph, coloured by the audit of what is drawn plus what it uses."""
    from ..audit import _closure, _default_registry, graph
    from ..graph import build_graph
    from ..render import graphs

    reg = _default_registry()
    target = reg.resolve(focus) if focus else None
    g = build_graph(reg)
    if target:
        g = graphs.focus(g, target, up or not down, down or not up, depth)
    if not no_audit:
        wanted = set().union(*[_closure(reg, n) for n in g.nodes]) if g.nodes else set()
        if wanted != set(reg.results):      # a focused view audits only what it needs
            run = run.narrowed(registry=_sub(reg, wanted), nodes=sorted(wanted))
        full = graph(run.report(), registry=run.registry or reg)
        for n in g.nodes:
            g.nodes[n].update({k: full.nodes[n][k] for k in ("verdict", "statement", "proof", "dependencies_verified", "reason")})
            if full.nodes[n].get("statement_under"):      # refuted under a named hypothesis (issue 22)
                g.nodes[n]["statement_under"] = full.nodes[n]["statement_under"]
    else:
        for n in g.nodes:
            g.nodes[n].update(verdict=None, statement=None, proof=None, dependencies_verified=None, reason="not audited")
    if fmt == "json":
        text = json.dumps(graphs.node_link(g), indent=2) + "\n"
    elif fmt == "dot":
        text = graphs.dot(g)
    elif fmt == "html":
        text = graphs.html(g)
    else:
        if target and up == down:  # both directions: what uses it, then what it uses
            text = graphs.text(g, [target], reverse=True) + graphs.text(g, [target])
        else:
            text = graphs.text(g, [target] if target else None, reverse=bool(target and down))
    return {"text": text, "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
