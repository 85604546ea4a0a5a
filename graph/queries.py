"""Named SPARQL queries over the public graph, one function each, values passed as bindings."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode

from gcmkg.names import OBJECTIVES_SCHEME, PLACES_SCHEME, PREFIXES, SDG_SCHEME

from .store import Store, named_query


def pick_language(values: dict[str, str], lang: str) -> str | None:
    """The language of the text `pick` takes: `lang`, else English, else untagged ("") or the first one.

    >>> pick_language({"en": "Data", "fr": "Données"}, "fr"), pick_language({"es": "Datos"}, "fr")
    ('fr', 'es')
    """
    for key in (lang, "en", ""):
        if key in values:
            return key
    return next(iter(values), None)


def pick(values: dict[str, str], lang: str) -> str | None:
    """The text in `lang`, else English, else the untagged or first one.

    >>> pick({"en": "Data", "fr": "Données"}, "fr"), pick({"en": "Data"}, "es"), pick({}, "en")
    ('Données', 'Data', None)
    """
    for key in (lang, "en", ""):
        if key in values:
            return values[key]
    return next(iter(values.values()), None)        # also a text keyed None (an untagged literal's language)

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

ENTRIES_BY_CLASS = named_query("entries by class", PROLOGUE + """
SELECT ?class (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  VALUES ?class { gcm:Practice gcm:NationalNorm gcm:InternationalInstrument org:Organization }
  ?entry a ?class .
} GROUP BY ?class ORDER BY ?class
""")

ENTRIES_BY_OBJECTIVE = named_query("entries by objective", PROLOGUE + """
SELECT ?objective ?notation (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  ?objective skos:inScheme $objectives ; skos:notation ?notation .
  OPTIONAL { ?entry gcm:primaryObjective|gcm:secondaryObjective|gcm:addressesObjective ?objective }
} GROUP BY ?objective ?notation ORDER BY xsd:integer(?notation)
""")

# Every label of the concepts of a scheme in one language; the caller picks.
SCHEME_LABELS = named_query("scheme labels", PROLOGUE + """
SELECT ?concept ?kind ?label WHERE {
  ?concept skos:inScheme $scheme .
  VALUES ?kind { skos:prefLabel skos:altLabel }
  ?concept ?kind ?label FILTER(LANGMATCHES(LANG(?label), $lang))
}
""")

# Entries whose scope or jurisdiction lies in each M49 region; the World row counts global entries only.
ENTRIES_BY_REGION = named_query("entries by region", PROLOGUE + """
SELECT ?region ?label (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  { ?region skos:broader region:001 ; a gcm:Region } UNION { VALUES ?region { region:001 } }
  OPTIONAL { ?region skos:prefLabel ?label FILTER(LANG(?label) = $lang) }
  OPTIONAL {
    { ?entry dcterms:spatial|eli:jurisdiction ?region }
    UNION
    { ?entry dcterms:spatial|eli:jurisdiction ?place . ?place skos:broaderTransitive ?region
      FILTER(?region != region:001) }
  }
} GROUP BY ?region ?label ORDER BY ?region
""")


def entries_by_class(store: Store) -> list[tuple[str, int]]:
    return [(r["class"].value.rsplit("#", 1)[-1], int(r["entries"].value))
            for r in store.select(ENTRIES_BY_CLASS)]


def short_labels(store: Store, scheme: str, lang: str = "en") -> dict[str, str]:
    """Concept IRI -> its shortest label in `lang` (altLabels hold the Hub's short names), English fallback."""
    labels: dict[str, str] = {}
    for language in dict.fromkeys((lang, "en")):
        rows = store.select(SCHEME_LABELS, {"scheme": NamedNode(scheme), "lang": Literal(language)})
        found: dict[str, str] = {}
        for r in rows:
            iri, text = r["concept"].value, r["label"].value
            if iri not in found or len(text) < len(found[iri]):
                found[iri] = text
        for iri, text in found.items():
            labels.setdefault(iri, text)
    return labels


def entries_by_objective(store: Store, lang: str = "en") -> list[tuple[str, str, int]]:
    labels = short_labels(store, OBJECTIVES_SCHEME, lang)
    rows = store.select(ENTRIES_BY_OBJECTIVE, {"objectives": NamedNode(OBJECTIVES_SCHEME)})
    return [(r["notation"].value, labels.get(r["objective"].value, ""), int(r["entries"].value)) for r in rows]


def entries_by_region(store: Store, lang: str = "en") -> list[tuple[str, str, int]]:
    rows = store.select(ENTRIES_BY_REGION, {"lang": Literal(lang)})
    return [(r["region"].value.rsplit("/", 1)[-1], r["label"].value if "label" in r else "",
             int(r["entries"].value)) for r in rows]


# The vocabularies the JSON API lists, by short name.
SCHEMES = {
    "objectives": OBJECTIVES_SCHEME,
    "principles": "https://w3id.org/gcmkg/gcm/principles",
    "sdg": SDG_SCHEME,
    "countries": "https://w3id.org/gcmkg/countries",
    "practice-types": "https://w3id.org/gcmkg/practice-types",
    "norm-types": "https://w3id.org/gcmkg/norm-types",
    "norm-statuses": "https://w3id.org/gcmkg/norm-statuses",
    "review-statuses": "https://w3id.org/gcmkg/review-statuses",
    "organisation-types": "https://w3id.org/gcmkg/organisation-types",
    "places": PLACES_SCHEME,
}

# What is read of each concept (?concept bound first): notation, broader concept, labels in $lang.
_CONCEPT_COLUMNS = """
  OPTIONAL { ?concept skos:notation ?notation
             FILTER(DATATYPE(?notation) IN (xsd:string, gcm:ISO3166Subdivision) || ?notation = STR(?notation)) }
  OPTIONAL { ?concept skos:broader ?broader }
  # A place's name is untagged: it is the name in the place's own language(s), the same for every reader.
  OPTIONAL { ?concept skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), $lang) || LANG(?label) IN ("en", "")) }
  OPTIONAL { ?concept skos:altLabel ?altLabel FILTER(LANGMATCHES(LANG(?altLabel), $lang) || LANG(?altLabel) = "en") }
"""
SCHEME_CONCEPTS = named_query("scheme concepts", PROLOGUE + """
SELECT ?concept ?notation ?broader ?label ?altLabel WHERE {
  ?concept skos:inScheme $scheme .""" + _CONCEPT_COLUMNS + "}")
# The same, for the concepts of a scheme right under one concept (a country's places: each place is
# skos:broader its country): a few of thousands. `skos:broader+` took Oxigraph 0.4 s for Brazil's 28.
CONCEPTS_UNDER = named_query("scheme concepts under a concept", PROLOGUE + """
SELECT ?concept ?notation ?broader ?label ?altLabel WHERE {
  ?concept skos:broader $under .
  ?concept skos:inScheme $scheme .""" + _CONCEPT_COLUMNS + "}")

PLACES_PER_COUNTRY = named_query("places per country", PROLOGUE + """
SELECT ?country (COUNT(DISTINCT ?place) AS ?n) WHERE {
  ?place skos:broader ?country .
  ?country a gcm:Country .
} GROUP BY ?country""")
# Only places are skos:broader a country (a country is under its region): checking `?place skos:inScheme` too
# made the query 5x slower (140 ms on the demo's 3,591 places, 28 ms without).


def places_per_country(store: Store) -> dict[str, int]:
    """Country IRI -> how many places of the places scheme are right under it (each place is, README)."""
    return {r["country"].value: int(r["n"].value)
            for r in store.select(PLACES_PER_COUNTRY)}


SCHEME_SIZES = named_query("scheme sizes", """
SELECT ?scheme (COUNT(?concept) AS ?n) WHERE {
  VALUES ?scheme { $schemes }
  ?concept <http://www.w3.org/2004/02/skos/core#inScheme> ?scheme
} GROUP BY ?scheme
""")


def scheme_sizes(store: Store, schemes: Iterable[str]) -> dict[str, int]:
    """Scheme IRI -> how many concepts it holds (a scheme with none is absent)."""
    return {r["scheme"].value: int(r["n"].value)
            for r in store.select(SCHEME_SIZES, {"schemes": [NamedNode(s) for s in schemes]})}


def scheme_concepts(store: Store, scheme: str, lang: str = "en", under: str | None = None) -> list[dict]:
    """The concepts of a scheme with notation, broader concept, label and short label in `lang` (English fallback);
    with `under`, only those right under that concept."""
    concepts: dict[str, dict] = {}
    bindings = {"scheme": NamedNode(scheme), "lang": Literal(lang)}
    if under is not None:
        bindings["under"] = NamedNode(under)
    for r in store.select(CONCEPTS_UNDER if under is not None else SCHEME_CONCEPTS, bindings):
        c = concepts.setdefault(r["concept"].value, {"iri": r["concept"].value, "labels": {}, "short": {}})
        if "notation" in r:
            c["notation"] = r["notation"].value
        if "broader" in r:
            c["broader"] = r["broader"].value
        if "label" in r:
            c["labels"].setdefault(r["label"].language, r["label"].value)
        if "altLabel" in r:
            old = c["short"].get(r["altLabel"].language)
            if old is None or len(r["altLabel"].value) < len(old):
                c["short"][r["altLabel"].language] = r["altLabel"].value
    out = []
    for c in concepts.values():
        item = {"iri": c["iri"], "notation": c.get("notation"), "label": pick(c["labels"], lang)}
        short = pick(c["short"], lang)
        if short:
            item["short_label"] = short
        if "broader" in c:
            item["broader"] = c["broader"]
        out.append(item)

    def order(item):
        n = item.get("notation") or ""
        parts = n.replace("-", ".").split(".")
        return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts] + [(-1, 0, item["label"] or "")]
    return sorted(out, key=order)


DESCRIBE = named_query("describe", "CONSTRUCT { $s ?p ?o } WHERE { $s ?p ?o }")


def describe(store: Store, iri: NamedNode) -> list[ox.Triple]:
    """An entry's own graph, or every statement about a concept, scheme or term."""
    if store.contains_graph(iri):
        return [q.triple for q in store.quads(iri)]
    return store.construct(DESCRIBE, {"s": iri})
