"""The search index saved beside the store, so a server starts in about a second instead of rebuilding.

Rebuilding the index of 100k practices reads every entry back out of Oxigraph
and re-tokenises every text: tens of seconds on two cores. Nothing in it
changes unless the store does, so the server writes the index to one file
after building it and when it stops, and reads that file at start-up when it
still describes the store:

- the store's version token (`Store.version`) must be the one the index was
  built from; every write through gcmkg gives the store a new token first;
- the code that builds the index must be the same (a fingerprint of its
  modules), so an upgrade that changes what is indexed rebuilds.

Anything else (no file, another version, a damaged or foreign file) rebuilds
from the store; the file is a cache, never the source of truth. It is written
to a temporary file and renamed, so a crash never leaves half a file. It is a
pickle: keep it where only the store's owner can write, like the store itself.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1
_CODE = ("search_index.py", "facet_index.py", "text_index.py", "search_queries.py", "saved_index.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the modules that decide what the index holds."""
    digest = hashlib.sha256(str(FORMAT).encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def write(path: Path, version: str, state: dict) -> int:
    """Save `state` (SearchIndex.state) as built from store version `version`; returns the file's size."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "code": code_fingerprint(), "version": version}
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(header, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path.stat().st_size


def read(path: Path, version: str | None) -> dict | None:
    """The saved state if `path` holds an index of store version `version` built by this code, else None."""
    path = Path(path)
    if version is None or not path.exists():
        return None
    try:
        with path.open("rb") as f:
            header = pickle.load(f)
            if header != {"format": FORMAT, "code": code_fingerprint(), "version": version}:
                log.info("search index file %s is out of date; rebuilding", path)
                return None
            return pickle.load(f)
    except Exception as error:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
        log.warning("search index file %s cannot be read (%s); rebuilding", path, error)
        return None
