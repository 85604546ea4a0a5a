"""Backups of the embedded store, taken while the server runs, and restores that are all or nothing.

A backup is a directory holding an Oxigraph backup of each store (public/ and
review/: RocksDB checkpoints, consistent, hard-linked where they can be) and
`gcmkg-backup.json` with the number of quads in each, counted on the backup.

An on-disk store has one writer: while `gcmkg serve` runs, no other process
can open it, not even to back it up. So the server listens on a Unix socket
inside the store directory (`backup.sock`, readable and writable by its owner
only, so only who may read the store files may ask) and takes the backup
itself; `gcmkg backup` opens the store if it is free and asks the server
otherwise. No HTTP route, so nothing on the network can trigger a backup.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import socket
import socketserver
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox

from .store import StoreError

MANIFEST = "gcmkg-backup.json"
SOCKET = "backup.sock"
STORES = ("public", "review")


def backup(kg, target: Path) -> dict[str, int]:
    """Back up the knowledge graph's embedded stores into the new directory `target`; returns quads per store.

    Written beside `target` and renamed into place, so `target` is either a whole backup or absent.
    """
    target = Path(target).absolute()
    if target.exists():
        raise StoreError(f"{target} already exists; give a new directory for the backup")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial"))
    try:
        with kg.writing:  # no write between the two stores' backups: they agree with each other
            for name, store in (("public", kg.public), ("review", kg.review)):
                if getattr(store, "path", None) is None:
                    raise StoreError("only an embedded on-disk store can be backed up this way; back up a "
                                     "SPARQL server with its own tools")
                store.raw.flush()
                store.raw.backup(str(partial / name))
        counts = {name: len(ox.Store.read_only(str(partial / name))) for name in STORES}
        (partial / MANIFEST).write_text(json.dumps({"format": 1, "quads": counts}, indent=2) + "\n")
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return counts


def read_manifest(source: Path) -> dict[str, int]:
    """The quads per store that the backup in `source` says it holds; StoreError if it is not a backup."""
    try:
        counts = json.loads((Path(source) / MANIFEST).read_text())["quads"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreError(f"{source} is not a gcmkg backup (no readable {MANIFEST}: {error})") from None
    if not all(isinstance(counts.get(name), int) and (Path(source) / name).is_dir() for name in STORES):
        raise StoreError(f"{source} is not a whole gcmkg backup (it needs public/ and review/ and their counts)")
    return counts


def restore(source: Path, root: Path, *, force: bool = False) -> dict[str, int]:
    """Make the store directory `root` a copy of the backup in `source`: all of it, or nothing changes.

    Refuses a store that holds quads unless `force`, and one that is in use (a running server).
    The copy is checked against the backup's counts before it takes the store's place in one
    rename (an exchange of the two directories), and the old store is removed only then.
    """
    from .oxigraph_store import OxigraphStore
    source, root = Path(source).absolute(), Path(root).absolute()
    counts = read_manifest(source)
    if root.exists():
        held = 0
        for name in STORES:
            if (root / name).exists():
                store = OxigraphStore(root / name)      # StoreError if a server holds it
                held += len(store)
                store.close()
                del store
        if held and not force:
            raise StoreError(f"the store {root} holds {held:,} quads; restoring would replace them "
                             "(use --force to replace them)")
    root.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}.", suffix=".restoring"))
    try:
        for name in STORES:
            shutil.copytree(source / name, fresh / name)
            found = len(ox.Store.read_only(str(fresh / name)))
            if found != counts[name]:
                raise StoreError(f"{source}/{name} holds {found:,} quads, its manifest says {counts[name]:,}; "
                                 "nothing was restored")
        if root.exists():
            _exchange(fresh, root)      # `fresh` now names the old store
            shutil.rmtree(fresh, ignore_errors=True)
        else:
            os.rename(fresh, root)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return counts


def _exchange(a: Path, b: Path) -> None:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE), else as close to it as renames get."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
    aside = a.with_name(a.name + ".old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        try:
            request = json.loads(self.rfile.readline())
            answer = {"quads": backup(self.server.kg, Path(request["target"]))}
        except (StoreError, OSError, ValueError, KeyError, TypeError) as error:
            answer = {"error": str(error)}
        self.wfile.write(json.dumps(answer).encode() + b"\n")


class BackupListener:
    """The running server's side of `gcmkg backup`: takes backups asked for on `<store>/backup.sock`."""

    def __init__(self, kg, store_dir: Path):
        self.path = Path(store_dir) / SOCKET
        self.path.unlink(missing_ok=True)       # left by a server that was killed
        old_mask = os.umask(0o177)              # the socket is the owner's only
        try:
            self._server = socketserver.ThreadingUnixStreamServer(str(self.path), _Handler)
        finally:
            os.umask(old_mask)
        self._server.kg = kg
        self._thread = threading.Thread(target=self._server.serve_forever, name="gcmkg-backups", daemon=True)

    def start(self) -> BackupListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self.path.unlink(missing_ok=True)


def ask_server(store_dir: Path, target: Path, timeout: float = 3600) -> dict[str, int]:
    """Ask the server that holds the store in `store_dir` to back it up into `target`."""
    path = Path(store_dir) / SOCKET
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(str(path))
            conn.sendall(json.dumps({"target": str(Path(target).absolute())}).encode() + b"\n")
            answer = json.loads(conn.makefile("rb").readline() or b"{}")
    except OSError as error:
        raise StoreError(f"the store {store_dir} is in use and its server did not answer on {path}: "
                         f"{error.strerror or error}") from None
    if "error" in answer or "quads" not in answer:
        raise StoreError(answer.get("error", "the server gave no answer to the backup request"))
    return answer["quads"]
