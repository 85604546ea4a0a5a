"""The search index saved beside the store, so a server starts in about a second instead of rebuilding.

Rebuilding the index of 100k practices reads every entry back out of Oxigraph
and re-tokenises every text: tens of seconds on two cores. Nothing in it
changes unless the store does, so the server writes the index to one file
after building it and when it stops, and reads that file at start-up when it
still describes the store:

- on the embedded store, the store's version token (`Store.version`) must be
  the one the index was built from; every write through gcmkg renews it;
- on a SPARQL server shared by several processes, the store's change log must
  still hold every change since the index's mark (a time of the log): the
  process's change follower starts there and brings the index up to date;
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
import pickle
from functools import lru_cache
from pathlib import Path

from .atomic_file import atomic_file
from .search_facets import declared

log = logging.getLogger(__name__)

FORMAT = 1
_CODE = ("search_index.py", "search_answers.py", "search_facet_index.py", "search_text_index.py",
         "search_queries.py", "search_facets.py", "search_saved_index.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the modules that decide what the index holds."""
    digest = hashlib.sha256(str(FORMAT).encode())
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update(repr(declared()).encode())       # a facet registered at start-up changes what is indexed
    return digest.hexdigest()[:16]


def write(path: Path, mark: str, state: dict) -> int:
    """Save `state` (SearchIndex.state) with the mark it is in step with; returns the file's size."""
    header = {"format": FORMAT, "code": code_fingerprint(), "mark": mark}
    with atomic_file(path) as out:
        pickle.dump(header, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
    return Path(path).stat().st_size


def read(path: Path) -> tuple[str, dict] | None:
    """(mark, state) saved in `path` by this code, or None (no file, another format, a damaged file).

    The caller decides whether the mark still describes the store.
    """
    path = Path(path)
    if not path.exists():
        return None
    try:
        with path.open("rb") as f:
            header = pickle.load(f)
            if not isinstance(header, dict) or (header.get("format"), header.get("code")) != (
                    FORMAT, code_fingerprint()):
                log.info("search index file %s was written by another version of gcmkg; rebuilding", path)
                return None
            return header.get("mark"), pickle.load(f)
    except Exception as error:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
        log.warning("search index file %s cannot be read (%s); rebuilding", path, error)
        return None
