"""The journal of store writes: what keeps an act that changes the curation database and the quad stores
all-or-nothing, even when the process is killed half-way.

The curation database and the two stores (public, review) are three databases and no one transaction
spans them. So an act (publishing, unpublishing, a merge) writes the database first, in one transaction
that holds its state changes, its versions, its audit rows AND the very graphs each store must end up
with (:func:`journal`). Then :func:`finish` applies each store write — whole named graphs replaced,
one store transaction each, so applying it twice changes nothing — and removes the act's rows.
:func:`recover`, run whenever the workbench opens the stores, finishes every act it finds: whatever the
moment a process died, after the next open the stores say what the database says, or the act never
happened (killed before the database's commit).

    act:  database{state, versions, audit, journal} -> public{graphs} -> review{graphs} -> -journal
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Triple
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from gcmkg.graph.knowledge_graph import KnowledgeGraph

from . import db

PUBLIC, REVIEW = "public", "review"


@dataclass(frozen=True)
class StoreWrite:
    """One store transaction: each named graph replaced by its triples (no triples: the graph is removed).
    A triple may be given as a (subject, predicate, object) tuple."""

    store: str                                                   # PUBLIC or REVIEW
    graphs: Mapping[NamedNode, Iterable[Triple | tuple]] = field(default_factory=dict)


def journal(conn: Connection, writes: Iterable[StoreWrite]) -> str:
    """Record store writes inside the caller's transaction (with the state change they belong to), to be
    applied in the order given; returns the act's id, for :func:`finish`."""
    act = uuid.uuid4().hex
    for write in writes:
        if not write.graphs:
            continue
        # Each term's str() is its N-Triples form, so this is the graphs as N-Quads (without making a Quad
        # object per triple: a batch of ingested drafts holds hundreds of thousands).
        nquads = "".join(f"{s} {p} {o} {name} .\n" for name, triples in write.graphs.items() for s, p, o in triples)
        conn.execute(insert(db.store_writes).values(
            act=act, store=write.store, graphs="\n".join(name.value for name in write.graphs), nquads=nquads,
            created_at=db.now()))
    return act


def finish(kg: KnowledgeGraph, engine: Engine, act: str,
           between_writes: Callable[[], None] | None = None) -> None:
    """Apply the journalled writes of `act`, in order, then clear its rows and announce the public graphs
    it changed. `between_writes` runs between two store writes (a crash test stops the process there)."""
    with engine.connect() as conn:
        rows = list(conn.execute(select(db.store_writes).where(db.store_writes.c.act == act)
                                 .order_by(db.store_writes.c.id)))
    changed: set[NamedNode] = set()
    for number, row in enumerate(rows):
        if number and between_writes:
            between_writes()
        graphs = [NamedNode(iri) for iri in row.graphs.splitlines()]
        (kg.public if row.store == PUBLIC else kg.review).replace_graphs_from_nquads(graphs, row.nquads.encode())
        if row.store == PUBLIC:
            changed.update(graphs)
    with engine.begin() as conn:
        conn.execute(delete(db.store_writes).where(db.store_writes.c.act == act))
    if changed:
        kg.announce(changed)


def pending(engine: Engine) -> list[str]:
    """The acts a stopped process left unfinished, oldest first."""
    with engine.connect() as conn:
        acts = conn.execute(select(db.store_writes.c.act).order_by(db.store_writes.c.id))
        return list(dict.fromkeys(acts.scalars()))


def recover(kg: KnowledgeGraph, engine: Engine) -> int:
    """Finish every interrupted act, oldest first; returns how many there were."""
    acts = pending(engine)
    for act in acts:
        finish(kg, engine, act)
    return len(acts)

