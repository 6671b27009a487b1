"""Screenshots of the report page for the README: docs/img/report-overview.png and docs/img/report-panel.png.

    python docs/img/make_screenshots.py        # needs playwright and Debian's chromium; writes only those two files
"""
from __future__ import annotations

import pathlib
import shutil
import tempfile

from playwright.sync_api import sync_playwright

from boundcalc.report import errata, render

HERE = pathlib.Path(__file__).resolve().parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_file = pathlib.Path(tmp) / "audit.html"
        page_file.write_text(render(errata(seed=0), "html"))
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
            pg = b.new_page(viewport={"width": 1600, "height": 1000})
            pg.goto(page_file.as_uri())
            pg.wait_for_selector("body[data-ready]")
            pg.screenshot(path=str(HERE / "report-overview.png"))
            pg.goto(page_file.as_uri() + "#focus=lemma-2.2&dir=up&depth=2&node=lemma-2.2")
            pg.wait_for_selector("body[data-ready]")
            pg.locator("#graph-box").scroll_into_view_if_needed()   # the errata list comes first
            pg.screenshot(path=str(HERE / "report-panel.png"))
            b.close()


if __name__ == "__main__":
    main()
