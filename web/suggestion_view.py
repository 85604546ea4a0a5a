"""The ingest assistant's suggestions on an entry's curation page: each value with the words it came from,
and what a curator (or the draft's submitter) decided.

The suggestions and their decisions are PROV-O records in the review store
(curation/suggestion_records.py); deciding goes through ingest.drafts.decide,
which writes who decided and when, and puts an accepted value in the draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from gcmkg.curation import suggestion_records as sr
from gcmkg.curation.accounts import Account
from gcmkg.curation.workbench import Workbench
from gcmkg.shapes.form import ORGANISATIONS, entry_form

# Show this much of the text around the words a suggestion came from.
CONTEXT = 60


@dataclass(frozen=True)
class Evidence:
    """The words a suggestion came from, with a little of the text either side."""
    source: str
    page: int | None
    before: str
    words: str
    after: str


@dataclass(frozen=True)
class SuggestionView:
    iri: str
    field: str                  # the field's name in the reader's language
    value: str
    confidence: int             # per cent
    method: str
    evidence: list[Evidence]
    status: str                 # pending | accepted | edited | rejected
    decided_by: str | None      # a name, for staff; None otherwise
    decided_at: str | None      # ISO date and time (UTC)
    roles: list[tuple[str, str]]  # an organisation whose role the text did not say: the fields it may go in
    editable: bool = False        # a text, date or number the curator may correct before accepting


def _evidence(found: dict) -> Evidence:
    quote = next((s for s in found["selector"] if s["type"] == "TextQuoteSelector"), {})
    before, after = quote.get("prefix", ""), quote.get("suffix", "")
    return Evidence(found["source"], found.get("page"), ("…" if len(before) > CONTEXT else "") + before[-CONTEXT:],
                    quote.get("exact", ""), after[:CONTEXT] + ("…" if len(after) > CONTEXT else ""))


def _value(value: NamedNode | Literal, label: str | None) -> str:
    return label or value.value


def organisation_fields(kind: str, lang: str) -> list[tuple[str, str]]:
    """The fields of `kind` that take an organisation: where a suggested organisation of no stated role may go."""
    return [(f.path, f.name(lang)) for f in entry_form(kind).fields if f.scheme == ORGANISATIONS]


def suggestion_views(workbench: Workbench, entry: NamedNode, kind: str | None, lang: str,
                     names: dict[str, str]) -> list[SuggestionView]:
    """The entry's suggestions, pending ones first; `names` maps an account's agent IRI to the name shown
    (give none to someone who is not staff: they see that a suggestion was decided, not by whom)."""
    if kind is None:
        return []
    stored = sr.stored_suggestions(workbench.history(entry), entry)
    if not stored:
        return []
    form = entry_form(kind)
    roles = organisation_fields(kind, lang)
    views = []
    for s in stored:
        field = form.by_path(s.field)
        views.append(SuggestionView(
            s.iri, field.name(lang) if field else s.field, _value(s.value, s.label), round(s.confidence * 100),
            s.method, [_evidence(e) for e in s.evidence], s.status,
            names.get(s.decided_by) if s.decided_by else None,
            s.decided_at.strftime("%Y-%m-%d %H:%M UTC") if s.decided_at else None,
            roles if field is None and s.status == sr.PENDING else [],
            isinstance(s.value, Literal) and s.status == sr.PENDING))
    return sorted(views, key=lambda v: v.status != sr.PENDING)


def staff_names(accounts: list[Account]) -> dict[str, str]:
    """Agent IRI -> the name a curator sees."""
    return {a.iri: a.name or a.email for a in accounts}
