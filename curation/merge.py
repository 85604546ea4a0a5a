"""Merging a duplicate into the entry it repeats: a curator's act, recorded, whose IRI then redirects.

Entry A (published) keeps its IRI and takes what the curator chooses of entry B (by default B's
sources, its titles in languages A lacks, and its links). B may be published too, or a duplicate
still under curation (a draft, submitted, in review, changes requested or rejected): either way it
leaves the public graph and the review queue, its workflow state becomes "merged", and its IRI
keeps only the redirect of graph/merges.py. Published entries that linked to B link to A instead, and
so do the drafts under curation (in the review queue) that linked to B: each gets a new version, saved
by the curator, that links to A, and a record in its history saying why.

The act is checked against the two entries as the curator saw them (`Preview.etag`, the API's
ETag): if either changed since, or A as it would be breaks the shapes (Invalid), nothing is written.

A merge is all-or-nothing, even under kill -9: one curation-database transaction holds every version it
saves (the re-pointed drafts', and those of published entries kept in step with their new public copy),
B's state change to "merged", the audit rows, and the journal (store_writes.py) of the store writes still
to do — the public store's graphs (A, B's redirect, the re-pointed entries) in one transaction, then the
review store's (the drafts' re-pointed copies, B's copy removed, the PROV-O records about the two entries
and each re-pointed draft) in another. A process killed before that commit leaves nothing; killed after,
the workbench's next open finishes the store writes.

    merge: database{versions, state, audit, journal} -> public{A, B, linking} -> review{drafts, -B, records}
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from pyoxigraph import NamedNode, Triple
from sqlalchemy import update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from gcmkg.graph import merges
from gcmkg.names import ENTRY_CLASSES

from . import db, store_writes, versions
from . import provenance as pv
from . import workflow as wf
from .accounts import CURATOR, Account
from .store_writes import StoreWrite
from .workbench import MANAGED, Conflict, NotAllowed, NotFound, Workbench


class Changed(Exception):
    """One of the two entries changed since the curator looked (the API's 412)."""

    def __init__(self, etag: str):
        self.etag = etag
        super().__init__("one of the two entries changed since you opened the merge; look at it again")


class UnknownField(ValueError):
    """A field to take that the merged entry does not offer (the API's 422 naming `take`)."""


class Invalid(ValueError):
    """The entry the merge would leave breaks the shapes (the API's 422 naming `take`): nothing is written."""


@dataclass(frozen=True)
class Preview:
    """What a merge of `merged` into `into` would do, as the curator sees it before deciding."""

    into: NamedNode
    merged: NamedNode
    kind: NamedNode                 # the class both are
    kept: tuple[Triple, ...]        # A's published triples
    taken: tuple[Triple, ...]       # B's triples (published, or its latest draft)
    offers: tuple[merges.Offer, ...]
    merged_state: str | None        # B's workflow state (None: published without going through curation)
    etag: str


def _published(bench: Workbench, entry: NamedNode) -> list[Triple]:
    return [q.triple for q in bench.kg.public.quads(entry)]


def _state(bench: Workbench, entry: NamedNode) -> str | None:
    try:
        return bench.state(entry)
    except NotFound:
        return None


def preview(bench: Workbench, into: NamedNode, merged: NamedNode) -> Preview:
    """What merging `merged` into `into` would take; refuses (NotFound, NotAllowed, Conflict) what cannot be."""
    if into == merged:
        raise NotAllowed("an entry cannot be merged into itself")
    kept = _published(bench, into)
    kind = merges.entry_class(kept, into, ENTRY_CLASSES)
    if kind is None:
        gone = merges.replacement(bench.kg.public, into)
        raise NotFound(f"{into.value} is not published" + (f"; it was merged into {gone.value}" if gone else ""))
    if _state(bench, into) not in (None, wf.APPROVED):
        raise Conflict(f"{into.value} has an update under review: finish it before merging another entry into it")
    gone = merges.replacement(bench.kg.public, merged)
    if gone is not None:
        raise Conflict(f"{merged.value} was already merged into {gone.value}")
    state = _state(bench, merged)
    if state is None or state == wf.APPROVED:
        taken = _published(bench, merged)
        if not taken:
            raise NotFound(f"{merged.value} is neither published nor under curation")
    elif wf.refusal("merge", state, wf.Actor(0, {CURATOR}), None) is None:
        taken = list(bench.draft(merged)[1])
    else:
        raise Conflict(f"{merged.value} is {wf.STATES[state]['en']}: there is nothing to merge")
    if merges.entry_class(taken, merged, [kind]) is None:
        raise NotAllowed(f"{merged.value} is not the same kind of entry as {into.value}: merge a practice into a "
                         "practice, a norm into a norm (a norm and the practice it enables are linked instead)")
    return Preview(into, merged, kind, tuple(kept), tuple(taken),
                   tuple(merges.offers(into, kept, merged, taken, kind.value)), state,
                   merges.fingerprint(kept, taken))


def merge(bench: Workbench, curator: Account, into: NamedNode, merged: NamedNode, etag: str,
          take: Collection[str] | None = None) -> Preview:
    """Merge `merged` into `into` as `curator`, taking the fields named in `take` (field keys; None: the
    preview's defaults). `etag` is the preview's: Changed if either entry changed since."""
    if not curator.has(CURATOR) or curator.disabled:
        raise NotAllowed("only a curator merges entries")
    seen = preview(bench, into, merged)
    if seen.etag != etag:
        raise Changed(seen.etag)
    offered = {o.key: o for o in seen.offers}
    unknown = sorted(set(take or ()) - set(offered))
    if unknown:
        raise UnknownField(f"{merged.value} has nothing to give in {', '.join(unknown)} "
                           f"(it offers: {', '.join(offered) or 'nothing'})")
    chosen = [o for o in seen.offers if (o.default if take is None else o.key in take)]
    public, review = bench.kg.public, bench.kg.review
    kept = merges.merged_entry(into, list(seen.kept), merged, list(seen.taken), chosen)
    # A's published copy must stay valid: B's end date may fall before A's start, say.
    broken = bench.violations(into, kept)
    if broken:
        raise Invalid(f"{into.value} would not be valid with what you chose to take: {broken}")
    graphs = {into: kept, merged: merges.redirect(merged, into)}
    for other in merges.linking_graphs(public, merged):
        if other != into:
            graphs[other] = merges.repointed((q.triple for q in public.quads(other)), merged, into)
    with bench.kg.writing:
        drafts = _drafts_linking(bench, merged, into)
        now = db.now()
        reviewed = {merged: []} if review.contains_graph(merged) else {}    # what the review store ends up with
        try:
            with bench.engine.begin() as conn:   # all of it, and the store writes to do, or nothing
                for entry, triples in graphs.items():   # the drafts of entries published through the workbench
                    if entry != merged:
                        _keep_draft_in_step(conn, bench, curator, entry, triples)
                for draft in drafts:
                    reviewed.update(_repoint(conn, bench, curator, draft, merged, into, now))
                if seen.merged_state is not None:
                    _mark_merged(conn, bench, curator, merged, seen.merged_state, into)
                took = [o.key for o in chosen]
                repointed = sorted({g.value for g in graphs if g not in (into, merged)}
                                   | {d.entry.value for d in drafts})
                bench.accounts._audit(conn, curator, "entry.merged_into", into.value,
                                      {"merged": merged.value, "took": took, "repointed": repointed})
                for about, link, other in ((merged, "mergedInto", into), (into, "absorbed", merged)):
                    record, triples = pv.activity("Merge", curator.iri, now, **{link: other.value})
                    reviewed.update(pv.graph(record, about, triples))
                act = store_writes.journal(conn, [StoreWrite(store_writes.PUBLIC, graphs),
                                                  StoreWrite(store_writes.REVIEW, reviewed)])
        except versions.StaleVersion as stale:
            raise Conflict(f"{stale.entry} changed while you were merging; look at it again") from None
        except IntegrityError:      # a version saved by someone else between our read and our commit
            raise Conflict("an entry changed while you were merging; look at it again") from None
        store_writes.finish(bench.kg, bench.engine, act)
    return seen


@dataclass(frozen=True)
class _Draft:
    """A draft under curation that links to the merged entry, as the merge found it."""

    entry: NamedNode
    state: str
    version: int
    triples: tuple[Triple, ...]      # its latest version
    copy: tuple[Triple, ...]         # its review-store copy


def _drafts_linking(bench: Workbench, merged: NamedNode, into: NamedNode) -> list[_Draft]:
    """The drafts under curation (not yet published) whose latest version links to `merged`."""
    review = bench.kg.review
    found = []
    for entry in merges.linking_graphs(review, merged):   # also the curation records about `merged`: not entries
        state = _state(bench, entry)
        if state in (None, wf.APPROVED, wf.MERGED) or entry == into:
            continue        # not under curation, published (re-pointed with the public store), or gone
        version, triples = bench.draft(entry)
        if any(t.object == merged for t in triples):
            found.append(_Draft(entry, state, version, triples, tuple(q.triple for q in review.quads(entry))))
    return found


def _current(conn: Connection, entry: NamedNode, state: str, number: int) -> None:
    """Make version `number` the entry's current one, if it is still in `state` (else Conflict)."""
    if not conn.execute(update(db.submissions).where(db.submissions.c.entry == entry.value,
                                                     db.submissions.c.state == state)
                        .values(version=number, updated_at=db.now())).rowcount:
        raise Conflict(f"{entry.value} changed while you were merging; look at it again")


def _repoint(conn: Connection, bench: Workbench, curator: Account, draft: _Draft, merged: NamedNode,
             into: NamedNode, now) -> dict[NamedNode, list[Triple]]:
    """Save, in the merge's transaction, a version of `draft` linking to `into` instead of `merged`, by the
    curator; returns what the review store gets: its copy re-pointed (so reviewers read the same), the
    version's record and a record of why."""
    number = versions.add(conn, draft.entry, merges.repointed(draft.triples, merged, into), draft.version,
                          curator.id)
    _current(conn, draft.entry, draft.state, number)
    version, saved = pv.version_record(draft.entry, number, curator.iri, now)
    record, why = pv.activity("Repoint", curator.iri, now, linkedTo=merged.value, mergedInto=into.value,
                              version=version)
    return {draft.entry: merges.repointed(draft.copy, merged, into),
            **pv.graph(pv.new_record(), draft.entry, saved), **pv.graph(record, draft.entry, why)}


def _keep_draft_in_step(conn: Connection, bench: Workbench, curator: Account, entry: NamedNode,
                        published: list[Triple]) -> None:
    """A published entry under curation gets a version equal to what is now public, so that its next
    update starts from the merged entry rather than bringing back what the merge changed."""
    if _state(bench, entry) != wf.APPROVED:
        return
    version, _ = bench.draft(entry)
    draft = [t for t in published if not (t.subject == entry and t.predicate in MANAGED)]
    _current(conn, entry, wf.APPROVED, versions.add(conn, entry, draft, version, curator.id))


def _mark_merged(conn: Connection, bench: Workbench, curator: Account, merged: NamedNode, state: str,
                 into: NamedNode) -> None:
    row = bench._row(merged)
    wf.apply("merge", state, wf.Actor(curator.id, curator.roles), row.submitter_id)
    if not conn.execute(update(db.submissions).where(db.submissions.c.entry == merged.value,
                                                     db.submissions.c.state == state)
                        .values(state=wf.MERGED, updated_at=db.now())).rowcount:
        raise Conflict(f"{merged.value} changed while you were merging; look at it again")
    bench.accounts._audit(conn, curator, "entry.merge", merged.value, {"from": state, "to": wf.MERGED,
                                                                      "into": into.value})


def merges_of(bench: Workbench, entry: NamedNode) -> list[dict]:
    """The merges recorded about `entry`: who (an agent IRI), when, and the other entry (`merged_into`,
    `absorbed`); for a draft whose link was re-pointed, the entry it linked to and the one it links to now."""
    record = bench.history(entry)
    facts: dict = {}
    for t in record:
        facts.setdefault(t.subject, {})[t.predicate.value] = t.object
    found = []
    for activity, values in facts.items():
        kinds = {t.object for t in record if t.subject == activity and t.predicate == pv.RDF_TYPE}
        if pv.gcmc("Repoint") in kinds:       # a draft that linked to an entry merged into another
            found.append({"agent": values[pv.PROV + "wasAssociatedWith"].value,
                          "at": pv.moment(values[pv.PROV + "startedAtTime"]),
                          "linked_to": values[pv.GCMC + "linkedTo"].value,
                          "now_links_to": values[pv.GCMC + "mergedInto"].value})
            continue
        if pv.gcmc("Merge") not in kinds:
            continue
        link = "mergedInto" if pv.GCMC + "mergedInto" in values else "absorbed"
        found.append({"agent": values[pv.PROV + "wasAssociatedWith"].value,
                      "at": pv.moment(values[pv.PROV + "startedAtTime"]),
                      "merged_into" if link == "mergedInto" else "absorbed": values[pv.GCMC + link].value})
    return sorted(found, key=lambda m: m["at"])
