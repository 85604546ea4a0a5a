"""Named SPARQL queries over the public graph, one function each, values passed as bindings."""

from __future__ import annotations

from pyoxigraph import Literal

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
SELECT ?objective ?notation ?label (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  ?objective skos:inScheme <https://w3id.org/gcmkg/gcm/objectives> ; skos:notation ?notation .
  OPTIONAL { ?objective skos:altLabel ?label FILTER(LANG(?label) = $lang) }
  OPTIONAL { ?entry gcm:primaryObjective|gcm:secondaryObjective|gcm:addressesObjective ?objective }
} GROUP BY ?objective ?notation ?label ORDER BY xsd:integer(?notation)
"""

# Entries whose scope or jurisdiction lies in each M49 region; global ones count under the World.
ENTRIES_BY_REGION = PROLOGUE + """
SELECT ?region ?label (COUNT(DISTINCT ?entry) AS ?entries) WHERE {
  { ?region skos:broader region:001 } UNION { VALUES ?region { region:001 } }
  OPTIONAL { ?region skos:prefLabel ?label FILTER(LANG(?label) = $lang) }
  OPTIONAL {
    ?entry dcterms:spatial|eli:jurisdiction ?place .
    { FILTER(?place = ?region) } UNION { ?place skos:broaderTransitive ?region }
  }
} GROUP BY ?region ?label ORDER BY ?region
"""


def entries_by_class(store: Store) -> list[tuple[str, int]]:
    return [(r["class"].value.rsplit("#", 1)[-1], int(r["entries"].value))
            for r in store.select(ENTRIES_BY_CLASS)]


def entries_by_objective(store: Store, lang: str = "en") -> list[tuple[str, str, int]]:
    rows = store.select(ENTRIES_BY_OBJECTIVE, {"lang": Literal(lang)})
    return [(r["notation"].value, r["label"].value if "label" in r else "", int(r["entries"].value)) for r in rows]


def entries_by_region(store: Store, lang: str = "en") -> list[tuple[str, str, int]]:
    rows = store.select(ENTRIES_BY_REGION, {"lang": Literal(lang)})
    return [(r["region"].value.rsplit("/", 1)[-1], r["label"].value if "label" in r else "",
             int(r["entries"].value)) for r in rows]
