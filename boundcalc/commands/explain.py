"""`boundcalc explain ID`: one result in full, with its audit verdict and evidence."""
from __future__ import annotations

import json

import click

from ._audit import audit_options, prepare


@click.command("explain")
@click.argument("node")
@click.option("--digits", default=15, show_default=True, type=click.IntRange(1, 1000),
              help="significant digits of inexact values")
@click.option("--seed", default="0", show_default=True, help="seed of the counterexample searches")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="evaluate the constants at this parameter value; repeatable")
@click.option("--no-audit", is_flag=True, help="skip running the node's checks")
@click.option("--json", "as_json", is_flag=True, help="print as JSON (schema: docs/audit.md)")
@click.option("--proof", "show_proof", is_flag=True,
              help="print the machine proof record's steps with their tactics, premises and status")
@audit_options
def command(node, digits, seed, params, no_audit, as_json, show_proof, effort, jobs, paper_text, no_cache):
    """Statement, parameters, constants (plain and LaTeX), claims, uses / used by, verdict and evidence."""
    from ._common import parse_params, parse_seed

    if show_proof and no_audit:
        raise click.UsageError("--proof needs the audit (drop --no-audit)")
    values = parse_params(params)
    run = prepare(seed=parse_seed(seed), effort=effort, jobs=jobs, paper_text=paper_text, no_cache=no_cache,
                  digits=digits, params=values)
    options = {"node": node, "no_audit": no_audit, "json": as_json, "proof": show_proof}
    click.echo(run.reuse_output("explain", options, lambda: _explain(node, values, no_audit, as_json,
                                                                     show_proof, run))["text"], nl=False)


def _explain(node, values, no_audit, as_json, show_proof, run) -> dict:
    from ..explain import explain

    def audit_node(rid: str, clean) -> dict:
        return run.narrowed(node=rid, params=dict(clean)).report().nodes[0].to_dict()

    data = explain(node, digits=run.digits, seed=run.seed, params=values, run_audit=not no_audit,
                   audit_node=audit_node)
    if show_proof:
        data["proof_record"] = proof_record(data)
    if as_json:
        return {"text": json.dumps(data, indent=2) + "\n"}
    text = proof_text(data["proof_record"]) if show_proof else render(data)
    return {"text": text + "\n"}     # as click.echo(text) printed it


def proof_record(d: dict) -> dict | None:
    """The node's checked (or gapped) proof record from its audit findings, or None."""
    for f in d.get("audit", {}).get("findings", []):
        if f["check"] == "proof-record":
            return dict(f["evidence"]["proof"], trusted_base=d["audit"].get("trusted_base", []))
    return None


def proof_text(rec: dict | None) -> str:
    if rec is None:
        return "no machine proof record for this result (proof channel: unchecked)\n"
    lines = [f"proof record {rec['result_id']}: {rec['status']}"]
    for i, st in enumerate(rec["steps"], 1):
        prem = ", ".join(st["premises"]) or "domains only"
        lines.append(f"  {i}. [{st['status']}] {st['name']}: {st['claim']}")
        lines.append(f"       by {st['tactic']} from {prem}" + (f" — {st['detail']}" if st.get("detail") else ""))
        if st.get("residual"):
            lines.append(f"       residual goal: {st['residual']}")
    if rec.get("trusted_base"):
        lines.append("rests on: " + "; ".join(f"{b['name']} ({b['reference']}"
                                               + (f", {b['status']}" if b.get("status") else "") + ")"
                                               for b in rec["trusted_base"]))
    return "\n".join(lines) + "\n"


def _formal_line(formal: dict) -> str:
    """The node's formal statement (its prose) or why it has none, as one line."""
    if "absent" in formal:
        return f"formal statement: none — {formal['absent']}"
    return f"formal statement: {formal.get('prose', '-')}"


def render(d: dict) -> str:
    from ..render.report import details

    alias = f" ({', '.join(d['aliases'])})" if d["aliases"] else ""
    lines = [f"{d['id']}{alias} — {d['kind']}: {d['title']}", f"location: {d['location']}", "",
             "statement:", "  " + d["statement"], ""]
    if d["params"]:
        lines.append("parameters:")
        for p in d["params"]:
            default = f" [default {p['default']}]" if p["default"] is not None else ""
            lines.append(f"  {p['name']}: {p['domain_text']}{default} — {p['description']}")
        lines.append("")
    if d["constants"]:
        at = d["values_at"]
        head = "constants" + (f" (values at {', '.join(f'{k}={v}' for k, v in at.items())})" if at else "")
        lines.append(head + ":")
        for c in d["constants"]:
            value = f" = {c['value']}" if "value" in c else ""
            lines.append(f"  {c['name']} = {c['formula']}{value}")
            if c["latex"]:
                lines.append(f"      LaTeX: {c['latex']}")
            if c["description"]:
                lines.append(f"      {c['description']}")
        lines.append("")
    if d["hypotheses"]:
        lines.append("hypotheses:")
        lines += [f"  - {h}" for h in d["hypotheses"]]
        lines.append("")
    if d["claims"]:
        lines.append("claims:")
        for c in d["claims"]:
            lines.append(f"  {c['name']}: {c['text']}" + (f"   [{c['latex']}]" if c["latex"] else ""))
        lines.append("")
    lines.append("uses:    " + (", ".join(u["id"] for u in d["uses"]) or "-"))
    lines.append("used by: " + (", ".join(u["id"] for u in d["used_by"]) or "-"))
    if d["checks"]:
        lines.append("checks:  " + ", ".join(f"{c['kind']}:{c['name']}" for c in d["checks"]))
    if d["notes"]:
        lines += ["", "notes: " + d["notes"]]
    if "audit" in d:
        a = d["audit"]
        deps = "yes" if a["dependencies_verified"] else "no (" + ", ".join(a["unverified_dependencies"]) + ")"
        lines += ["", _formal_line(a.get("formal_statement") or {}),
                  f"statement: {a['statement']['status']} — {a['statement']['reason']}",
                  f"proof: {a['proof']['status']} — {a['proof']['reason']}",
                  f"verdict (summary): {a['verdict']} — {a['reason']}", f"dependencies verified: {deps}", ""]
        lines.append(details({"nodes": [a]}).rstrip())
    return "\n".join(lines) + "\n"
