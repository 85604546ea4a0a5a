"""The fields of each kind of entry, read from the shapes: names, help, groups and order in every language.

The same list lays out an entry page, the JSON API's entry document and, later,
the curators' submission form, so a field is named and ordered in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SH


@dataclass(frozen=True)
class Group:
    iri: str
    order: float
    labels: dict[str, str]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en", "")


@dataclass(frozen=True)
class Field:
    path: str
    key: str                      # a JSON-friendly name: the path's local name
    names: dict[str, str]
    descriptions: dict[str, str]
    group: Group | None
    order: float
    max_count: int | None
    literal: bool                 # True for text, dates and other literals; False for links

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.key

    def description(self, lang: str = "en") -> str:
        return self.descriptions.get(lang) or self.descriptions.get("en", "")


def _by_lang(graph, node, predicate) -> dict[str, str]:
    return {(o.language or "en"): str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal)}


def _number(graph, node, predicate, default=None):
    value = graph.value(node, predicate)
    return value.toPython() if value is not None else default


@lru_cache(maxsize=8)
def fields_for(class_iri: str) -> tuple[Field, ...]:
    """The form fields of a class (gcm:Practice, gcm:NationalNorm, org:Organization), in display order.

    Property shapes that share a path (one field checked by two shapes) make one field.
    """
    from .validate import load_shapes
    return read_fields(load_shapes(), class_iri)


def read_fields(graph, class_iri: str) -> tuple[Field, ...]:
    """`fields_for` over a given shapes graph (the package's shapes plus a test's, say)."""
    fields: dict[str, Field] = {}
    for node_shape in graph.subjects(SH.targetClass, URIRef(class_iri)):
        for prop in graph.objects(node_shape, SH.property):
            path = graph.value(prop, SH.path)
            names = _by_lang(graph, prop, SH.name)
            if not isinstance(path, URIRef) or not names or str(path) in fields:
                continue
            group_node = graph.value(prop, SH.group)
            group = Group(str(group_node), _number(graph, group_node, SH.order, 99),
                          _by_lang(graph, group_node, RDFS.label)) if group_node is not None else None
            kinds = set(graph.objects(prop, SH.nodeKind))
            literal = SH.IRI not in kinds and graph.value(prop, SH["class"]) is None \
                and graph.value(prop, SH.node) is None
            key = str(path).rstrip("/").replace("#", "/").rsplit("/", 1)[-1]
            fields[str(path)] = Field(str(path), key, names, _by_lang(graph, prop, SH.description), group,
                                      _number(graph, prop, SH.order, 99), _number(graph, prop, SH.maxCount),
                                      literal)
    return tuple(sorted(fields.values(), key=lambda f: ((f.group.order if f.group else 99), f.order, f.key)))


__all__ = ["Field", "Group", "fields_for", "RDF"]


@dataclass(frozen=True)
class FieldRule:
    """What the shapes allow in a field, for the model's documentation: how many values, of what."""
    path: str
    min_count: int
    max_count: int | None
    datatypes: tuple[str, ...]          # IRIs of the allowed datatypes (one, or the members of an sh:or)
    classes: tuple[str, ...]            # IRIs of the classes a linked value must have
    vocabulary: str | None              # the concept scheme a linked concept must be in
    vocabulary_names: dict[str, str]    # that kind of concept named in each language (the node shape's label)

    def cardinality(self) -> str:
        """'1', '0..1', '1..3', '0..*' ...

        >>> FieldRule("p", 1, 3, (), (), None, {}).cardinality(), FieldRule("p", 0, None, (), (), None, {}).cardinality()
        ('1..3', '0..*')
        """
        high = "*" if self.max_count is None else str(self.max_count)
        return high if str(self.min_count) == high else f"{self.min_count}..{high}"


@lru_cache(maxsize=8)
def field_rules(class_iri: str) -> dict[str, FieldRule]:
    """Field path -> its FieldRule, for the fields of `fields_for(class_iri)`."""
    from .validate import load_shapes
    return read_field_rules(load_shapes(), class_iri)


def read_field_rules(graph, class_iri: str) -> dict[str, FieldRule]:
    """`field_rules` over a given shapes graph."""
    in_scheme = URIRef("http://www.w3.org/2004/02/skos/core#inScheme")
    rules: dict[str, FieldRule] = {}

    def members(prop):
        yield prop
        for alternatives in graph.objects(prop, SH["or"]):
            yield from graph.items(alternatives)
    for node_shape in graph.subjects(SH.targetClass, URIRef(class_iri)):
        for prop in graph.objects(node_shape, SH.property):
            path = graph.value(prop, SH.path)
            if not isinstance(path, URIRef) or str(path) in rules or not _by_lang(graph, prop, SH.name):
                continue
            datatypes = tuple(str(d) for m in members(prop) for d in graph.objects(m, SH.datatype))
            classes = tuple(str(c) for m in members(prop) for c in graph.objects(m, SH["class"]))
            vocabulary, names = None, {}
            # Alternatives (sh:or) may name several kinds of concept: the first with a scheme names the field's
            # vocabulary (a country, before a place below it or a grouping).
            for node in (n for m in members(prop) for n in graph.objects(m, SH.node)):
                names = names or _by_lang(graph, node, RDFS.label)
                for inner in graph.objects(node, SH.property):
                    if vocabulary is None and graph.value(inner, SH.path) == in_scheme:
                        vocabulary = str(graph.value(inner, SH.hasValue))
                        names = _by_lang(graph, node, RDFS.label)
            rules[str(path)] = FieldRule(str(path), _number(graph, prop, SH.minCount, 0),
                                         _number(graph, prop, SH.maxCount), datatypes, classes, vocabulary, names)
    return rules
