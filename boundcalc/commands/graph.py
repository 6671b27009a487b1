"""`boundcalc graph`: the lemma graph as text, node-link JSON, Graphviz dot or a self-contained HTML picture."""
from __future__ import annotations

import json
import sys

import click


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
def command(fmt, as_json, focus, up, down, depth, out, seed, no_audit):
    """Draw the dependency graph: an edge goes from a result to one its proof uses.

    --focus without --up/--down shows both directions.
    """
    from ..audit import _closure, _default_registry, audit, graph
    from ..errors import InputError
    from ..graph import build_graph
    from ..render import graphs
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
    reg = _default_registry()
    target = reg.resolve(focus) if focus else None
    sink = OutputFile(out, "--out") if out is not None else None
    try:
        text, g = _draw(fmt, up, down, depth, no_audit, seed_, reg, target, graph, audit, _closure, build_graph,
                        graphs)
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
        click.echo(f"wrote {out} ({fmt}, {g.number_of_nodes()} nodes, {g.number_of_edges()} edges)", err=True)
    else:
        click.echo(text, nl=False)


def _draw(fmt, up, down, depth, no_audit, seed_, reg, target, graph, audit, _closure, build_graph, graphs):
    g = build_graph(reg)
    if target:
        g = graphs.focus(g, target, up or not down, down or not up, depth)
    if not no_audit:
        # audit what is drawn plus what it uses (for the dependency status)
        from ..registry import Registry

        wanted = set()
        for n in g.nodes:
            wanted |= _closure(reg, n)
        sub = Registry(r for r in reg if r.id in wanted)
        sub.defects, sub.proofs, sub.paper = reg.defects, reg.proofs, reg.paper
        full = graph(audit(registry=sub, seed=seed_), registry=sub)
        for n in g.nodes:
            g.nodes[n].update({k: full.nodes[n][k] for k in ("verdict", "statement", "proof", "dependencies_verified", "reason")})
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
    return text, g
