"""Read-only snapshots of the on-disk public store, for query worker processes.

pyoxigraph forbids opening a store read-only while another process writes
it. A snapshot (Oxigraph's backup: hard links, cheap) has no writer, so the
SPARQL endpoint's worker processes can open it, and can be killed mid-query
without touching the live store. After each write the server takes a new
snapshot. Workers read a snapshot lazily, so an old one is removed only once
no query that started on it can still be running (`grace_s` after it was
superseded: the query timeout plus a margin).
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from .oxigraph_store import OxigraphStore


class Snapshots:
    def __init__(self, store: OxigraphStore, root: Path, *, grace_s: float = 60.0):
        self._store, self._root, self._grace = store, Path(root), grace_s
        self._lock = threading.Lock()
        self._superseded: list[tuple[int, float]] = []
        shutil.rmtree(self._root, ignore_errors=True)
        self._root.mkdir(parents=True)
        self._generation = 0
        self.refresh()

    def current(self) -> tuple[str, int]:
        """The newest snapshot directory and its generation number."""
        with self._lock:
            return str(self._root / str(self._generation)), self._generation

    def refresh(self) -> int:
        """Snapshot the store as it is now (call after every write); returns the new generation."""
        with self._lock:
            generation = self._generation + 1
            self._store.snapshot(self._root / str(generation))
            now = time.monotonic()
            if self._generation:
                self._superseded.append((self._generation, now))
            self._generation = generation
            keep = []
            for old, since in self._superseded:
                if now - since > self._grace:
                    shutil.rmtree(self._root / str(old), ignore_errors=True)
                else:
                    keep.append((old, since))
            self._superseded = keep
            return generation
