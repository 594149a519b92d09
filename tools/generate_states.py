"""Generate ontology/states.ttl: every sovereign state that actors.ttl does not curate.

pycountry lists territories too, so sovereignty comes from the explicit list below: the 193
UN member states, the two observer states (Holy See, Palestine) and Taiwan. Names come from
pycountry (common name, else name), cleaned of the inverted "X, Republic of" forms; states
curated in actors.ttl (matched by kgo:iso3166) are skipped, the curated entry wins.
Demonyms, capital metonyms and abbreviations (kgo:demonym, kgo:capital, and skos:altLabel
beside the names) come from tools/state_names.tsv, hand-written: one row per generated state,
forms separated by "|", "#" lines are comments; the abbreviations column is optional.

Run: .venv/bin/python tools/generate_states.py [--actors ontology/actors.ttl]
     [--names tools/state_names.tsv] [-o ontology/states.ttl]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pycountry
from rdflib import Graph, Namespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ids import slugify  # noqa: E402

KGO = Namespace("https://w3id.org/entente/ontology#")

UN_MEMBERS = (  # noqa: SIM905 - a readable block of codes
    "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA "
    "BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK "
    "COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD "
    "GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ "
    "LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE "
    "MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT "
    "QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF "
    "SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA "
    "USA URY UZB VUT VEN VNM YEM ZMB ZWE "
).split()
OTHER_STATES = ("VAT", "PSE", "TWN")  # observer states, and Taiwan
SOVEREIGN = tuple(UN_MEMBERS) + OTHER_STATES

#: Clean common English names where pycountry's are inverted or formal.
LABELS = {
    "BOL": "Bolivia",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PSE": "Palestine",
    "SYR": "Syria",
    "TZA": "Tanzania",
    "VAT": "Holy See",
    "VEN": "Venezuela",
    "VNM": "Vietnam",
    "BRN": "Brunei",
    "TUR": "Turkey",
    "CZE": "Czechia",
    "CPV": "Cabo Verde",
    "CIV": "Côte d'Ivoire",
    "TLS": "Timor-Leste",
    "MMR": "Myanmar",
    "MKD": "North Macedonia",
    "IRN": "Iran",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "RUS": "Russia",
    "TWN": "Taiwan",
    "GBR": "United Kingdom",
    "USA": "United States",
    "SWZ": "Eswatini",
    "KNA": "Saint Kitts and Nevis",
    "VCT": "Saint Vincent and the Grenadines",
    "LCA": "Saint Lucia",
    "GMB": "Gambia",
    "BHS": "Bahamas",
}
#: Well-known other names worth matching (abbreviations are in tools/state_names.tsv).
EXTRA_ALIASES = {
    "CZE": ("Czech Republic",),
    "CPV": ("Cape Verde",),
    "CIV": ("Ivory Coast",),
    "TLS": ("East Timor",),
    "MMR": ("Burma",),
    "SWZ": ("Swaziland",),
    "COD": ("Congo", "Congo-Kinshasa"),
    "COG": ("Republic of Congo", "Congo-Brazzaville"),
    "MKD": ("Macedonia",),
    "VAT": ("Vatican",),
    "GMB": ("The Gambia",),
    "BIH": ("Bosnia",),
    "NLD": ("Holland",),
}


#: Names pycountry gives a state that news style gives another: wire copy calls the Democratic
#: Republic of the Congo "Congo" and the other "Republic of Congo" or "Congo-Brazzaville".
NOT_ALIASES = {"COG": ("Congo",)}


def curated_codes(actors: Path) -> set[str]:
    graph = Graph().parse(actors, format="turtle")
    return {str(code) for code in graph.objects(None, KGO.iso3166)}


def _forms(cell: str | None) -> tuple[str, ...]:
    return tuple(sorted({form.strip() for form in (cell or "").split("|") if form.strip()}))


#: ISO code -> (demonyms, capitals, abbreviations), each a sorted tuple of forms
StateForms = dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]


def state_names(path: Path) -> StateForms:
    """ISO code -> (demonyms, capitals, abbreviations) from the TSV at ``path``; "#" lines are
    comments, and a row may leave out the abbreviations column."""
    with path.open(encoding="utf-8", newline="") as lines:
        rows = csv.DictReader(
            (line for line in lines if not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        return {
            row["iso3"]: (
                _forms(row["demonyms"]),
                _forms(row["capitals"]),
                _forms(row.get("abbreviations")),
            )
            for row in rows
        }


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(skip: set[str], forms: StateForms) -> str:
    entries = []
    for code in SOVEREIGN:
        if code in skip:
            continue
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            continue
        label = LABELS.get(code) or getattr(country, "common_name", None) or country.name
        demonyms, capitals, abbreviations = forms.get(code, ((), (), ()))
        names = [
            country.name,
            getattr(country, "official_name", None),
            *EXTRA_ALIASES.get(code, ()),
            *abbreviations,
        ]
        aliases = sorted(
            {n for n in names if n and n != label and "," not in n} - set(NOT_ALIASES.get(code, ()))
        )
        lines = [f"actor:{slugify(label)} a kgo:State", f"    rdfs:label {_q(label)}"]
        if aliases:
            lines.append("    skos:altLabel " + ", ".join(map(_q, aliases)))
        if demonyms:
            lines.append("    kgo:demonym " + ", ".join(map(_q, demonyms)))
        if capitals:
            lines.append("    kgo:capital " + ", ".join(map(_q, capitals)))
        lines.append(f"    kgo:iso3166 {_q(code)}")
        entries.append((slugify(label), lines[0] + " ;\n" + " ;\n".join(lines[1:]) + " .\n"))
    header = (
        f"# generated by tools/generate_states.py from pycountry {pycountry.__version__}; "
        "do not edit: curate a state in actors.ttl instead (it then disappears from here).\n\n"
        "@prefix kgo:   <https://w3id.org/entente/ontology#> .\n"
        "@prefix actor: <https://w3id.org/entente/id/actor/> .\n"
        "@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .\n\n"
    )
    return header + "\n".join(text for _, text in sorted(entries))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=Path, default=ROOT / "ontology" / "actors.ttl")
    parser.add_argument("--names", type=Path, default=ROOT / "tools" / "state_names.tsv")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "ontology" / "states.ttl")
    args = parser.parse_args()
    forms = state_names(args.names)
    args.output.write_text(render(curated_codes(args.actors), forms), encoding="utf-8")


if __name__ == "__main__":
    main()
