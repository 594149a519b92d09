"""The alliance-centrality report, as one self-contained HTML file or Markdown.

`report_data` turns an `Analysis` into plain data; `render_html` and `render_markdown` fill the
templates in kg/templates/. Every figure links to the ties it is computed from, and every tie
to its claims: sentence, document, modality and weight, so a reader can check any number.
Output is deterministic: the same store gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from kg import charts
from kg.analytics import MEASURES, Analysis, alignment
from kg.graph import label
from kg.vocab import MODALITY_NAMES


def anchor(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:10]


def _claim(claim: dict, graph) -> dict:
    return {
        "id": anchor("c-", claim["assertion"]),
        "assertion": claim["assertion"],
        "subject": label(graph, claim["subject"]),
        "relation": claim["relation"],
        "object": label(graph, claim["object"]),
        "modality": claim["modality"],
        "weight": round(claim["weight"], 3),
        "evidence": claim["evidence"],
        "title": claim["title"],
        "document": claim["document"],
        "span": f"{claim['char_start']}–{claim['char_end']}",
    }


#: Claims shown for each cited tie, the weightiest first; the rest are counted (`kg claims`
#: lists them all). A tie between two hubs of a large corpus can rest on hundreds.
CLAIMS_SHOWN = 10


class _Ties:
    """The ties the report cites, each once, in the order first cited."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.cited: dict[tuple[str, str], dict] = {}

    def cite(self, u: str, v: str) -> dict:
        key = (u, v) if u < v else (v, u)
        if key not in self.cited:
            graph = self.analysis.signed
            edge = graph[u][v]
            ranked = sorted(
                edge["claims"], key=lambda c: (-abs(c["weight"]), c["document"], c["assertion"])
            )
            self.cited[key] = {
                "id": anchor("t-", *key),
                "a": label(graph, key[0]),
                "b": label(graph, key[1]),
                "weight": round(edge["weight"], 3),
                "count": edge["count"],
                "claims": [_claim(c, graph) for c in ranked[:CLAIMS_SHOWN]],
                "more_claims": len(ranked[CLAIMS_SHOWN:]),
                "more_weight": round(sum(c["weight"] for c in ranked[CLAIMS_SHOWN:]), 3),
            }
        return self.cited[key]


def report_data(
    analysis: Analysis,
    *,
    stats: dict,
    documents: list[dict],
    claims: list | None = None,
    top: int = 20,
    heat: int = 12,
    listed: int = 10,
) -> dict:
    """Everything the templates show, as plain data. ``claims``: `kg.claims.claim_groups`,
    whose conflicts become a section."""
    graph = analysis.signed
    ties = _Ties(analysis)
    ranked = analysis.ranking()
    ranking = []
    for rank, node in enumerate(ranked[:top], start=1):
        partners = sorted(
            (v for v in analysis.cooperative[node]),
            key=lambda v: (-analysis.cooperative[node][v]["weight"], v),
        )
        bloc = analysis.bloc_of(node)
        camp = analysis.camps.camp_of(node)
        ranking.append(
            {
                "rank": rank,
                "actor": label(graph, node),
                "iri": node,
                "type": graph.nodes[node].get("type", ""),
                "alliance": analysis.centrality[node]["alliance"],
                **{m: analysis.centrality[node][m] for m in MEASURES},
                "bloc": bloc.name if bloc else "",
                "camp": "" if camp is None else str(camp + 1),
                "ties": [ties.cite(node, v) for v in partners[:5]],
                "more_ties": max(0, len(partners) - 5),
            }
        )

    camps = analysis.camps
    camp_rows = [
        {"number": i + 1, "members": [label(graph, n) for n in members]}
        for i, members in enumerate(camps.camps)
    ]
    worst = sorted(
        camps.frustrated, key=lambda e: (-abs(graph[e[0]][e[1]]["weight"]), min(e), max(e))
    )
    frustrated = [ties.cite(u, v) for u, v in worst[: listed * 3]]

    heat_nodes = ranked[:heat]
    matrix = []
    for a in heat_nodes:
        row = []
        for b in heat_nodes:
            if a == b:
                row.append(None)
                continue
            found = alignment(graph, a, b, top=0)
            row.append(None if found.direct is None and found.similarity is None else found.score)
        matrix.append(row)
    heat_labels = [label(graph, n) for n in heat_nodes]

    edges = sorted(
        ((u, v, d["weight"]) for u, v, d in graph.edges(data=True) if d["weight"] != 0),
        key=lambda e: (-abs(e[2]), min(e[0], e[1]), max(e[0], e[1])),
    )
    strongest = [ties.cite(u, v) for u, v, w in [e for e in edges if e[2] > 0][:listed]]
    antagonisms = [ties.cite(u, v) for u, v, w in [e for e in edges if e[2] < 0][:listed]]

    return {
        "documents": documents,
        "stats": stats,
        "modalities": MODALITY_NAMES,
        "measures": MEASURES,
        "ranking": ranking,
        "ranked_total": len(ranked),
        "bar_chart": charts.bar_chart(
            [r["actor"] for r in ranking[:15]],
            [r["alliance"] for r in ranking[:15]],
            title="Alliance centrality (top actors)",
        )
        if ranking
        else "",
        "blocs": [
            {
                "name": b.name,
                "members": [label(graph, n) for n in b.members],
                "cohesion": b.cohesion,
                "internal": b.internal,
            }
            for b in analysis.blocs
        ],
        "camps": camp_rows,
        "frustration": camps.frustration,
        "weighted_frustration": camps.weighted_frustration,
        "exact": camps.exact,
        "frustrated": frustrated,
        "more_frustrated": len(worst) - len(frustrated),
        "declared": [
            {"name": b.name, "members": [label(graph, n) for n in b.members]}
            for b in analysis.declared
        ],
        "bridges": [
            {"actor": label(graph, b["actor"]), "blocs": b["blocs"]} for b in analysis.bridges
        ],
        "heat_labels": heat_labels,
        "heat_matrix": [[None if v is None else round(v, 3) for v in row] for row in matrix],
        "heatmap": charts.heatmap(heat_labels, matrix, title="Pairwise alignment")
        if len(heat_nodes) >= 2
        else "",
        "strongest": strongest,
        "antagonisms": antagonisms,
        "speculative": _speculative_only(analysis, limit=40),
        "conflicts": [
            {
                "subject": g.subject_label,
                "relation": g.relation,
                "object": g.object_label,
                "conflicts": g.conflicts,
                "claims": [
                    {
                        "id": anchor("c-", c.assertion),
                        "modality": c.modality,
                        "amount": c.amount(),
                        "date": f"{c.qualifier} {c.date}".strip(),
                        "source": c.source,
                        "title": c.title or c.document,
                        "evidence": c.evidence,
                    }
                    for c in g.claims
                    if c.amount() or c.date or c.source or c.modality == "Negated"
                ],
            }
            for g in (claims or [])
            if g.conflicts
        ],
        "ties": list(ties.cited.values()),
    }


def _speculative_only(analysis: Analysis, *, limit: int) -> list[dict]:
    """Relations between two actors that the documents only speculate about."""
    graph = analysis.assertions
    grouped: dict[tuple[str, str, str], list[dict]] = {}
    for s, o, data in graph.edges(data=True):
        ends = tuple(sorted((s, o))) if data["symmetric"] else (s, o)
        grouped.setdefault((ends[0], data["relation"], ends[1]), []).append(
            {**data, "subject": s, "object": o}
        )
    out = []
    for (s, relation, o), found in sorted(grouped.items()):
        if all(c["modality"] == "Speculative" for c in found):
            found = sorted(found, key=lambda c: c["assertion"])
            out.append(
                {
                    "subject": label(graph, s),
                    "relation": relation,
                    "object": label(graph, o),
                    "claims": [_claim(c, graph) for c in found[:3]],
                    "count": len(found),
                }
            )
    return out[:limit]


# ---------------------------------------------------------------------- rendering

_ENV = Environment(
    loader=PackageLoader("kg", "templates"),
    autoescape=select_autoescape(["html", "html.j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """Text as Markdown data: markup characters escaped, HTML made inert, one line.

    >>> md("<script>alert('x')</script> *bold* | pipe")
    "&lt;script&gt;alert('x')&lt;/script&gt; \\\\*bold\\\\* \\\\| pipe"
    """
    plain = " ".join(str(text).split())
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", plain)


def _num(value: float | None, digits: int = 3, *, sign: bool = False) -> str:
    if value is None:
        return ""
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


_ENV.filters["md"] = md
_ENV.filters["num"] = _num
_ENV.filters["data_uri"] = _data_uri


def render_html(data: dict) -> str:
    return _ENV.get_template("report.html.j2").render(**data)


def render_markdown(data: dict) -> str:
    return _ENV.get_template("report.md.j2").render(**data)


def write_report(path: Path, data: dict) -> Path:
    """Write HTML (``.html``/``.htm``) or Markdown (``.md``) by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        text = render_html(data)
    elif suffix in (".md", ".markdown"):
        text = render_markdown(data)
    else:
        from kg.errors import InputError

        raise InputError(f"{path}: the report is written as .html or .md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
