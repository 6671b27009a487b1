"""Formulas of a result as presentation MathML (sympy's printer), with plain text when sympy cannot print them."""
from __future__ import annotations

import html as _html
import re
from typing import Any

_SIMPLE = re.compile(r"[A-Za-z]+(_[A-Za-z0-9]+)?")
REL = {"<": "&lt;", "<=": "&#8804;", "==": "=", ">=": "&#8805;", ">": "&gt;"}


def display_name(name: str, latex: str | None) -> str:
    """A sympy symbol name that prints like the declared LaTeX (``\\gamma_{\\min}`` -> ``gamma_min``), else ``name``."""
    if not latex:
        return name
    s = re.sub(r"\\mathrm\{([^{}]*)\}", r"\1", latex)
    s = s.replace("\\", "").replace("{", "").replace("}", "")
    return s if _SIMPLE.fullmatch(s) else name


def symbol_table(result) -> dict[str, Any]:
    """Formula name -> sympy Symbol named for display; names stay as declared where two would print alike."""
    import sympy

    wanted = [(p.name, display_name(p.name, p.latex)) for p in result.params]
    wanted += [(c.name, display_name(c.name, c.latex)) for c in result.constants]
    shown = [d for _, d in wanted]
    raw = {n for n, _ in wanted}
    table = {}
    for name, disp in wanted:
        clash = shown.count(disp) > 1 or (disp != name and disp in raw)
        table[name] = sympy.Symbol(name if clash else disp)
    return table


def math(expr_or_symbol, block: bool = False) -> str:
    """``<math>`` element for a sympy object."""
    from sympy.printing.mathml import mathml

    body = mathml(expr_or_symbol, printer="presentation")
    disp = ' display="block"' if block else ""
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML"{disp}>{body}</math>'


def formula(f, table: dict[str, Any]) -> str:
    """A :class:`~boundcalc.formula.Formula` as MathML, or its text in ``<code>`` when sympy cannot print it."""
    try:
        return math(f.sympy(table))
    except Exception:  # an unusual formula: show the text rather than fail the page
        return f"<code>{_html.escape(f.text)}</code>"


def name(n: str, table: dict[str, Any]) -> str:
    """The symbol ``n`` as MathML (its display name), or code when it is not in the table."""
    if n in table:
        try:
            return math(table[n])
        except Exception:  # printing a bare symbol should not fail; keep the page whole if it does
            pass
    return f"<code>{_html.escape(n)}</code>"


def relation(c, table: dict[str, Any]) -> str:
    """A claim ``lhs rel rhs`` as one MathML expression (falls back to text)."""
    try:
        from sympy.printing.mathml import mathml

        lhs = mathml(c.lhs.sympy(table), printer="presentation")
        rhs = mathml(c.rhs.sympy(table), printer="presentation")
        return (f'<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow>{lhs}<mo>{REL[c.rel]}</mo>{rhs}</mrow>'
                "</math>")
    except Exception:  # as in formula()
        return f"<code>{_html.escape(f'{c.lhs.text} {c.rel} {c.rhs.text}')}</code>"


def tex(latex: str, block: bool = False) -> str:
    """A LaTeX formula as quoted by the paper, as presentation MathML (latex2mathml); escaped code when it
    cannot be converted, so the page never shows a broken formula."""
    try:
        from latex2mathml.converter import convert

        return convert(latex, display="block" if block else "inline")
    except Exception:   # noqa: BLE001 - any converter failure falls back to the source text
        return f"<code>{_html.escape(latex)}</code>"
