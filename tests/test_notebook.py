"""notebooks/explore.ipynb: saved clean, and run top to bottom in a Jupyter kernel (nbclient) on
the store built from corpus/, showing the tables, the alignment and the inline view it promises.
"""

from __future__ import annotations

import html
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
ipykernel_spec = pytest.importorskip("ipykernel.kernelspec")

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
ALIGNMENT = re.compile(r"^alignment (.+?) ~ (.+?): ([+-]\d+\.\d+) ", re.MULTILINE)
SRCDOC = re.compile(r'<iframe srcdoc="([^"]*)"')


def _kernel_env(monkeypatch, tmp_path, store) -> None:
    """Environment the kernel inherits: the store, the project root, and a "python3" kernel
    that is this interpreter (the venv), whatever kernels the user has installed."""
    spec_dir = Path(ipykernel_spec.write_kernel_spec(tmp_path / "jupyter" / "kernels" / "python3"))
    assert (spec_dir / "kernel.json").exists()
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))  # searched before user dirs
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))  # no user profile or history
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend
    monkeypatch.setenv("ENTENTE_STORE", str(store))
    monkeypatch.setenv("ENTENTE_ROOT", str(ROOT))


@pytest.fixture(scope="module")
def executed(corpus_store, tmp_path_factory):
    """The notebook after running every cell, with the kernel working in a folder outside the
    project (so it must find the project through ENTENTE_ROOT), and the seconds it took."""
    from jupyter_client.kernelspec import KernelSpecManager

    tmp_path = tmp_path_factory.mktemp("notebook")
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _kernel_env(monkeypatch, tmp_path, corpus_store)
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert spec.argv[0] == sys.executable, f"python3 kernel is {spec.argv[0]}"
        client = nbclient.NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
        )
        started = time.perf_counter()
        client.execute()  # raises CellExecutionError naming the cell if any cell fails
        seconds = time.perf_counter() - started
    return nb, seconds


def _cell(nb, cell_id: str):
    found = [c for c in nb.cells if c.get("id") == cell_id]
    assert len(found) == 1, f"no single cell with id {cell_id!r}"
    return found[0]


def _text(cell) -> str:
    """Everything a cell printed or displayed as plain text."""
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(out.data.get("text/plain", ""))
    return "\n".join(parts)


class _Rows(HTMLParser):
    """The body rows of the HTML tables pandas displays, as lists of cell texts (the index
    first): unlike the plain-text repr, they are not wrapped at the console width."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._body = self._cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._body = True
        elif tag == "tr" and self._body:
            self.rows.append([])
        elif tag in ("td", "th") and self._body:
            self._cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._body = False
        elif tag in ("td", "th"):
            self._cell = False

    def handle_data(self, data):
        if self._cell:
            self.rows[-1][-1] += data.strip()


def _rows(cell) -> list[list[str]]:
    parser = _Rows()
    for out in cell.outputs:
        if out.output_type in ("execute_result", "display_data"):
            parser.feed(out.data.get("text/html", ""))
    return parser.rows


def test_saved_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= len(code) // 2


@pytest.mark.slow
def test_runs_top_to_bottom(executed):
    nb, seconds = executed
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    assert seconds < 120, f"the notebook took {seconds:.0f}s"


@pytest.mark.slow
def test_library_and_custom_queries(executed):
    nb, _ = executed
    assert "North Korea" in _text(_cell(nb, "suppliers"))  # suppliers of "Moscow"
    assert "Russia" in _text(_cell(nb, "backers"))  # backers of "DPRK"
    assert "alsoStated" in _text(_cell(nb, "speculative"))
    counts = _text(_cell(nb, "custom"))
    assert "alliedWith" in counts and "Asserted" in counts and "Speculative" in counts
    library = _text(_cell(nb, "helpers"))
    assert "suppliers" in library and "actor (actor)" in library


@pytest.mark.slow
def test_analytics(executed):
    nb, _ = executed
    ranked = {row[1]: int(row[0]) for row in _rows(_cell(nb, "centrality"))}  # actor: rank
    assert ranked["North Korea"] <= 3 and ranked["Russia"] <= 3
    assert sorted(ranked.values()) == list(range(1, len(ranked) + 1))
    assert "North Korea–Russia" in _text(_cell(nb, "blocs"))
    camps = _text(_cell(nb, "camps"))
    assert camps.count("camp ") == 2 and "frustration: " in camps
    chart = _cell(nb, "centrality-chart")
    assert any("image/png" in o.get("data", {}) for o in chart.outputs)


@pytest.mark.slow
def test_alignment(executed):
    nb, _ = executed
    scores = {(a, b): float(v) for a, b, v in ALIGNMENT.findall(_text(_cell(nb, "alignment")))}
    russia = scores[("North Korea", "Russia")]
    assert 0 < russia <= 1
    assert -1 <= scores[("North Korea", "South Korea")] < russia
    ranked = _rows(_cell(nb, "alignments"))
    assert ranked[0][1] == "Russia"  # the actor most aligned with North Korea
    assert [float(row[2]) for row in ranked] == sorted((float(r[2]) for r in ranked), reverse=True)
    evidence = _text(_cell(nb, "evidence"))
    assert "North Korea supplies Russia [Asserted" in evidence


@pytest.mark.slow
def test_view_inline(executed):
    nb, _ = executed
    cell = _cell(nb, "view")
    pages = [
        SRCDOC.search(o.data["text/html"])
        for o in cell.outputs
        if o.output_type == "display_data" and "text/html" in o.data
    ]
    assert pages and pages[0], "no iframe with srcdoc in the view cell"
    page = html.unescape(pages[0].group(1))  # the attribute held all of it, quotes escaped
    assert page.lstrip().lower().startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "North Korea" in page and "vis.Network" in page
    assert re.search(r"\d+ actors, \d+ claims; full-window view: .*graph\.html", _text(cell))
