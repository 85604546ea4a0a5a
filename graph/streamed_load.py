"""Loading files too big to hold in memory: staged on disk, validated and written in chunks of entries.

A file held in memory as Python quads takes about 16 times its size. Instead
the files are bulk-loaded (in Rust, streaming) into a temporary on-disk
Oxigraph store; the entries are then read back a chunk at a time, each entry
with every statement about it and the blank nodes hanging from it, whatever
their order in the file. Validation is per entry, so each chunk is validated
on its own, with the types of what it links to looked up in the staged files
and the store. Only if every chunk is valid is anything written: the load
journal (load_journal.py) records every graph it will touch, chunk by chunk,
before the first write, so the load stays all or nothing however many chunks
it writes.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from pyoxigraph import BlankNode, NamedNode, Triple

from gcmkg.ingest.rdf_input import LargeFile, ParsedFile, syntax_error
from gcmkg.names import ENTRY_CLASSES, RDF_TYPE, is_system_graph

from .entries import EntryError, split_entries

CHUNK_ENTRIES = 2000   # about 90k triples of practices: ~60 MB of Python objects at a time
STAGING_BATCH = 100_000   # quads staged per bulk write


@dataclass
class _Staged:
    store: ox.Store
    entries: dict[NamedNode, str] = field(default_factory=dict)    # entry -> the file it first appears in
    system: dict[NamedNode, list[Triple]] = field(default_factory=dict)
    quads: int = 0          # quads outside system graphs: every one must belong to an entry


def _stage(files: list, directory: str, say: Callable[[str], None]) -> _Staged:
    staged = _Staged(ox.Store(directory))
    for f in files:
        if isinstance(f, LargeFile):
            say(f"staging {f.source}")
            try:
                # In batches: Oxigraph's bulk loader buffers a million quads per thread before it
                # writes (a 189 MB file peaked at 943 MiB when staged in one call).
                quads = ox.parse(path=str(f.path), format=f.format, base_iri=f.base_iri)
                while batch := list(itertools.islice(quads, STAGING_BATCH)):
                    staged.store.bulk_extend(batch)
            except SyntaxError as error:
                raise syntax_error(error, f.source) from None
        else:
            staged.store.bulk_extend(f.quads)
        for cls in ENTRY_CLASSES:
            for q in staged.store.quads_for_pattern(None, RDF_TYPE, cls, None):
                if isinstance(q.subject, NamedNode):
                    staged.entries.setdefault(q.subject, f.source)
    for g in staged.store.named_graphs():
        if isinstance(g, NamedNode) and is_system_graph(g.value):
            staged.system[g] = [q.triple for q in staged.store.quads_for_pattern(None, None, None, g)]
    staged.quads = len(staged.store) - sum(map(len, staged.system.values()))
    return staged


def _chunks(staged: _Staged) -> Iterator[list[ParsedFile]]:
    """The staged entries, CHUNK_ENTRIES at a time, as parsed files (one per source) that split into entries."""
    owner: dict[BlankNode, NamedNode] = {}
    entries = list(staged.entries)
    for start in range(0, max(len(entries), 1), CHUNK_ENTRIES):
        by_source: dict[str, list[ox.Quad]] = {}
        for entry in entries[start:start + CHUNK_ENTRIES]:
            quads = by_source.setdefault(staged.entries[entry], [])
            stack, visited = [entry], set()
            while stack:
                for q in staged.store.quads_for_pattern(stack.pop(), None, None, None):
                    if isinstance(q.graph_name, NamedNode) and is_system_graph(q.graph_name.value):
                        continue
                    quads.append(q)
                    o = q.object
                    if isinstance(o, BlankNode):
                        first = owner.setdefault(o, entry)
                        if first != entry:
                            raise EntryError(f"{staged.entries[entry]}: blank node _:{o.value} is shared by "
                                             f"{first} and {entry}; give it an IRI or copy it")
                        if o not in visited:
                            visited.add(o)
                            stack.append(o)
        if start == 0 and staged.system:
            by_source.setdefault(next(iter(by_source), "system graphs"), []).extend(
                ox.Quad(t.subject, t.predicate, t.object, g) for g, ts in staged.system.items() for t in ts)
        yield [ParsedFile(source, quads) for source, quads in by_source.items()]


def _orphan(staged: _Staged, owned: set) -> EntryError:
    for q in staged.store:
        if q.subject not in staged.entries and q.subject not in owned and not (
                isinstance(q.graph_name, NamedNode) and is_system_graph(q.graph_name.value)):
            return EntryError(f"statements about {q.subject} belong to no entry; an entry is a resource typed "
                              "gcm:Practice, gcm:NationalNorm or org:Organization")
    return EntryError("some statements belong to no entry")


def load_streamed(kg, files: list, *, dry_run: bool = False, progress: Callable[[str], None] | None = None):
    """KnowledgeGraph.load for files that include LargeFiles: the same checks and result, in bounded memory."""
    from .knowledge_graph import LoadReport
    say = progress or (lambda _msg: None)
    with tempfile.TemporaryDirectory(prefix="gcmkg-staging-") as directory:
        staged = _stage(files, directory, say)
        say(f"validating {staged.quads + sum(map(len, staged.system.values())):,} triples "
            f"in chunks of {CHUNK_ENTRIES:,} entries")
        existing = kg.existing_graphs()
        report = LoadReport(system_graphs=len(staged.system))
        seen, going_public, going_to_review = 0, set(), set()
        for chunk in _chunks(staged):
            batch = split_entries(chunk)
            seen += sum(len(f.quads) for f in chunk)
            _, public, queued = kg.plan(batch, existing)
            going_public.update(public)
            going_to_review.update(queued)
            kg.tally(report, batch, kg.check(batch, kg.check_files(chunk, types_from=staged.store)), public, queued)
            report.quads += len(batch)
        if seen - sum(map(len, staged.system.values())) != staged.quads:
            raise _orphan(staged, {q.subject for chunk in _chunks(staged) for f in chunk for q in f.quads})
        kg.refuse(report)
        if dry_run:
            return report
        say(f"writing {report.quads:,} quads")
        replaced = []

        def plans():
            replaced.clear()
            for chunk in _chunks(staged):
                writes = kg.plan(split_entries(chunk), existing)[0]
                replaced.append(sum(w.entries_replaced for w in writes))
                yield writes

        # What the journal must restore, known without reading the chunks once more.
        touched = [(kg.public, going_public | set(staged.system)
                    | {g for g in going_to_review if g.value in existing["public"]}, existing["public"])]
        if kg.review is not None:
            touched.insert(0, (kg.review, going_to_review | {g for g in going_public if g.value in existing["review"]},
                               existing["review"]))
        kg.write(plans, touched)
        report.replaced = sum(replaced)
        entries = staged.entries
        del staged          # closes the staging store before its directory goes
    kg._changed(entries)
    return report
