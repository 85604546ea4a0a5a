"""Publishing and unpublishing: moving an entry between the review store and the public store, crash-safely.

The two stores are separate databases and no one transaction spans them, so
every move is journalled first in the curation database — in the same
transaction as the state change that causes it — with the very triples that
must end up where the entry goes. Then the destination is written, then the
source cleared, then the journal row removed. :func:`recover`, run whenever
the workbench opens the stores, redoes every move it finds; each step is
idempotent, so whatever the moment a process died, after the next open the
entry is in exactly one place, and it is where the workflow state says.

    publish:   journal -> public{entry}  -> review{-entry} -> -journal
    unpublish: journal -> review{entry}  -> public{-entry} -> -journal
"""

from __future__ import annotations

from collections.abc import Callable

from pyoxigraph import NamedNode, Triple
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from gcmkg.graph.knowledge_graph import KnowledgeGraph

from . import db
from .versions import from_text, to_text

PUBLISH, UNPUBLISH = "publish", "unpublish"


def journal(conn: Connection, entry: NamedNode, direction: str, triples) -> None:
    """Record a move inside the caller's transaction (with the state change it belongs to)."""
    conn.execute(delete(db.moves).where(db.moves.c.entry == entry.value))
    conn.execute(insert(db.moves).values(entry=entry.value, direction=direction, ntriples=to_text(triples),
                                         created_at=db.now()))


def finish(kg: KnowledgeGraph, engine: Engine, entry: NamedNode,
           between_writes: Callable[[], None] | None = None) -> None:
    """Carry out the journalled move of `entry` and clear its journal row.

    `between_writes` runs after the destination is written and before the
    source is cleared (the crash test stops the process there).
    """
    with engine.connect() as conn:
        row = conn.execute(select(db.moves).where(db.moves.c.entry == entry.value)).first()
    if row is None:
        return
    triples: list[Triple] = list(from_text(row.ntriples))
    source, target = (kg.review, kg.public) if row.direction == PUBLISH else (kg.public, kg.review)
    target.replace_graphs({entry: triples})
    if between_writes:
        between_writes()
    source.delete_graphs([entry])
    with engine.begin() as conn:
        conn.execute(delete(db.moves).where(db.moves.c.entry == entry.value))
    kg.announce([entry])


def pending(engine: Engine) -> list[tuple[NamedNode, str]]:
    """The moves a stopped process left unfinished: (entry, direction)."""
    with engine.connect() as conn:
        return [(NamedNode(r.entry), r.direction) for r in conn.execute(select(db.moves.c.entry, db.moves.c.direction))]


def recover(kg: KnowledgeGraph, engine: Engine) -> int:
    """Finish every interrupted move; returns how many there were."""
    moves = pending(engine)
    for entry, _ in moves:
        finish(kg, engine, entry)
    return len(moves)
