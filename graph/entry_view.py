"""One entry as readers see it: its fields in the shapes' order, linked concepts labelled in their language.

Both the JSON API and the entry pages are built from this view, so a field has
one name and one place everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from gcmkg.names import ENTRY_CLASSES, GCM, RDF_TYPE
from gcmkg.shapes.fields import Field, fields_for

from .labels import labels, pick
from .store import Store

KINDS = {ENTRY_CLASSES[0].value: "practice", ENTRY_CLASSES[1].value: "norm", ENTRY_CLASSES[2].value: "organisation",
         ENTRY_CLASSES[3].value: "instrument"}
TITLE_PATHS = ("http://purl.org/dc/terms/title", "http://www.w3.org/2004/02/skos/core#prefLabel")
TRANSLATION, LANGUAGE = GCM + "translation", "http://purl.org/dc/terms/language"
TRANSLATED_FROM, TRANSLATION_METHOD = GCM + "translatedFrom", GCM + "translationMethod"


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


@dataclass(frozen=True)
class Translation:
    """The entry's texts in one language are a translation: from which language, by a person or a machine."""
    language: str
    translated_from: str | None
    method: str | None          # "human" | "machine" | None (not stated)

    def as_json(self) -> dict:
        return {"language": self.language, "translatedFrom": self.translated_from, "translationMethod": self.method}


@dataclass
class EntryView:
    iri: str
    kind: str
    title: str
    fields: list[tuple[Field, list[Value]]]
    lang: str
    translations: list[Translation] = field(default_factory=list)

    def as_json(self) -> dict:
        doc = {"iri": self.iri, "kind": self.kind, "label": self.title}
        for f, values in self.fields:
            doc[f.key] = [v.as_json() for v in values]
        if "translation" in doc:     # records, not values: each language's translation as one object
            doc["translation"] = [t.as_json() for t in self.translations]
        return doc

    def translation_of(self, lang: str | None) -> Translation | None:
        """The translation record of the texts in `lang` (a BCP 47 tag; "pt-BR" is under "pt"), if any."""
        tag = (lang or "").lower()
        return next((t for t in self.translations if tag == t.language or tag.startswith(t.language + "-")), None)

    def groups(self) -> list[tuple[str, list[tuple[Field, list[Value]]]]]:
        """Fields with values, grouped as the shapes group them, for a page."""
        out: list[tuple[str, list]] = []
        for f, values in self.fields:
            if not values:
                continue
            label = f.group.label(self.lang) if f.group else ""
            if not out or out[-1][0] != label:
                out.append((label, []))
            out[-1][1].append((f, values))
        return out


def entry_view(store: Store, iri: str, lang: str = "en") -> EntryView | None:
    """The entry with IRI `iri` from the store's public graph, or None when it is not published."""
    node = NamedNode(iri)
    return draft_view(store, iri, [q.triple for q in store.quads(node)], lang)


def draft_view(store: Store, iri: str, triples, lang: str = "en") -> EntryView | None:
    """The view of an entry given as triples (a draft under review), its links labelled from `store`."""
    node = NamedNode(iri)
    triples = list(triples)
    translations = _translations(node, triples)
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
    for f in fields_for(classes[0]):
        values = []
        for o in by_path.get(f.path, ()):
            if isinstance(o, NamedNode):
                values.append(Value(names.get(o.value, o.value), iri=o.value))
            elif isinstance(o, Literal):
                values.append(Value(o.value, lang=o.language, datatype=o.datatype.value if o.datatype else None))
        # Text in several languages: the reader's first.
        values.sort(key=lambda v: (v.lang not in (None, lang), v.lang != "en", v.text))
        fields.append((f, values))
    titles = {o.language or "": o.value for p in TITLE_PATHS for o in by_path.get(p, ()) if isinstance(o, Literal)}
    return EntryView(iri, KINDS[classes[0]], pick(titles, lang) or iri, fields, lang, translations)


def _translations(entry: NamedNode, triples: list) -> list[Translation]:
    """The entry's translation records (gcm:Translation nodes it links with gcm:translation), by language."""
    records = {t.object for t in triples if t.subject == entry and t.predicate.value == TRANSLATION}
    said: dict = {}
    for t in triples:
        if t.subject in records and isinstance(t.object, Literal):
            said.setdefault(t.subject, {})[t.predicate.value] = t.object.value
    found = [Translation(v[LANGUAGE].lower(), v.get(TRANSLATED_FROM, "").lower() or None, v.get(TRANSLATION_METHOD))
             for v in said.values() if LANGUAGE in v]
    return sorted(found, key=lambda t: t.language)
