"""The SPARQL the pages ask of the public store: one function per question, values passed as bindings.

The faceted search, counts and result lists go through the search index
(graph/search*); what is here describes single things: a concept and what
links to it, a country's norms, an entry's related entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from threading import Lock

from pyoxigraph import Literal, NamedNode

from gcmkg.names import BASE, GCM, OBJECTIVES_SCHEME, ORG, WORLD, XSD

from .labels import labels
from .queries import PROLOGUE, pick, pick_language
from .search import InvalidParameter
from .store import Store, named_query

PRACTICE, NORM, ORGANISATION = GCM + "Practice", GCM + "NationalNorm", ORG + "Organization"
KIND_OF_CLASS = {PRACTICE: "practice", NORM: "norm", ORGANISATION: "organisation",
                 GCM + "InternationalInstrument": "instrument"}


@dataclass
class EntrySummary:
    """What a list shows of an entry: title, kind, places, a date, a status."""
    iri: str
    kind: str
    title: str
    title_lang: str | None = None
    date: str | None = None
    places: list[tuple[str, str]] = field(default_factory=list)   # (iri, label)
    status: tuple[str, str] | None = None                          # (iri, label)


SUMMARIES = named_query("summaries", PROLOGUE + """
SELECT ?entry ?class ?title ?date ?place ?status WHERE {
  VALUES ?entry { $entries }
  ?entry a ?class FILTER(?class IN (gcm:Practice, gcm:NationalNorm, gcm:InternationalInstrument, org:Organization))
  OPTIONAL { ?entry dcterms:title|skos:prefLabel ?title }
  OPTIONAL { ?entry schema:startDate|eli:date_document ?date }
  OPTIONAL { ?entry dcterms:spatial|eli:jurisdiction|gcm:basedIn ?place }
  OPTIONAL { ?entry gcm:normStatus ?status }
}
""")


def entry_summaries(store: Store, iris: Iterable[str], lang: str) -> list[EntrySummary]:
    """Summaries of the entries `iris`, in the order given; unpublished IRIs are left out."""
    order = list(dict.fromkeys(iris))
    if not order:
        return []
    found: dict[str, dict] = {}
    for start in range(0, len(order), 200):
        for r in store.select(SUMMARIES, {"entries": [NamedNode(i) for i in order[start:start + 200]]}):
            e = found.setdefault(r["entry"].value, {"class": r["class"].value, "titles": {}, "places": [],
                                                     "date": None, "status": None})
            if "title" in r:
                e["titles"].setdefault(r["title"].language or "", r["title"].value)
            if "date" in r:
                e["date"] = r["date"].value
            if "place" in r and r["place"].value not in e["places"]:
                e["places"].append(r["place"].value)
            if "status" in r:
                e["status"] = r["status"].value
    names = labels(store, {p for e in found.values() for p in e["places"]}
                   | {e["status"] for e in found.values() if e["status"]}, lang)
    out = []
    for iri in order:
        e = found.get(iri)
        if e is None:
            continue
        title = pick(e["titles"], lang) or iri
        title_lang = next((k for k, v in e["titles"].items() if v == title), None)
        places = sorted(((p, names.get(p, p)) for p in e["places"]), key=lambda p: p[1])
        status = (e["status"], names.get(e["status"], "")) if e["status"] else None
        out.append(EntrySummary(iri, KIND_OF_CLASS[e["class"]], title, title_lang or None, e["date"], places, status))
    return out


LINKED_ENTRIES = named_query("linked entries", PROLOGUE + """
SELECT DISTINCT ?entry ?p WHERE {
  ?entry ?p $target .
  ?entry a ?class FILTER(?class IN (gcm:Practice, gcm:NationalNorm, gcm:InternationalInstrument, org:Organization))
} LIMIT 1000
""")


def entries_linking_to(store: Store, target: str) -> dict[str, list[str]]:
    """Entry IRI -> the properties by which it links to `target` (an organisation, an organisation type...);
    at most 1000 links: the search index lists the rest."""
    out: dict[str, list[str]] = {}
    for r in store.select(LINKED_ENTRIES, {"target": NamedNode(target)}):
        out.setdefault(r["entry"].value, []).append(r["p"].value)
    return out


ROLES = named_query("roles", "SELECT ?e ?p WHERE { VALUES ?e { $entries } ?e ?p $target }")


def links_to(store: Store, entries: Iterable[str], target: str) -> dict[str, list[str]]:
    """Entry IRI -> the properties by which each of `entries` links to `target` (an organisation's roles)."""
    entries = [NamedNode(e) for e in entries]
    out: dict[str, list[str]] = {}
    if entries:
        for r in store.select(ROLES, {"entries": entries, "target": NamedNode(target)}):
            out.setdefault(r["e"].value, []).append(r["p"].value)
    return out


UNITS = named_query("an organisation's units", PROLOGUE + """
SELECT DISTINCT ?unit WHERE { ?unit org:subOrganizationOf $parent . ?unit a org:Organization }""")


def units(store: Store, parent: str, lang: str) -> list[tuple[str, str]]:
    """The organisations that are units of `parent` (org:subOrganizationOf), as (IRI, label), by label."""
    found = [r["unit"].value for r in store.select(UNITS, {"parent": NamedNode(parent)})]
    names = labels(store, found, lang)
    return sorted(((iri, names.get(iri, iri)) for iri in found), key=lambda unit: unit[1])


CONCEPT_CHILDREN = named_query("concept children", PROLOGUE + """
SELECT ?child ?notation WHERE {
  ?child skos:broader $concept .
  OPTIONAL { ?child skos:notation ?notation }
}
""")


def narrower(store: Store, concept: str) -> list[tuple[str, str]]:
    """The concepts directly under `concept`, with their notation."""
    return [(r["child"].value, r["notation"].value if "notation" in r else "")
            for r in store.select(CONCEPT_CHILDREN, {"concept": NamedNode(concept)})]


CROSSWALK = named_query("crosswalk", PROLOGUE + """
SELECT ?objective ?target WHERE {
  ?objective skos:relatedMatch ?target ; skos:inScheme $objectives .
}
""")


def crosswalk(store: Store) -> list[tuple[str, str]]:
    """The GCM objective -> SDG target pairs of the crosswalk vocabulary."""
    return [(r["objective"].value, r["target"].value)
            for r in store.select(CROSSWALK, {"objectives": NamedNode(OBJECTIVES_SCHEME)})]


COUNTRY_NORMS = named_query("country norms", PROLOGUE + """
SELECT ?norm ?place ?title ?adopted ?inForce ?until ?status ?type ?repealedBy ?repealedOn ?amendedBy ?amendedOn WHERE {
  # The country's own norms and those of its provinces and cities (?place).
  { ?norm eli:jurisdiction $country } UNION { ?place skos:broader $country ; a gcm:Place . ?norm eli:jurisdiction ?place }
  ?norm a gcm:NationalNorm .
  OPTIONAL { ?norm dcterms:title ?title }
  OPTIONAL { ?norm eli:date_document ?adopted }
  OPTIONAL { ?norm eli:first_date_entry_in_force ?inForce }
  OPTIONAL { ?norm eli:date_no_longer_in_force ?until }
  OPTIONAL { ?norm gcm:normStatus ?status }
  OPTIONAL { ?norm eli:type_document ?type }
  OPTIONAL { { ?norm eli:repealed_by ?repealedBy } UNION { ?repealedBy eli:repeals ?norm }
             OPTIONAL { ?repealedBy eli:first_date_entry_in_force|eli:date_document ?repealedOn } }
  OPTIONAL { ?norm eli:amended_by ?amendedBy OPTIONAL { ?amendedBy eli:date_document ?amendedOn } }
}
""")


@dataclass
class NormOnTimeline:
    iri: str
    title: str
    title_lang: str | None
    adopted: str | None
    in_force: str | None
    status: str | None
    type: str | None
    repealed_by: str | None = None
    repealed_on: str | None = None
    amendments: list[tuple[str, str | None]] = field(default_factory=list)
    until: str | None = None            # the last day in force, when stated
    place: str | None = None            # the province or city whose norm it is, below the country


def country_norms(store: Store, country: str, lang: str) -> list[NormOnTimeline]:
    """The norms of a country with the dates a timeline needs, oldest first."""
    norms: dict[str, dict] = {}
    for r in store.select(COUNTRY_NORMS, {"country": NamedNode(country)}):
        n = norms.setdefault(r["norm"].value, {"titles": {}, "amend": {}})
        if "title" in r:
            n["titles"].setdefault(r["title"].language or "", r["title"].value)
        for key in ("adopted", "inForce", "until", "status", "type", "repealedBy", "repealedOn"):
            if key in r:
                old = n.get(key)
                value = r[key].value
                if key == "repealedOn" and old:        # the earliest known date of the repealing norm
                    value = min(old, value)
                n[key] = value
        if "place" in r:
            n["place"] = r["place"].value
        if "amendedBy" in r:
            n["amend"][r["amendedBy"].value] = r["amendedOn"].value if "amendedOn" in r else None
    out = []
    for iri, n in norms.items():
        title = pick(n["titles"], lang) or iri
        out.append(NormOnTimeline(iri, title, next((k for k, v in n["titles"].items() if v == title), None),
                                  n.get("adopted"), n.get("inForce"), n.get("status"), n.get("type"),
                                  n.get("repealedBy"), n.get("repealedOn"), sorted(n["amend"].items()),
                                  n.get("until"), n.get("place")))
    return sorted(out, key=lambda n: (n.adopted or n.in_force or "9999", n.title))


PLACES_WITH_ENTRIES = named_query("places with entries", PROLOGUE + """
SELECT ?place (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  ?place skos:broader $country ; a gcm:Place .
  ?entry dcterms:spatial|eli:jurisdiction ?place .
} GROUP BY ?place
""")


def places_with_entries(store: Store, country: str) -> list[tuple[str, int]]:
    """The provinces and cities of a country that published entries are scoped to, with how many."""
    return [(r["place"].value, int(r["entries"].value))
            for r in store.select(PLACES_WITH_ENTRIES, {"country": NamedNode(country)})]


AREA_ENTRIES = named_query("area entries", PROLOGUE + """
SELECT DISTINCT ?entry WHERE {
  VALUES ?area { $areas }
  ?entry dcterms:spatial|eli:jurisdiction ?area .
  ?entry a ?class FILTER(?class IN (gcm:Practice, gcm:NationalNorm))
} LIMIT $limit
""")


def entries_scoped_to(store: Store, areas: Iterable[str], limit: int) -> list[str]:
    """Up to `limit` entries scoped to one of `areas` itself (a region's own initiatives, not its countries')."""
    areas = [NamedNode(a) for a in areas]
    if not areas:
        return []
    return [r["entry"].value for r in store.select(AREA_ENTRIES, {"areas": areas, "limit": Literal(int(limit))})]


AREA_TREE = named_query("area tree", PROLOGUE + """
SELECT ?area ?broader ?country ?code WHERE {
  ?area skos:inScheme <https://w3id.org/gcmkg/countries> ; skos:broader ?broader .
  OPTIONAL { ?area a gcm:Country BIND(true AS ?country) }
  OPTIONAL { ?area skos:notation ?code }
}
""")


@dataclass
class Area:
    """An M49 area or a country: `code` is its M49 code or ISO alpha-3 code, `numeric` a country's ISO number."""
    iri: str
    code: str
    is_country: bool
    broader: str | None
    numeric: str | None = None
    children: list[str] = field(default_factory=list)


def area_tree(store: Store) -> dict[str, Area]:
    """Every M49 area and country by IRI, with its children: the region → sub-region → country tree."""
    areas: dict[str, Area] = {WORLD: Area(WORLD, "001", False, None)}
    for r in store.select(AREA_TREE):
        iri = r["area"].value
        a = areas.setdefault(iri, Area(iri, "", False, r["broader"].value))
        a.is_country = a.is_country or "country" in r
        if "code" in r:
            kind = r["code"].datatype.value.rsplit("#", 1)[-1]
            if kind in ("ISO3166Alpha3", "M49Code"):
                a.code = r["code"].value
            elif kind == "ISO3166Numeric":
                a.numeric = r["code"].value
    for a in areas.values():
        a.code = a.code or a.iri.rsplit("/", 1)[-1]
        if a.broader in areas:
            areas[a.broader].children.append(a.iri)
    return areas


def countries_under(areas: dict[str, Area], region: str) -> list[str]:
    """The countries under an M49 region of `areas` (any depth), by IRI, sorted."""
    found, stack = set(), [region]
    while stack:
        area = areas.get(stack.pop())
        for child in area.children if area else ():
            if child in areas and areas[child].is_country:
                found.add(child)
            elif child in areas:
                stack.append(child)
    return sorted(found)


def named_area(areas: dict[str, Area], kind: str, code: str) -> str:
    """The IRI of the country (ISO alpha-3) or M49 region (`kind`) with `code` in `areas`.

    Raises InvalidParameter naming `kind` and the code when there is none.
    """
    iri = f"{BASE}{kind}/{code}"
    area = areas.get(iri)
    if area is None or area.is_country != (kind == "country"):
        raise InvalidParameter(kind, f"'{code}' is not a known {kind} code", value=code)
    return iri


def literal_texts(triples, subject: str, predicate: str) -> dict[str, str]:
    """Language -> text of the literals of (subject, predicate) among `triples`."""
    out: dict[str, str] = {}
    for t in triples:
        if t.subject.value == subject and t.predicate.value == predicate and isinstance(t.object, Literal):
            out.setdefault(t.object.language or "", t.object.value)
    return out


def objects(triples, subject: str, predicate: str) -> list[str]:
    return [t.object.value for t in triples if t.subject.value == subject and t.predicate.value == predicate]




ROW_DETAILS = named_query("row details", PROLOGUE + """
SELECT ?entry ?abstract ?status WHERE {
  VALUES ?entry { $entries }
  OPTIONAL { ?entry dcterms:abstract ?abstract }
  OPTIONAL { ?entry gcm:normStatus ?status }
}
""")


def row_details(store: Store, iris: list[str], lang: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Entry IRI -> (summary in `lang` or English, its language, norm status IRI) for a page of results."""
    if not iris:
        return {}
    found: dict[str, dict] = {}
    for r in store.select(ROW_DETAILS, {"entries": [NamedNode(i) for i in iris]}):
        e = found.setdefault(r["entry"].value, {"abstracts": {}, "status": None})
        if "abstract" in r:
            e["abstracts"].setdefault(r["abstract"].language or "", r["abstract"].value)
        if "status" in r:
            e["status"] = r["status"].value
    out = {}
    for iri, e in found.items():
        out[iri] = (pick(e["abstracts"], lang), pick_language(e["abstracts"], lang), e["status"])
    return out


ENTRY_STATEMENTS = named_query("entry statements", PROLOGUE + """
SELECT ?entry ?p ?o WHERE {
  VALUES ?entry { $entries }
  VALUES ?p { $properties }
  ?entry ?p ?o
}
""")


def entry_statements(store: Store, iris: list[str], paths: Iterable[str]) -> dict[str, dict[str, list]]:
    """Entry IRI -> property IRI -> its values (pyoxigraph terms), for the given properties of many entries."""
    out: dict[str, dict[str, list]] = {}
    wanted = [NamedNode(p) for p in paths]
    for start in range(0, len(iris), 500):
        entries = [NamedNode(i) for i in iris[start:start + 500]]
        for r in store.select(ENTRY_STATEMENTS, {"entries": entries, "properties": wanted}):
            out.setdefault(r["entry"].value, {}).setdefault(r["p"].value, []).append(r["o"])
    return out


# ORDER BY over every entry takes seconds at 100k; the latest date is one aggregate away, and the
# entries approved on it are an index look-up.
LATEST_DATE = named_query("latest review date", PROLOGUE + """
SELECT (MAX(?when) AS ?latest) WHERE { ?e gcm:reviewedOn ?when FILTER(?when < $before) }
""")
APPROVED_ON = named_query("approved on", PROLOGUE + """
SELECT ?e WHERE {
  ?e gcm:reviewedOn $when ; a ?kind FILTER(?kind IN (gcm:Practice, gcm:NationalNorm))
} LIMIT 6
""")
LATEST_COUNT = 6


class LatestApproved:
    """The latest approved entries, asked of the store once and again after each write."""

    def __init__(self, store: Store):
        self.store = store
        self._iris: list[str] | None = None
        self._lock = Lock()

    def invalidate(self, _changed=None) -> None:
        self._iris = None

    def iris(self) -> list[str]:
        with self._lock:
            if self._iris is None:
                self._iris = self._read()
            return self._iris

    def _read(self) -> list[str]:
        found: list[str] = []
        before = Literal("9999-12-31T23:59:59Z", datatype=NamedNode(XSD + "dateTime"))
        while len(found) < LATEST_COUNT:
            rows = self.store.select(LATEST_DATE, {"before": before})
            if not rows or "latest" not in rows[0]:
                break
            before = rows[0]["latest"]
            found.extend(r["e"].value for r in self.store.select(APPROVED_ON, {"when": before}))
        return found[:LATEST_COUNT]
