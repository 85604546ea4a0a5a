"""Named SPARQL queries over the public graph, one function each, values passed as bindings."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from gcmkg.names import PREFIXES

from .store import Store

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

ENTRIES_BY_CLASS = PROLOGUE + """
SELECT ?class (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  VALUES ?class { gcm:Practice gcm:NationalNorm org:Organization }
  ?entry a ?class .
} GROUP BY ?class ORDER BY ?class
"""

ENTRIES_BY_OBJECTIVE = PROLOGUE + """
SELECT ?objective ?notation (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  ?objective skos:inScheme <https://w3id.org/gcmkg/gcm/objectives> ; skos:notation ?notation .
  OPTIONAL { ?entry gcm:primaryObjective|gcm:secondaryObjective|gcm:addressesObjective ?objective }
} GROUP BY ?objective ?notation ORDER BY xsd:integer(?notation)
"""

# Every label of the concepts of a scheme in one language; the caller picks.
SCHEME_LABELS = PROLOGUE + """
SELECT ?concept ?kind ?label WHERE {
  ?concept skos:inScheme $scheme .
  VALUES ?kind { skos:prefLabel skos:altLabel }
  ?concept ?kind ?label FILTER(LANGMATCHES(LANG(?label), $lang))
}
"""

# Entries whose scope or jurisdiction lies in each M49 region; the World row counts global entries only.
ENTRIES_BY_REGION = PROLOGUE + """
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
"""


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
    labels = short_labels(store, "https://w3id.org/gcmkg/gcm/objectives", lang)
    rows = store.select(ENTRIES_BY_OBJECTIVE)
    return [(r["notation"].value, labels.get(r["objective"].value, ""), int(r["entries"].value)) for r in rows]


def entries_by_region(store: Store, lang: str = "en") -> list[tuple[str, str, int]]:
    rows = store.select(ENTRIES_BY_REGION, {"lang": Literal(lang)})
    return [(r["region"].value.rsplit("/", 1)[-1], r["label"].value if "label" in r else "",
             int(r["entries"].value)) for r in rows]
