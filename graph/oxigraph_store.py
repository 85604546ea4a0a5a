"""The embedded backend: pyoxigraph on disk (the default) or in memory (tests)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from gcmkg.names import JOURNAL_GRAPH

from .crash_points import crash_point
from .store import Row, Store, StoreError, _new_version_update, inline_bindings

_PENDING = NamedNode("https://w3id.org/gcmkg/ontology#pendingGraph")
_LOAD = NamedNode("https://w3id.org/gcmkg/graph/journal#interrupted-load")


class OxigraphStore(Store):
    """pyoxigraph's Store behind gcmkg's interface.

    An on-disk store can be opened read-write by one process only (RocksDB
    takes a lock); a second process gets a StoreError saying so.
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(f"the store {self.path} is in use by another process "
                                 "(an on-disk store has one writer; use a SPARQL server to share it)") from error
            raise StoreError(f"cannot open the store {self.path}: {error}") from error
        self._recover_interrupted_load()

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for the few callers that need Oxigraph itself (bench, SPARQL endpoint)."""
        return self._store

    # -- reading -----------------------------------------------------------
    def _query(self, query: str, bindings, union: bool):
        # Oxigraph's own substitutions only reach projected variables, so bound
        # values are written as escaped N-Triples terms, as for a remote store.
        try:
            return self._store.query(inline_bindings(query, bindings), use_default_graph_as_union=union)
        except SyntaxError as error:
            raise StoreError(f"malformed query: {error}") from error
        except OSError as error:
            raise StoreError(str(error)) from error

    def _select(self, query: str, bindings, union: bool) -> list[Row]:
        solutions = self._query(query, bindings, union)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    def _ask(self, query: str, bindings, union: bool) -> bool:
        return bool(self._query(query, bindings, union))

    def _construct(self, query: str, bindings, union: bool) -> list[Triple]:
        return list(self._query(query, bindings, union))

    def run(self, query: str, *, union: bool = True):
        return self._query(query, None, union)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def named_graphs(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, NamedNode)}

    def contains_graph(self, name: NamedNode) -> bool:
        return self._store.contains_named_graph(name)

    def types_of(self, iris: list[NamedNode]) -> list[Triple]:
        rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        return [q.triple for iri in iris for q in self._store.quads_for_pattern(iri, rdf_type, None, None)]

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output: BinaryIO, mime: str) -> None:
        fmt = ox.RdfFormat.from_media_type(mime)
        if fmt is None or not fmt.supports_datasets:
            raise ValueError(f"cannot dump a dataset as {mime!r}")
        self._store.dump(output, format=fmt)

    # -- writing -----------------------------------------------------------
    def insert(self, quads) -> None:
        self._store.extend(quads)   # one transaction

    def replace_graphs_from_nquads(self, names, nquads: bytes) -> None:
        names = list(names)
        if not nquads or any(self._store.contains_named_graph(n) for n in names):
            super().replace_graphs_from_nquads(names, nquads)
            return
        # Only new graphs (a batch of new drafts with their records): Oxigraph parses and writes them in one
        # transaction, several times faster than the same triples as a SPARQL update. The version changes
        # after, as replace_graphs's does, so that nothing derived from the old content keeps its version.
        self._load(nquads)
        self._update(_new_version_update())

    def _load(self, nquads: bytes) -> None:
        try:
            # lenient: the journal's text was written from terms pyoxigraph had already checked (25% faster)
            self._store.load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
        except (SyntaxError, OSError) as error:
            raise StoreError(f"load failed: {error}") from error

    def _add_new_graphs(self, quads: list[Quad]) -> None:
        names = {q.graph_name for q in quads if isinstance(q.graph_name, NamedNode)}
        # Journal first (one transaction), bulk-write, then clear the journal.
        self._store.extend(Quad(_LOAD, _PENDING, n, JOURNAL_GRAPH) for n in names)
        before = self._sst_bytes()
        self._store.bulk_extend(quads)
        crash_point("during-bulk-write")
        self._store.flush()
        self._store.remove_graph(JOURNAL_GRAPH)
        # A bulk write leaves overlapping files that slow every later read (about 1.2x on
        # filtered queries at 100k practices), and a query snapshot copies them as they are:
        # compact once the store has grown by a quarter. Compacting rewrites the whole store
        # (3-5 s at 4M quads, even after a small write), so small loads skip it.
        if self.path is not None and self._sst_bytes() - before >= before / 4:
            self._store.optimize()

    def _sst_bytes(self) -> int:
        """The size of the store's table files: a cheap measure of how much it holds."""
        total = 0
        for table in self.path.glob("*.sst") if self.path is not None else ():
            try:
                total += table.stat().st_size
            except FileNotFoundError:  # removed by a compaction meanwhile
                pass
        return total

    def _recover_interrupted_load(self) -> None:
        pending = [q.object for q in self._store.quads_for_pattern(_LOAD, _PENDING, None, JOURNAL_GRAPH)]
        if pending:
            self.delete_graphs(pending)
            self._store.remove_graph(JOURNAL_GRAPH)

    def _update(self, update: str) -> None:
        try:
            self._store.update(update)
        except (SyntaxError, OSError) as error:
            raise StoreError(f"update failed: {error}") from error

    def snapshot(self, target: str | os.PathLike) -> Path:
        """A consistent copy of the on-disk store in `target` (hard links: cheap), for read-only readers.

        pyoxigraph forbids opening a store read-only while another process
        writes it; a snapshot has no writer, so query worker processes may open
        it with `pyoxigraph.Store.read_only`.
        """
        if self.path is None:
            raise StoreError("an in-memory store cannot be snapshotted")
        self._store.flush()
        self._store.backup(str(target))
        return Path(target)

    def close(self) -> None:
        store = self.__dict__.pop("_store", None)
        if store is not None and self.path is not None:
            store.flush()
