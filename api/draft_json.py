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

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Triple

from gcmkg.curation.desk import kind_of
from gcmkg.graph.entry_view import KINDS
from gcmkg.names import RDF, RDF_TYPE, XSD
from gcmkg.shapes.fields import field_rules, fields_for

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
    """The draft's triples from its JSON document (FieldError for what cannot be read)."""
    if not isinstance(doc, dict):
        raise FieldError(None, "the body is a JSON object keyed by field names")
    kind = kind_in(doc)
    fields = {f.key: f for f in fields_for(CLASSES[kind])}
    rules = field_rules(CLASSES[kind])
    triples = [Triple(entry, RDF_TYPE, NamedNode(CLASSES[kind]))]
    for key, given in doc.items():
        if key in ("type", "id", "iri", "version", "state", "actions"):
            continue
        if key in MANAGED_KEYS:
            raise FieldError(key, "set by the curators' workflow, never by a draft")
        if key not in fields:
            raise FieldError(key, f"a {kind} has no field '{key}' (fields: {', '.join(fields)})")
        values = given if isinstance(given, list) else [given]
        f = fields[key]
        predicate = NamedNode(f.path)
        for value in values:
            if value is None or value == "":
                continue
            if f.literal:
                triples += [Triple(entry, predicate, o) for o in _literal(key, value, rules[f.path].datatypes)]
            else:
                triples.append(Triple(entry, predicate, _link(key, value)))
    return triples


def json_from_triples(entry: NamedNode, triples) -> dict:
    """The draft's JSON document (what triples_from_json reads back to the same triples)."""
    kind = kind_of(triples, entry)
    doc: dict = {"type": kind}
    rules = field_rules(CLASSES[kind]) if kind else {}
    for f in fields_for(CLASSES[kind]) if kind else ():
        values = []
        for t in triples:
            if t.subject != entry or t.predicate.value != f.path:
                continue
            o = t.object
            if isinstance(o, NamedNode):
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
