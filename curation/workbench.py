"""The curators' workbench as the pages and the API will call it: drafts, transitions, assignments, reviews.

Every action checks who asks (an account and the roles it acts with) against
the workflow table (workflow.py), changes the entry's state in the curation
database with a conditional update (two curators acting at once: one wins,
the other is told), records what happened as PROV-O in the review store
(provenance.py), and queues the notifications it causes (outbox.py). The
database's side of an action (state, version, audit row, notification) and
the journal of its store writes (the review copy, the records; a move) are
one transaction; the stores are written after it (store_writes.py), so a
process killed half-way leaves the action done or not done, never half.

The review store holds each entry's current draft, with a review status the
workbench sets (a contributor cannot approve an entry by writing
``gcm:reviewStatus``); the public store receives an entry only through
publication.py, and only with the review fields the workbench writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pyoxigraph import NamedNode, Triple
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from gcmkg.graph.knowledge_graph import KnowledgeGraph
from gcmkg.names import BASE, ENTRY_CLASSES, GCM, RDF_TYPE, REVIEW_STATUS

from . import db, outbox, publication, reviews, store_writes, versions
from . import provenance as pv
from . import workflow as wf
from .accounts import CURATOR, REVIEWER, Account, Accounts
from .store_writes import REVIEW, StoreWrite

REVIEWED_BY, REVIEWED_ON = NamedNode(GCM + "reviewedBy"), NamedNode(GCM + "reviewedOn")
MANAGED = (REVIEW_STATUS, REVIEWED_BY, REVIEWED_ON)   # set by the workbench, never taken from a draft

# The review statuses of the vocabulary are coarser than the workflow's states.
_STATUS = {wf.DRAFT: "submitted", wf.SUBMITTED: "submitted", wf.CHANGES_REQUESTED: "submitted",
           wf.IN_REVIEW: "in-review", wf.APPROVED: "approved", wf.REJECTED: "rejected",
           wf.WITHDRAWN: "rejected", wf.UNPUBLISHED: "rejected", wf.MERGED: "rejected"}


@dataclass(frozen=True)
class _Decided:
    """A transition checked and prepared, to be made in a transaction (Workbench._make)."""

    account: Account
    entry: NamedNode
    name: str
    note: str
    row: object                         # the entry's submissions row it was decided on
    target: str
    recorded: dict[NamedNode, list[Triple]]           # its PROV-O record
    public: list[Triple] | None         # publishing: the public copy
    copy: list[Triple]                  # the review store's copy, with its new status
    submitter: Account | None           # who is notified


class NotAllowed(Exception):
    """The account may not do this to this entry (the API's 403)."""


class NotFound(Exception):
    """No such entry under curation (the API's 404)."""


class Conflict(Exception):
    """The entry changed meanwhile; reload and try again (the API's 409)."""


def _status(state: str) -> NamedNode:
    return NamedNode(f"{BASE}review-status/{_STATUS[state]}")


def _in_review(*graphs: dict) -> StoreWrite:
    """One write of the review store: an entry's copy, records (journalled with the act that causes it)."""
    return StoreWrite(REVIEW, {name: triples for g in graphs for name, triples in g.items()})


def _as_draft(entry: NamedNode, triples) -> list[Triple]:
    """A draft's triples without the fields the workbench sets; NotAllowed if it does not say what the entry is."""
    triples = [t for t in triples if t.predicate not in MANAGED or t.subject != entry]
    if not any(t.subject == entry and t.predicate == RDF_TYPE and t.object in ENTRY_CLASSES for t in triples):
        raise NotAllowed(f"the draft does not say what {entry.value} is (a practice, a norm or an organisation)")
    return triples


def _review_copy(account: Account, entry: NamedNode, triples, state: str, number: int,
                 recorded: dict | None) -> dict[NamedNode, list]:
    """The review store's graphs for version `number` of a draft: its copy with its status, the version's
    record, and the records saved with it."""
    _, record = pv.version_record(entry, number, account.iri, db.now())
    return {entry: [*triples, Triple(entry, REVIEW_STATUS, _status(state))],
            **pv.graph(pv.new_record(), entry, record), **(recorded or {})}


def _language(account: Account) -> str:
    return account.languages[0] if account.languages else "en"


class Workbench:
    """The workflow over a knowledge graph (with its review store) and the curation database."""

    def __init__(self, kg: KnowledgeGraph, engine: Engine):
        if kg.review is None:
            raise ValueError("the curation workflow needs a review store")
        self.kg, self.engine, self.accounts = kg, engine, Accounts(engine)
        publication.adopt_moves(engine)
        store_writes.recover(kg, engine)   # an act a stopped process left half-done is finished first

    # -- reading -----------------------------------------------------------------------
    def _row(self, entry: NamedNode):
        with self.engine.connect() as conn:
            row = conn.execute(select(db.submissions).where(db.submissions.c.entry == entry.value)).first()
        if row is None:
            raise NotFound(f"{entry.value} is not under curation")
        return row

    def state(self, entry: NamedNode) -> str:
        return self._row(entry).state

    def draft(self, entry: NamedNode) -> tuple[int, tuple[Triple, ...]]:
        """The latest version's number and triples (what an edit form starts from)."""
        row = self._row(entry)
        return row.version, versions.get(self.engine, entry, row.version).triples

    def actions(self, account: Account, entry: NamedNode) -> list[str]:
        """The transitions `account` may attempt on `entry` now (what a page offers)."""
        row = self._row(entry)
        return wf.allowed(row.state, wf.Actor(account.id, account.roles), row.submitter_id)

    def may_edit(self, account: Account, entry: NamedNode) -> bool:
        """Whether `account` may change the draft now (its submitter or a curator, while it is editable)."""
        row = self._row(entry)
        return row.state in wf.EDITABLE and not account.disabled and (
            account.id == row.submitter_id or account.has(CURATOR))

    def history(self, entry: NamedNode) -> list[Triple]:
        """The PROV-O record of the entry's curation."""
        return pv.records(self.kg.review, entry)

    # -- drafts -------------------------------------------------------------------------
    def save_draft(self, account: Account, entry: NamedNode, triples, based_on: int,
                   recorded: dict[NamedNode, list[Triple]] | None = None) -> int:
        """Save a version of a draft made from version `based_on` (0: a new entry); returns its number.

        StaleVersion (carrying what was sent) if someone saved since `based_on`. `recorded`: records
        (provenance.graph) that the save writes with the version, all or nothing, such as the ingest
        assistant's record of why (the version saved is `based_on + 1`).
        """
        triples = _as_draft(entry, triples)
        with self.engine.connect() as conn:
            row = conn.execute(select(db.submissions).where(db.submissions.c.entry == entry.value)).first()
        if row is None:
            self._may_file(account, entry)
            state = wf.DRAFT
        else:
            state = row.state
            if state not in wf.EDITABLE:
                raise NotAllowed(f"an entry that is {wf.STATES[state]['en']} cannot be edited")
            if account.id != row.submitter_id and not account.has(CURATOR):
                raise NotAllowed("only its submitter or a curator edits a draft")
        acts = []

        def make_current(conn, number: int) -> None:
            # In the version's transaction: a draft submitted meanwhile is not silently changed; and the
            # review store's copy and the version's record are journalled with it.
            if row is None:
                conn.execute(insert(db.submissions).values(entry=entry.value, state=state, submitter_id=account.id,
                                                           version=number, updated_at=db.now()))
            elif not conn.execute(update(db.submissions).where(db.submissions.c.entry == entry.value,
                                                               db.submissions.c.state.in_(wf.EDITABLE))
                                  .values(version=number, updated_at=db.now())).rowcount:
                raise Conflict(f"{entry.value} was submitted while you were editing it; reload it")
            acts.append(store_writes.journal(conn, [StoreWrite(REVIEW, _review_copy(
                account, entry, triples, state, number, recorded))]))

        number = versions.save(self.engine, entry, triples, based_on, account.id, also=make_current)
        store_writes.finish(self.kg, self.engine, acts[-1])
        return number

    def file_drafts(self, account: Account, drafts) -> None:
        """File new entries as drafts, all in one act: every draft with its review copy and its records, or
        none (the ingest assistant files a spreadsheet's rows this way, a batch at a time).

        `drafts`: (entry, triples, recorded) each, as for a first :meth:`save_draft`; a record's triples may
        be (subject, predicate, object) tuples. StaleVersion if one of the entries was saved meanwhile.
        """
        checked = []
        for entry, triples, recorded in drafts:
            self._may_file(account, entry)
            checked.append((entry, _as_draft(entry, triples), recorded))
        graphs: dict[NamedNode, list] = {}
        with self.engine.begin() as conn:   # the versions, the states and the journal of the review store's write
            for entry, triples, recorded in checked:
                number = versions.add(conn, entry, triples, 0, account.id)
                conn.execute(insert(db.submissions).values(entry=entry.value, state=wf.DRAFT, submitter_id=account.id,
                                                           version=number, updated_at=db.now()))
                graphs.update(_review_copy(account, entry, triples, wf.DRAFT, number, recorded))
            act = store_writes.journal(conn, [StoreWrite(REVIEW, graphs)])
        store_writes.finish(self.kg, self.engine, act)

    def _may_file(self, account: Account, entry: NamedNode) -> None:
        """NotAllowed unless `account` may file `entry` as a new draft."""
        if not (account.has("contributor") or account.has(CURATOR)):
            raise NotAllowed("only a contributor or a curator submits entries")
        if self.kg.public.contains_graph(entry):
            raise NotAllowed(f"{entry.value} is already published; ask a curator to request an update")

    # -- transitions ---------------------------------------------------------------------
    def violations(self, entry: NamedNode, triples) -> str | None:
        """The shapes' violations of an entry's triples, as one line naming each field (None: it conforms)."""
        found = [v for v in self.kg.check_entry(entry, list(triples)) if v.severity == "Violation"]
        if not found:
            return None
        return "; ".join(f"{(v.path or '').rsplit('/', 1)[-1].rsplit('#', 1)[-1]}: {v.message()}" for v in found[:5])

    def _public_copy(self, entry: NamedNode, triples, curator: Account) -> list[Triple]:
        """What the public store receives: the draft, approved, reviewed by the curator's agent IRI, today."""
        return [*(t for t in triples if not (t.subject == entry and t.predicate in MANAGED)),
                Triple(entry, REVIEW_STATUS, _status(wf.APPROVED)),
                Triple(entry, REVIEWED_BY, NamedNode(curator.iri)),
                Triple(entry, REVIEWED_ON, pv.when(db.now().replace(microsecond=0)))]

    def transition(self, account: Account, entry: NamedNode, name: str, note: str = "",
                   *, between_writes=None) -> str:
        """Make transition `name` (workflow.TRANSITIONS) as `account`; returns the new state.

        Refused says why not; Conflict if the entry changed while this was decided.
        (An API token acts as its account restricted to one role: TokenUse.acting.)
        """
        decided = self._decide(account, entry, name, note)
        with self.engine.begin() as conn:    # the state, its audit row, its notification and the store writes
            act = store_writes.journal(conn, self._make(conn, decided))
        store_writes.finish(self.kg, self.engine, act, between_writes)
        return decided.target

    def _decide(self, account: Account, entry: NamedNode, name: str, note: str = "") -> _Decided:
        """Check that `account` may make transition `name` now and prepare all it writes (nothing written yet)."""
        if name in wf.PART_OF_AN_ACT:
            raise wf.Refused(name, "unknown")
        row = self._row(entry)
        actor = wf.Actor(account.id, account.roles if not account.disabled else ())
        draft = versions.get(self.engine, entry, row.version).triples
        public = self._public_copy(entry, draft, account) if name == "publish" else None
        facts = wf.check(name, {
            wf.VALID: lambda: self.violations(entry, public or [*draft, Triple(entry, REVIEW_STATUS,
                                                                                 _status(wf.SUBMITTED))]),
            wf.PUBLICATION_RULE: lambda: reviews.publication_refusal(self.history(entry), entry, row.version,
                                                                     self._conflicted(entry)),
            wf.PUBLIC_NOTE: lambda: None if note.strip() else "give a public note saying why the entry was withdrawn",
        })
        target = wf.apply(name, row.state, actor, row.submitter_id, facts)
        activity, done = pv.activity("StateChange", account.iri, db.now(), transition=pv.gcmc(name),
                                     fromState=pv.state(row.state), toState=pv.state(target),
                                     used=pv.version_iri(entry, row.version), comment=None)
        notify = wf.TRANSITIONS[name].notify
        submitter = self.accounts.by_id(row.submitter_id) if notify and row.submitter_id is not None else None
        return _Decided(account, entry, name, note.strip(), row, target, pv.graph(activity, entry, done),
                        public, [*draft, Triple(entry, REVIEW_STATUS, _status(target))], submitter)

    def _make(self, conn, decided: _Decided) -> list[StoreWrite]:
        """Make a decided transition in the caller's transaction (the state, if nobody changed it meanwhile,
        its audit row and notification); returns the store writes to journal with it."""
        d, entry = decided, decided.entry
        won = conn.execute(update(db.submissions).where(
            db.submissions.c.entry == entry.value, db.submissions.c.state == d.row.state,
            db.submissions.c.version == d.row.version).values(state=d.target, updated_at=db.now())).rowcount
        if not won:
            raise Conflict(f"{entry.value} changed while you were deciding; reload it")
        if d.name == "publish":
            writes = publication.move(entry, publication.PUBLISH, d.public, d.recorded)
        elif d.name == "unpublish":
            conn.execute(db.withdrawn_notes.delete().where(db.withdrawn_notes.c.entry == entry.value))
            conn.execute(insert(db.withdrawn_notes).values(entry=entry.value, note=d.note, at=db.now()))
            writes = publication.move(entry, publication.UNPUBLISH, d.copy, d.recorded)
        else:
            writes = [_in_review({entry: d.copy}, d.recorded)]
        self.accounts._audit(conn, d.account, f"entry.{d.name}", entry.value, {"from": d.row.state, "to": d.target})
        if d.submitter is not None:
            outbox.queue(conn, d.submitter.id, _language(d.submitter), wf.TRANSITIONS[d.name].notify, entry.value,
                         note=d.note)
        return writes

    def published_review(self, entry: NamedNode) -> reviews.RoundSummary | None:
        """The review behind the entry's latest publication, as a public page may tell it (None: never published)."""
        record = self.history(entry)
        published = [t.subject for t in record
                     if t.predicate == pv.gcmc("transition") and t.object == pv.gcmc("publish")]
        if not published:
            return None
        facts = {(t.subject, t.predicate): t.object for t in record if t.subject in published}
        latest = max(published, key=lambda a: pv.moment(facts[(a, pv.prov("startedAtTime"))]))
        version = int(facts[(latest, pv.prov("used"))].value.rsplit("/", 1)[-1])
        return reviews.round_summary(record, entry, version)

    def _conflicted(self, entry: NamedNode) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(db.accounts.c.iri).join(
                db.assignments, db.assignments.c.reviewer_id == db.accounts.c.id).where(
                db.assignments.c.entry == entry.value, db.assignments.c.conflict.is_(True))))

    def withdrawal_note(self, entry: NamedNode) -> str | None:
        """The public note of an unpublished entry (what its IRI answers with a 410)."""
        with self.engine.connect() as conn:
            return conn.scalar(select(db.withdrawn_notes.c.note).where(db.withdrawn_notes.c.entry == entry.value))

    # -- reviewers ----------------------------------------------------------------------
    def assign(self, curator: Account, entry: NamedNode, reviewer: Account, due: dt.datetime | None = None) -> None:
        """Assign a reviewer (a curator's act); a submitted entry goes into review with its first reviewer."""
        row = self._row(entry)
        if not curator.has(CURATOR) or curator.id == row.submitter_id:
            raise NotAllowed("only a curator other than the submitter assigns reviewers")
        if not reviewer.has(REVIEWER) or reviewer.affiliation is None:
            raise NotAllowed(f"{reviewer.iri} is not a reviewer")
        if reviewer.id == row.submitter_id:
            raise NotAllowed("nobody reviews or publishes their own submission")
        # A submitted entry goes into review with its first reviewer: one act, so a process killed half-way
        # never leaves it in review with nobody to review it.
        start = self._decide(curator, entry, "start_review") if row.state == wf.SUBMITTED else None
        if start is None and row.state != wf.IN_REVIEW:
            raise NotAllowed(f"an entry that is {wf.STATES[row.state]['en']} gets no reviewers")
        with self.engine.begin() as conn:
            if start is not None:
                writes = self._make(conn, start)
            elif conn.execute(update(db.submissions).where(db.submissions.c.entry == entry.value,
                                                           db.submissions.c.state == wf.IN_REVIEW)
                              .values(state=wf.IN_REVIEW)).rowcount:
                writes = []
            else:
                raise Conflict(f"{entry.value} changed while you were deciding; reload it")
            conn.execute(db.assignments.delete().where(db.assignments.c.entry == entry.value,
                                                       db.assignments.c.reviewer_id == reviewer.id))
            conn.execute(insert(db.assignments).values(entry=entry.value, reviewer_id=reviewer.id,
                                                       assigned_by=curator.id, assigned_at=db.now(), due=due))
            self.accounts._audit(conn, curator, "entry.assign", entry.value,
                                 {"reviewer": reviewer.iri, "due": f"{due:%Y-%m-%d}" if due else None})
            outbox.queue(conn, reviewer.id, _language(reviewer), "assigned", entry.value,
                         due=f"{due:%Y-%m-%d}" if due else "-")
            record, triples = pv.activity("Assignment", curator.iri, db.now(), assignee=reviewer.iri,
                                          used=pv.version_iri(entry, row.version))
            # start_review writes the review store only: its copy and record go in the same store write.
            act = store_writes.journal(conn, [_in_review(*(w.graphs for w in writes),
                                                         pv.graph(record, entry, triples))])
        store_writes.finish(self.kg, self.engine, act)

    def _assignment(self, reviewer: Account, entry: NamedNode):
        with self.engine.connect() as conn:
            found = conn.execute(select(db.assignments).where(db.assignments.c.entry == entry.value,
                                                             db.assignments.c.reviewer_id == reviewer.id)).first()
        if found is None or not reviewer.has(REVIEWER):
            raise NotAllowed("this entry is not assigned to you")
        return found

    def declare_conflict(self, reviewer: Account, entry: NamedNode, conflict: bool) -> None:
        """The reviewer's conflict-of-interest declaration, before seeing the entry; a conflict withdraws them."""
        self._assignment(reviewer, entry)
        with self.engine.begin() as conn:
            conn.execute(update(db.assignments).where(db.assignments.c.entry == entry.value,
                                                      db.assignments.c.reviewer_id == reviewer.id)
                         .values(conflict=conflict, declared_at=db.now()))
            record, triples = pv.activity("ConflictDeclaration", reviewer.iri, db.now(), conflictOfInterest=conflict)
            act = store_writes.journal(conn, [_in_review(pv.graph(record, entry, triples))])
        store_writes.finish(self.kg, self.engine, act)

    def open_for_review(self, reviewer: Account, entry: NamedNode) -> tuple[Triple, ...]:
        """The entry as its reviewer sees it: only once assigned, and after declaring no conflict."""
        assignment = self._assignment(reviewer, entry)
        if assignment.conflict is not False:
            raise NotAllowed("declare any conflict of interest before you open the entry")
        return self.draft(entry)[1]

    def review(self, reviewer: Account, entry: NamedNode, given: reviews.Review) -> NamedNode:
        """Record a review of the entry's current version (checked by the review shapes); returns its IRI."""
        assignment = self._assignment(reviewer, entry)
        row = self._row(entry)
        if assignment.conflict is not False:
            raise NotAllowed("declare any conflict of interest before you review; a declared conflict withdraws you")
        if row.state != wf.IN_REVIEW:
            raise NotAllowed(f"an entry that is {wf.STATES[row.state]['en']} is not being reviewed")
        record, triples = reviews.review_record(entry, row.version, given, reviewer.iri, reviewer.affiliation,
                                                assignment.declared_at, db.now())
        reviews.check_review(triples)
        with self.engine.begin() as conn:
            conn.execute(update(db.assignments).where(db.assignments.c.entry == entry.value,
                                                      db.assignments.c.reviewer_id == reviewer.id)
                         .values(reviewed_at=db.now()))
            act = store_writes.journal(conn, [_in_review(pv.graph(record, entry, triples))])
        store_writes.finish(self.kg, self.engine, act)
        return record
