"""Ingested documents as drafts in the review queue, their suggestions kept with provenance, and the curators' decisions.

The Python interface the desk's pages and the API call:

- ``ingest_to_drafts(workbench, account, paths, kind=...)``: read, suggest, and file one draft per
  document (one per row of a spreadsheet) under `account` (a contributor or curator); returns the Drafts;
- ``ingest_to_draft(workbench, account, document, suggestions, kind=..., run=...)``: the same for one
  document already read; ``file_drafts`` for many, a batch at a time;
- ``suggestions_for(workbench, entry)``: the entry's suggestions with their evidence and decisions;
- ``decide(workbench, account, entry, suggestion, accepted, value=None, field=None)``: accept (the value,
  or the curator's edit of it, enters the draft as a new version), or reject (kept as rejected);
- ``confirmed_suggestions(workbench, entry)``: the public part: which values came from the text and were
  confirmed by a curator (no people named).

A draft starts with what the entry is and the document's language only; every
field the text supports waits as a suggestion until a curator takes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from pyoxigraph import Literal, NamedNode, Triple

from gcmkg.curation import db
from gcmkg.curation import provenance as pv
from gcmkg.curation import suggestion_records as sr
from gcmkg.curation.desk import new_entry_id
from gcmkg.curation.workbench import Conflict, NotAllowed, Workbench
from gcmkg.ingest.document import Document
from gcmkg.ingest.input_guard import DEFAULT_MAX_BYTES
from gcmkg.ingest.language import UNDETERMINED
from gcmkg.ingest.run import pipeline_description, suggest_files
from gcmkg.ingest.suggestions import NEW_ORGANISATION, NORM, PRACTICE, Suggestion
from gcmkg.names import BASE, DCTERMS, ELI, GCM, NATIONAL_NORM, ORG, RDF_TYPE, SCHEMA, SKOS, XSD
from gcmkg.names import PRACTICE as PRACTICE_CLASS

# A field that holds one value (one per language for text): accepting a suggestion replaces it.
SINGLE_VALUED = {DCTERMS + "title", DCTERMS + "abstract", GCM + "primaryObjective", SCHEMA + "startDate",
                 SCHEMA + "endDate", GCM + "ongoing", ELI + "type_document", ELI + "date_document",
                 ELI + "first_date_entry_in_force", ELI + "date_no_longer_in_force"}
_CLASS = {PRACTICE: PRACTICE_CLASS, NORM: NATIONAL_NORM}
BATCH = 100  # drafts filed in one act, with their records (a journal of about 14 MB for spreadsheet rows)


@dataclass(frozen=True)
class IngestRun:
    """One run of the pipeline: its record IRI, who started it, the pipeline's versions, when."""

    iri: NamedNode
    agent: str
    pipeline: dict
    started: dt.datetime
    ended: dt.datetime


@dataclass(frozen=True)
class Draft:
    """A draft the run filed: the entry, the document it came from, how many suggestions wait on it."""

    entry: NamedNode
    source: str
    locator: str | None
    suggestions: int


def mint_entry(kind: str, document: Document, suggestions: list[Suggestion]) -> NamedNode:
    """A new entry IRI from the suggested title (else the file name), minted as every new entry's is
    (curation.desk.new_entry_id: a random tail, so never an existing one)."""
    title = next((s.value for s in suggestions if s.field == "dcterms:title"), Path(document.source).stem)
    return NamedNode(f"{BASE}id/{new_entry_id(kind, title)}")


def start_run(account, started: dt.datetime | None = None) -> IngestRun:
    """A run started now by `account` with the declared pipeline (its end is set when the drafts are filed)."""
    started = started or db.now()
    return IngestRun(sr.new_run(), account.iri, pipeline_description(), started, started)


def ingest_to_draft(workbench: Workbench, account, document: Document, suggestions: list[Suggestion], *,
                    kind: str, run: IngestRun) -> Draft:
    """File `document` as a new draft under `account` with the run's record of it and its suggestions,
    together or not at all."""
    return file_drafts(workbench, account, [(document, suggestions)], kind=kind, run=run)[0]


def file_drafts(workbench: Workbench, account, found: list[tuple[Document, list[Suggestion]]], *, kind: str,
                run: IngestRun, each_draft: Callable[[Draft, int], None] | None = None) -> list[Draft]:
    """File one draft per (document, suggestions), BATCH at a time: each batch's drafts and their records are
    one act (Workbench.file_drafts), so a run that stops leaves whole batches, every draft with the suggestions
    a curator must confirm. `each_draft` is called per draft filed with the number to file (progress)."""
    drafts = []
    for start in range(0, len(found), BATCH):
        batch = [_draft(kind, document, suggestions, run) for document, suggestions in found[start:start + BATCH]]
        workbench.file_drafts(account, [(entry, triples, pv.graph(pv.new_record(), entry, record))
                                        for entry, triples, record, _ in batch])
        for *_, draft in batch:
            drafts.append(draft)
            if each_draft:
                each_draft(draft, len(found))
    return drafts


def _draft(kind: str, document: Document, suggestions: list[Suggestion], run: IngestRun):
    """A new draft of `document`: its entry, its triples, the run's record of it (as tuples) and its Draft."""
    entry = mint_entry(kind, document, suggestions)
    triples = [Triple(entry, RDF_TYPE, _CLASS[kind])]
    if document.language != UNDETERMINED:
        triples.append(Triple(entry, NamedNode(DCTERMS + "language"),
                              Literal(document.language, datatype=NamedNode(XSD + "language"))))
    doc = sr.document_iri(document.source, document.locator, document.text)
    record = [*sr.run_triples(run.iri, run.agent, run.pipeline, run.started, run.ended),
              *sr.document_triples(doc, run.iri, document.summary(), document.text),
              Triple(pv.version_iri(entry, 1), pv.prov("wasGeneratedBy"), run.iri)]   # the draft's first version
    for suggestion in suggestions:
        record += sr.suggestion_triples(entry, run.iri, doc, suggestion.to_json())
    return entry, triples, record, Draft(entry, document.source, document.locator, len(suggestions))


def ingest_to_drafts(workbench: Workbench, account, paths: Iterable[Path | str], *, kind: str = PRACTICE,
                     language: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, gazetteer=None,
                     each: Callable[[Path], None] | None = None,
                     each_draft: Callable[[Draft, int], None] | None = None) -> list[Draft]:
    """Read and suggest every file first (an unreadable one stops the run before any draft is filed), then file
    one draft per document, a batch at a time (:func:`file_drafts`). `each` is called per file read,
    `each_draft` per draft filed with the number of drafts to file (progress)."""
    run = start_run(account)
    found = suggest_files(paths, kind=kind, language=language, max_bytes=max_bytes, each=each, gazetteer=gazetteer)
    run = IngestRun(run.iri, run.agent, run.pipeline, run.started, db.now())
    return file_drafts(workbench, account, found, kind=kind, run=run, each_draft=each_draft)


def suggestions_for(workbench: Workbench, entry: NamedNode) -> list[sr.StoredSuggestion]:
    """The entry's suggestions, each with its evidence, the document's text, and its decision if taken."""
    return sr.stored_suggestions(workbench.history(entry), entry)


def decide(workbench: Workbench, account, entry: NamedNode, suggestion: str, accepted: bool, *,
           value: NamedNode | Literal | str | None = None, field: str | None = None) -> sr.StoredSuggestion:
    """Record `account`'s decision on a suggestion; an accepted one (with the curator's `value` or `field`
    instead of the suggested ones: "edited") enters the draft as a new version derived from the suggestion.
    A `value` given as text corrects a suggested literal, keeping its language or datatype.

    NotAllowed if `account` may not edit the draft; Conflict if the suggestion was decided already;
    ValueError for an unknown suggestion, or an organisation whose role nobody chose (pass `field`).
    """
    found = next((s for s in suggestions_for(workbench, entry) if s.iri == suggestion), None)
    if found is None:
        raise ValueError(f"{suggestion} is not a suggestion for {entry.value}")
    if not workbench.may_edit(account, entry):
        raise NotAllowed("only the draft's submitter or a curator decides on its suggestions, while it is a draft")
    if found.status != sr.PENDING:
        raise Conflict(f"this suggestion was {found.status} already")
    if isinstance(value, str):
        value = _corrected(found.value, value)
    if found.field == NEW_ORGANISATION and accepted:
        return _add_organisation(workbench, account, entry, found, value)
    version = number = None
    final = value if value is not None else found.value
    predicate = field or found.field
    status = sr.REJECTED
    if accepted:
        if not predicate.startswith(("http://", "https://")):
            raise ValueError(f"say which field the {predicate} goes in (for an organisation: its role)")
        status = sr.EDITED if (value is not None and value != found.value) or predicate != found.field \
            else sr.ACCEPTED
        number, draft = workbench.draft(entry)
        version = pv.version_iri(entry, number + 1)       # the version this decision saves
    record, triples = sr.decision_triples(found, account.iri, db.now(), status, version,
                                          final if status == sr.EDITED else None)
    if status == sr.EDITED and predicate != found.field:
        triples.append(Triple(record, pv.gcmc("field"), NamedNode(predicate)))
    if number is None:
        pv.write(workbench.kg.review, record, entry, triples)
    else:                   # the value and the decision, together or not at all
        workbench.save_draft(account, entry, _with_value(draft, entry, NamedNode(predicate), final), number,
                             pv.graph(record, entry, triples))
    return next(s for s in suggestions_for(workbench, entry) if s.iri == suggestion)


def _add_organisation(workbench: Workbench, account, entry: NamedNode, found: sr.StoredSuggestion,
                      name: Literal | None) -> sr.StoredSuggestion:
    """Accepting a proposed new organisation files an organisation draft of that name (the curator's
    correction of it, if any) under `account`, to be completed and reviewed like any entry; the entry's
    own draft is unchanged until the organisation is published and picked in it."""
    name = name or found.value
    organisation = NamedNode(f"{BASE}id/{new_entry_id('organisation', name.value)}")
    record, triples = sr.decision_triples(found, account.iri, db.now(), sr.EDITED,
                                          pv.version_iri(organisation, 1), organisation)
    workbench.save_draft(account, organisation, [
        Triple(organisation, RDF_TYPE, NamedNode(ORG + "Organization")),
        Triple(organisation, NamedNode(SKOS + "prefLabel"), name)], 0, pv.graph(record, entry, triples))
    return next(s for s in suggestions_for(workbench, entry) if s.iri == found.iri)


def _corrected(suggested, typed: str) -> Literal | None:
    """A curator's correction of a suggested text, date or number, as a literal of the same language or
    datatype; None when nothing changed (up to spacing) or the suggestion is a concept, not a literal."""
    typed = " ".join(typed.split())
    if not isinstance(suggested, Literal) or not typed or typed == " ".join(suggested.value.split()):
        return None
    if suggested.language:
        return Literal(typed, language=suggested.language)
    return Literal(typed, datatype=suggested.datatype)


def _with_value(triples, entry: NamedNode, predicate: NamedNode, value) -> list[Triple]:
    """The draft with `value` for `predicate`: replacing the old one where the field holds one (per language)."""
    def replaced(t: Triple) -> bool:
        if t.subject != entry or t.predicate != predicate or predicate.value not in SINGLE_VALUED:
            return False
        return not isinstance(value, Literal) or not value.language or getattr(t.object, "language", None) == value.language
    kept = [t for t in triples if not replaced(t)]
    new = Triple(entry, predicate, value)
    return kept if new in kept else [*kept, new]


def confirmed_suggestions(workbench: Workbench, entry: NamedNode) -> list[dict]:
    """The public part of the suggestions' provenance: each value suggested from the text and confirmed (or
    edited) by a curator, with the method that suggested it; no people or account IRIs."""
    return [{"field": s.final_field, "value": s.final_value.value, "method": s.method,
             "suggested_from": s.evidence[0]["selector"][0]["exact"] if s.evidence else None,
             "confirmed": s.status}
            for s in suggestions_for(workbench, entry)
            if s.status in (sr.ACCEPTED, sr.EDITED) and s.field != NEW_ORGANISATION]   # not a value of the entry
