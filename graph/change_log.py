"""A log of changed entries kept in the store itself.

When several API processes serve one SPARQL server, each keeps its own search
index. Every write through any of them (or through the command line) records
the entries it changed, with the server's clock, in a graph of the store; each
process follows that graph about once a second and re-reads what changed. The
log is only kept on shared (remote) stores: an embedded store has one process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from pyoxigraph import Literal, NamedNode

from gcmkg.names import GCM, SYSTEM_GRAPH_PREFIX

from .store import Store, StoreError

CHANGES_GRAPH = NamedNode(SYSTEM_GRAPH_PREFIX + "changes")
CHUNK = 5000

_DATETIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
KEPT = timedelta(days=1)      # records older than this are dropped
_RECORD = f"""PREFIX gcm: <{GCM}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE {{ GRAPH {CHANGES_GRAPH} {{ ?old ?p ?o }} }}
WHERE {{ GRAPH {CHANGES_GRAPH} {{ ?old gcm:changedAt ?at ; ?p ?o }}
        BIND(NOW() - "PT{KEPT.total_seconds():.0f}S"^^xsd:dayTimeDuration AS ?cut)   # Virtuoso: not inside FILTER
        FILTER(?at < ?cut) }} ;
INSERT {{ GRAPH {CHANGES_GRAPH} {{ _:change gcm:changedAt ?now ; gcm:changedEntry %s }} }}
WHERE {{ BIND(NOW() AS ?now) }}"""

_SINCE = f"""PREFIX gcm: <{GCM}>
SELECT ?entry ?at WHERE {{ GRAPH {CHANGES_GRAPH} {{
  ?change gcm:changedAt ?at FILTER(?at > $from) ?change gcm:changedEntry ?entry }} }}"""

# Two writes can take their timestamps in one order and commit in the other, so each poll
# reads again this far before the newest record it saw, and skips the records it has seen.
OVERLAP_S = 5.0


def record(store: Store, iris: Iterable[str]) -> None:
    """Append the changed entries to the log (and drop records older than a day)."""
    iris = sorted(set(iris))
    for start in range(0, len(iris), CHUNK):
        objects = " , ".join(str(NamedNode(i)) for i in iris[start:start + CHUNK])
        store._update(_RECORD % objects)


def server_now(store: Store) -> Literal:
    return store.select("SELECT (NOW() AS ?now) WHERE {}")[0]["now"]


def still_holds(store: Store, since: str) -> bool:
    """Whether the log still holds every change made after `since` (an xsd:dateTime of the server's
    clock): records are dropped after a day, and an hour is kept in hand."""
    try:
        then = _instant(Literal(since))
    except ValueError:
        return False
    return _instant(server_now(store)) - then < KEPT - timedelta(hours=1)


class ChangeFollower:
    """Polls the log and hands the entries changed since the last poll to `on_change`.

    `since` (an xsd:dateTime of the server's clock, `server_now`) is where to
    start: a process reads it before it builds its search index, so that what
    others write during the build reaches the index once the follower starts.
    """

    def __init__(self, store: Store, on_change: Callable[[set[str]], None], *, interval_s: float = 1.0,
                 since: str | None = None):
        self._store, self._on_change, self._interval = store, on_change, interval_s
        self._since = Literal(since, datatype=_DATETIME) if since is not None else server_now(store)
        # (entry, at) of the records within the overlap already handed over. Those up to `since`
        # are in what the caller built from; of those, only the ones committed from now on count.
        start = _instant(self._since)
        self._seen: set[tuple[str, datetime]] = {(entry, at) for entry, at, _ in self._records() if at <= start}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gcmkg-change-follower", daemon=True)

    def start(self) -> ChangeFollower:
        self._thread.start()
        return self

    @property
    def since(self) -> Literal:
        """The time of the newest change handed over (or where following began)."""
        return self._since

    def _records(self) -> list[tuple[str, datetime, Literal]]:
        """(entry, when, when as the server wrote it) of the records from the overlap before `since` on."""
        # The overlap is subtracted here, not by the server: Virtuoso misreads a duration inside FILTER.
        start = _instant(self._since) - timedelta(seconds=OVERLAP_S)
        return [(r["entry"].value, _instant(r["at"]), r["at"])
                for r in self._store.select(_SINCE, {"from": Literal(start.isoformat(), datatype=_DATETIME)})]

    def poll(self) -> set[str]:
        records = self._records()
        fresh = {(entry, at) for entry, at, _ in records} - self._seen
        if not fresh:
            return set()
        newest = max(records, key=lambda r: r[1])[2]
        if _instant(newest) > _instant(self._since):
            self._since = newest
        horizon = _instant(self._since) - timedelta(seconds=OVERLAP_S)
        self._seen = {(entry, at) for entry, at in self._seen | fresh if at >= horizon}
        changed = {entry for entry, _ in fresh}
        self._on_change(changed)
        return changed

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.poll()
            except StoreError:
                pass  # the server is briefly unreachable: try again next tick

    def stop(self) -> None:
        """Stop following, once the poll under way (and the changes it hands over) is done."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=60)


def _instant(at: Literal) -> datetime:
    """An xsd:dateTime of the server's clock as a datetime (to the microsecond)."""
    return datetime.fromisoformat(at.value.replace("Z", "+00:00"))
