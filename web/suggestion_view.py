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
from gcmkg.curation.desk import entry_id
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.vocabulary_choices import Choices
from gcmkg.ingest.suggestions import NEW_ORGANISATION
from gcmkg.shapes.form import ORGANISATIONS, entry_form

from .i18n import translator

# The names of the suggestions' pseudo-fields (no form field holds them), translated by the catalogue.
FIELD_NAMES = {"organisation": "organisation", NEW_ORGANISATION: "proposed new organisation"}
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
    scheme: str | None = None     # a pending concept's scheme: the curator may pick another concept of it
    shown: str = ""               # the suggested concept as the picker displays (and resolves) it
    final: str | None = None      # what entered the draft instead, when the curator changed it
    final_href: str | None = None  # a proposed organisation accepted: the organisation draft it became
    new_organisation: bool = False  # a name the gazetteer does not know, proposed by the statistical model


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
                     names: dict[str, str], choices: Choices | None = None) -> list[SuggestionView]:
    """The entry's suggestions, pending ones first; `names` maps an account's agent IRI to the name shown
    (give none to someone who is not staff: they see that a suggestion was decided, not by whom).
    With `choices`, a pending concept that is one of its field's choices may be swapped for another."""
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
        scheme, shown = _swappable(s, field, bool(roles), choices, lang)
        new = s.field == NEW_ORGANISATION
        views.append(SuggestionView(
            s.iri, field.name(lang) if field else translator(lang)(FIELD_NAMES.get(s.field, s.field)),
            _value(s.value, s.label), round(s.confidence * 100),
            s.method, [_evidence(e) for e in s.evidence], s.status,
            names.get(s.decided_by) if s.decided_by else None,
            s.decided_at.strftime("%Y-%m-%d %H:%M UTC") if s.decided_at else None,
            roles if field is None and not new and s.status == sr.PENDING else [],
            isinstance(s.value, Literal) and s.status == sr.PENDING, scheme, shown,
            s.value.value if new and s.final_value is not None else _final(s, field, choices, lang),
            "/curate/entries/" + entry_id(s.final_value.value) if new and isinstance(s.final_value, NamedNode)
            else None, new))
    return sorted(views, key=lambda v: v.status != sr.PENDING)


def _final(s: sr.StoredSuggestion, field, choices: Choices | None, lang: str) -> str | None:
    """The value the curator put in the draft instead of the suggested one, as a reader names it."""
    if s.status != sr.EDITED or s.final_value is None or s.final_value == s.value:
        return None
    if isinstance(s.final_value, Literal):
        return s.final_value.value
    scheme = field.scheme if field is not None else ORGANISATIONS
    found = next((c for c in choices.of(scheme) if c.iri == s.final_value.value), None) if choices and scheme else None
    return found.label(lang) if found else s.final_value.value


def _swappable(s: sr.StoredSuggestion, field, organisation_fields: bool, choices: Choices | None,
               lang: str) -> tuple[str | None, str]:
    """(scheme, display) when the curator may pick another concept than the suggested one: a pending
    concept of a field that takes its values from a scheme (an organisation of no stated role: from the
    stored organisations), and that is itself one of the choices (a proposed new organisation is not)."""
    if choices is None or s.status != sr.PENDING or not isinstance(s.value, NamedNode):
        return None, ""
    scheme = field.scheme if field is not None else (ORGANISATIONS if organisation_fields else None)
    if scheme is None:
        return None, ""
    found = next((c for c in choices.of(scheme) if c.iri == s.value.value), None)
    return (scheme, found.display(lang)) if found else (None, "")


def staff_names(accounts: list[Account]) -> dict[str, str]:
    """Agent IRI -> the name a curator sees."""
    return {a.iri: a.name or a.email for a in accounts}
