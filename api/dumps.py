"""Full dumps of the public graph (TriG and N-Quads, gzipped): a downloads page for people, DCAT for machines."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from gcmkg.graph.export import export_dataset

from .descriptions import dcat_description, void_description
from .negotiate import wants_html
from .problems import Problem

router = APIRouter()

DUMPS = {"gcmkg.trig.gz": "application/trig", "gcmkg.nq.gz": "application/n-quads"}


@dataclass(frozen=True)
class Dump:
    """One downloadable file as the downloads page and the DCAT describe it."""
    name: str
    media_type: str
    size: int                 # bytes, gzipped
    modified: datetime        # when this version of the data was written out


def current_dumps(request: Request) -> list[Dump]:
    """The dumps of the store as it is now, written first if this version has none yet."""
    state = request.app.state
    out = []
    for name, media_type in DUMPS.items():
        stat = state.dumps.get(state.kg.public, name).stat()
        out.append(Dump(name, media_type, stat.st_size, datetime.fromtimestamp(stat.st_mtime, timezone.utc)))
    return out


class DumpCache:
    """Dumps written once per version of the store, atomically, into a directory of the deployment.

    Keyed by the store's version token, which every write renews, so a dump
    is never older than the data, across restarts and whichever process wrote.
    The previous version's files stay until the next one, for downloads still
    being sent.
    """

    def __init__(self, root: Path):
        self.root = Path(root)
        self._lock = threading.Lock()

    def get(self, store, name: str) -> Path:
        version = store.version() or "unversioned"
        target = self.root / version / name
        with self._lock:
            if not target.exists():
                export_dataset(store, DUMPS[name], target, compress=True)
                self._drop_older_than(target.parent)
        return target

    def _drop_older_than(self, current: Path) -> None:
        others = sorted((d for d in self.root.iterdir() if d.is_dir() and d != current),
                        key=lambda d: d.stat().st_mtime)
        for old in others[:-1]:
            shutil.rmtree(old, ignore_errors=True)


@router.get("/dumps/{name}", include_in_schema=False)
def dump(request: Request, name: str) -> Response:
    if name in ("", "catalog", "catalog.ttl"):
        return dcat_description(request, current_dumps(request))
    if name not in DUMPS:
        raise Problem("not-found", 404, f"no dump called '{name}' (there are: {', '.join(DUMPS)})")
    state = request.app.state
    path = state.dumps.get(state.kg.public, name)
    return FileResponse(path, media_type="application/gzip", filename=name)


@router.get("/dumps/", include_in_schema=False)
def catalogue(request: Request) -> Response:
    """People get the downloads page (web/pages.py), machines the DCAT catalogue, by the Accept header."""
    dumps = current_dumps(request)
    if wants_html(request.headers.get("accept")) and not request.query_params.get("format"):
        return request.app.state.render_downloads(request, dumps)
    return dcat_description(request, dumps)


@router.get("/void", include_in_schema=False)
def void(request: Request) -> Response:
    return void_description(request, len(request.app.state.kg.public))
