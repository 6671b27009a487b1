"""Style sheet and script of the report page, inlined (the page loads nothing).

The script reads the embedded JSON (``<script type="application/json" id="page-model">``), keeps the
view in the URL hash (``#focus=ID&dir=up|down|both&depth=N&node=ID``), applies the filters
(``data-filter`` checkboxes), zooms and pans the SVG's viewBox, and fills ``#panel`` from the node's
``<template id="panel-ID">``.
"""
from __future__ import annotations

CSS = """
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; margin: 0; color: #222; font-size: 14px; }
header { padding: 10px 16px 4px; } header h1 { margin: 0 0 4px; font-size: 20px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 6px 16px; border-top: 1px solid #ddd;
  border-bottom: 1px solid #ddd; background: #fafafa; font-size: 13px; align-items: center; }
.toolbar fieldset { border: 1px solid #ddd; padding: 2px 8px; margin: 0; }
.toolbar legend { font-weight: bold; font-size: 12px; padding: 0 3px; }
.toolbar label { margin-right: 6px; white-space: nowrap; }
.legend { padding: 4px 16px; font-size: 12px; } .legend-row { margin: 2px 0; }
.key { margin-left: 10px; white-space: nowrap; }
.sw { display: inline-block; width: 13px; height: 13px; border-radius: 3px; vertical-align: -2px; margin-right: 3px; }
.sw.dot { border-radius: 50%; width: 10px; height: 10px; }
main { display: flex; gap: 0; height: 74vh; border-bottom: 1px solid #ddd; }
#graph-box { flex: 1 1 64%; position: relative; overflow: hidden; background: #fff; }
#graph { width: 100%; height: 100%; cursor: grab; user-select: none; touch-action: none; }
#graph.dragging { cursor: grabbing; }
#zoom { position: absolute; right: 8px; top: 8px; display: flex; flex-direction: column; gap: 4px; }
#zoom button { width: 34px; height: 28px; font-size: 16px; }
#panel { flex: 0 0 36%; overflow: auto; padding: 8px 14px; border-left: 1px solid #ddd; font-size: 13px; }
#panel h2 { margin: 4px 0; font-size: 18px; } #panel h3 { margin: 12px 0 4px; font-size: 14px; }
#panel table { border-collapse: collapse; width: 100%; } #panel td, #panel th { border: 1px solid #e2e2e2;
  padding: 3px 5px; vertical-align: top; text-align: left; }
#panel pre { white-space: pre-wrap; word-break: break-all; font-size: 11px; background: #f6f6f6; padding: 4px; }
code { word-break: break-all; }
.node { cursor: pointer; } .node:focus { outline: none; }
.node.selected rect { stroke: #1565c0 !important; stroke-width: 5 !important; }
.node.focused rect { stroke-dasharray: 6 3; }
.hidden { display: none; }
.edge.lit { stroke: #1565c0; stroke-width: 2.2; }
.sev { padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 11px; }
.critical { background: #b71c1c; } .major { background: #e65100; } .minor { background: #6a1b9a; }
.typo { background: #616161; } .misstated { background: #ad1457; } .nit { background: #9e9e9e; }
.hint { font-size: 12px; color: #555; margin: 2px 0 6px; } #graph-hint { padding: 0 16px; }
table.ev { border-collapse: collapse; margin: 3px 0; font-size: 12px; }
table.ev th, table.ev td { border: 1px solid #e2e2e2; padding: 2px 6px; text-align: left; vertical-align: top; }
#defects { max-height: 60vh; overflow: auto; border-bottom: 1px solid #ddd; }
[data-focus-defect] { font-size: 11px; margin-left: 6px; }
.badge { font-weight: bold; }
blockquote { margin: 4px 0 4px 8px; padding-left: 8px; border-left: 3px solid #bbb; color: #333; }
#defects { padding: 8px 16px 16px; } #defects li { margin: 6px 0; } #proved { padding: 8px 16px 24px; }
#focus-status { font-style: italic; }
"""

JS = r"""
(function () {
  "use strict";
  var model = JSON.parse(document.getElementById("page-model").textContent);
  var byId = {};
  model.nodes.forEach(function (n) { byId[n.id] = n; });
  var svg = document.getElementById("graph");
  var W = +svg.getAttribute("data-width"), H = +svg.getAttribute("data-height");
  var panel = document.getElementById("panel");
  var nodeEls = {};
  Array.prototype.forEach.call(svg.querySelectorAll("[data-node]"), function (el) {
    nodeEls[el.getAttribute("data-node")] = el;
  });
  var edgeEls = Array.prototype.slice.call(svg.querySelectorAll(".edge"));
  var view = {x: 0, y: 0, w: W, h: H};
  var state = {};

  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", v.x + " " + v.y + " " + v.w + " " + v.h);
  }
  function fitTo(ids) {
    if (!ids.length) { setView({x: 0, y: 0, w: W, h: H}); return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var n = byId[id];
      x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y);
      x1 = Math.max(x1, n.x + model.box[0]); y1 = Math.max(y1, n.y + model.box[1]);
    });
    var pad = 40, r = svg.getBoundingClientRect();
    var w = x1 - x0 + 2 * pad, h = y1 - y0 + 2 * pad;
    var minW = (r.width || W) / 1.5, minH = (r.height || H) / 1.5;   // never magnify past 1.5x
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    w = Math.max(w, minW); h = Math.max(h, minH);
    setView({x: cx - w / 2, y: cy - h / 2, w: w, h: h});
  }
  function svgPoint(cx, cy) {
    var m = svg.getScreenCTM();
    if (!m) { return {x: view.x, y: view.y, a: 1}; }
    var p = svg.createSVGPoint(); p.x = cx; p.y = cy;
    var q = p.matrixTransform(m.inverse());
    return {x: q.x, y: q.y, a: m.a};
  }
  function zoom(factor, cx, cy) {
    var w = Math.min(Math.max(view.w * factor, W / 40), W * 4);
    var f = w / view.w;
    setView({x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: view.w * f, h: view.h * f});
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = svgPoint(ev.clientX, ev.clientY);
    zoom(Math.exp(ev.deltaY * 0.0015), p.x, p.y);
  }, {passive: false});
  var drag = null, dragged = false;
  svg.addEventListener("pointerdown", function (ev) {
    drag = {sx: ev.clientX, sy: ev.clientY, v: view, a: svgPoint(ev.clientX, ev.clientY).a};
    dragged = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var dx = ev.clientX - drag.sx, dy = ev.clientY - drag.sy;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    dragged = true; svg.classList.add("dragging");
    setView({x: drag.v.x - dx / drag.a, y: drag.v.y - dy / drag.a, w: drag.v.w, h: drag.v.h});
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var k = b.getAttribute("data-zoom");
      if (k === "fit") { fitTo(visibleIds()); return; }
      zoom(k === "in" ? 0.8 : 1.25, view.x + view.w / 2, view.y + view.h / 2);
    });
  });

  function readHash() {
    var s = {}, h = location.hash.replace(/^#/, "");
    h.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) { s[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
    });
    return s;
  }
  function writeHash(s) {
    var parts = [];
    ["defect", "focus", "dir", "depth", "node"].forEach(function (k) {
      if (s[k] !== undefined && s[k] !== "") { parts.push(k + "=" + encodeURIComponent(s[k])); }
    });
    var h = parts.length ? "#" + parts.join("&") : "";
    if (h === location.hash) { apply(); return; }
    if (h) { location.hash = h; } else { history.pushState(null, "", location.pathname + location.search); apply(); }
  }
  function allowed(name) {
    var on = {};
    document.querySelectorAll('[data-filter="' + name + '"]').forEach(function (c) {
      if (c.checked) { on[c.value] = true; }
    });
    return on;
  }
  var defectNodes = {};
  (model.report.defects || []).forEach(function (d) { defectNodes[d.id] = d.nodes; });
  function focusSet() {
    if (state.defect && defectNodes[state.defect]) {
      var k = {};
      defectNodes[state.defect].forEach(function (id) { if (byId[id]) { k[id] = true; } });
      return k;
    }
    var f = state.focus;
    if (!f || !byId[f]) { return null; }
    var dir = state.dir || "up";
    var depth = (state.depth === undefined || state.depth === "") ? Infinity : Math.max(0, parseInt(state.depth, 10));
    if (isNaN(depth)) { depth = Infinity; }
    var keep = {}; keep[f] = true;
    function walk(key) {
      var seen = {}, frontier = [f], d = 0;
      seen[f] = true;
      while (frontier.length && d < depth) {
        var next = [];
        frontier.forEach(function (id) {
          byId[id][key].forEach(function (m) {
            if (!seen[m] && byId[m]) { seen[m] = true; keep[m] = true; next.push(m); }
          });
        });
        frontier = next; d += 1;
      }
    }
    if (dir === "up" || dir === "both") { walk("uses"); }
    if (dir === "down" || dir === "both") { walk("used_by"); }
    return keep;
  }
  function visibleIds() {
    return model.nodes.filter(function (n) { return !nodeEls[n.id].classList.contains("hidden"); })
      .map(function (n) { return n.id; });
  }
  var lastFocus;   // undefined: the first apply() sets the first view
  function filterKey() {
    return Array.prototype.map.call(document.querySelectorAll("[data-filter]"), function (c) {
      return c.checked ? "1" : "0"; }).join("");
  }
  var lastSel = "";
  function bringIntoView(id) {
    // a node chosen by a link or "find" that lies outside the view: pan to it, keeping the zoom
    var n = byId[id];
    if (!n) { return; }
    var inside = n.x >= view.x && n.y >= view.y && n.x + model.box[0] <= view.x + view.w &&
      n.y + model.box[1] <= view.y + view.h;
    if (!inside) {
      setView({x: n.x + model.box[0] / 2 - view.w / 2, y: n.y + model.box[1] / 2 - view.h / 2, w: view.w, h: view.h});
    }
  }
  function firstView() {
    // labels at their own size (one SVG unit per pixel) from the top left; the fit button shows everything
    var r = svg.getBoundingClientRect();
    var w = Math.min(W, r.width || W), h = Math.min(H, r.height || H);
    setView({x: 0, y: 0, w: w, h: h});
  }
  function apply() {
    state = readHash();
    var st = allowed("statement"), pr = allowed("proof"), sv = allowed("severity");
    var keep = focusSet();
    var shown = 0;
    model.nodes.forEach(function (n) {
      var ok = st[n.statement] && pr[n.proof] && sv[n.severity] && (!keep || keep[n.id]);
      nodeEls[n.id].classList.toggle("hidden", !ok);
      nodeEls[n.id].classList.toggle("focused", n.id === state.focus || !!(state.defect && keep && keep[n.id]));
      if (ok) { shown += 1; }
    });
    var sel = state.node || state.focus || "";
    edgeEls.forEach(function (p) {
      var a = p.getAttribute("data-source"), b = p.getAttribute("data-target");
      p.classList.toggle("hidden", nodeEls[a].classList.contains("hidden") || nodeEls[b].classList.contains("hidden"));
      p.classList.toggle("lit", a === sel || b === sel);
    });
    document.getElementById("shown-count").textContent = shown + " of " + model.nodes.length + " nodes shown";
    var dirEl = document.getElementById("focus-dir"), depthEl = document.getElementById("focus-depth");
    var status = document.getElementById("focus-status");
    if (keep && state.defect) {
      status.textContent = "results of defect " + state.defect;
    } else if (keep) {
      dirEl.value = state.dir || "up";
      depthEl.value = state.depth || "";
      status.textContent = "focus on " + state.focus + " (" + dirEl.options[dirEl.selectedIndex].text +
        ", depth " + (state.depth || "unlimited") + ")";
    } else {
      status.textContent = "no focus";
    }
    var fkey = keep ? [state.defect, state.focus, state.dir, state.depth, filterKey()].join("|") : null;
    if (fkey !== lastFocus) { lastFocus = fkey; if (keep) { fitTo(visibleIds()); } else { firstView(); } }
    if (sel !== lastSel) { lastSel = sel; bringIntoView(sel); }
    showPanel(sel);
  }
  function showPanel(id) {
    Object.keys(nodeEls).forEach(function (k) { nodeEls[k].classList.toggle("selected", k === id); });
    var tpl = id ? document.getElementById("panel-" + id) : null;
    if (!tpl) {
      panel.setAttribute("data-node-shown", "");
      panel.replaceChildren(document.getElementById("panel-help").content.cloneNode(true));
      return;
    }
    if (panel.getAttribute("data-node-shown") !== id) {
      panel.replaceChildren(tpl.content.cloneNode(true));
      panel.setAttribute("data-node-shown", id);
      panel.scrollTop = 0;
    }
  }
  function select(id) {
    var s = readHash(); s.node = id; writeHash(s);
  }
  svg.addEventListener("click", function (ev) {
    if (dragged) { return; }
    var g = ev.target.closest("[data-node]");
    if (g) { select(g.getAttribute("data-node")); }
  });
  svg.addEventListener("keydown", function (ev) {
    var g = ev.target.closest("[data-node]");
    if (g && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(g.getAttribute("data-node")); }
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("[data-link]");
    if (a) { ev.preventDefault(); select(a.getAttribute("data-link")); return; }
    var b = ev.target.closest("[data-focus-dir]");
    if (b) {
      var s = readHash(), id = panel.getAttribute("data-node-shown");
      if (!id) { return; }
      delete s.defect; s.focus = id; s.node = id; s.dir = b.getAttribute("data-focus-dir");
      s.depth = document.getElementById("focus-depth").value || "";
      writeHash(s); return;
    }
    var fd = ev.target.closest("[data-focus-defect]");
    if (fd) {
      var nodes = (fd.getAttribute("data-nodes") || "").split(" ").filter(Boolean);
      writeHash({defect: fd.getAttribute("data-focus-defect"), node: nodes[0] || ""});
      document.getElementById("graph-box").scrollIntoView({block: "start"});
      return;
    }
    var c = ev.target.closest('[data-focus="clear"]');
    if (c) { var t = readHash(); delete t.focus; delete t.dir; delete t.depth; delete t.defect; writeHash(t); return; }
    var r = ev.target.closest('[data-action="reset-filters"]');
    if (r) { document.querySelectorAll("[data-filter]").forEach(function (x) { x.checked = true; }); apply(); }
  });
  document.querySelectorAll("[data-filter]").forEach(function (c) { c.addEventListener("change", apply); });
  ["focus-dir", "focus-depth"].forEach(function (k) {
    document.getElementById(k).addEventListener("change", function () {
      var s = readHash();
      if (!s.focus) { return; }
      s.dir = document.getElementById("focus-dir").value;
      s.depth = document.getElementById("focus-depth").value;
      writeHash(s);
    });
  });
  document.getElementById("find").addEventListener("change", function (ev) {
    var v = ev.target.value.trim();
    if (byId[v]) { select(v); }
  });
  window.addEventListener("hashchange", apply);
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"""
