"""Render query results and statistics as text, CSV, TSV or JSON (CLI output, no logic).

Values come from documents, so they can hold control characters (an ESC in a title or a file
name). The table format is for people: control characters are shown as ``\x1b`` escapes. JSON
and Turtle write them with their own escapes (the same data, safe bytes). CSV and TSV have no
escape, so they carry the data exactly into a file or a pipe and show control characters as the
table does only when they are written to a terminal.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from kg.errors import OutputError
from kg.ids import PREFIXES
from kg.text import escape_controls, printable
from kg.vocab import MODALITY_NAMES

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: len(kv[1]), reverse=True)


def compact(term: object) -> str:
    """A term as a person reads it: prefixed IRIs, literal values, '' for unbound.

    >>> compact(URIRef("https://w3id.org/entente/id/actor/dprk"))
    'kgr:actor/dprk'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _BY_LENGTH:
            if term.startswith(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _json_term(term: object) -> dict | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out: dict = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _is_terminal(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _delimited(out: TextIO, fmt: str, terminal: bool):
    """A CSV or TSV writer: exact data, but never a raw control character on a terminal."""
    target = _Printable(out) if terminal else out
    return csv.writer(target, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")


class _Printable:
    """A stream writing everything through :func:`printable` (tab and newline kept)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(printable(text))


def write_result(result: Result, fmt: str, out: TextIO, *, terminal: bool | None = None) -> None:
    """SELECT as table/csv/tsv/json (SPARQL 1.1 JSON results); ASK as true/false;
    CONSTRUCT/DESCRIBE as Turtle (JSON-LD for --format json).

    ``terminal`` (default: whether ``out`` is one) shows control characters in CSV and TSV as
    escapes; the table always does, JSON and Turtle always escape them in their own syntax.
    """
    terminal = _is_terminal(out) if terminal is None else terminal
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        out.write(
            json.dumps({"head": {}, "boolean": answer}) + "\n"
            if fmt == "json"
            else ("true" if answer else "false") + "\n"
        )
        return
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        out.write(escape_controls(graph.serialize(format="json-ld" if fmt == "json" else "turtle")))
        return
    names = [str(v) for v in result.vars]
    rows = [
        [row.get(v) if hasattr(row, "get") else row[i] for i, v in enumerate(result.vars)]
        for row in (b for b in _bindings(result))
    ]
    if fmt == "json":
        body = {
            "head": {"vars": names},
            "results": {
                "bindings": [
                    {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
                    for row in rows
                ]
            },
        }
        out.write(escape_controls(json.dumps(body, indent=2, ensure_ascii=False)) + "\n")
    elif fmt in ("csv", "tsv"):
        writer = _delimited(out, fmt, terminal)
        writer.writerow(names)
        writer.writerows([["" if t is None else str(t) for t in row] for row in rows])
    else:
        cells = [[printable(compact(t)) for t in row] for row in rows]
        widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
        out.write("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
        out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _bindings(result: Result):
    for binding in result.bindings:
        yield {var: binding.get(var) for var in result.vars}


def render_stats(figures: dict) -> str:
    lines = [
        f"documents: {figures['documents']}",
        f"triples: {figures['triples']}",
        f"actors mentioned: {sum(figures['actors_by_type'].values())}",
    ]
    lines += [f"  {t}: {n}" for t, n in sorted(figures["actors_by_type"].items())]
    lines.append(f"gazetteer actors: {figures['gazetteer_actors']}")
    table = figures["assertions"]
    modalities = list(MODALITY_NAMES)
    lines.append(f"assertions: {sum(sum(row.values()) for row in table.values())}")
    width = max([len("relation")] + [len(r) for r in table])
    lines.append(
        "  " + "relation".ljust(width) + "".join(m.rjust(12) for m in modalities) + "total".rjust(8)
    )
    for rel in sorted(table):
        row = table[rel]
        lines.append(
            "  "
            + rel.ljust(width)
            + "".join(str(row.get(m, 0)).rjust(12) for m in modalities)
            + str(sum(row.values())).rjust(8)
        )
    return "\n".join(lines)


def write_rows(
    headers: list[str], rows: list[list], fmt: str, out: TextIO, *, terminal: bool | None = None
) -> None:
    """Plain rows as an aligned table, CSV, TSV or JSON (a list of objects); control characters
    as :func:`write_result` treats them."""
    if fmt == "json":
        out.write(json.dumps([dict(zip(headers, r, strict=True)) for r in rows], indent=2) + "\n")
        return
    if fmt in ("csv", "tsv"):
        writer = _delimited(out, fmt, _is_terminal(out) if terminal is None else terminal)
        writer.writerow(headers)
        writer.writerows(rows)
        return
    cells = [[_cell(c) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [
        all(isinstance(r[i], int | float) for r in rows) and rows for i in range(len(headers))
    ]

    def line(values: list[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(headers))
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write(line(r))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list | tuple):
        return printable(", ".join(map(str, value)), one_line=True)
    return "" if value is None else printable(str(value), one_line=True)


# ---------------------------------------------------------------- output files


def check_output(path: Path) -> None:
    """Raise :class:`~kg.errors.OutputError` now if ``path`` cannot be an output file, so a
    command does not work for minutes to fail at the end (``-o /nonexistent/dir/x.nq``).

    The folder must exist, as for a shell's ``>``: it is not created.
    """
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: no folder {folder}")


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all.

    A regular file (or a new one) is written beside itself and renamed over the old one once
    complete, so a full disk or an interrupt leaves the previous file as it was and no partial
    file behind. Anything else (``/dev/stdout``, a FIFO, ``/dev/full``) is written directly.
    Raises :class:`~kg.errors.OutputError`, one line naming the file.
    """
    check_output(path)
    target = Path(os.path.realpath(path))  # through a symlink: the file it names is replaced
    try:
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(target, "w", encoding="utf-8") as out:
                out.write(text)
            return
        _replace(target, text, stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _replace(target: Path, text: str, mode: int) -> None:
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError:
        if not target.exists():
            raise
        # a folder where no file can be created but this one can be rewritten: in place
        target.write_text(text, encoding="utf-8")
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
