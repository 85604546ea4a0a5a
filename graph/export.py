"""Writing the dataset to files, atomically: a reader never sees half a dump."""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

from .store import Store


def export_dataset(store: Store, mime: str, target: Path, *, compress: bool = False) -> Path:
    """Dump the store to `target` through a temporary file renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as raw:
            if compress:
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
                    store.dump(out, mime)
            else:
                store.dump(raw, mime)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
