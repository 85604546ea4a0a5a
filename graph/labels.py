"""Labels of resources in a reader's language: the language asked for, then English, then any."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

from gcmkg.names import SDG

from .queries import PROLOGUE, pick
from .store import Store, named_query

LABELS = named_query("labels", PROLOGUE + """
SELECT ?s ?label ?notation WHERE {
  VALUES ?s { $resources }
  OPTIONAL { ?s skos:prefLabel|dcterms:title|rdfs:label ?label }
  OPTIONAL { ?s skos:notation ?notation FILTER(DATATYPE(?notation) = xsd:string) }
}
""")


def labels(store: Store, iris: Iterable[str], lang: str = "en") -> dict[str, str]:
    """IRI -> label in `lang` (fallback English), for IRIs that have one; GCM objectives get their number."""
    wanted = sorted(set(iris))
    found: dict[str, dict[str, str]] = {}
    notations: dict[str, str] = {}
    for start in range(0, len(wanted), 300):
        for row in store.select(LABELS, {"resources": [NamedNode(i) for i in wanted[start:start + 300]]}):
            iri = row["s"].value
            if "label" in row:
                found.setdefault(iri, {}).setdefault(row["label"].language or "", row["label"].value)
            if "notation" in row and ("/gcm/objective/" in iri or iri.startswith(SDG)):
                notations[iri] = row["notation"].value
    out = {}
    for iri, texts in found.items():
        text = pick(texts, lang)
        if text is not None:
            out[iri] = f"{notations[iri]}. {text}" if iri in notations else text
    return out
