"""The paper package named by an installed entry point: our light reader of ``entry_points.txt`` finds
the same ``boundcalc.papers`` entries as importlib.metadata (the reference) on a distribution made here."""
import sys
from importlib.metadata import entry_points

from boundcalc import paper


def test_light_reader_agrees_with_importlib_metadata(tmp_path, monkeypatch):
    dist = tmp_path / "fake_paper-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-paper\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[console_scripts]\nother = x:y\n\n[boundcalc.papers]\ndefault = fakepaper.decls:registry\n"
        "extra = fakepaper.more\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("BOUNDCALC_PAPER", raising=False)
    paper.choose(None)
    paper._entry_points.cache_clear()
    try:
        want = {e.name: e.value.split(":")[0] for e in entry_points(group="boundcalc.papers")}
        assert want == {"default": "fakepaper.decls", "extra": "fakepaper.more"}
        assert paper._entry_points() == want
        assert paper.current() == "fakepaper.decls"
    finally:
        paper._entry_points.cache_clear()
    assert str(tmp_path) in sys.path
