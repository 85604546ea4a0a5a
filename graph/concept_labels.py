"""Labels of the vocabularies' concepts (and the ontology's classes) in each language, read once and kept: a facet panel names
hundreds of concepts per page and cannot ask the store for each.

Preferred label and short label (the Hub's short names are the altLabels)
in the reader's language, English as fallback; notations (objective numbers,
SDG target codes, ISO codes). Organisations are not here: their names come
from the search index, which follows every write.
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from pyoxigraph import Literal

from .queries import PROLOGUE, pick
from .store import Store, named_query

CONCEPT_LABELS = named_query("concept labels", PROLOGUE + """
SELECT ?concept ?kind ?label WHERE {
  { { ?concept a skos:Concept } UNION { ?concept a gcm:Grouping }
    VALUES ?kind { skos:prefLabel skos:altLabel } ?concept ?kind ?label }
  # The ontology's classes too (kinds of entry): their rdfs:label is their name.
  UNION { ?concept a owl:Class ; rdfs:label ?label . BIND(skos:prefLabel AS ?kind) }
  FILTER(LANGMATCHES(LANG(?label), $lang) || LANGMATCHES(LANG(?label), "en") || LANG(?label) = "")
}
""")

NOTATIONS = named_query("notations", PROLOGUE + """
SELECT ?concept ?notation WHERE {
  ?concept a skos:Concept ; skos:notation ?notation .
  FILTER(DATATYPE(?notation) = xsd:string || DATATYPE(?notation) = gcm:ISO3166Alpha3
         || DATATYPE(?notation) = gcm:M49Code)
}
""")


@dataclass(frozen=True)
class ConceptLabel:
    label: str
    short: str          # the shortest label in the language (the Hub's short name), else the label
    notation: str


class ConceptLabels:
    """Concept IRI -> its labels in a language, loaded on first use of each language."""

    def __init__(self, store: Store):
        self.store = store
        self._by_lang: dict[str, dict[str, ConceptLabel]] = {}
        self._notations: dict[str, str] | None = None
        self._lock = Lock()

    def _load(self, lang: str) -> dict[str, ConceptLabel]:
        if self._notations is None:
            self._notations = {r["concept"].value: r["notation"].value for r in self.store.select(NOTATIONS)}
        prefs: dict[str, dict[str, str]] = {}
        alts: dict[str, dict[str, str]] = {}
        for r in self.store.select(CONCEPT_LABELS, {"lang": Literal(lang)}):
            iri, label = r["concept"].value, r["label"]
            table = prefs if r["kind"].value.endswith("prefLabel") else alts
            texts = table.setdefault(iri, {})
            key = label.language or ""
            if key not in texts or (table is alts and len(label.value) < len(texts[key])):
                texts[key] = label.value
        out = {}
        for iri, texts in prefs.items():
            label = pick(texts, lang) or iri
            short_texts = alts.get(iri, {})
            short = short_texts.get(lang) or (short_texts.get("en") if lang not in texts else None) or label
            out[iri] = ConceptLabel(label, short if len(short) <= len(label) else label, self._notations.get(iri, ""))
        return out

    def table(self, lang: str) -> dict[str, ConceptLabel]:
        with self._lock:
            labels = self._by_lang.get(lang)
            if labels is None:
                labels = self._by_lang[lang] = self._load(lang)
            return labels

    def get(self, iri: str, lang: str) -> ConceptLabel | None:
        return self.table(lang).get(iri)

    def label(self, iri: str, lang: str) -> str:
        found = self.get(iri, lang)
        return found.label if found else iri.rsplit("/", 1)[-1]

    def short(self, iri: str, lang: str) -> str:
        """A short name: 'Remittances' for objective 20, the label itself where there is no short one."""
        found = self.get(iri, lang)
        return found.short if found else iri.rsplit("/", 1)[-1]
