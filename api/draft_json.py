"""A draft as JSON keyed by the shapes' field names, both ways; and drafts sent as Turtle or JSON-LD.

The keys are those of shapes/fields.py (the entry pages and the JSON API use
the same), so a script fills a practice as::

    {"type": "practice",
     "title": {"en": "Community interpreters in clinics", "fr": "Interprètes communautaires"},
     "primaryObjective": ["https://w3id.org/gcmkg/gcm/objective/15"],
     "startDate": "2020-03", "ongoing": true, ...}

Text in a language is ``{"en": "..."}`` (or ``{"value": "...", "lang": "en"}``);
a link is an IRI (or ``{"iri": "..."}``); a date is "YYYY-MM-DD", "YYYY-MM" or
"YYYY", whichever the field allows; one value or a list. What cannot be read
raises FieldError naming the field; what the shapes say about the values is
the validator's business, after.
"""

from __future__ import annotations

import re
import secrets

import pyoxigraph as ox
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from gcmkg.curation.desk import kind_of
from gcmkg.graph.entry_view import KINDS
from gcmkg.names import RDF, RDF_TYPE, XSD
from gcmkg.shapes.fields import field_rules, fields_for
from gcmkg.shapes.form import KINDS as KINDS_OF_FORM
from gcmkg.shapes.form import entry_form

CLASSES = {kind: iri for iri, kind in KINDS.items()}
LANG_STRING, STRING, BOOLEAN = RDF + "langString", XSD + "string", XSD + "boolean"
MANAGED_KEYS = frozenset({"reviewStatus", "reviewedBy", "reviewedOn"})   # the workbench sets them
_DATES = ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD + "date"), (re.compile(r"\d{4}-\d{2}"), XSD + "gYearMonth"),
          (re.compile(r"\d{4}"), XSD + "gYear"))
RDF_MEDIA = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
             "application/n-triples": ox.RdfFormat.N_TRIPLES}


class FieldError(ValueError):
    """A value of field `key` that cannot be read (key None: the document as a whole)."""

    def __init__(self, key: str | None, message: str):
        self.key = key
        super().__init__(f"{key}: {message}" if key else message)


def kind_in(doc: dict) -> str:
    kind = doc.get("type")
    if kind not in CLASSES:
        raise FieldError("type", f"say which kind of entry this is: \"type\" is one of {', '.join(CLASSES)}")
    return kind


def _literal(key: str, value, datatypes: tuple[str, ...]) -> list[Literal]:
    if LANG_STRING in datatypes:
        if isinstance(value, dict) and "value" in value:
            value = {value.get("lang") or "": value["value"]}
        if not isinstance(value, dict) or not value or not all(isinstance(v, str) for v in value.values()):
            raise FieldError(key, 'text in a language is {"en": "..."} (one key per language)')
        try:
            return [Literal(text, language=lang) for lang, text in value.items() if text.strip()]
        except ValueError:
            raise FieldError(key, f"{sorted(value)} is not a list of language tags (en, es, fr...)") from None
    if isinstance(value, dict) and "value" in value:
        given, datatype = value["value"], value.get("datatype")
        if datatype:
            return [Literal(str(given), datatype=NamedNode(datatype))]
        value = given
    if isinstance(value, bool):
        return [Literal("true" if value else "false", datatype=NamedNode(BOOLEAN))]
    if isinstance(value, (int, float)) and not datatypes:
        return [Literal(str(value))]
    if not isinstance(value, (str, int, float)):
        raise FieldError(key, f"expected text, not {type(value).__name__}")
    text = str(value).strip()
    for pattern, datatype in _DATES:
        if datatype in datatypes and pattern.fullmatch(text):
            return [Literal(text, datatype=NamedNode(datatype))]
    if any(d in datatypes for _, d in _DATES):
        allowed = [d.rsplit("#", 1)[-1] for _, d in _DATES if d in datatypes]
        raise FieldError(key, f"“{text}” is not a date this field takes ({', '.join(allowed)})")
    datatype = next((d for d in datatypes if d != STRING), None)
    return [Literal(text, datatype=NamedNode(datatype)) if datatype else Literal(text)]


def _read_back(key: str, text: str, datatypes) -> list[Literal] | None:
    try:
        return _literal(key, text, datatypes)
    except FieldError:
        return None


def _link(key: str, value) -> NamedNode:
    iri = value.get("iri") if isinstance(value, dict) else value
    if not isinstance(iri, str) or not iri.startswith(("http://", "https://")):
        raise FieldError(key, f"expected the IRI of what it links to (https://...), not {value!r}")
    try:
        return NamedNode(iri)
    except ValueError:
        raise FieldError(key, f"{iri!r} is not an IRI") from None


def triples_from_json(entry: NamedNode, doc: dict) -> list[Triple]:
    """The draft's triples from its JSON document (FieldError for what cannot be read). A field of records
    (an instrument's `party`) takes objects keyed by the record's own fields: each becomes a blank node."""
    if not isinstance(doc, dict):
        raise FieldError(None, "the body is a JSON object keyed by field names")
    kind = kind_in(doc)
    triples = [Triple(entry, RDF_TYPE, NamedNode(CLASSES[kind]))]
    given = {k: v for k, v in doc.items() if k not in ("type", "id", "iri", "version", "state", "actions")}
    _read_fields(entry, CLASSES[kind], given, kind, "", triples)
    return triples


def _records(class_iri: str) -> dict[str, str]:
    """Field path -> the class of its records, for the fields of `class_iri` whose values are records of
    their own (an instrument's parties): as the submission form reads them from the shapes."""
    kind = next((k for k, iri in KINDS_OF_FORM.items() if iri == class_iri), None)
    return {f.path: f.record_class for f in entry_form(kind).fields if f.widget == "records"} if kind else {}


def _read_fields(subject, class_iri: str, doc: dict, kind: str, prefix: str, triples: list[Triple]) -> None:
    fields = {f.key: f for f in fields_for(class_iri)}
    rules = field_rules(class_iri)
    for key, given in doc.items():
        where = prefix + key
        if key in MANAGED_KEYS:
            raise FieldError(where, "set by the curators' workflow, never by a draft")
        if key not in fields:
            raise FieldError(where, f"a {kind} has no field '{key}' (fields: {', '.join(fields)})")
        values = given if isinstance(given, list) else [given]
        f = fields[key]
        predicate, records = NamedNode(f.path), _records(class_iri).get(f.path)
        batch = secrets.token_hex(8)     # as the form names records: unique, then in the order given
        for n, value in enumerate(values):
            if value is None or value == "":
                continue
            if records and isinstance(value, dict) and "iri" not in value:
                node = BlankNode(f"{batch}r{n:04d}")
                triples += [Triple(subject, predicate, node), Triple(node, RDF_TYPE, NamedNode(records))]
                _read_fields(node, records, value, "record", f"{where}.{n}.", triples)
            elif f.literal:
                triples += [Triple(subject, predicate, o) for o in _literal(where, value, rules[f.path].datatypes)]
            else:
                triples.append(Triple(subject, predicate, _link(where, value)))


def json_from_triples(entry: NamedNode, triples) -> dict:
    """The draft's JSON document (what triples_from_json reads back to the same triples)."""
    kind = kind_of(triples, entry)
    triples = list(triples)
    return {"type": kind, **(_fields_json(entry, CLASSES[kind], triples) if kind else {})}


def _fields_json(subject, class_iri: str, triples: list[Triple]) -> dict:
    doc: dict = {}
    rules = field_rules(class_iri)
    for f in fields_for(class_iri):
        values = []
        records = _records(class_iri).get(f.path)
        for t in sorted((t for t in triples if t.subject == subject and t.predicate.value == f.path),
                        key=lambda t: t.object.value if isinstance(t.object, BlankNode) else ""):
            o = t.object
            if isinstance(o, BlankNode) and records:
                values.append(_fields_json(o, records, triples))
            elif isinstance(o, NamedNode):
                values.append(o.value)
            elif isinstance(o, Literal) and o.language:
                values.append({"value": o.value, "lang": o.language})
            elif isinstance(o, Literal) and o.datatype.value == BOOLEAN:
                values.append(o.value == "true")
            elif isinstance(o, Literal) and o.datatype.value != STRING:   # plain when it reads back the same
                plain = _read_back(f.key, o.value, rules[f.path].datatypes) == [o]
                values.append(o.value if plain else {"value": o.value, "datatype": o.datatype.value})
            elif isinstance(o, Literal):
                values.append(o.value)
        if values:
            doc[f.key] = values
    return doc


def triples_from_rdf(entry: NamedNode | None, body: bytes, media_type: str) -> tuple[NamedNode, list[Triple]]:
    """A draft sent as Turtle, JSON-LD or N-Triples: the entry (the one typed as an entry; it must be
    `entry` when given) and every triple (the entry's own and any blank nodes it uses)."""
    try:
        triples = [q.triple for q in ox.parse(body, format=RDF_MEDIA[media_type])]
    except (SyntaxError, ValueError) as error:
        raise FieldError(None, f"the {media_type} body does not parse: {error}") from None
    typed = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object.value in KINDS
             and isinstance(t.subject, NamedNode)}
    if entry is not None:
        if entry not in typed:
            raise FieldError("type", f"the body does not say what <{entry.value}> is (a gcm:Practice, "
                                     "gcm:NationalNorm or org:Organization)")
    elif len(typed) != 1:
        raise FieldError("type", "the body describes one entry: exactly one subject typed gcm:Practice, "
                                 f"gcm:NationalNorm or org:Organization (found {len(typed)})")
    entry = entry or typed.pop()
    # Once published, the draft becomes the entry's graph: statements about anything else would speak
    # for other IRIs in the public union graph.
    stray = next((t.subject for t in triples if t.subject != entry and isinstance(t.subject, NamedNode)), None)
    if stray is not None:
        raise FieldError(None, f"the body describes <{entry.value}> only (and its blank nodes), "
                               f"not <{stray.value}>")
    return entry, triples
