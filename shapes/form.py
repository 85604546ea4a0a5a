"""The submission form of each kind of entry, read from the shapes: a view of them, not a second definition.

Every field of `fields.py` (names, help, groups and order in en/es/fr) gets a
widget chosen from what its shape allows: text in several languages for an
``rdf:langString``, a date-or-year for ``xsd:date``/``xsd:gYear``, yes / no /
not stated for an ``xsd:boolean`` ("ongoing" is a choice, not a missing end
date), the concepts of the scheme named by ``sh:node`` (a checklist, or a
type-ahead picker for a long scheme), the organisation records for
``sh:class org:Organization``. Adding a property shape adds a field: no
template names one. The fields a workbench sets (the review group) are left
out.

:func:`parse` reads what a browser (or a filled template) sent into triples,
reporting what it cannot read against its field; :func:`problems` puts the
validator's results next to their fields, in the user's language.

    >>> form = entry_form("practice")
    >>> [f.key for f in form.fields][:4]
    ['title', 'language', 'practiceType', 'primaryObjective']
    >>> form.field("startDate").widget, form.field("ongoing").widget, form.field("spatial").scheme
    ('date-or-year', 'yes-no', 'https://w3id.org/gcmkg/countries')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Triple
from rdflib import RDFS, URIRef
from rdflib.namespace import SH

from gcmkg.names import GCM, ORG, RDF, RDF_TYPE, XSD

from .fields import Field, Group, read_field_rules, read_fields

#: Entry kinds as URLs name them, and their classes.
KINDS = {"practice": GCM + "Practice", "norm": GCM + "NationalNorm", "organisation": ORG + "Organization"}
ORGANISATIONS = "organisations"   # the pseudo-scheme of organisation records (graph/vocabulary_choices.py)
MANAGED_GROUP = "https://w3id.org/gcmkg/shapes#ReviewGroup"   # set by the workbench, never by a submitter
LANG_STRING = RDF + "langString"

# What the form itself cannot read, before any shape is consulted ({value}: what was typed).
PARSE_MESSAGES = {
    "unknown-choice": {"en": "“{value}” is not one of the choices: pick one of the suggestions.",
                       "es": "«{value}» no es una de las opciones: elija una de las sugerencias.",
                       "fr": "« {value} » ne fait pas partie des choix : choisissez l'une des suggestions."},
    "no-language": {"en": "Say which language “{value}” is written in.",
                    "es": "Indique en qué idioma está escrito «{value}».",
                    "fr": "Indiquez dans quelle langue « {value} » est écrit."},
    "not-a-link": {"en": "“{value}” is not a web address (it starts with https:// or http://).",
                   "es": "«{value}» no es una dirección web (empieza por https:// o http://).",
                   "fr": "« {value} » n'est pas une adresse web (elle commence par https:// ou http://)."},
    "not-a-date": {"en": "“{value}” is neither a date (YYYY-MM-DD) nor a year (YYYY).",
                   "es": "«{value}» no es ni una fecha (AAAA-MM-DD) ni un año (AAAA).",
                   "fr": "« {value} » n'est ni une date (AAAA-MM-JJ) ni une année (AAAA)."},
}


@dataclass(frozen=True)
class FormField:
    """One field of the form: what fields.py says of it, and how it is filled in."""
    field: Field
    widget: str            # multilingual | date-or-year | yes-no | language | choice | organisation | link | text
    min_count: int
    max_count: int | None
    scheme: str | None     # the concept scheme (or ORGANISATIONS) a choice or organisation field takes values from
    classes: frozenset[str]            # sh:class: what a linked value must also be (gcm:Country, not a region)
    messages: dict[str, str]           # the shape's sh:message in each language
    choice_names: dict[str, str]       # what one value is called ("GCM objective"), in each language

    @property
    def key(self) -> str:
        return self.field.key

    @property
    def path(self) -> str:
        return self.field.path

    @property
    def required(self) -> bool:
        return self.min_count > 0

    @property
    def repeatable(self) -> bool:
        return self.max_count is None or self.max_count > 1

    def name(self, lang: str = "en") -> str:
        return self.field.name(lang)

    def description(self, lang: str = "en") -> str:
        return self.field.description(lang)

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or self.messages.get("en", "")

    def choice_name(self, lang: str = "en") -> str:
        return self.choice_names.get(lang) or self.choice_names.get("en") or self.name(lang)


@dataclass(frozen=True)
class EntryForm:
    kind: str                    # "practice" | "norm" | "organisation"
    class_iri: str
    names: dict[str, str]        # the node shape's label ("Practice")
    fields: tuple[FormField, ...]

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en", self.kind)

    def field(self, key: str) -> FormField:
        return next(f for f in self.fields if f.key == key)

    def by_path(self, path: str | None) -> FormField | None:
        return next((f for f in self.fields if f.path == path), None)

    def groups(self) -> list[tuple[Group | None, list[FormField]]]:
        """The fields under their groups, in the shapes' order."""
        out: list[tuple[Group | None, list[FormField]]] = []
        for f in self.fields:
            if out and out[-1][0] == f.field.group:
                out[-1][1].append(f)
            else:
                out.append((f.field.group, [f]))
        return out


def _by_lang(graph, node, predicate) -> dict[str, str]:
    return {(o.language or "en"): str(o) for o in graph.objects(node, predicate)}


def _widget(datatypes: set[str], scheme: str | None, classes: set[str], literal: bool) -> str:
    if LANG_STRING in datatypes:
        return "multilingual"
    if {XSD + "date", XSD + "gYear"} & datatypes:
        return "date-or-year"
    if XSD + "boolean" in datatypes:
        return "yes-no"
    if XSD + "language" in datatypes:
        return "language"
    if ORG + "Organization" in classes:
        return "organisation"
    if scheme:
        return "choice"
    return "text" if literal else "link"


def read_form(graph, kind: str) -> EntryForm:
    """The form of `kind` ("practice", "norm", "organisation") over a shapes graph."""
    class_iri = KINDS[kind]
    rules = read_field_rules(graph, class_iri)
    # The class's own shape names the form: the one with fields and a label (not a shape of rules across
    # classes, such as duplicates.ttl; a profile's node shapes add fields to the class and carry no label).
    node_shape = max((n for n in graph.subjects(SH.targetClass, URIRef(class_iri))
                      if graph.value(n, SH.property) is not None and graph.value(n, RDFS.label) is not None),
                     key=lambda n: (len(list(graph.objects(n, SH.property))), str(n)))
    # Each path's message: from an error-level shape (a warning's says only what it warns about).
    messages: dict[str, dict[str, str]] = {}
    for shape in graph.subjects(SH.path, None):
        path = str(graph.value(shape, SH.path))
        if graph.value(shape, SH.severity) in (SH.Warning, SH.Info):
            continue
        found = _by_lang(graph, shape, SH.message)
        if found and graph.value(shape, SH.name) is not None:
            messages.setdefault(path, found)
    # A nested record (sh:nodeKind sh:BlankNodeOrIRI, such as a norm's assessments) is no single field.
    nested = {str(graph.value(s, SH.path)) for s in graph.subjects(SH.nodeKind, SH.BlankNodeOrIRI)}
    fields = []
    for f in read_fields(graph, class_iri):
        if (f.group is not None and f.group.iri == MANAGED_GROUP) or f.path in nested:
            continue
        rule = rules[f.path]
        classes = set(rule.classes)
        scheme = ORGANISATIONS if ORG + "Organization" in classes else rule.vocabulary
        names = rule.vocabulary_names or ({"en": "organisation", "es": "organización", "fr": "organisation"}
                                          if scheme == ORGANISATIONS else {})
        fields.append(FormField(f, _widget(set(rule.datatypes), rule.vocabulary, classes, f.literal),
                                rule.min_count, rule.max_count, scheme, frozenset(classes), messages.get(f.path, {}),
                                names))
    return EntryForm(kind, class_iri, _by_lang(graph, node_shape, RDFS.label), tuple(fields))


@lru_cache(maxsize=4)
def entry_form(kind: str) -> EntryForm:
    """The form of `kind` from the package's shapes (KeyError for an unknown kind)."""
    from .validate import load_shapes
    return read_form(load_shapes(), kind)


#################################################################
# Reading what was sent
#################################################################

@dataclass(frozen=True)
class Given:
    """One value as the user gave it (what the form shows back): text, and its language for a multilingual field."""
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class FieldProblem:
    """Something wrong with a field (key None: with the entry as a whole), in every language."""
    key: str | None
    messages: dict[str, str]
    severity: str = "Violation"          # "Violation" | "Warning" | "Info"
    value: str | None = None

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or self.messages.get("en", "")


def _parse_problem(key: str, code: str, value: str) -> FieldProblem:
    return FieldProblem(key, {lang: text.format(value=value) for lang, text in PARSE_MESSAGES[code].items()},
                        value=value)


#: resolve(scheme, typed text) -> the IRI it names, or None.
Resolver = Callable[[str, str], "str | None"]


def given_values(form: EntryForm, data: Mapping[str, list[str]]) -> dict[str, list[Given]]:
    """What the user typed in each field, from form data (a field's values under its key; a multilingual
    field as parallel lists `key.text` and `key.lang`); blanks dropped."""
    values: dict[str, list[Given]] = {}
    for f in form.fields:
        if f.widget == "multilingual":
            texts, langs = data.get(f.key + ".text", []), data.get(f.key + ".lang", [])
            found = [Given(t.strip(), (langs[i] if i < len(langs) else "").strip().lower() or None)
                     for i, t in enumerate(texts) if t.strip()]
        else:
            found = [Given(v.strip()) for v in data.get(f.key, []) if v.strip()]
        if found:
            values[f.key] = found
    return values


def _date(text: str) -> Literal | None:
    if len(text) == 4 and text.isdigit():
        return Literal(text, datatype=NamedNode(XSD + "gYear"))
    try:
        if len(text) == 10:
            dt.date.fromisoformat(text)
            return Literal(text, datatype=NamedNode(XSD + "date"))
    except ValueError:
        pass
    return None


def parse(form: EntryForm, entry: NamedNode, values: Mapping[str, list[Given]],
          resolve: Resolver) -> tuple[list[Triple], list[FieldProblem]]:
    """The entry's triples from the values given, and a problem for each value that cannot be read."""
    triples = [Triple(entry, RDF_TYPE, NamedNode(form.class_iri))]
    problems: list[FieldProblem] = []
    for f in form.fields:
        predicate = NamedNode(f.path)
        for given in values.get(f.key, []):
            text, value = given.text, None
            if f.widget == "multilingual":
                if given.lang:
                    value = Literal(text, language=given.lang)
                else:
                    problems.append(_parse_problem(f.key, "no-language", text))
            elif f.widget == "date-or-year":
                value = _date(text)
                if value is None:
                    problems.append(_parse_problem(f.key, "not-a-date", text))
            elif f.widget == "yes-no":
                value = Literal(text == "true") if text in ("true", "false") else None
            elif f.widget == "language":
                value = Literal(text.lower(), datatype=NamedNode(XSD + "language"))
            elif f.widget in ("choice", "organisation"):
                iri = resolve(f.scheme, text)
                if iri is None:
                    problems.append(_parse_problem(f.key, "unknown-choice", text))
                else:
                    value = NamedNode(iri)
            elif f.widget == "link":
                try:
                    value = NamedNode(text) if text.startswith(("https://", "http://")) else None
                except ValueError:
                    value = None
                if value is None:
                    problems.append(_parse_problem(f.key, "not-a-link", text))
            else:
                value = Literal(text)
            if value is not None:
                triples.append(Triple(entry, predicate, value))
    return list(dict.fromkeys(triples)), problems


def values_of(form: EntryForm, entry: NamedNode, triples: Iterable[Triple],
              shown: Callable[[str, str], str]) -> dict[str, list[Given]]:
    """The values of a stored draft as the form shows them; `shown(scheme, iri)` is what a picker displays."""
    values: dict[str, list[Given]] = {}
    for t in triples:
        f = form.by_path(t.predicate.value) if t.subject == entry else None
        if f is None:
            continue
        if isinstance(t.object, NamedNode):
            text = shown(f.scheme, t.object.value) if f.widget == "organisation" or (
                f.widget == "choice") else t.object.value
            values.setdefault(f.key, []).append(Given(text))
        elif isinstance(t.object, Literal):
            values.setdefault(f.key, []).append(Given(t.object.value, t.object.language))
    return values


def problems(form: EntryForm, violations: Iterable) -> list[FieldProblem]:
    """The validator's results (shapes.validate.Violation) as problems of the fields they are about;
    a result about a property the form does not show is a problem of the entry (key None)."""
    out = []
    for v in violations:
        f = form.by_path(v.path)
        out.append(FieldProblem(f.key if f else None, dict(v.messages), v.severity, v.value))
    return out


__all__ = ["EntryForm", "FieldProblem", "FormField", "Given", "KINDS", "ORGANISATIONS", "entry_form",
           "given_values", "parse", "problems", "read_form", "values_of"]
