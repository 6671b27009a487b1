"""One node's panel on the report page: statement, quotes, parameters, constants, findings, proof, links.

Every text is escaped here; formulas come as MathML from :mod:`.page_math`. Links to other nodes are
``<a href="#node=ID" data-link="ID">`` (the page's script opens that node's panel).
"""
from __future__ import annotations

import dataclasses
import html as _html
import json
from typing import Any

from . import page_math
from .page_math import tex

e = _html.escape
MAX_EVIDENCE = 4000


def link(nid: str, text: str | None = None) -> str:
    return f'<a href="#node={e(nid)}" data-link="{e(nid)}">{e(text or nid)}</a>'


def _record(item: Any) -> Any:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item


def quotes(items) -> str:
    """The paper's quotes, whatever records they are: strings, mappings or dataclasses (each field shown)."""
    out = []
    for q in items or ():
        q = _record(q)
        if isinstance(q, str):
            out.append(f'<blockquote class="quote">{e(q)}</blockquote>')
        elif isinstance(q, dict):
            key = next((k for k in ("latex", "text", "quote", "says") if isinstance(q.get(k), str)), None)
            text = q[key] if key else None
            rest = "".join(f"<dt>{e(str(k))}</dt><dd>{e(_plain(v))}</dd>" for k, v in q.items()
                           if v not in (None, "", (), [], {}) and k != key)
            shown = (tex(text) if key == "latex" else e(text)) if text else ""
            out.append('<div class="quote">' + (f"<blockquote>{shown}</blockquote>" if text else "")
                       + (f"<dl>{rest}</dl>" if rest else "") + "</div>")
        else:
            out.append(f'<blockquote class="quote">{e(str(q))}</blockquote>')
    return f'<section data-part="quotes"><h3>The paper says</h3>{"".join(out)}</section>' if out else ""


def _plain(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(_record(v), default=str)


def _evidence(ev: Any) -> str:
    text = json.dumps(ev, indent=1, sort_keys=True, default=str)
    if len(text) > MAX_EVIDENCE:
        text = text[:MAX_EVIDENCE] + f"\n... ({len(text) - MAX_EVIDENCE} more characters in the embedded JSON)"
    return f"<details><summary>evidence</summary><pre>{e(text)}</pre></details>"


def findings(node: dict[str, Any]) -> str:
    rows = []
    for f in node["findings"]:
        if f["check"] == "proof-record":
            continue
        sev = (f' <span class="sev {e(f["severity"])}">{e(f["severity"])}</span> '
               f'<a href="#defect-{e(f["defect"])}">{e(f["defect"])}</a>' if f.get("severity") else "")
        how = "computed" if f.get("computed", True) else "declared by a reader"
        ev = {k: v for k, v in (f.get("evidence") or {}).items()}
        rows.append(f'<li class="finding" data-verdict="{e(f["verdict"])}"><b>{e(f["check"])}</b> '
                    f'[{e(f["verdict"])}, {e(str(f.get("channel")))}, {how}]{sev}<br>{e(f["detail"])}'
                    + (f'<br>re-run: <code class="rerun">{e(f["rerun"])}</code>' if f.get("rerun") else "")
                    + (_evidence(ev) if ev else "") + "</li>")
    if not rows:
        return '<section data-part="findings"><h3>Findings</h3><p>none</p></section>'
    return f'<section data-part="findings"><h3>Findings ({len(rows)})</h3><ul>{"".join(rows)}</ul></section>'


def proof(node: dict[str, Any]) -> str:
    """Steps of the node's machine proof record (tactic, premises, status, residual) and its trusted base."""
    rec = next((f["evidence"]["proof"] for f in node["findings"]
                if f["check"] == "proof-record" and isinstance(f.get("evidence"), dict) and "proof" in f["evidence"]),
               None)
    if rec is None:
        return ('<section data-part="proof"><h3>Proof record</h3><p>no machine-checked proof record '
                f'(proof: {e(node["proof"]["status"])})</p></section>')
    rows = "".join(
        f'<tr class="step" data-status="{e(s["status"])}"><td>{i}</td><td>{e(s["name"])}</td>'
        f'<td><code>{e(s["claim"])}</code></td><td>{e(s["tactic"])}</td>'
        f'<td>{e(", ".join(s.get("premises") or ()) or "domains only")}</td><td>{e(s["status"])}</td>'
        f'<td>{e(s.get("detail") or "")}'
        + (f'<br>residual: <code class="residual">{e(s["residual"])}</code>' if s.get("residual") else "")
        + "</td></tr>" for i, s in enumerate(rec.get("steps", ()), 1))
    base = node.get("trusted_base") or []
    base_html = "".join(
        f'<li>{link(b["name"]) if b.get("kind") == "result" else e(b["name"])} — {e(b.get("reference", ""))}'
        + (f' ({e(b["status"])})' if b.get("status") else "") + "</li>" for b in base)
    return (f'<section data-part="proof"><h3>Proof record: {e(rec.get("status", ""))}</h3>'
            f'<table class="steps"><tr><th>#</th><th>step</th><th>claim</th><th>tactic</th><th>premises</th>'
            f'<th>status</th><th>detail</th></tr>{rows}</table>'
            + (f'<h4>Trusted base</h4><ul class="trusted">{base_html}</ul>' if base_html else "")
            + "</section>")


def declaration(result) -> str:
    """Statement, hypotheses, quotes, parameters, constants and claims of a declared result."""
    if result is None:
        return '<p class="missing">not declared in the registry: statement and formulas unavailable</p>'
    table = page_math.symbol_table(result)
    parts = [f'<section data-part="statement"><h3>Statement</h3><p class="statement">{e(result.statement)}</p>']
    if result.hypotheses:
        parts.append("<h4>Hypotheses</h4><ul>" + "".join(f"<li>{e(h)}</li>" for h in result.hypotheses) + "</ul>")
    parts.append("</section>")
    parts.append(quotes(getattr(result, "quotes", ())))
    if result.params:
        from ..domains import describe

        rows = "".join(f'<tr><td>{page_math.name(p.name, table)}</td><td>{e(describe(p.domain))}</td>'
                       f'<td>{e(p.default or "")}</td><td>{e(p.description)}</td></tr>' for p in result.params)
        parts.append(f'<section data-part="params"><h3>Parameters</h3><table><tr><th>name</th><th>domain</th>'
                     f'<th>default</th><th>meaning</th></tr>{rows}</table></section>')
    if result.constants:
        rows = "".join(f'<tr class="constant" data-constant="{e(c.name)}"><td>{page_math.name(c.name, table)}</td>'
                       f'<td>{page_math.formula(c.formula, table)}</td><td>{e(c.description)}'
                       f'<br><code class="plain">{e(c.formula.text)}</code></td></tr>' for c in result.constants)
        parts.append(f'<section data-part="constants"><h3>Constants</h3><table>{rows}</table></section>')
    if result.claims:
        rows = "".join(f'<tr><td>{e(c.name)}</td><td>{page_math.relation(c, table)}</td>'
                       f'<td>{e(c.channel)}</td><td>{e(c.description)}</td></tr>' for c in result.claims)
        parts.append(f'<section data-part="claims"><h3>Claims</h3><table>{rows}</table></section>')
    return "".join(parts)


def panel(node: dict[str, Any], result, group: str, defects: list[dict[str, Any]]) -> str:
    """The panel's HTML for one audited node (``node`` as in the audit JSON)."""
    st, pr = node["statement"], node["proof"]
    alias = f' <small>({e(", ".join(node["aliases"]))})</small>' if node["aliases"] else ""
    uses = ", ".join(link(u) for u in node["uses"]) or "—"
    used_by = ", ".join(link(u) for u in node["used_by"]) or "—"
    dlinks = "".join(f'<li><span class="sev {e(d["severity"])}">{e(d["severity"])}</span> '
                     f'<a href="#defect-{e(d["id"])}">{e(d["title"])}</a></li>' for d in defects)
    return (f'<h2 class="title">{e(node["id"])}{alias}</h2><p class="subtitle">{e(node["kind"])}: '
            f'{e(node["title"])}</p><p class="location">{e(node["location"])} · lane {e(group)}</p>'
            f'<p class="verdicts"><span class="badge" data-channel="statement">statement: {e(st["status"])}</span> '
            f'{e(st.get("reason", ""))}<br><span class="badge" data-channel="proof">proof: {e(pr["status"])}</span> '
            f'{e(pr.get("reason", ""))}<br>summary verdict: {e(node["verdict"])} — {e(node["reason"])}</p>'
            f'<p class="focus-buttons">focus: <button data-focus-dir="up">what it uses</button> '
            f'<button data-focus-dir="down">what uses it</button> <button data-focus-dir="both">both</button></p>'
            f'<section data-part="links"><p><b>uses:</b> <span class="uses">{uses}</span></p>'
            f'<p><b>used by:</b> <span class="used-by">{used_by}</span></p></section>'
            + (f'<section data-part="defects"><h3>Defects</h3><ul>{dlinks}</ul></section>' if dlinks else "")
            + declaration(result) + findings(node) + proof(node))
