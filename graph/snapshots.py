"""Read-only snapshots of the on-disk public store, for query worker processes.

pyoxigraph forbids opening a store read-only while another process writes
it. A snapshot (Oxigraph's backup: hard links, cheap) has no writer, so the
SPARQL endpoint's worker processes can open it, and can be killed mid-query
without touching the live store. After each write the server takes a new
snapshot; older ones are kept a while for queries still running on them.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from .oxigraph_store import OxigraphStore

KEEP = 3


class Snapshots:
    def __init__(self, store: OxigraphStore, root: Path):
        self._store, self._root = store, Path(root)
        self._lock = threading.Lock()
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
            self._generation = generation
            for old in range(generation - KEEP, 0, -1):
                path = self._root / str(old)
                if not path.exists():
                    break
                shutil.rmtree(path, ignore_errors=True)
            return generation
