"""The review workflow as data: an entry's states, and each transition declared once.

A transition says from which states it leaves, where it goes, who may make it
(roles, or the entry's own submitter), whether the submitter is barred from it
(nobody reviews or publishes their own submission), and which conditions must
hold (named facts the caller establishes: the entry is valid, the publication
rule holds, a public note is given). :func:`apply` makes a transition or
refuses it with the reason; pages and the API read the same table to offer
only what a user may do (:func:`allowed`).

    >>> apply("submit", DRAFT, Actor(7, {"contributor"}), submitter=7, facts={"valid": None})
    'submitted'
    >>> apply("publish", IN_REVIEW, Actor(7, {"curator", "contributor"}), submitter=7, facts={})
    Traceback (most recent call last):
    ...
    gcmkg.curation.workflow.Refused: publish: nobody reviews or publishes their own submission
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

DRAFT, SUBMITTED, IN_REVIEW = "draft", "submitted", "in_review"
CHANGES_REQUESTED, APPROVED, REJECTED = "changes_requested", "approved", "rejected"
WITHDRAWN, UNPUBLISHED, MERGED = "withdrawn", "unpublished", "merged"

#: Each state's name in en/es/fr.
STATES: dict[str, dict[str, str]] = {
    DRAFT: {"en": "draft", "es": "borrador", "fr": "brouillon"},
    SUBMITTED: {"en": "submitted", "es": "enviada", "fr": "soumise"},
    IN_REVIEW: {"en": "in review", "es": "en revisión", "fr": "en cours d'examen"},
    CHANGES_REQUESTED: {"en": "changes requested", "es": "cambios solicitados", "fr": "modifications demandées"},
    APPROVED: {"en": "approved (published)", "es": "aprobada (publicada)", "fr": "approuvée (publiée)"},
    REJECTED: {"en": "rejected", "es": "rechazada", "fr": "rejetée"},
    WITHDRAWN: {"en": "withdrawn", "es": "retirada", "fr": "retirée"},
    UNPUBLISHED: {"en": "unpublished", "es": "despublicada", "fr": "dépubliée"},
    MERGED: {"en": "merged into another entry", "es": "fusionada con otra entrada",
             "fr": "fusionnée avec une autre fiche"},
}

SUBMITTER = "submitter"  # in `by`: the account that created the entry, whatever its roles

# Conditions a transition may require; the caller says whether each holds.
VALID = "valid"                  # the entry conforms to the shapes
PUBLICATION_RULE = "publication_rule"  # one UN and two external reviewers approve, none conflicted
PUBLIC_NOTE = "public_note"      # a note for the public explains why the entry left


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    by: frozenset[str]           # roles allowed, and/or SUBMITTER
    not_submitter: bool = False  # the submitter may not make it, whatever roles they hold
    requires: tuple[str, ...] = ()
    notify: str | None = None    # the notification it sends to the submitter


def _t(name, sources, target, by, *, not_submitter=False, requires=(), notify=None) -> Transition:
    return Transition(name, frozenset(sources), target, frozenset(by), not_submitter, tuple(requires), notify)


TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    _t("submit", {DRAFT, CHANGES_REQUESTED}, SUBMITTED, {SUBMITTER, "curator"}, requires=[VALID]),
    _t("start_review", {SUBMITTED}, IN_REVIEW, {"curator"}, not_submitter=True),
    _t("request_changes", {SUBMITTED, IN_REVIEW}, CHANGES_REQUESTED, {"curator"}, not_submitter=True,
       notify="changes_requested"),
    _t("publish", {IN_REVIEW}, APPROVED, {"curator"}, not_submitter=True, requires=[VALID, PUBLICATION_RULE],
       notify="approved"),
    _t("reject", {SUBMITTED, IN_REVIEW}, REJECTED, {"curator"}, not_submitter=True, notify="rejected"),
    _t("withdraw", {DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED}, WITHDRAWN, {SUBMITTER, "curator"}),
    _t("reopen", {WITHDRAWN, UNPUBLISHED}, DRAFT, {SUBMITTER, "curator"}),
    # A published entry stays public while an update goes through review again.
    _t("request_update", {APPROVED}, CHANGES_REQUESTED, {"curator"}, notify="changes_requested"),
    _t("unpublish", {APPROVED}, UNPUBLISHED, {"curator"}, requires=[PUBLIC_NOTE]),
    # A duplicate, published or not, becomes part of another entry (curation/merge.py); its IRI redirects.
    _t("merge", {DRAFT, SUBMITTED, IN_REVIEW, CHANGES_REQUESTED, APPROVED, REJECTED}, MERGED, {"curator"}),
)}

#: Transitions made only as part of their own act (curation/merge.py), never on their own.
PART_OF_AN_ACT = frozenset({"merge"})
#: States whose entry is (also) in the public store.
PUBLIC_STATES = frozenset({APPROVED})
#: States in which the submitter (or a curator) may save a new version of the draft.
EDITABLE = frozenset({DRAFT, CHANGES_REQUESTED})


#: The fixed reasons for a refusal, in en/es/fr ({state} is the state's name in that language).
REASONS: dict[str, dict[str, str]] = {
    "unknown": {"en": "there is no such transition", "es": "esa transición no existe",
                "fr": "cette transition n'existe pas"},
    "state": {"en": "not possible for an entry that is {state}",
              "es": "no es posible para una entrada en estado «{state}»",
              "fr": "impossible pour une entrée à l'état « {state} »"},
    "own": {"en": "nobody reviews or publishes their own submission",
            "es": "nadie revisa ni publica su propia propuesta",
            "fr": "personne n'examine ni ne publie sa propre soumission"},
    "role": {"en": "your roles do not allow it", "es": "sus funciones no lo permiten",
             "fr": "vos rôles ne le permettent pas"},
    "unchecked": {"en": "a condition was not checked", "es": "no se comprobó una condición",
                  "fr": "une condition n'a pas été vérifiée"},
}


class Refused(Exception):
    """A transition that may not be made now: `code` names the reason (REASONS, or "condition")."""

    def __init__(self, transition: str, code: str, state: str = "", detail: str = ""):
        self.transition, self.code, self.state, self.detail = transition, code, state, detail
        super().__init__(f"{transition}: {self.message('en')}")

    def message(self, lang: str = "en") -> str:
        """The reason in `lang` (a condition's own reason is given as the caller wrote it)."""
        if self.code == "condition":
            return self.detail
        state = STATES.get(self.state, {}).get(lang) or self.state
        return REASONS[self.code].get(lang, REASONS[self.code]["en"]).format(state=state)


@dataclass(frozen=True)
class Actor:
    """Who asks: an account id and the roles they act with (a session: all; an API token: one)."""

    id: int
    roles: Collection[str]


def _who_may(transition: Transition, actor: Actor, submitter: int | None) -> str | None:
    is_submitter = submitter is not None and actor.id == submitter
    if not (set(actor.roles) & transition.by or (SUBMITTER in transition.by and is_submitter)):
        return "role"
    if transition.not_submitter and is_submitter:
        return "own"
    return None


def refusal(name: str, state: str, actor: Actor, submitter: int | None,
            facts: Mapping[str, str | None] | None = None) -> Refused | None:
    """Why `actor` may not make transition `name` from `state` now (None: they may).

    `facts` maps each condition the transition requires to None (it holds) or
    the reason it does not; a condition missing from `facts` does not hold.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        return Refused(name, "unknown")
    if state not in transition.sources:
        return Refused(name, "state", state)
    code = _who_may(transition, actor, submitter)
    if code:
        return Refused(name, code, state)
    facts = facts or {}
    for condition in transition.requires:
        if condition not in facts:
            return Refused(name, "unchecked", state, condition)
        if facts[condition] is not None:
            return Refused(name, "condition", state, facts[condition])
    return None


def apply(name: str, state: str, actor: Actor, submitter: int | None,
          facts: Mapping[str, str | None] | None = None) -> str:
    """The state after transition `name`, or raise Refused with the reason."""
    refused = refusal(name, state, actor, submitter, facts)
    if refused:
        raise refused
    return TRANSITIONS[name].target


def allowed(state: str, actor: Actor, submitter: int | None) -> list[str]:
    """The transitions `actor` may attempt from `state` (their conditions still to be checked)."""
    return [t.name for t in TRANSITIONS.values()
            if state in t.sources and t.name not in PART_OF_AN_ACT and _who_may(t, actor, submitter) is None]


def check(name: str, facts: Mapping[str, Callable[[], str | None]]) -> dict[str, str | None]:
    """Establish the conditions transition `name` requires, calling only those it needs."""
    return {c: facts[c]() for c in TRANSITIONS[name].requires if c in facts}
