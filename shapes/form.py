"""The submission form of each kind of entry, read from the shapes: a view of them, not a second definition.

Every field of `fields.py` (names, help, groups and order in en/es/fr) gets a
widget chosen from what its shape allows: text in several languages for an
``rdf:langString``, a date-or-year for ``xsd:date``/``xsd:gYear``, yes / no /
not stated for an ``xsd:boolean`` ("ongoing" is a choice, not a missing end
date), the concepts of the scheme named by ``sh:node`` (a checklist, or a
type-ahead picker for a long scheme), the organisation records for
``sh:class org:Organization``, a choice of texts for ``sh:in``, and for a
nested record (``sh:nodeKind sh:BlankNodeOrIRI`` whose ``sh:class`` has a node
shape: an instrument's parties) a repeatable group of that shape's fields. Adding a property shape adds a field: no
template names one. The fields a workbench sets (the review group) are left
out.

:func:`parse` reads what a browser (or a filled template) sent into triples,
reporting what it cannot read against its field; :func:`problems` puts the
validator's results next to their fields, in the user's language.

    >>> form = entry_form("practice")
    >>> [f.key for f in form.fields][:4]
    ['title', 'language', 'originalLanguage', 'practiceType']
    >>> form.field("startDate").widget, form.field("ongoing").widget, form.field("spatial").scheme
    ('date-or-year', 'yes-no', 'https://w3id.org/gcmkg/countries')
    >>> parties = entry_form("instrument").field("party")
    >>> parties.widget, [p.key for p in parties.parts][:3], parties.field.name("es")
    ('records', ['partyCountry', 'dateSigned', 'dateConsent'], 'partes')
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib import RDFS, URIRef
from rdflib.namespace import SH

from gcmkg.names import GCM, ORG, RDF, RDF_TYPE, XSD

from .fields import Field, Group, read_field_rules, read_fields

#: Entry kinds as URLs name them, and their classes.
KINDS = {"practice": GCM + "Practice", "norm": GCM + "NationalNorm", "organisation": ORG + "Organization",
         "instrument": GCM + "InternationalInstrument"}
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
    parts: tuple["FormField", ...] = ()   # a record's own fields (widget "records": an instrument's parties)
    record_class: str | None = None       # the class each record is (gcm:Party)
    allowed: tuple[str, ...] = ()         # sh:in: the only texts a text field takes (a form of consent)

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

    def name_of(self, key: str, lang: str = "en") -> str:
        """A field's name; a record's field (``party.1.dateSigned``) named with its row: "parties 2: date of …"."""
        top, _, rest = key.partition(".")
        field = self.field(top)
        if not rest:
            return field.name(lang)
        row, _, sub = rest.partition(".")
        part = next((p for p in field.parts if p.key == sub), None)
        return f"{field.name(lang)} {int(row) + 1}: {part.name(lang) if part else sub}"

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
    return EntryForm(kind, class_iri, _by_lang(graph, node_shape, RDFS.label),
                     _form_fields(graph, class_iri, messages))


def _form_fields(graph, class_iri: str, messages: dict[str, dict[str, str]]) -> tuple[FormField, ...]:
    """The fields of a class's shapes; a nested record (sh:nodeKind sh:BlankNodeOrIRI) whose sh:class has a
    node shape of its own becomes one repeatable field of records made of that shape's fields."""
    rules = read_field_rules(graph, class_iri)
    nested = {str(graph.value(s, SH.path)) for s in graph.subjects(SH.nodeKind, SH.BlankNodeOrIRI)}
    # Two shapes may share a path (an entry's dcterms:language and a translation record's): the class's own
    # shape's message first.
    own = {str(graph.value(shape, SH.path)): found
           for node in graph.subjects(SH.targetClass, URIRef(class_iri)) for shape in graph.objects(node, SH.property)
           if graph.value(shape, SH.severity) not in (SH.Warning, SH.Info) and graph.value(shape, SH.name) is not None
           and (found := _by_lang(graph, shape, SH.message))}
    messages = {**messages, **own}
    fields = []
    for f in read_fields(graph, class_iri):
        if f.group is not None and f.group.iri == MANAGED_GROUP:
            continue
        rule = rules[f.path]
        classes = set(rule.classes)
        if f.path in nested:
            parts = next((_form_fields(graph, c, messages) for c in rule.classes if read_fields(graph, c)), ())
            if parts:       # a record with fields of its own (a norm's assessments have none: left out)
                fields.append(FormField(f, "records", rule.min_count, rule.max_count, None, frozenset(classes),
                                        messages.get(f.path, {}), {}, parts, rule.classes[0]))
            continue
        scheme = ORGANISATIONS if ORG + "Organization" in classes else rule.vocabulary
        names = rule.vocabulary_names or ({"en": "organisation", "es": "organización", "fr": "organisation"}
                                          if scheme == ORGANISATIONS else {})
        allowed = next((tuple(str(v) for v in graph.items(listed)) for shape in graph.subjects(SH.path, URIRef(f.path))
                        if (listed := graph.value(shape, SH["in"])) is not None), ())
        fields.append(FormField(f, _widget(set(rule.datatypes), rule.vocabulary, classes, f.literal),
                                rule.min_count, rule.max_count, scheme, frozenset(classes), messages.get(f.path, {}),
                                names, allowed=allowed))
    return tuple(fields)


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


@dataclass(frozen=True)
class Record:
    """One record of a "records" field as the user gave it (a party: its State, dates, source...)."""
    values: dict


def given_values(form: EntryForm, data: Mapping[str, list[str]]) -> dict[str, list[Given]]:
    """What the user typed in each field, from form data (a field's values under its key; a multilingual
    field as parallel lists `key.text` and `key.lang`; record n of a records field under `key.n.` and its
    own fields' keys); blanks dropped, and records left wholly blank."""
    return _given(form.fields, data)


def _given(fields: Iterable[FormField], data: Mapping[str, list[str]]) -> dict:
    values: dict = {}
    for f in fields:
        if f.widget == "records":
            rows: dict[int, dict[str, list[str]]] = {}
            for name, sent in data.items():
                row, dot, rest = name[len(f.key) + 1:].partition(".")
                if name.startswith(f.key + ".") and dot and row.isdigit():
                    rows.setdefault(int(row), {})[rest] = sent
            found = [Record(given) for _, sub in sorted(rows.items()) if (given := _given(f.parts, sub))]
        elif f.widget == "multilingual":
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
    """The entry's triples from the values given, and a problem for each value that cannot be read
    (a record's field's problem is keyed ``key.row.field``: ``party.1.dateSigned``)."""
    triples = [Triple(entry, RDF_TYPE, NamedNode(form.class_iri))]
    problems: list[FieldProblem] = []
    _parse_fields(form.fields, entry, values, resolve, "", triples, problems)
    return list(dict.fromkeys(triples)), problems


def _parse_fields(fields: Iterable[FormField], subject, values: Mapping, resolve: Resolver, prefix: str,
                  triples: list[Triple], problems: list[FieldProblem]) -> None:
    for f in fields:
        predicate, key = NamedNode(f.path), prefix + f.key
        batch = secrets.token_hex(8)    # unique across entries (one store holds them all), then the row
        for row, given in enumerate(values.get(f.key, [])):
            if f.widget == "records":
                node = BlankNode(f"{batch}r{row:04d}")
                triples += [Triple(subject, predicate, node), Triple(node, RDF_TYPE, NamedNode(f.record_class))]
                _parse_fields(f.parts, node, given.values, resolve, f"{key}.{row}.", triples, problems)
                continue
            text, value = given.text, None
            if f.widget == "multilingual":
                if given.lang:
                    value = Literal(text, language=given.lang)
                else:
                    problems.append(_parse_problem(key, "no-language", text))
            elif f.widget == "date-or-year":
                value = _date(text)
                if value is None:
                    problems.append(_parse_problem(key, "not-a-date", text))
            elif f.widget == "yes-no":
                value = Literal(text == "true") if text in ("true", "false") else None
            elif f.widget == "language":
                value = Literal(text.lower(), datatype=NamedNode(XSD + "language"))
            elif f.widget in ("choice", "organisation"):
                iri = resolve(f.scheme, text)
                if iri is None:
                    problems.append(_parse_problem(key, "unknown-choice", text))
                else:
                    value = NamedNode(iri)
            elif f.widget == "link":
                try:
                    value = NamedNode(text) if text.startswith(("https://", "http://")) else None
                except ValueError:
                    value = None
                if value is None:
                    problems.append(_parse_problem(key, "not-a-link", text))
            else:
                value = Literal(text)
            if value is not None:
                triples.append(Triple(subject, predicate, value))


def values_of(form: EntryForm, entry: NamedNode, triples: Iterable[Triple],
              shown: Callable[[str, str], str]) -> dict[str, list[Given]]:
    """The values of a stored draft as the form shows them; `shown(scheme, iri)` is what a picker displays."""
    return _values(form.fields, entry, list(triples), shown)


def _values(fields: tuple[FormField, ...], subject, triples: list[Triple], shown) -> dict:
    by_path = {f.path: f for f in fields}
    values: dict = {}
    for t in triples:
        f = by_path.get(t.predicate.value) if t.subject == subject else None
        if f is None:
            continue
        if f.widget == "records":
            if f.key not in values:
                values[f.key] = [Record(_values(f.parts, node, triples, shown))
                                 for node in _records_of(f, subject, triples)]
        elif isinstance(t.object, NamedNode):
            text = shown(f.scheme, t.object.value) if f.widget in ("organisation", "choice") else t.object.value
            values.setdefault(f.key, []).append(Given(text))
        elif isinstance(t.object, Literal):
            values.setdefault(f.key, []).append(Given(t.object.value, t.object.language))
    return values


def record_rows(form: EntryForm, entry: NamedNode, triples: Iterable[Triple]) -> dict[str, str]:
    """Each record's blank node ("_:id", as validation results name it) -> its key prefix ("party.1."),
    in the order :func:`values_of` shows them."""
    triples = list(triples)
    return {f"_:{node.value}": f"{f.key}.{n}." for f in form.fields if f.widget == "records"
            for n, node in enumerate(_records_of(f, entry, triples))}


def _records_of(f: FormField, subject, triples: list[Triple]) -> list[BlankNode]:
    """The records of a records field in the order they were given: `parse` names each record's blank node
    after its row (a stored draft's triples come back in no particular order)."""
    return sorted(dict.fromkeys(t.object for t in triples if t.subject == subject and t.predicate.value == f.path
                                and isinstance(t.object, BlankNode)), key=lambda node: node.value)


def problems(form: EntryForm, violations: Iterable, rows: Mapping[str, str] | None = None) -> list[FieldProblem]:
    """The validator's results (shapes.validate.Violation) as problems of the fields they are about;
    a result about a record (its focus in `rows`, from :func:`record_rows`) is a problem of that record's
    field (``party.1.dateConsent``); a result about a property the form does not show is a problem of
    the entry (key None)."""
    out = []
    for v in violations:
        prefix = (rows or {}).get(v.focus_node)
        if prefix is not None:
            record = form.field(prefix.split(".")[0])
            part = next((p for p in record.parts if p.path == v.path), None)
            key = prefix + part.key if part else prefix.split(".")[0]
        else:
            f = form.by_path(v.path)
            key = f.key if f else None
        out.append(FieldProblem(key, dict(v.messages), v.severity, v.value))
    return out


__all__ = ["EntryForm", "FieldProblem", "FormField", "Given", "KINDS", "ORGANISATIONS", "Record", "entry_form",
           "given_values", "parse", "problems", "read_form", "record_rows", "values_of"]
