"""The ingest assistant on the web: a contributor or curator uploads a report, a web page or a law
(PDF, HTML, DOCX, text, or a CSV/XLSX of many practices) and gets drafts with suggestions.

The same path as `gcmkg ingest --as EMAIL` (ingest.drafts.ingest_to_drafts): the file is read and
suggested first, so a file that cannot be read files nothing; one draft per document or row, its
suggestions stored as PROV-O, then the curator's entry page shows them with their evidence.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gcmkg.curation import desk, gate
from gcmkg.curation.accounts import Account
from gcmkg.curation.workbench import Conflict, NotAllowed
from gcmkg.ingest.drafts import ingest_to_drafts
from gcmkg.ingest.gazetteer import StoredGazetteer
from gcmkg.ingest.input_guard import IngestError
from gcmkg.ingest.language import SUPPORTED as LANGUAGES
from gcmkg.ingest.read import FORMATS

from .desk_pages import page, refused_page
from .i18n import translator
from .render import reader

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 20 * 1024 * 1024          # the ingest assistant's own size cap for one document
KINDS = ("practice", "norm")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def _form(request: Request, account: Account, *, error: str = "", status: int = 200,
          drafts: list | None = None) -> HTMLResponse:
    _ = translator(reader(request).lang)
    response = page(request, account, "curate_ingest.html", _("Read a document into a draft"), error=error,
                    drafts=drafts or [], kinds=KINDS, document_languages=sorted(LANGUAGES),
                    accept=",".join(sorted(FORMATS)))
    response.status_code = status
    return response


@router.get("/curate/ingest", response_class=HTMLResponse)
def ingest_form(request: Request, account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    return _form(request, account)


@router.post("/curate/ingest", dependencies=[Depends(gate.checked_csrf)])
async def ingest_upload(request: Request, account: Account = Depends(gate.signed_in)) -> Response:
    _ = translator(reader(request).lang)
    sent = await request.form()
    upload, kind, language = sent.get("file"), sent.get("kind", "practice"), sent.get("language") or None
    if upload is None or isinstance(upload, str) or not upload.filename:
        return _form(request, account, error=_("Choose a file to upload."), status=422)
    if kind not in KINDS or (language is not None and language not in LANGUAGES):
        return _form(request, account, error=_("Choose what the document describes and its language."), status=422)
    # Only the base name, in safe characters, reaches the disk: the reader picks its format by the suffix
    # and names the file in its errors and in the evidence.
    name = _SAFE_NAME.sub("_", Path(upload.filename).name).strip(" .") or "document"
    data = await upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _form(request, account, status=413,
                     error=_("{file} is larger than {mib} MiB.", file=name, mib=MAX_UPLOAD // 2**20))
    workbench = gate.curation(request).workbench
    with tempfile.TemporaryDirectory(prefix="gcmkg-ingest-") as directory:
        path = Path(directory) / name
        path.write_bytes(data)
        try:   # reading and suggesting take seconds: off the event loop
            filed = await run_in_threadpool(_ingest, request, workbench, account, path, kind, language)
        except IngestError as error:
            return _form(request, account, error=str(error), status=422)
        except (NotAllowed, Conflict) as error:
            return refused_page(request, error)
    base = request.app.state.base_iri
    if len(filed) == 1:
        return RedirectResponse("/curate/entries/" + desk.entry_id(filed[0].entry.value, base), status_code=303)
    return _form(request, account, drafts=[(desk.entry_id(d.entry.value, base), d.suggestions) for d in filed])


def _ingest(request: Request, workbench, account: Account, path: Path, kind: str, language: str | None):
    """Read and file one document, its organisations recognised from those stored now (the CLI's gazetteer)."""
    state = request.app.state
    if getattr(state, "ingest_gazetteer", None) is None:
        state.ingest_gazetteer = StoredGazetteer(state.kg.public)
    return ingest_to_drafts(workbench, account, [path], kind=kind, language=language, max_bytes=MAX_UPLOAD,
                            gazetteer=state.ingest_gazetteer.current())
