"""What the curators' desk, the reviewers' and the contributors' pages read: queues, assignments, reviews given.

Read models over the curation database and the review store, shared by the
pages (web/desk_pages.py) and the JSON API (api/curation_api.py), so a queue
is filtered, and a draft is shown or hidden, by one rule in one place.

An entry under curation is named in URLs by its path under ``BASE/id/``:

    >>> entry_id("https://w3id.org/gcmkg/id/practice/clinic-interpreters", "https://w3id.org/gcmkg/")
    'practice/clinic-interpreters'
    >>> entry_iri("https://w3id.org/gcmkg/", "norm/ley-25871").value
    'https://w3id.org/gcmkg/id/norm/ley-25871'
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode
from sqlalchemy import and_, select

from gcmkg.graph.entry_view import KINDS, TITLE_PATHS
from gcmkg.graph.queries import pick
from gcmkg.names import BASE, GCM, RDF_TYPE, RDFS

from . import db, reviews
from . import provenance as pv
from . import workflow as wf
from .accounts import ADMIN, CURATOR, Account

#: An entry kind as pages and the API name it -> the segment of its IRIs under BASE/id/.
SEGMENTS = {"practice": "practice", "norm": "norm", "organisation": "org", "instrument": "norm"}
# An instrument's IRI is a norm's (norm/...): the segment names the norm.
KINDS_OF_SEGMENT = {"practice": "practice", "norm": "norm", "org": "organisation"}
_ID = re.compile(r"(practice|norm|org)/[a-z0-9][a-z0-9._-]{0,119}")
OBJECTIVE_PATHS = (GCM + "primaryObjective", GCM + "secondaryObjective", GCM + "addressesObjective")
PLACE_PATHS = ("http://purl.org/dc/terms/spatial", GCM + "jurisdiction")


class BadEntryId(ValueError):
    """A URL's entry id that names no entry gcmkg would mint."""


def entry_iri(base: str, entry: str) -> NamedNode:
    """The IRI of the entry `entry` ("practice/slug") under `base`; BadEntryId if it is not one we mint."""
    if not _ID.fullmatch(entry):
        raise BadEntryId(f"'{entry}' is not an entry id (practice/..., norm/... or org/..., "
                         "in lower-case letters, digits and dashes)")
    return NamedNode(f"{base}id/{entry}")


def entry_id(iri: str, base: str = BASE) -> str:
    """The id an entry's pages and API routes use: its IRI's path under `base`/id/."""
    for root in dict.fromkeys((base, BASE)):
        if iri.startswith(root + "id/"):
            return iri[len(root) + 3:]
    return iri


def new_entry_id(kind: str, title: str = "") -> str:
    """A fresh id for a new entry of `kind`: its title's words, then a random tail (32 bits: a thousand rows
    of one spreadsheet with the same title still do not clash)."""
    words = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", words))[:60].strip("-")
    return f"{SEGMENTS[kind]}/{slug + '-' if slug else ''}{secrets.token_hex(4)}"


def is_staff(account: Account) -> bool:
    """Curators and admins see who did what; others see only that it was done."""
    return account.has(CURATOR) or account.has(ADMIN)


def may_read_draft(account: Account, submitter_id: int | None) -> bool:
    """Whether `account` may read an entry's draft outright (reviewers read it through open_for_review)."""
    return (submitter_id is not None and account.id == submitter_id and not account.disabled) or is_staff(account)


def kind_of(triples, entry: NamedNode) -> str | None:
    return next((KINDS[t.object.value] for t in triples
                 if t.subject == entry and t.predicate == RDF_TYPE and t.object.value in KINDS), None)


def title_of(triples, entry: NamedNode, lang: str) -> str:
    texts = {t.object.language or "": t.object.value for t in triples if t.subject == entry
             and t.predicate.value in (*TITLE_PATHS, RDFS + "label") and isinstance(t.object, Literal)}
    return pick(texts, lang) or entry_id(entry.value)


@dataclass(frozen=True)
class Assignment:
    """A reviewer assigned to an entry, and how far they are."""
    entry: str
    reviewer_id: int
    reviewer_iri: str
    reviewer_name: str
    affiliation: str | None
    assigned_at: dt.datetime
    due: dt.datetime | None
    conflict: bool | None       # None: not declared yet
    reviewed_at: dt.datetime | None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.reviewed_at is None and self.conflict is not True \
            and self.due < db.now()


@dataclass(frozen=True)
class Item:
    """One entry under curation as a queue lists it."""
    iri: str
    kind: str
    title: str
    state: str
    version: int
    updated_at: dt.datetime
    submitter_id: int | None
    objectives: frozenset[str]
    places: frozenset[str]
    assignments: tuple[Assignment, ...] = ()

    @property
    def overdue(self) -> bool:
        return any(a.overdue for a in self.assignments)


@dataclass(frozen=True)
class Filters:
    """The desk's filters (None or empty: no filter). `places`: the IRIs of a region and what it contains."""
    state: str | None = None
    kind: str | None = None
    objective: str | None = None          # an objective's IRI
    places: frozenset[str] = field(default_factory=frozenset)
    assigned_to: int | None = None         # a reviewer's account id
    submitter: int | None = None
    overdue: bool = False


def assignments(engine, entries: Collection[str] | None = None, reviewer_id: int | None = None) -> list[Assignment]:
    """Assignments of some entries (or all), or of one reviewer, oldest first."""
    a, people = db.assignments, db.accounts
    query = select(a, people.c.iri, people.c.name, people.c.affiliation).join(
        people, people.c.id == a.c.reviewer_id).order_by(a.c.assigned_at)
    if entries is not None:
        query = query.where(a.c.entry.in_(list(entries)))
    if reviewer_id is not None:
        query = query.where(a.c.reviewer_id == reviewer_id)
    with engine.connect() as conn:
        return [Assignment(r.entry, r.reviewer_id, r.iri, r.name, r.affiliation, r.assigned_at, r.due, r.conflict,
                           r.reviewed_at) for r in conn.execute(query)]


def items(engine, lang: str = "en", filters: Filters = Filters()) -> list[Item]:
    """The entries under curation that pass `filters`, most recently changed first."""
    from .versions import from_text
    s, v = db.submissions, db.versions
    query = select(s, v.c.ntriples).join(v, and_(v.c.entry == s.c.entry, v.c.number == s.c.version)) \
        .order_by(s.c.updated_at.desc())
    if filters.state:
        query = query.where(s.c.state == filters.state)
    if filters.submitter is not None:
        query = query.where(s.c.submitter_id == filters.submitter)
    if filters.assigned_to is not None:
        query = query.where(s.c.entry.in_(select(db.assignments.c.entry)
                                          .where(db.assignments.c.reviewer_id == filters.assigned_to)))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    by_entry: dict[str, list[Assignment]] = {}
    for found in assignments(engine, [r.entry for r in rows]) if rows else ():
        by_entry.setdefault(found.entry, []).append(found)
    out = []
    for row in rows:
        node = NamedNode(row.entry)
        triples = [t for t in from_text(row.ntriples) if t.subject == node]
        values = {}
        for t in triples:
            values.setdefault(t.predicate.value, set()).add(t.object.value)
        item = Item(row.entry, kind_of(triples, node) or "", title_of(triples, node, lang), row.state, row.version,
                    row.updated_at, row.submitter_id,
                    frozenset().union(*(values.get(p, set()) for p in OBJECTIVE_PATHS)),
                    frozenset().union(*(values.get(p, set()) for p in PLACE_PATHS)),
                    tuple(by_entry.get(row.entry, ())))
        if filters.kind and item.kind != filters.kind:
            continue
        if filters.objective and filters.objective not in item.objectives:
            continue
        if filters.places and not item.places & filters.places:
            continue
        if filters.overdue and not item.overdue:
            continue
        out.append(item)
    return out


def counts(found: list[Item]) -> dict[str, int]:
    """How many entries are in each state, every state listed (in the workflow's order)."""
    tally = dict.fromkeys(wf.STATES, 0)
    for item in found:
        tally[item.state] += 1
    return tally


@dataclass(frozen=True)
class GivenReview:
    """One reviewer's latest review of a version, as the curators read it."""
    reviewer_iri: str
    affiliation: str | None        # "un" | "external"
    verdict: str
    at: dt.datetime
    comment: str
    assessments: tuple[reviews.Assessment, ...]


def reviews_of(records, entry: NamedNode, version: int) -> list[GivenReview]:
    """Each reviewer's latest review of version `version`, from the entry's curation record."""
    triples = reviews.round_of(records, entry, version)
    chosen = [t.object for t in triples if t.predicate == pv.gcmc("review")]
    facts: dict[tuple, list] = {}
    for t in triples:
        facts.setdefault((t.subject, t.predicate), []).append(t.object)

    def one(subject, predicate):
        return (facts.get((subject, predicate)) or [None])[0]
    affiliations = {term: name for name, term in reviews.AFFILIATION_TERMS.items()}
    out = []
    for review in chosen:
        assessed = []
        for criterion in reviews.CRITERIA:
            node = one(review, pv.gcmc(criterion))
            if node is not None:
                met, why = one(node, pv.gcmc("met")), one(node, pv.gcmc("justification"))
                assessed.append(reviews.Assessment(criterion, bool(met and met.value == "true"),
                                                   why.value if why else ""))
        comment = one(review, NamedNode(RDFS + "comment"))
        out.append(GivenReview(one(review, pv.prov("wasAttributedTo")).value,
                               affiliations.get(one(review, pv.gcmc("reviewerAffiliation"))),
                               one(review, pv.gcmc("verdict")).value.rsplit("#", 1)[-1],
                               pv.moment(one(review, pv.prov("generatedAtTime"))),
                               comment.value if comment else "", tuple(assessed)))
    return sorted(out, key=lambda r: r.at)


def places_within(areas: dict, region: str) -> frozenset[str]:
    """The region's IRI and those of every area and country under it (`areas`: graph.page_queries.area_tree)."""
    found, todo = set(), [region]
    while todo:
        iri = todo.pop()
        if iri not in found:
            found.add(iri)
            todo.extend(getattr(areas.get(iri), "children", ()))
    return frozenset(found)


def account_by_iri(engine, iri: str) -> int | None:
    """The id of the account whose agent IRI is `iri` (None: no such account)."""
    with engine.connect() as conn:
        return conn.scalar(select(db.accounts.c.id).where(db.accounts.c.iri == iri))
