"""Writing the dataset to files, atomically: a reader never sees half a dump."""

from __future__ import annotations

import gzip
from pathlib import Path

from .atomic_file import atomic_file
from .store import Store


def export_dataset(store: Store, mime: str, target: Path, *, compress: bool = False) -> Path:
    """Dump the store to `target` through a temporary file renamed into place."""
    with atomic_file(target) as raw:
        if compress:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
                store.dump(out, mime)
        else:
            store.dump(raw, mime)
    return target
