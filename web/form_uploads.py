"""The form offline: the spreadsheet template to download, and uploading a filled template or an RDF file.

Each filled row (or each entry of the RDF file) becomes a draft of the
uploader, saved through the workbench like a form; the page then lists the
drafts with each problem against its field — and, for a sheet, its row and
column — linking to the draft's form to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pyoxigraph import NamedNode, Triple

from gcmkg.curation import gate
from gcmkg.curation.accounts import Account
from gcmkg.curation.desk import SEGMENTS
from gcmkg.curation.versions import StaleVersion
from gcmkg.curation.workbench import Conflict, NotAllowed
from gcmkg.ingest.entry_template import read_filled, write_template
from gcmkg.ingest.input_guard import IngestError
from gcmkg.ingest.rdf_input import RdfInputError, format_for, parse_bytes
from gcmkg.names import RDF_TYPE
from gcmkg.shapes.form import EntryForm, FieldProblem, given_values, parse

from .form_pages import check_draft, edit_path, form_of, new_entry_iri, public_choices, records, resolver
from .i18n import translator
from .render import reader, render

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 10 * 1024 * 1024     # a filled template is a few kB; an entry's RDF rarely more


@dataclass
class Drafted:
    """One draft an upload made (or could not make), with its problems: (where, field name, message, severity)."""
    source: str                  # "row 2", or the entry's IRI in the RDF file
    title: str = ""
    edit: str | None = None
    refused: str = ""
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)


@router.get("/curate/template/{kind}.xlsx")
def template(request: Request, kind: str):
    """The spreadsheet template of `kind`, in the reader's language (public: it holds only the shapes and
    the vocabularies)."""
    form = form_of(kind)
    lang = reader(request).lang
    body = write_template(form, lang, translator(lang), public_choices(request).of)
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="gcmkg-{kind}-template-{lang}.xlsx"',
                             "Vary": "Accept-Language, Cookie"})


def _page(request: Request, form: EntryForm, *, drafted: list[Drafted] | None = None, error: str = "",
          status: int = 200) -> HTMLResponse:
    lang = reader(request).lang
    _ = translator(lang)
    heading = _("Upload: {kind}", kind=form.name(lang))
    response = render(request, "upload.html", status=status, title=heading, heading=heading, kind=form.kind,
                      csrf=gate.csrf_token(request), drafted=drafted, error=error)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/curate/upload/{kind}", response_class=HTMLResponse)
def upload_form(request: Request, kind: str, account: Account = Depends(gate.signed_in)):
    return _page(request, form_of(kind))


@router.post("/curate/upload/{kind}", response_class=HTMLResponse, dependencies=[Depends(gate.checked_csrf)])
async def upload(request: Request, kind: str, account: Account = Depends(gate.signed_in)):
    form = form_of(kind)
    _ = translator(reader(request).lang)
    sent = (await request.form()).get("file")
    if sent is None or isinstance(sent, str) or not sent.filename:
        return _page(request, form, error=_("Choose a file to upload."), status=422)
    data = await sent.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return _page(request, form, error=_("{file} is larger than {mib} MiB.", file=sent.filename,
                                            mib=MAX_UPLOAD // 2**20), status=413)
    try:
        if sent.filename.lower().endswith(".xlsx"):
            drafted = _from_sheet(request, account, form, data, sent.filename)
        else:
            drafted = _from_rdf(request, account, form, data, sent.filename)
    except (IngestError, RdfInputError) as error:
        return _page(request, form, error=str(error), status=422)
    if not drafted:
        return _page(request, form, error=_("{file} holds no filled row or entry.", file=sent.filename), status=422)
    return _page(request, form, drafted=drafted)


def _save(request: Request, account: Account, form: EntryForm, entry: NamedNode, triples: list[Triple],
          unread: list[FieldProblem], drafted: Drafted, where) -> None:
    lang = reader(request).lang
    _ = translator(lang)
    try:
        gate.curation(request).workbench.save_draft(account, entry, triples, 0)
    except StaleVersion:
        drafted.refused = _("{entry} is already under curation: open its form to change it.", entry=entry.value)
        return
    except (NotAllowed, Conflict) as refused:
        drafted.refused = str(refused)
        return
    drafted.edit = edit_path(entry.value, request.app.state.base_iri)
    for p in unread + check_draft(request, form, entry, triples):
        drafted.problems.append((where(p.key), form.name_of(p.key, lang) if p.key else "", p.message(lang),
                                 p.severity))


def _from_sheet(request: Request, account: Account, form: EntryForm, data: bytes, name: str) -> list[Drafted]:
    _ = translator(reader(request).lang)
    resolve = resolver(request, account)
    out = []
    for row in read_filled(data, name, form):
        entry = new_entry_iri(request, form.kind, row.values)
        triples, unread = parse(form, entry, row.values, resolve)
        title = next((g.text for key in ("title", "prefLabel") for g in row.values.get(key, [])), "")
        drafted = Drafted(_("row {n}", n=row.number), title)

        def where(key, row=row):
            columns = row.columns_of(key)
            return _("row {n}, column {columns}", n=row.number, columns=columns) if columns else \
                _("row {n}", n=row.number)
        _save(request, account, form, entry, triples, unread, drafted, where)
        out.append(drafted)
    return out


def _from_rdf(request: Request, account: Account, form: EntryForm, data: bytes, name: str) -> list[Drafted]:
    parsed = parse_bytes(data, format_for(name), name)
    ours = f"{records(request)}{SEGMENTS[form.kind]}/"
    subjects = list(dict.fromkeys(q.subject for q in parsed.quads
                                  if q.predicate == RDF_TYPE and q.object.value == form.class_iri))
    out = []
    for subject in subjects:
        statements = [q for q in parsed.quads if q.subject == subject]
        keep = isinstance(subject, NamedNode) and subject.value.startswith(ours)
        if keep:
            entry = subject
        else:   # a blank node or another site's IRI: the draft gets an IRI of ours
            values = given_values(form, {f"{key}.text": [q.object.value for q in statements
                                                         if q.predicate.value == form.field(key).path]
                                         for key in ("title", "prefLabel") if key in {f.key for f in form.fields}})
            entry = new_entry_iri(request, form.kind, values)
        triples = list(dict.fromkeys(Triple(entry, q.predicate, q.object) for q in statements))
        title = next((q.object.value for q in statements if q.predicate.value.endswith(("/title", "#prefLabel"))), "")
        drafted = Drafted(subject.value if isinstance(subject, NamedNode) else str(subject), title)
        _save(request, account, form, entry, triples, [], drafted, lambda key: "")
        out.append(drafted)
    return out

