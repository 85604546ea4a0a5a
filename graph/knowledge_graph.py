"""The knowledge graph as curators and commands see it: published entries and a review queue.

Two stores, not one with a filter: the public store holds the ontology, the
vocabularies, organisations and approved entries, and nothing else, so no
public query can reach a draft however it is written. Entries that are
submitted, in review or rejected live in the review store until approved.

Every write is validated against the SHACL shapes first; a write that fails
validation changes nothing.
"""

from __future__ import annotations

import dataclasses
import threading
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from gcmkg.names import (APPROVED, ENTRY_CLASSES, INTERNATIONAL_INSTRUMENT, NATIONAL_NORM, PRACTICE, RDF_TYPE,
                         REVIEW_STATUS)
from gcmkg.shapes.validate import Violation, validate_dataset, validate_one

from . import load_journal
from .crash_points import crash_point
from .entries import Batch, split_entries
from .store import Store, StoreError, named_query
from .system_graphs import concept_context, system_graphs, vocabulary_quads


@dataclass
class SourcedViolation:
    source: str
    violation: Violation

    def line(self, lang: str = "en") -> str:
        v = self.violation
        parts = [f"{self.source}: {v.focus_node}"]
        if v.path:
            parts.append(f"property <{v.path}>")
        if v.value:
            parts.append(f"value {v.value}")
        return ", ".join(parts) + f": {v.message(lang)}"


class ValidationFailed(Exception):
    def __init__(self, violations: list[SourcedViolation]):
        self.violations = violations
        first = violations[0].line()
        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
        super().__init__(f"{first}{more}")


#: The problem of a link to a resource that is only a draft, whatever the shape's own message.
DRAFT_LINK = {
    "en": "{value} is still a draft under curation: an entry may only link published records. "
          "Have it published first, or choose a published one.",
    "es": "{value} todavía es un borrador en curaduría: una ficha solo puede enlazar registros publicados. "
          "Publíquelo primero o elija uno publicado.",
    "fr": "{value} est encore un brouillon en cours de curation : une fiche ne peut lier que des fiches publiées. "
          "Faites-le publier d'abord, ou choisissez-en une publiée.",
}


def still_a_draft(violation: Violation) -> Violation:
    """`violation` (about a link to a draft) with a message that says the linked resource is still a draft."""
    return dataclasses.replace(violation, messages={lang: text.format(value=violation.value.strip("<>"))
                                                    for lang, text in DRAFT_LINK.items()})


@dataclass
class LoadReport:
    entries: int = 0
    published: int = 0
    queued_for_review: int = 0
    replaced: int = 0
    quads: int = 0
    system_graphs: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    warnings: list[SourcedViolation] = field(default_factory=list)  # reported, not blocking
    violations: list[SourcedViolation] = field(default_factory=list)  # the load is refused
    unqueued: str | None = None  # the first draft found where there is no review store


def blocking(violations: list) -> list:
    """The results that refuse a write: violations, not warnings or infos."""
    return [v for v in violations if (v.violation if isinstance(v, SourcedViolation) else v).severity == "Violation"]


# What two entries must not share without a warning: a source document, a title (shapes/duplicates.ttl).
_DUPLICATE_KEYS = (NamedNode("http://purl.org/dc/terms/source"), NamedNode("http://purl.org/dc/terms/title"))
_OTHERS_STATING = named_query("entries stating the same", "SELECT DISTINCT ?other WHERE { ?other $p $o FILTER(?other != $entry) } LIMIT 10")
_STORED_SHARING = named_query("stored entries stating any of these",
                              "SELECT DISTINCT ?other ?o WHERE { VALUES ?o { $values } ?other $p ?o }")
_SHARING_CHUNK = 500   # values per query: a big load asks in slices


def _owned(violation: Violation, staging: ox.Store) -> Violation:
    """A problem about a blank node (an instrument's party record, an assessment) as a problem of the entry
    holding it: blank node ids mean nothing outside the validator's copy, and a load reports by entry."""
    node, seen = violation.focus_node, set()
    while node.startswith("_:") and node not in seen:
        seen.add(node)
        holder = next(staging.quads_for_pattern(None, None, ox.BlankNode(node[2:]), None), None)
        if holder is None:
            return violation
        node = str(holder.subject) if isinstance(holder.subject, ox.BlankNode) else holder.subject.value
    return dataclasses.replace(violation, focus_node=node) if node != violation.focus_node else violation


def _status(triples: Iterable[Triple]) -> NamedNode | None:
    return next((t.object for t in triples if t.predicate == REVIEW_STATUS), None)


def _is_public(triples: list[Triple]) -> bool:
    """Approved entries are public; so are organisations, which carry no review status."""
    status = _status(triples)
    return status == APPROVED or (status is None and not any(
        t.predicate == RDF_TYPE and t.object in (PRACTICE, NATIONAL_NORM, INTERNATIONAL_INSTRUMENT) for t in triples))


@dataclass
class _Write:
    """One store's share of a load: graphs to replace (one transaction), new graphs to bulk-add,
    and entries to remove because they moved to the other store."""

    store: Store
    replaced: dict
    new: list[Quad]
    leaving: list[NamedNode]
    entries_replaced: int
    existing: set[str]

    @classmethod
    def prepare(cls, store: Store, entries: dict, system: dict, elsewhere: Iterable[NamedNode],
                existing: set[str]) -> "_Write":
        """`existing`: the store's named graphs before the load (read once, however many chunks it has)."""
        replaced = {g: ts for g, ts in entries.items() if g.value in existing}
        count = len(replaced)
        replaced.update(system)
        new = [Quad(t.subject, t.predicate, t.object, g)
               for g, ts in entries.items() if g.value not in existing for t in ts]
        leaving = [g for g in elsewhere if g.value in existing]
        return cls(store, replaced, new, leaving, count, existing)

    def touched(self) -> set[NamedNode]:
        """Every graph this write changes: what the load journal must be able to put back."""
        return {*self.replaced, *(q.graph_name for q in self.new), *self.leaving}

    def run(self) -> int:
        if self.replaced:
            self.store.replace_graphs(self.replaced)
            crash_point("after-replace")
        if self.new:
            self.store.add_new_graphs(self.new)
            crash_point("after-bulk-write")
        if self.leaving:
            self.store.delete_graphs(self.leaving)
        return self.entries_replaced


class KnowledgeGraph:
    def __init__(self, public: Store, review: Store | None = None):
        self.public = public
        self.review = review
        self._listeners: list[Callable[[set[str]], None]] = []
        # Held by every write, and by a backup so that it sees both stores between two writes.
        self.writing = threading.RLock()

    def on_change(self, listener: Callable[[set[str]], None]) -> None:
        """Call `listener(iris)` after every write with the IRIs of the entries it changed.

        The server uses it to refresh the query snapshot and the search index at once.
        """
        self._listeners.append(listener)

    def _changed(self, iris) -> None:
        changed = {i.value if isinstance(i, NamedNode) else str(i) for i in iris}
        if self.public.shared and changed:
            from .change_log import record
            record(self.public, changed)  # other API processes on this server follow the log
        self.notify(changed)

    def announce(self, iris) -> None:
        """Say that these entries changed through a direct store write (the curation workflow's moves),
        as put_entry and load do: to this process's listeners and, on a shared store, to the others."""
        self._changed(iris)

    def notify(self, changed: set[str]) -> None:
        """Tell the listeners that these entries changed (here or, via the change log, elsewhere)."""
        for listener in self._listeners:
            listener(changed)

    def close(self) -> None:
        self.public.close()
        if self.review is not None:
            self.review.close()

    # -- set-up ------------------------------------------------------------
    def init(self) -> int:
        """Write (or refresh) the ontology, vocabularies and shapes graphs in one transaction."""
        graphs = system_graphs()
        with self.writing:
            self.public.replace_graphs(graphs)
        if self.public.shared:      # API processes on this server rebuild their search indexes
            from .change_log import record
            record(self.public, [g.value for g in graphs])
        return sum(map(len, graphs.values()))

    def is_initialised(self) -> bool:
        from gcmkg.names import ONTOLOGY_GRAPH
        return self.public.contains_graph(ONTOLOGY_GRAPH)

    # -- validation --------------------------------------------------------
    def check_files(self, files: list, types_from: ox.Store | None = None) -> list[Violation]:
        """Validate parsed files in bulk: the shapes compiled to SPARQL over an in-memory copy.

        The copy is loaded from the files' bytes, in Rust, so it can run on a
        second core while Python cuts the same files into entries. Graph names
        do not matter here: the checks read the union of all graphs.
        """
        staging = ox.Store()
        subjects: set = set()
        objects: set = set()
        for f in files:
            if f.data:
                staging.bulk_load(f.data, format=f.format, base_iri=f.base_iri)
            else:
                staging.bulk_extend(f.quads)
        staging.bulk_extend(vocabulary_quads())
        for f in files:
            for q in f.quads:
                subjects.add(q.subject)
                if isinstance(q.object, NamedNode) and q.predicate != RDF_TYPE:
                    objects.add(q.object)
        linked = objects - subjects
        staging.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in self._stored_types(linked))
        if types_from is not None:      # a chunk of a big load: entries of other chunks it links to
            staging.bulk_extend(ox.Quad(q.subject, q.predicate, q.object)
                                for iri in linked for q in types_from.quads_for_pattern(iri, RDF_TYPE, None, None))
        staging.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in self._stored_sharing(files))
        return [_owned(v, staging) for v in validate_dataset(staging)]

    def _stored_sharing(self, files: list) -> list[Triple]:
        """Stored entries' statements of a source or title that the files' entries state too: the duplicate
        warnings (shapes/duplicates.ttl) then see the entries already in either store, not only the batch.
        A stored entry the batch replaces adds the very statement the batch makes, so it warns of nothing."""
        found = []
        for predicate in _DUPLICATE_KEYS:
            values = sorted({q.object for f in files for q in f.quads if q.predicate == predicate}, key=str)
            for start in range(0, len(values), _SHARING_CHUNK):
                chunk = values[start:start + _SHARING_CHUNK]
                for store in (self.public, self.review):
                    if store is not None:
                        found += [Triple(r["other"], predicate, r["o"])
                                  for r in store.select(_STORED_SHARING, {"values": chunk, "p": predicate})]
        return found

    def check(self, batch: Batch, violations: list[Violation]) -> list[SourcedViolation]:
        """The violations about the batch's entries, each with the file it came from."""
        return [SourcedViolation(batch.sources.get(NamedNode(v.focus_node), "?"), v)
                for v in violations if NamedNode(v.focus_node) in batch.entries]

    def check_entry(self, entry: NamedNode, triples: list[Triple]) -> list[Violation]:
        """Validate one entry, given the concepts and published resources it links to, with the shapes
        compiled to SPARQL (shapes.validate.validate_one: what pyshacl reports, in a fraction of its time).

        A resource that is only a draft (in the review store) does not count as what it
        claims to be: once published, the entry would link to nothing public. The
        problem about such a link says that the resource is still a draft.
        """
        context = concept_context()
        data = list(triples)
        linked = {t.object for t in triples if isinstance(t.object, NamedNode) and t.predicate != RDF_TYPE}
        for iri in linked:
            data.extend(context.get(iri, ()))
        others = linked - {entry}
        published = self._stored_types(others, (self.public,))
        data.extend(published)
        data.extend(self._sharing(entry, triples))
        found = validate_one(entry.value, data)
        drafts = {str(t.subject) for t in self._stored_types(others, (self.review,))} - \
            {str(t.subject) for t in published}
        return [still_a_draft(v) if v.value in drafts else v for v in found]

    def _sharing(self, entry: NamedNode, triples: list[Triple]) -> list[Triple]:
        """Stored entries' statements of the same source or title as `entry`'s: the context the duplicate
        warnings (shapes/duplicates.ttl) need to see the other entries when one entry is validated alone."""
        found = []
        for t in triples:
            if t.subject != entry or t.predicate not in _DUPLICATE_KEYS:
                continue
            for store in (self.public, self.review):
                if store is None:
                    continue
                for r in store.select(_OTHERS_STATING, {"entry": entry, "p": t.predicate, "o": t.object}):
                    found.append(Triple(r["other"], t.predicate, t.object))
        return found

    def published_duplicates(self, entry: NamedNode, triples: list[Triple]) -> dict[NamedNode, set[str]]:
        """The published entries that share a source or a title with `entry` (what the duplicate warning
        is about), each with what it shares ("source", "title"): where a curator may merge it."""
        found: dict[NamedNode, set[str]] = {}
        for t in self._sharing(entry, triples):
            if self.public.contains_graph(t.subject):
                found.setdefault(t.subject, set()).add(t.predicate.value.rsplit("/", 1)[-1])
        return found

    def put_entry(self, entry: NamedNode, triples: list[Triple]) -> str:
        """Validate and write one entry atomically; returns 'public' or 'review' (where it went)."""
        violations = blocking(self.check_entry(entry, triples))
        if violations:
            raise ValidationFailed([SourcedViolation(str(entry), v) for v in violations])
        target, other = (self.public, self.review) if _is_public(triples) else (self.review, self.public)
        if target is None:
            raise StoreError(f"{entry} is not approved and this deployment has no review store")
        with self.writing:
            target.replace_graphs({entry: triples})
            if other is not None and other.contains_graph(entry):
                other.delete_graphs([entry])
        self._changed([entry])
        return "public" if target is self.public else "review"

    def _stored_types(self, iris: set, stores: tuple[Store | None, ...] | None = None) -> list[Triple]:
        """rdf:type of linked resources already stored (organisations, norms...), skipping vocabulary concepts;
        in both stores unless told which."""
        context = concept_context()
        wanted = sorted((n for n in iris if n not in context and isinstance(n, NamedNode)), key=lambda n: n.value)
        if not wanted:
            return []
        stores = (self.public, self.review) if stores is None else stores
        return [t for store in stores if store is not None for t in store.types_of(wanted)]

    # -- writing -----------------------------------------------------------
    def load(self, files: list, *, dry_run: bool = False,
             progress: Callable[[str], None] | None = None) -> LoadReport:
        """Validate and write parsed files (ingest.rdf_input.ParsedFile): all of them, or nothing.

        Files too big to hold in memory (ingest.rdf_input.LargeFile) are staged on disk and
        validated and written in chunks of entries (graph/streamed_load.py).
        """
        from gcmkg.ingest.rdf_input import LargeFile

        from .streamed_load import load_streamed
        if any(isinstance(f, LargeFile) for f in files):
            return load_streamed(self, files, dry_run=dry_run, progress=progress)
        say = progress or (lambda _msg: None)
        say(f"validating {sum(len(f.quads) for f in files):,} triples")
        with ThreadPoolExecutor(max_workers=1) as pool:
            # Validation runs in Rust on the other core; meanwhile Python cuts the files
            # into entries and prepares every write, so little is left once it answers.
            checking = pool.submit(self.check_files, files)
            batch = split_entries(files)
            existing = self.existing_graphs()
            writes, public, queued = self.plan(batch, existing)
            found = checking.result()
        report = LoadReport(quads=len(batch), system_graphs=len(batch.system))
        self.tally(report, batch, self.check(batch, found), public, queued)
        self.refuse(report)
        if dry_run:
            return report
        say(f"writing {report.quads:,} quads")
        self.write(lambda: [writes])
        report.replaced = sum(w.entries_replaced for w in writes)
        self._changed(batch.entries)
        return report

    def existing_graphs(self) -> dict[str, set[str]]:
        """The named graphs of each store, read once before a load plans its writes."""
        return {"public": self.public.named_graphs(),
                "review": self.review.named_graphs() if self.review is not None else set()}

    def plan(self, batch: Batch, existing: dict[str, set[str]]) -> tuple[list[_Write], dict, dict]:
        """The writes a batch makes in each store, with the entries that go public and to review."""
        public = {g: ts for g, ts in batch.entries.items() if _is_public(ts)}
        queued = {g: ts for g, ts in batch.entries.items() if g not in public}
        # An entry approved now leaves the queue; one sent back to review leaves the public graph.
        writes = [_Write.prepare(self.public, public, batch.system, queued, existing["public"])]
        if self.review is not None:
            writes.append(_Write.prepare(self.review, queued, {}, public, existing["review"]))
        return writes, public, queued

    def tally(self, report: LoadReport, batch: Batch, results: list[SourcedViolation],
              public: dict, queued: dict) -> None:
        """Add a batch's entries, classes and validation results to the report."""
        report.entries += len(batch.entries)
        report.published += len(public)
        report.queued_for_review += len(queued)
        for triples in batch.entries.values():
            for t in triples:
                if t.predicate == RDF_TYPE and t.object in ENTRY_CLASSES:
                    key = t.object.value.rsplit("#", 1)[-1]
                    report.by_class[key] = report.by_class.get(key, 0) + 1
        report.violations.extend(blocking(results))
        report.warnings.extend(r for r in results if r.violation.severity != "Violation")
        if queued and self.review is None and report.unqueued is None:
            first = next(iter(queued))
            report.unqueued = f"{batch.sources[first]}: {first}"

    def refuse(self, report: LoadReport) -> None:
        """Raise if the load may not be written: shape violations, or drafts with no review store."""
        if report.violations:
            raise ValidationFailed(report.violations)
        if report.unqueued is not None:
            raise StoreError(f"{report.unqueued} is not approved and this deployment has no "
                             "review store to queue it in")

    def write(self, plans: Callable[[], Iterable[list[_Write]]],
              touched: list[tuple[Store, set, set[str]]] | None = None) -> None:
        """Journal, then run, the writes that `plans()` yields (it may stream them, once per call).

        `touched`: (store, graphs the load changes there, the store's graphs before), review
        first, if the caller knows them; else they are read from the plans, in one more pass.
        """
        # Every touched graph is journalled before the first write, review first: the public
        # journal, dropped first once all is written, is the load's commit record (load_journal.py).
        if touched is None:
            touched = [(w.store, w.touched(), w.existing) for writes in plans() for w in reversed(writes)]
        load_id = uuid.uuid4().hex
        with self.writing:
            for store in (self.review, self.public):
                load_journal.commit(store)      # a journal left by a load that had committed
            for store, graphs, existing in touched:
                load_journal.begin(store, load_id, graphs, existing)
            crash_point("after-journal")
            for writes in plans():
                for write in writes:
                    write.run()
            crash_point("before-commit")
            load_journal.commit(self.public)
            crash_point("after-commit")
            load_journal.commit(self.review)

    def recover_interrupted_load(self) -> int:
        """Undo a load that a crash stopped before it committed (call when opening); returns graphs put back."""
        return load_journal.recover(self.public, self.review)

    def delete(self, entries: Iterable[NamedNode]) -> None:
        entries = list(entries)
        with self.writing:
            self.public.delete_graphs(entries)
            if self.review is not None:
                self.review.delete_graphs(entries)
        self._changed(entries)
