"""Every save of a draft is a version; two versions differ by the values added and removed in each field.

Versions are rows of the curation database, not graphs of the review store:
saving from version N inserts version N+1, and the database's primary key
(entry, number) makes that insert the optimistic lock — of two saves made from
the same version, exactly one succeeds, across processes and machines, which a
quad store cannot promise without a transaction spanning a read and a write.
A version's text is the entry's N-Triples, so it reads back exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import NamedNode, RdfFormat, Triple, parse, serialize
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from gcmkg.names import RDF_TYPE

from . import db


class StaleVersion(Exception):
    """A save made from a version that is no longer the latest; it carries what the user sent."""

    def __init__(self, entry: str, based_on: int, latest: int, sent: list[Triple]):
        self.entry, self.based_on, self.latest, self.sent = entry, based_on, latest, sent
        super().__init__(f"{entry} was saved by someone else since you opened it (you edited version "
                         f"{based_on}, the latest is {latest}); your changes were not saved")


@dataclass(frozen=True)
class Version:
    entry: str
    number: int
    author_id: int | None
    created_at: dt.datetime
    triples: tuple[Triple, ...]


def to_text(triples) -> str:
    """Triples as sorted N-Triples (the same entry gives the same text)."""
    lines = serialize(list(triples), format=RdfFormat.N_TRIPLES).decode().splitlines()
    return "\n".join(sorted(set(lines))) + "\n"


def from_text(text: str) -> tuple[Triple, ...]:
    return tuple(q.triple for q in parse(text.encode(), format=RdfFormat.N_TRIPLES))


def latest_number(engine: Engine, entry: NamedNode) -> int:
    """The latest version's number (0: never saved)."""
    with engine.connect() as conn:
        return conn.scalar(select(func.coalesce(func.max(db.versions.c.number), 0))
                           .where(db.versions.c.entry == entry.value))


def save(engine: Engine, entry: NamedNode, triples, based_on: int, author_id: int | None,
         also: Callable[[Connection, int], None] | None = None) -> int:
    """Store a new version made from version `based_on` (0 for a new entry); returns its number.

    Raises StaleVersion if another save made `based_on` stale. `also(conn, number)`
    runs in the same transaction (the workbench moves the entry's current version
    with it), and whatever it raises undoes the save.
    """
    triples = list(triples)
    try:
        with engine.begin() as conn:
            number = add(conn, entry, triples, based_on, author_id)
            if also is not None:
                also(conn, number)
    except IntegrityError:   # a save from the same version committed between our read and our insert
        raise StaleVersion(entry.value, based_on, latest_number(engine, entry), triples) from None
    return number


def add(conn: Connection, entry: NamedNode, triples, based_on: int, author_id: int | None) -> int:
    """`save` inside the caller's transaction (an act that saves several versions at once); returns the
    number. StaleVersion if `based_on` is not the latest; a save from the same version committed meanwhile
    makes the insert or the commit raise IntegrityError."""
    triples = list(triples)
    latest = conn.scalar(select(func.coalesce(func.max(db.versions.c.number), 0))
                         .where(db.versions.c.entry == entry.value))
    if latest != based_on:
        raise StaleVersion(entry.value, based_on, latest, triples)
    conn.execute(insert(db.versions).values(entry=entry.value, number=based_on + 1, author_id=author_id,
                                            created_at=db.now(), ntriples=to_text(triples)))
    return based_on + 1


def history(engine: Engine, entry: NamedNode) -> list[Version]:
    """Every version of an entry, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(db.versions).where(db.versions.c.entry == entry.value)
                            .order_by(db.versions.c.number))
        return [Version(r.entry, r.number, r.author_id, r.created_at, from_text(r.ntriples)) for r in rows]


def get(engine: Engine, entry: NamedNode, number: int) -> Version:
    """One version (KeyError if there is no such version)."""
    with engine.connect() as conn:
        row = conn.execute(select(db.versions).where(db.versions.c.entry == entry.value,
                                                     db.versions.c.number == number)).first()
    if row is None:
        raise KeyError(f"{entry.value} has no version {number}")
    return Version(row.entry, row.number, row.author_id, row.created_at, from_text(row.ntriples))


@dataclass(frozen=True)
class FieldChange:
    key: str          # the field's key from shapes/fields.py (the property IRI for a property no shape names)
    path: str
    added: tuple[str, ...]     # values in N-Triples form
    removed: tuple[str, ...]

    def name(self, lang: str = "en") -> str:
        from gcmkg.shapes.fields import fields_for
        return next((f.name(lang) for c in _CLASSES for f in fields_for(c) if f.path == self.path), self.key)


_CLASSES = ("https://w3id.org/gcmkg/ontology#Practice", "https://w3id.org/gcmkg/ontology#NationalNorm",
            "http://www.w3.org/ns/org#Organization")


def diff(old, new, entry: NamedNode) -> list[FieldChange]:
    """What changed about `entry` from `old` to `new` triples: added and removed values per field,
    in the order of the entry's form (shapes/fields.py), then properties no shape names."""
    from gcmkg.shapes.fields import fields_for

    def values(triples) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for t in triples:
            if t.subject == entry:
                found.setdefault(t.predicate.value, set()).add(str(t.object))
        return found

    before, after = values(old), values(new)
    kinds = {t.object.value for t in (*old, *new) if t.subject == entry and t.predicate == RDF_TYPE}
    ordered = [(f.key, f.path) for c in _CLASSES if c in kinds for f in fields_for(c)]
    known = {path for _, path in ordered}
    ordered += [(p, p) for p in sorted((before.keys() | after.keys()) - known)]
    changes = []
    for key, path in ordered:
        a, b = before.get(path, set()), after.get(path, set())
        if a != b:
            changes.append(FieldChange(key, path, tuple(sorted(b - a)), tuple(sorted(a - b))))
    return changes
