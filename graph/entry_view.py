"""One entry as readers see it: its fields in the shapes' order, linked concepts labelled in their language.

Both the JSON API and the entry pages are built from this view, so a field has
one name and one place everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from gcmkg.names import ENTRY_CLASSES, RDF_TYPE
from gcmkg.shapes.fields import Field, fields_for

from .labels import labels, pick
from .store import Store

KINDS = {ENTRY_CLASSES[0].value: "practice", ENTRY_CLASSES[1].value: "norm", ENTRY_CLASSES[2].value: "organisation",
         ENTRY_CLASSES[3].value: "instrument"}
TITLE_PATHS = ("http://purl.org/dc/terms/title", "http://www.w3.org/2004/02/skos/core#prefLabel")


@dataclass
class Value:
    text: str
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None

    def as_json(self) -> dict:
        if self.iri:
            return {"iri": self.iri, "label": self.text}
        out = {"value": self.text}
        if self.lang:
            out["lang"] = self.lang
        elif self.datatype and not self.datatype.endswith("#string"):
            out["datatype"] = self.datatype
        return out


@dataclass
class EntryView:
    iri: str
    kind: str
    title: str
    fields: list[tuple[Field, list[Value]]]
    lang: str

    def as_json(self) -> dict:
        doc = {"iri": self.iri, "kind": self.kind, "label": self.title}
        for field, values in self.fields:
            doc[field.key] = [v.as_json() for v in values]
        return doc

    def groups(self) -> list[tuple[str, list[tuple[Field, list[Value]]]]]:
        """Fields with values, grouped as the shapes group them, for a page."""
        out: list[tuple[str, list]] = []
        for field, values in self.fields:
            if not values:
                continue
            label = field.group.label(self.lang) if field.group else ""
            if not out or out[-1][0] != label:
                out.append((label, []))
            out[-1][1].append((field, values))
        return out


def entry_view(store: Store, iri: str, lang: str = "en") -> EntryView | None:
    """The entry with IRI `iri` from the store's public graph, or None when it is not published."""
    node = NamedNode(iri)
    return draft_view(store, iri, [q.triple for q in store.quads(node) if q.subject == node], lang)


def draft_view(store: Store, iri: str, triples, lang: str = "en") -> EntryView | None:
    """The view of an entry given as triples (a draft under review), its links labelled from `store`."""
    node = NamedNode(iri)
    triples = [t for t in triples if t.subject == node]
    if not triples:
        return None
    classes = [t.object.value for t in triples if t.predicate == RDF_TYPE and t.object.value in KINDS]
    if not classes:
        return None
    by_path: dict[str, list] = {}
    for t in triples:
        by_path.setdefault(t.predicate.value, []).append(t.object)
    linked = {o.value for objs in by_path.values() for o in objs if isinstance(o, NamedNode)}
    names = labels(store, linked, lang)
    fields = []
    for field in fields_for(classes[0]):
        values = []
        for o in by_path.get(field.path, ()):
            if isinstance(o, NamedNode):
                values.append(Value(names.get(o.value, o.value), iri=o.value))
            elif isinstance(o, Literal):
                values.append(Value(o.value, lang=o.language, datatype=o.datatype.value if o.datatype else None))
        # Text in several languages: the reader's first.
        values.sort(key=lambda v: (v.lang not in (None, lang), v.lang != "en", v.text))
        fields.append((field, values))
    titles = {o.language or "": o.value for p in TITLE_PATHS for o in by_path.get(p, ()) if isinstance(o, Literal)}
    return EntryView(iri, KINDS[classes[0]], pick(titles, lang) or iri, fields, lang)
