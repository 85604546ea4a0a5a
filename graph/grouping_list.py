"""The groupings of countries (gcm:Grouping): the list the groupings index and its JSON twin show.

A grouping is a SKOS collection, not a concept scheme (ontology/vocab/groupings.ttl, and the files a
deployment adds), so it has no place in the vocabularies' SCHEMES; this is its own list: each grouping
with its notation, name and definition in a language, its members and associate members counted, the
pages its list was read from and when. The entries counted under each come from the search index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gcmkg.names import DCTERMS, SKOS

from .labels import labels
from .queries import PROLOGUE, pick, pick_language
from .store import Store, named_query

GROUPINGS = named_query("groupings", PROLOGUE + """
SELECT ?grouping ?notation ?date (COUNT(DISTINCT ?member) AS ?members) (COUNT(DISTINCT ?associate) AS ?associates)
WHERE {
  ?grouping a gcm:Grouping .
  OPTIONAL { ?grouping skos:notation ?notation }
  OPTIONAL { ?grouping dcterms:date ?date }
  OPTIONAL { ?grouping skos:member ?member }
  OPTIONAL { ?grouping gcm:associateMember ?associate }
}
GROUP BY ?grouping ?notation ?date""")

# The texts and links of every grouping at once: its definitions in each language and its sources.
GROUPING_TEXTS = named_query("grouping texts", PROLOGUE + """
SELECT ?grouping ?p ?o WHERE {
  ?grouping a gcm:Grouping .
  VALUES ?p { skos:definition dcterms:source }
  ?grouping ?p ?o .
}""")


@dataclass
class Grouping:
    """One grouping of countries as its index lists it."""
    iri: str
    label: str
    notation: str | None
    definition: str | None
    definition_lang: str | None            # the language the definition is written in
    members: int
    associates: int
    sources: list[str] = field(default_factory=list)
    read_on: str | None = None             # the day its list was read (YYYY-MM-DD)


def groupings(store: Store, lang: str) -> list[Grouping]:
    """Every grouping of countries, by name in `lang` (English where a name is missing)."""
    rows = store.select(GROUPINGS)
    iris = [r["grouping"].value for r in rows]
    names = labels(store, iris, lang)
    definitions: dict[str, dict[str, str]] = {}
    sources: dict[str, list[str]] = {}
    for r in store.select(GROUPING_TEXTS):
        if r["p"].value == SKOS + "definition":
            definitions.setdefault(r["grouping"].value, {})[r["o"].language or ""] = r["o"].value
        elif r["p"].value == DCTERMS + "source":
            sources.setdefault(r["grouping"].value, []).append(r["o"].value)
    out = []
    for r in rows:
        iri = r["grouping"].value
        texts = definitions.get(iri, {})
        out.append(Grouping(iri, names.get(iri, iri), r["notation"].value if "notation" in r else None,
                            pick(texts, lang), pick_language(texts, lang),
                            int(r["members"].value), int(r["associates"].value), sorted(sources.get(iri, [])),
                            r["date"].value if "date" in r else None))
    return sorted(out, key=lambda g: g.label.casefold())
