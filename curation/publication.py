"""Publishing and unpublishing: moving an entry between the review store and the public store, crash-safely.

A move is journalled (store_writes.py) in the same transaction as the state change that causes it, with
the very triples that must end up where the entry goes; then the destination is written, then the source
cleared, then the journal row removed. Whatever the moment a process died, after the next open the entry
is in exactly one place, and it is where the workflow state says.

    publish:   journal -> public{entry}  -> review{-entry} -> -journal
    unpublish: journal -> review{entry}  -> public{-entry} -> -journal
"""

from __future__ import annotations

from pyoxigraph import NamedNode
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from . import db
from . import store_writes as sw
from .versions import from_text

PUBLISH, UNPUBLISH = "publish", "unpublish"


def move(entry: NamedNode, direction: str, triples, recorded: dict | None = None) -> list[sw.StoreWrite]:
    """The store writes of a move, to journal with the state change that causes it: the destination written,
    then the source cleared. `recorded` (the transition's record) goes to the review store with the entry."""
    there, gone, recorded = {entry: list(triples)}, {entry: []}, recorded or {}
    if direction == PUBLISH:
        return [sw.StoreWrite(sw.PUBLIC, there), sw.StoreWrite(sw.REVIEW, {**gone, **recorded})]
    return [sw.StoreWrite(sw.REVIEW, {**there, **recorded}), sw.StoreWrite(sw.PUBLIC, gone)]


def adopt_moves(engine: Engine) -> None:
    """Journal as store writes the moves a stopped 0.2.0 left in its own journal (the table `moves`), for
    the recovery to finish them."""
    with engine.begin() as conn:
        for row in conn.execute(select(db.moves)).all():
            sw.journal(conn, move(NamedNode(row.entry), row.direction, from_text(row.ntriples)))
            conn.execute(delete(db.moves).where(db.moves.c.entry == row.entry))
