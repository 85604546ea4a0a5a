"""The curators' merge page: /curate/merge?into={id}&from={id} merges a duplicate into the entry it repeats.

The page shows the two entries and, field by field, what the duplicate has that the entry lacks, ticked
where the merge takes it by default (sources, titles in other languages, links); the curator unticks what
to leave and merges. The form carries the CSRF token and the two entries' fingerprint, so a merge of
entries that changed since the page was made is refused and the page shown again. Reached from the
duplicate warning of an entry's curation page (desk_pages.entry_context).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pyoxigraph import Literal

from gcmkg.curation import desk, gate, merge
from gcmkg.curation.accounts import Account
from gcmkg.curation.workbench import NotAllowed

from .desk_pages import REFUSALS, page, refused_page
from .i18n import translator
from .render import reader

router = APIRouter(include_in_schema=False)


def _shown(request: Request, seen: merge.Preview, lang: str) -> list[tuple[merge.merges.Offer, list[str]]]:
    iris = [v.value for o in seen.offers for v in o.values if not isinstance(v, Literal)]
    labels = request.app.state.public.labels(iris, lang) if iris else {}
    return [(o, [f"{v.value} ({v.language})" if isinstance(v, Literal) and v.language else
                 v.value if isinstance(v, Literal) else labels.get(v.value, v.value) for v in o.values])
            for o in seen.offers]


def _page(request: Request, account: Account, into: str, merged: str, *, error: str = "",
          status: int = 200) -> HTMLResponse:
    lang, base = reader(request).lang, request.app.state.base_iri
    _ = translator(lang)
    if not desk.is_staff(account):
        return refused_page(request, NotAllowed("only curators merge entries"))
    try:
        into_iri, merged_iri = desk.entry_iri(base, into), desk.entry_iri(base, merged)
        seen = merge.preview(gate.curation(request).workbench, into_iri, merged_iri)
    except desk.BadEntryId as bad:
        return refused_page(request, NotAllowed(str(bad)), status=422)
    except REFUSALS as refused:
        return refused_page(request, refused)
    titles = {e: desk.title_of(triples, e, lang) for e, triples in ((into_iri, seen.kept), (merged_iri, seen.taken))}
    return page(request, account, "curate_merge.html", _("Merge two entries"), error=error, status=status,
                seen=seen, into=into, merged=merged, titles=titles, offers=_shown(request, seen, lang),
                merged_public=seen.merged_state in (None, "approved"))


@router.get("/curate/merge", response_class=HTMLResponse)
def merge_page(request: Request, account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    q = request.query_params
    return _page(request, account, q.get("into", ""), q.get("from", ""))


@router.post("/curate/merge", response_class=HTMLResponse, dependencies=[Depends(gate.checked_csrf)])
async def merge_entries(request: Request, account: Account = Depends(gate.signed_in)) -> Response:
    """Merge as the form says, then to the merged entry's public page (303); or the page again, saying why not."""
    form = await request.form()
    into, merged, etag = (str(form.get(k, "")) for k in ("into", "from", "etag"))
    lang, base = reader(request).lang, request.app.state.base_iri
    _ = translator(lang)
    try:
        into_iri, merged_iri = desk.entry_iri(base, into), desk.entry_iri(base, merged)
        merge.merge(gate.curation(request).workbench, account, into_iri, merged_iri, etag,
                    [str(k) for k in form.getlist("take")])
    except desk.BadEntryId as bad:
        return refused_page(request, NotAllowed(str(bad)), status=422)
    except merge.Changed:
        return _page(request, account, into, merged, status=412,
                     error=_("One of the two entries changed since you opened this page: look again, then merge."))
    except (merge.UnknownField, merge.Invalid) as unknown:
        return _page(request, account, into, merged, error=str(unknown), status=422)
    except REFUSALS as refused:
        return refused_page(request, refused)
    return RedirectResponse("/id/" + into, status_code=303)
