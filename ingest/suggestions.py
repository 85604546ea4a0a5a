"""Suggestions for a draft entry, each with the evidence it came from.

The rule layer alone: gazetteer names (countries, M49 regions, organisations,
norm types), dates with their cue words, the document's own title and first
sentences. A suggestion is never a decision; the curator accepts, edits or
rejects it (issue 9's desk, to come).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gcmkg.ingest.columns import field_for_column
from gcmkg.ingest.cues import RANGE_JOIN, date_cue, ongoing_cue, organisation_role
from gcmkg.ingest.dates import DateMention, find_dates
from gcmkg.ingest.document import Document, Part
from gcmkg.ingest.evidence import evidence
from gcmkg.ingest.gazetteer import CONFIDENCE, Gazetteer
from gcmkg.ingest.language import UNDETERMINED
from gcmkg.ingest.nlp import Mention, rule_pipeline

PRACTICE, NORM = "practice", "norm"
#: The pseudo-field of an organisation the gazetteer does not know: a name for the curator to add, not a link.
NEW_ORGANISATION = "new organisation"
MAX_EVIDENCE = 5
# Fields in the order a form shows them.
FIELD_ORDER = ["dcterms:title", "dcterms:abstract", "eli:type_document", "dcterms:spatial", "eli:jurisdiction",
               "gcm:implementingOrganisation", "gcm:partnerOrganisation", "gcm:donorOrganisation", "organisation",
               NEW_ORGANISATION,
               "eli:passed_by", "schema:startDate", "schema:endDate", "gcm:ongoing", "eli:date_document",
               "eli:first_date_entry_in_force", "eli:date_no_longer_in_force", "gcm:primaryObjective",
               "gcm:secondaryObjective", "gcm:addressesObjective", "gcm:guidingPrinciple", "gcm:sdg"]
_NORM_DATE_FIELDS = {"adopted": "eli:date_document", "in force": "eli:first_date_entry_in_force",
                     "repealed": "eli:date_no_longer_in_force"}
_COLUMN_CONFIDENCE = 0.95


@dataclass
class Suggestion:
    """A value for a field, how sure the rule is, which rule, and the words it rests on."""

    field: str
    value: str  # an IRI, or a literal's lexical form
    is_iri: bool
    confidence: float
    method: str  # "gazetteer" | "rule" | "classifier" | "statistical model"
    rule: str  # which rule, e.g. "country name", "cue: since", "column Countries"
    label: str | None = None
    datatype: str | None = None
    language: str | None = None  # of a text literal
    evidence: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """The suggestion as the command line prints it (and the desk will store it)."""
        value = {"iri": self.value} if self.is_iri else {"literal": self.value, **(
            {"datatype": self.datatype} if self.datatype else {}), **({"language": self.language} if self.language else {})}
        return {"field": self.field, "value": value, **({"label": self.label} if self.label else {}),
                "confidence": round(self.confidence, 2), "method": self.method, "rule": self.rule,
                "evidence": self.evidence}


class _Collector:
    """Merges suggestions of one value for one field; more evidence, a little more confidence."""

    def __init__(self, document: Document):
        self.document = document
        self.by_key: dict[tuple[str, str], Suggestion] = {}

    def add(self, field_name: str, value: str, spans: list[tuple[int, int]], *, confidence: float, method: str,
            rule: str, is_iri: bool = False, label: str | None = None, datatype: str | None = None,
            language: str | None = None) -> None:
        """Add a suggestion, or more evidence for one already made."""
        key = (field_name, value)
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = Suggestion(field_name, value, is_iri, confidence, method, rule, label, datatype,
                                                         language)
        elif confidence > found.confidence:
            found.confidence, found.rule, found.method = confidence, rule, method
        else:
            found.confidence = min(0.99, found.confidence + 0.02)
        for start, end in spans:
            if len(found.evidence) < MAX_EVIDENCE:
                found.evidence.append(evidence(self.document, start, end))

    def suggestions(self) -> list[Suggestion]:
        """All suggestions, in the form's field order, the surest first within a field."""
        order = {name: i for i, name in enumerate(FIELD_ORDER)}
        return sorted(self.by_key.values(), key=lambda s: (order.get(s.field, 99), -s.confidence))


def suggest(document: Document, kind: str = PRACTICE, gazetteer: Gazetteer | None = None, *,
            with_topics: bool = True) -> list[Suggestion]:
    """Every suggestion the rules (and, `with_topics`, the classifier) find in `document` for a draft `kind`."""
    pipeline = rule_pipeline(document.language, gazetteer)
    # Same length, so offsets hold: typographic apostrophes match the vocabulary's plain ones.
    doc = pipeline.parse(document.text.replace("\u2019", "'"))
    found = _Collector(document)
    mentions = pipeline.find_mentions(doc)
    columns = {(p.start, p.end): field_for_column(p.column) for p in document.parts if p.column}
    if columns:
        _from_columns(found, document, columns)
    else:
        _title_and_summary(found, document, doc, kind)
    _places(found, mentions, kind, columns, document, pipeline.gazetteer)
    _organisations(found, mentions, kind, columns, document)
    if not columns:
        _new_organisations(found, mentions, document)
    if kind == NORM:
        _norm_type(found, mentions, document)
    if not columns:
        _dates(found, document, kind)
    if with_topics:
        from gcmkg.ingest.topic_suggestions import suggest_topics
        suggest_topics(found, document, kind)
    return found.suggestions()


def _column_of(columns: dict, start: int) -> str | None:
    return next((f for (s, e), f in columns.items() if s <= start < e), None)


def _from_columns(found: _Collector, document: Document, columns: dict) -> None:
    for (start, end), field_name in columns.items():
        part = next(p for p in document.parts if p.start == start)
        cell = document.text[start:end]
        if field_name in ("dcterms:title", "dcterms:abstract"):
            found.add(field_name, cell, [(start, end)], confidence=_COLUMN_CONFIDENCE, method="rule",
                      rule=f"column {part.column}")
        elif field_name in ("schema:startDate", "schema:endDate"):
            for date in find_dates(cell)[:1]:
                found.add(field_name, date.value, [(start + date.start, start + date.end)], datatype=date.datatype,
                          confidence=_COLUMN_CONFIDENCE, method="rule", rule=f"column {part.column}")


def _title_and_summary(found: _Collector, document: Document, doc, kind: str) -> None:
    headings = document.headings
    title = next((h for h in headings if (h.level or 9) <= 1), None)
    confidence = 0.8
    if title is None and headings:
        title, confidence = headings[0], 0.6
    if title is None and document.parts and document.parts[0].end - document.parts[0].start <= 200:
        title, confidence = document.parts[0], 0.4
    if title is not None:
        found.add("dcterms:title", document.text[title.start:title.end], [(title.start, title.end)],
                  confidence=confidence, method="rule", rule="first heading" if title.kind == "heading" else "first line",
                  language=_known(title.language))
    if kind != PRACTICE:
        return
    after = title.end if title is not None else 0
    paragraph = next((p for p in document.parts if p.kind == "paragraph" and p.start >= after
                      and p.end - p.start >= 80), None)
    if paragraph is not None:
        start, end = _opening_sentences(doc, paragraph)
        found.add("dcterms:abstract", document.text[start:end], [(start, end)], confidence=0.5, method="rule",
                  rule="first sentences", language=_known(paragraph.language))


def _known(language: str) -> str | None:
    return None if language == UNDETERMINED else language


def _opening_sentences(doc, paragraph: Part, *, enough: int = 150, most: int = 700) -> tuple[int, int]:
    """The paragraph's first sentences: at least `enough` characters, at most three sentences or `most`."""
    span = doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
    start, end = paragraph.start, paragraph.start
    for i, sentence in enumerate(span.sents):
        sentence_end = min(sentence.end_char, paragraph.end)
        if i and (sentence_end - start > most):
            break
        end = sentence_end
        if end - start >= enough or i >= 2:
            break
    return start, max(end, min(paragraph.end, start + most))


def _places(found: _Collector, mentions: list[Mention], kind: str, columns: dict, document: Document,
            gazetteer: Gazetteer) -> None:
    countries: dict[str, list[Mention]] = {}
    regions = set()
    for m in mentions:
        if m.entry.kind not in ("country", "region") or (kind == NORM and m.entry.kind == "region"):
            continue
        column_field = _column_of(columns, m.start)
        if columns and column_field not in (None, "dcterms:spatial"):
            continue
        field_name = "eli:jurisdiction" if kind == NORM else "dcterms:spatial"
        confidence = _COLUMN_CONFIDENCE if column_field else CONFIDENCE[m.entry.how]
        found.add(field_name, m.entry.iri, [(m.start, m.end)], is_iri=True, label=m.entry.preferred,
                  confidence=confidence, method="gazetteer", rule=f"{m.entry.kind} {m.entry.how}")
        if m.entry.kind == "country":
            countries.setdefault(m.entry.iri, []).append(m)
        else:
            regions.add(m.entry.iri)
    if kind != PRACTICE:
        return
    # Regional initiatives: two or more countries of one M49 area suggest the area too.
    by_region: dict[str, list[Mention]] = {}
    for iri, found_mentions in countries.items():
        parent = gazetteer.parent_region.get(iri)
        if parent:
            by_region.setdefault(parent, []).append(found_mentions[0])
    for region, members in by_region.items():
        if len(members) >= 2 and region not in regions:
            found.add("dcterms:spatial", region, [(m.start, m.end) for m in members], is_iri=True,
                      label=gazetteer.region_label.get(region), confidence=0.4, method="rule",
                      rule="M49 roll-up of the countries named")


def _organisations(found: _Collector, mentions: list[Mention], kind: str, columns: dict, document: Document) -> None:
    for m in mentions:
        if m.entry.kind != "organisation":
            continue
        column_field = _column_of(columns, m.start)
        if columns and column_field is not None and not column_field.endswith("Organisation"):
            continue
        role = column_field or organisation_role(document.text, m.start, m.end, norm=kind == NORM)
        confidence = _COLUMN_CONFIDENCE if column_field else CONFIDENCE[m.entry.how] * (1.0 if role else 0.8)
        found.add(role or "organisation", m.entry.iri, [(m.start, m.end)], is_iri=True, label=m.entry.preferred,
                  confidence=confidence, method="gazetteer",
                  rule=f"organisation {m.entry.how}" + (" + role cue" if role and not column_field else ""))


def _new_organisations(found: _Collector, mentions: list[Mention], document: Document) -> None:
    """Organisations the statistical model finds and the gazetteer does not know (ingest/ner.py)."""
    from gcmkg.ingest.ner import MODELS, proposed_organisations

    known = [(m.start, m.end) for m in mentions]
    for p in proposed_organisations(document.text, document.parts, document.language, known):
        found.add(NEW_ORGANISATION, p.name, [(p.start, p.end)], confidence=0.5 if p.label == "ORG" else 0.4,
                  method="statistical model", rule=f"{MODELS[document.language]} {p.label}",
                  language=_known(document.language))


def _norm_type(found: _Collector, mentions: list[Mention], document: Document) -> None:
    title_end = document.headings[0].end if document.headings else min(len(document.text), 300)
    for m in mentions:
        if m.entry.kind == "norm-type":
            found.add("eli:type_document", m.entry.iri, [(m.start, m.end)], is_iri=True, label=m.entry.preferred,
                      confidence=0.8 if m.start < title_end else 0.4, method="gazetteer",
                      rule="norm type in title" if m.start < title_end else "norm type in text")


def _dates(found: _Collector, document: Document, kind: str) -> None:
    text = document.text
    dates = find_dates(text)
    in_range: set[int] = set()
    for i, date in enumerate(dates):
        cue = date_cue(text, date.start)
        following = dates[i + 1] if i + 1 < len(dates) else None
        if kind == PRACTICE and following and RANGE_JOIN.match(text[date.end:following.start]):
            _add_date(found, "schema:startDate", date, 0.5, "year range")
            _add_date(found, "schema:endDate", following, 0.5, "year range")
            in_range.add(i + 1)
            continue
        if i in in_range or cue is None:
            continue
        if kind == PRACTICE and cue in ("start", "end"):
            _add_date(found, "schema:startDate" if cue == "start" else "schema:endDate", date, 0.75, f"cue: {cue}")
        elif kind == NORM and cue in _NORM_DATE_FIELDS:
            _add_date(found, _NORM_DATE_FIELDS[cue], date, 0.75, f"cue: {cue}")
    if kind == PRACTICE:
        for part in document.parts:
            if part.kind == "paragraph" and (match := ongoing_cue(text[part.start:part.end])):
                found.add("gcm:ongoing", "true", [(part.start + match.start(), part.start + match.end())],
                          datatype="xsd:boolean", confidence=0.7, method="rule", rule="cue: ongoing")


def _add_date(found: _Collector, field_name: str, date: DateMention, confidence: float, rule: str) -> None:
    found.add(field_name, date.value, [(date.start, date.end)], datatype=date.datatype, confidence=confidence,
              method="rule", rule=rule)
