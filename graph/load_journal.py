"""The journal that makes a load all or nothing, even when the process is killed half-way.

A load writes in several steps: one transaction replacing existing graphs, a
bulk write of new graphs (fast, but not a transaction), then the removal of
entries that moved between the public store and the review queue, on two
stores. Before the first step each store records, in a journal graph of its
own, what every graph the load will touch held before (its N-Triples, or
nothing if it did not exist). The load commits by dropping the public store's
journal, in one transaction; the review store's journal is dropped after.

When the knowledge graph is opened again after a crash (`recover`), a public
journal means the load never committed: both stores get back exactly what
their journals hold. A review journal alone means the load committed (or had
not started writing), so it is only dropped. Recovery is itself repeatable: a
store's graphs and its journal are restored in one transaction.

Each store keeps its own old versions, so a draft never passes through the
public store, not even in a journal.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from gcmkg.names import GCM, SYSTEM_GRAPH_PREFIX

from .store import Store

LOAD_JOURNAL = NamedNode(SYSTEM_GRAPH_PREFIX + "load-journal")
_LOAD_ID = NamedNode(GCM + "loadId")
_BEFORE = NamedNode(GCM + "contentBefore")


def begin(store: Store, load_id: str, graphs: Iterable[NamedNode], existing: set[str] | None = None) -> None:
    """Record, in one transaction, what each of `graphs` holds now (nothing, for a graph yet to be created).

    `existing` is the store's named graphs, if the caller has just read them.
    A load in chunks calls it once per chunk and store, all before its first write.
    """
    existing = store.named_graphs() if existing is None else existing
    quads = [Quad(LOAD_JOURNAL, _LOAD_ID, Literal(load_id), LOAD_JOURNAL)]
    for g in graphs:
        before = ""
        if g.value in existing:
            before = ox.serialize((q.triple for q in store.quads(g)), format=ox.RdfFormat.N_TRIPLES).decode()
        quads.append(Quad(g, _BEFORE, Literal(before), LOAD_JOURNAL))
    store.insert(quads)


def load_id(store: Store | None) -> str | None:
    """The id of the load whose journal `store` holds, or None."""
    if store is None:
        return None
    rows = store.select("SELECT ?id WHERE { GRAPH $j { $j $p ?id } }", {"j": LOAD_JOURNAL, "p": _LOAD_ID},
                        union=False)
    return rows[0]["id"].value if rows else None


def commit(store: Store | None) -> None:
    """Drop the journal: the load stands."""
    if store is not None and store.contains_graph(LOAD_JOURNAL):
        store.delete_graphs([LOAD_JOURNAL])


def roll_back(store: Store) -> int:
    """Put back every graph the journal names as it was, and drop the journal, in one transaction."""
    rows = store.select("SELECT ?g ?before WHERE { GRAPH $j { ?g $p ?before } }",
                        {"j": LOAD_JOURNAL, "p": _BEFORE}, union=False)
    graphs = {r["g"]: [q.triple for q in ox.parse(r["before"].value.encode(), format=ox.RdfFormat.N_TRIPLES)]
              for r in rows}
    graphs[LOAD_JOURNAL] = []
    store.replace_graphs(graphs)
    return len(rows)


def recover(public: Store, review: Store | None) -> int:
    """Undo a load that was interrupted before it committed; returns how many graphs were put back."""
    interrupted, queued = load_id(public), load_id(review)
    restored = 0
    if queued is not None:
        if queued == interrupted:
            restored += roll_back(review)
        else:
            commit(review)
    if interrupted is not None:
        restored += roll_back(public)
    return restored
