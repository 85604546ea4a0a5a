#!/usr/bin/env python3
"""Build ontology/vocab/countries.ttl: ISO 3166-1 countries under their UN M49 areas.

    python scripts/build_countries.py [--output PATH]

Sources (build time only; the project reads the Turtle this script writes):

* ontology/sources/m49/UNSD-*.csv -- the UN Statistics Division's M49 overview table in the
  six UN languages (provenance in ontology/sources/README.md). It gives every country or area
  its preferred name in each language (the UN's official short names) and its M49 region,
  sub-region and intermediate region, and it names those areas in each language.
* pycountry -- the 249 ISO 3166-1 entries (alpha-2, alpha-3, numeric; English name, official
  and common names). These ISO forms become English skos:altLabels, so that "Moldova, Republic
  of" still finds the concept whose preferred label is the UN's "Republic of Moldova". Its
  Debian iso-codes translations (gettext domain "iso3166-1") are volunteer work, not ISO's,
  and some are wrong ("Costa de Marfíl"): they are used only for Taiwan, which has no UN name.
* babel (Unicode CLDR) -- territory names of the countries and of the M49 areas in the six
  languages, also as skos:altLabels ("Australasia" for 053, "Micronesian Region" for 057).

An alternative label is dropped when it equals the concept's own preferred label or another
concept's preferred label in the same language (CLDR calls the Federated States of Micronesia
"Micronesia", the UN's name of area 057), so that a name finds one concept.

Exceptions (each also stated on the concept as a skos:scopeNote or skos:editorialNote):

* ATA Antarctica has no M49 region in the table: it sits directly under World (001).
* TWN Taiwan has no row in the M49 table; the UN's M49 Questions & Answers say it is
  considered part of China (156). It keeps its ISO entry (other data use the ISO code) and is
  placed where the UN places China (030 Eastern Asia, 142 Asia). Having no UN name in the
  table, its preferred labels are the ISO names, flagged as unverified against the UN.
* Kosovo has neither an ISO 3166-1 entry nor an M49 row; the UN considers it part of Serbia
  (688) in the context of Security Council resolution 1244 (1999): stated on country:SRB.
* 830 Channel Islands is not an area of the current table (Guernsey and Jersey sit directly
  under 154 Northern Europe), so it is no longer a concept.

The output is deterministic for given versions of pycountry and babel (listed in the file's
header): running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import importlib.metadata
import sys
from dataclasses import dataclass, field
from pathlib import Path

import babel
import pycountry
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO / "ontology" / "vocab" / "countries.ttl"
M49_DIR = REPO / "ontology" / "sources" / "m49"

GCM = Namespace("https://w3id.org/gcmkg/ontology#")
COUNTRY = Namespace("https://w3id.org/gcmkg/country/")
REGION = Namespace("https://w3id.org/gcmkg/region/")
SCHEME = URIRef("https://w3id.org/gcmkg/countries")

WORLD = "001"
# BCP 47 tag -> (file suffix of the M49 table, pycountry gettext locale, babel locale)
LANGS = {"en": ("en", None, "en"), "es": ("es", "es", "es"), "fr": ("fr", "fr", "fr"),
         "ru": ("ru", "ru", "ru"), "ar": ("ar", "ar", "ar"), "zh": ("cn", "zh_CN", "zh_Hans")}
LEVELS = (("Region Code", "Region Name", "region"),
          ("Sub-region Code", "Sub-region Name", "sub-region"),
          ("Intermediate Region Code", "Intermediate Region Name", "intermediate region"))
M49_SOURCE = ("UN Statistics Division, Standard country or area codes for statistical use (M49), "
              "overview table in the six UN languages, https://unstats.un.org/unsd/methodology/m49/overview/ "
              "(copy of 2024-09-25 from github.com/datasets/country-codes tmp/UNSD-*.csv at commit "
              "25c1991e72a75b8ce494822b50cc6154bdc61a25, kept in ontology/sources/m49/)")
M49_QA = "UN Statistics Division, M49 Questions & Answers, https://unstats.un.org/unsd/methodology/m49/"

COUNTRY_NOTES = {
    "ATA": "Antarctica belongs to no UN M49 region, sub-region or intermediate region; it is placed directly under World (001).",
    "TWN": ("The UN M49 table has no row for Taiwan. The UN's M49 Questions & Answers: \"within the M49, "
            "Taiwan Province of China is considered part of China (numerical code 156). However, for strictly "
            "statistical purposes, the numerical code 158 can be used to represent this area.\" The concept is "
            "kept under its ISO 3166-1 code and placed where the UN places China (Eastern Asia, Asia)."),
    "SRB": ("The UN M49 table has no row for Kosovo, and ISO 3166-1 no entry. The UN's M49 Questions & Answers: "
            "\"The status of Kosovo should be understood to be in the context of United Nations Security Council "
            "resolution 1244 (1999). As a result, within the 'Standard country or area codes for statistical use "
            "(M49)', Kosovo is currently considered part of Serbia (numerical code 688). However, for strictly "
            "statistical purposes, the numerical code 412 can be used to represent this area.\" Entries about "
            "Kosovo are therefore recorded under this concept."),
}
# Countries without a row in the M49 table: the M49 area the UN places them in (see COUNTRY_NOTES).
AREA_OF_ABSENT = {"TWN": "156"}
# The UN's own wording for a country it does not list (quoted in COUNTRY_NOTES).
UN_ALT_NAMES = {"TWN": {"en": "Taiwan Province of China"}}
EDITORIAL_NOTES = {
    "TWN": ("Preferred labels are the ISO 3166-1 names (English) and their iso-codes translations: the UN M49 "
            "table gives no name for this area, so no label here is verified against a UN source."),
}
SCHEME_NOTES = [
    "Preferred labels are the UN's official short names as given in the M49 overview table in each UN "
    "language; ISO 3166-1 and Unicode CLDR forms are alternative labels.",
    "Kosovo and Taiwan have no row in the M49 table; how they are handled, in the UN's words, is in the "
    "scope notes of country/SRB and country/TWN.",
    "830 (Channel Islands) is not an area of the current M49 table: Guernsey and Jersey are placed directly "
    "under Northern Europe (154), as the table does.",
]

HEADER = """\
# Countries (ISO 3166-1) and UN M49 areas as SKOS concepts, for faceting by place.
# GENERATED by scripts/build_countries.py: do not edit by hand.
# Sources: ontology/sources/m49/UNSD-*.csv (UN M49 overview table, six languages: names and membership),
#   pycountry {pycountry} (ISO 3166-1 codes; English ISO names as altLabels),
#   babel {babel} (Unicode CLDR territory names as altLabels).
# Every country and region has skos:broaderTransitive to all of its ancestors, up to region/001 (World).

"""


@dataclass
class Area:
    code: str
    level: str
    names: dict[str, str] = field(default_factory=dict)  # lang -> preferred name
    parent: str | None = None


@dataclass
class Place:
    """A country: its ISO entry, UN names, most specific M49 area and M49 region/sub-region."""
    iso: object
    names: dict[str, str]
    area: str
    region: str | None = None
    sub_region: str | None = None


def pkg_version(name: str) -> str:
    return importlib.metadata.version(name)


def read_m49(directory: Path = M49_DIR) -> dict[str, list[dict[str, str]]]:
    """lang tag -> rows of the M49 table in that language, checked to list the same codes."""
    tables = {}
    for tag, (suffix, _, _) in LANGS.items():
        path = directory / f"UNSD-{suffix}.csv"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if not rows or "M49 Code" not in rows[0]:
            raise SystemExit(f"{path}: not an M49 overview table (no 'M49 Code' column)")
        tables[tag] = rows
    codes = {tag: [(r["M49 Code"], r["ISO-alpha3 Code"], r["Region Code"], r["Sub-region Code"],
                    r["Intermediate Region Code"]) for r in rows] for tag, rows in tables.items()}
    for tag, rows in codes.items():
        if sorted(rows) != sorted(codes["en"]):
            raise SystemExit(f"{directory}/UNSD-{LANGS[tag][0]}.csv: codes differ from the English table")
    return tables


def build_areas(tables: dict[str, list[dict[str, str]]]) -> dict[str, Area]:
    """The M49 areas of the table with their names in each language and their parent."""
    areas = {WORLD: Area(WORLD, "world")}
    for tag, rows in tables.items():
        for lineno, r in enumerate(rows, start=2):
            where = f"UNSD-{LANGS[tag][0]}.csv line {lineno}"
            areas[WORLD].names.setdefault(tag, r["Global Name"].strip())
            parent = WORLD
            for code_col, name_col, level in LEVELS:
                code = r[code_col].strip()
                if not code:
                    continue
                area = areas.setdefault(code, Area(code, level))
                name = r[name_col].strip()
                if area.names.setdefault(tag, name) != name or area.level != level:
                    raise SystemExit(f"{where}: M49 area {code} named or levelled two ways")
                if area.parent not in (None, parent):
                    raise SystemExit(f"{where}: M49 area {code} has two parents")
                area.parent = parent
                parent = code
    return areas


def build_places(tables: dict[str, list[dict[str, str]]]) -> dict[str, Place]:
    """Every ISO 3166-1 country keyed by alpha-3, with its UN names and M49 placement."""
    by_iso = {tag: {r["ISO-alpha3 Code"]: r for r in rows} for tag, rows in tables.items()}
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    if len(countries) != 249:
        raise SystemExit(f"pycountry has {len(countries)} countries, expected 249")
    unknown = sorted(set(by_iso["en"]) - {c.alpha_3 for c in countries})
    if unknown:
        raise SystemExit(f"M49 rows with no ISO 3166-1 entry: {unknown}")
    m49_of = {r["M49 Code"]: a3 for a3, r in by_iso["en"].items()}
    places = {}
    for c in countries:
        row = by_iso["en"].get(c.alpha_3)
        if row is None:
            if c.alpha_3 not in AREA_OF_ABSENT:
                raise SystemExit(f"{c.alpha_3} has no M49 row and no documented exception")
            row = by_iso["en"][m49_of[AREA_OF_ABSENT[c.alpha_3]]]
            names = {}
        else:
            if row["M49 Code"] != c.numeric:
                raise SystemExit(f"{c.alpha_3}: M49 code {row['M49 Code']} != ISO numeric {c.numeric}")
            names = {tag: by_iso[tag][c.alpha_3]["Country or Area"].strip() for tag in LANGS}
        area = next((row[col] for col, _, _ in reversed(LEVELS) if row[col]), WORLD)
        places[c.alpha_3] = Place(c, names, area, row["Region Code"] or None, row["Sub-region Code"] or None)
    return places


def iso_catalogs() -> dict[str, dict[str, str]]:
    """lang tag -> pycountry's iso3166-1 gettext catalog (English ISO name -> translation)."""
    out = {}
    for tag, (_, loc, _) in LANGS.items():
        if loc is None:
            continue
        t = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc])
        out[tag] = {k: v for k, v in t._catalog.items() if isinstance(k, str) and k and v}
    return out


def cldr_names(code: str) -> dict[str, str]:
    """CLDR's territory name for an alpha-2 or M49 code in each language that has one."""
    out = {}
    for tag, (_, _, bloc) in LANGS.items():
        name = babel.Locale.parse(bloc).territories.get(code)
        if name:
            out[tag] = name
    return out


def ancestors(code: str, areas: dict[str, Area]) -> list[str]:
    out = []
    while areas[code].parent is not None:
        code = areas[code].parent
        out.append(code)
    return out


def build() -> Graph:
    tables = read_m49()
    areas = build_areas(tables)
    places = build_places(tables)
    cats = iso_catalogs()

    # Preferred labels first: TWN's come from ISO (no UN name), everything else from the M49 table.
    pref: dict[URIRef, dict[str, str]] = {REGION[code]: dict(a.names) for code, a in areas.items()}
    alt: dict[URIRef, dict[str, set[str]]] = {}
    for code in areas:
        for tag, name in cldr_names(code).items():
            alt.setdefault(REGION[code], {}).setdefault(tag, set()).add(name)
    for a3, p in places.items():
        node = COUNTRY[a3]
        c = p.iso
        # iso-codes translations are volunteer work, not ISO's names (its Spanish "Costa de
        # Marfíl" and French "Vénézuela, république bolivarienne du" are wrong): they are used
        # only where the UN gives no name, flagged as unverified (EDITORIAL_NOTES).
        pref[node] = dict(p.names) or {"en": c.name, **{tag: cat[c.name] for tag, cat in cats.items()
                                                         if c.name in cat}}
        names = alt.setdefault(node, {})
        for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if n:
                names.setdefault("en", set()).add(n)
        for tag, name in cldr_names(c.alpha_2).items():
            names.setdefault(tag, set()).add(name)
        for tag, name in UN_ALT_NAMES.get(a3, {}).items():
            names.setdefault(tag, set()).add(name)
    owners: dict[tuple[str, str], list[URIRef]] = {}
    for node, labels in pref.items():
        for tag, name in labels.items():
            owners.setdefault((tag, name), []).append(node)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    if clashes:
        raise SystemExit(f"two concepts share a preferred label: {clashes}")

    g = Graph()
    for prefix, ns in (("skos", SKOS), ("dcterms", DCTERMS), ("gcm", GCM), ("rdfs", RDFS),
                       ("xsd", XSD), ("country", COUNTRY), ("region", REGION)):
        g.bind(prefix, ns)

    g.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((SCHEME, DCTERMS.title, Literal("Countries and regions", lang="en")))
    g.add((SCHEME, DCTERMS.title, Literal("Países y regiones", lang="es")))
    g.add((SCHEME, DCTERMS.title, Literal("Pays et régions", lang="fr")))
    g.add((SCHEME, DCTERMS.description, Literal(
        "The countries and territories of ISO 3166-1 placed under the areas of the UN M49 "
        "standard (World, regions, sub-regions, intermediate regions).", lang="en")))
    g.add((SCHEME, DCTERMS.source, Literal(M49_SOURCE)))
    g.add((SCHEME, DCTERMS.source, Literal(M49_QA)))
    g.add((SCHEME, DCTERMS.source, Literal("ISO 3166-1 (via pycountry / Debian iso-codes)")))
    g.add((SCHEME, DCTERMS.source, Literal("Unicode CLDR territory names (via babel)")))
    for note in SCHEME_NOTES:
        g.add((SCHEME, SKOS.editorialNote, Literal(note, lang="en")))
    g.add((SCHEME, SKOS.hasTopConcept, REGION[WORLD]))

    for dt, en, es, fr in (
        (GCM.ISO3166Alpha2, "ISO 3166-1 alpha-2 code", "código ISO 3166-1 alfa-2", "code ISO 3166-1 alpha-2"),
        (GCM.ISO3166Alpha3, "ISO 3166-1 alpha-3 code", "código ISO 3166-1 alfa-3", "code ISO 3166-1 alpha-3"),
        (GCM.ISO3166Numeric, "ISO 3166-1 numeric code", "código numérico ISO 3166-1", "code numérique ISO 3166-1"),
        (GCM.M49Code, "UN M49 area code", "código de zona M49 de las Naciones Unidas", "code de zone M49 des Nations Unies"),
    ):
        g.add((dt, RDF.type, RDFS.Datatype))
        for text, lang in ((en, "en"), (es, "es"), (fr, "fr")):
            g.add((dt, RDFS.label, Literal(text, lang=lang)))

    def add_labels(node: URIRef) -> None:
        for tag, name in pref[node].items():
            g.add((node, SKOS.prefLabel, Literal(name, lang=tag)))
        for tag, names in alt.get(node, {}).items():
            for name in names:
                if owners.get((tag, name)):  # someone's preferred label, this concept's or another's
                    continue
                g.add((node, SKOS.altLabel, Literal(name, lang=tag)))

    def add_hierarchy(node: URIRef, parent: str, ancestor_codes: list[str]) -> None:
        g.add((node, SKOS.broader, REGION[parent]))
        g.add((REGION[parent], SKOS.narrower, node))
        for a in ancestor_codes:
            g.add((node, SKOS.broaderTransitive, REGION[a]))

    for code, area in sorted(areas.items()):
        r = REGION[code]
        g.add((r, RDF.type, SKOS.Concept))
        g.add((r, RDF.type, GCM.Region))
        g.add((r, SKOS.inScheme, SCHEME))
        g.add((r, SKOS.notation, Literal(code, datatype=GCM.M49Code)))
        add_labels(r)
        if area.parent is None:
            g.add((r, SKOS.topConceptOf, SCHEME))
        else:
            add_hierarchy(r, area.parent, ancestors(code, areas))

    for a3, p in sorted(places.items()):
        node = COUNTRY[a3]
        c = p.iso
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, RDF.type, GCM.Country))
        g.add((node, SKOS.inScheme, SCHEME))
        g.add((node, SKOS.notation, Literal(c.alpha_2, datatype=GCM.ISO3166Alpha2)))
        g.add((node, SKOS.notation, Literal(c.alpha_3, datatype=GCM.ISO3166Alpha3)))
        g.add((node, SKOS.notation, Literal(c.numeric, datatype=GCM.ISO3166Numeric)))
        add_labels(node)
        if a3 in COUNTRY_NOTES:
            g.add((node, SKOS.scopeNote, Literal(COUNTRY_NOTES[a3], lang="en")))
        if a3 in EDITORIAL_NOTES:
            g.add((node, SKOS.editorialNote, Literal(EDITORIAL_NOTES[a3], lang="en")))
        add_hierarchy(node, p.area, [p.area, *ancestors(p.area, areas)])
        if p.region:
            g.add((node, GCM.m49Region, REGION[p.region]))
        if p.sub_region:
            g.add((node, GCM.m49SubRegion, REGION[p.sub_region]))
    return g


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Turtle file to write")
    args = ap.parse_args(argv)
    g = build()
    header = HEADER.format(pycountry=pkg_version("pycountry"), babel=pkg_version("babel"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(header + g.serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {args.output} ({len(g)} triples)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
