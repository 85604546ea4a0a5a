"""Files replaced whole or not at all: a reader never sees half of one, a crash leaves the old one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A file to write that takes the place of `target` once the block ends without an error.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> with atomic_file(folder / "a.txt") as out:
    ...     _ = out.write(b"whole")
    >>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'whole', ['a.txt'])
    >>> try:
    ...     with atomic_file(folder / "a.txt") as out:
    ...         _ = out.write(b"half")
    ...         raise OSError("disk full")
    ... except OSError:
    ...     pass
    >>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'whole', ['a.txt'])
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
