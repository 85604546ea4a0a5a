"""Merging a duplicate into the entry it repeats, for scripts: /api/curation/entries/{id}/merge?from={id}.

GET shows what the merge would take (each field of the duplicate the entry lacks) with an ETag
made from both entries; POST makes it with that ETag in If-Match (428 without, 412 if either entry
changed since). Curators only; a browser session sends its CSRF token, as on every write.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from pyoxigraph import Literal as RdfLiteral

from gcmkg.curation import desk, gate, merge
from gcmkg.curation.accounts import Account
from gcmkg.problems import Problem

from .curation_api import _REFUSALS, ERRORS, KIND, SLUG, WRITE, _entry, _lang, _problem, _refused

router = APIRouter(prefix="/api/curation", tags=["Curation API"], responses=ERRORS)
FROM = Query(alias="from", pattern=r"^(practice|norm|org)/[a-z0-9][a-z0-9._-]{0,119}$",
             description="The duplicate to merge, by id (practice/slug)")


def _value(term) -> str | dict:
    if isinstance(term, RdfLiteral):
        return {"value": term.value, "lang": term.language} if term.language else term.value
    return getattr(term, "value", str(term))


def preview_document(request: Request, seen: merge.Preview, lang: str) -> dict:
    """A merge's preview as JSON: the two entries and, field by field, what the duplicate offers."""
    base = request.app.state.base_iri
    return {"into": desk.entry_id(seen.into.value, base), "from": desk.entry_id(seen.merged.value, base),
            "from_state": seen.merged_state or "approved",
            "offers": [{"field": o.key, "name": o.field.name(lang), "default": o.default, "replaces": o.replaces,
                        "values": [_value(v) for v in o.values]} for o in seen.offers]}


def _merge_target(request: Request, kind: str, slug: str, given: str):
    try:
        return _entry(request, kind, slug), desk.entry_iri(request.app.state.base_iri, given)
    except desk.BadEntryId as error:
        raise Problem("invalid-parameter", 422, str(error), parameter="from") from None


@router.get("/entries/{kind}/{slug}/merge", summary="What merging a duplicate into this entry would take (ETag)")
def merge_preview(request: Request, kind: str = KIND, slug: str = SLUG, from_: str = FROM,
                  account: Account = Depends(gate.signed_in)) -> JSONResponse:
    if not desk.is_staff(account):
        raise Problem("forbidden", 403, "only curators merge entries")
    into, merged = _merge_target(request, kind, slug, from_)
    try:
        seen = merge.preview(gate.curation(request).workbench, into, merged)
    except _REFUSALS as error:
        raise _refused(error, account) from None
    return JSONResponse(preview_document(request, seen, _lang(account)),
                        headers={"ETag": f'"{seen.etag}"', "Cache-Control": "no-store"})


class MergeIn(BaseModel):
    from_: str = Field(alias="from", pattern=r"^(practice|norm|org)/[a-z0-9][a-z0-9._-]{0,119}$",
                       description="The duplicate to merge into this entry, by id")
    take: list[str] | None = Field(None, max_length=100, description="The fields of the duplicate to take (keys "
                                   "as in the preview); default: its sources, titles and links")


@router.post("/entries/{kind}/{slug}/merge", dependencies=WRITE,
             summary="Merge a duplicate into this entry (If-Match: the preview's ETag); its IRI then redirects here",
             responses={412: _problem("One of the two entries changed since the preview; `ETag` is the new one."),
                        428: _problem("If-Match is missing.")})
def merge_entries(request: Request, body: MergeIn, kind: str = KIND, slug: str = SLUG,
                  account: Account = Depends(gate.signed_in)) -> dict:
    into, merged = _merge_target(request, kind, slug, body.from_)
    given = request.headers.get("if-match")
    if given is None:
        raise Problem("precondition-required", 428, "send If-Match with the ETag of the merge's preview "
                                                     "(GET .../merge?from=... first)")
    try:
        merge.merge(gate.curation(request).workbench, account, into, merged,
                    given.strip().removeprefix("W/").strip('"'), body.take)
    except merge.Changed as error:
        problem = Problem("precondition-failed", 412, str(error))
        problem.headers["ETag"] = f'"{error.etag}"'
        raise problem from None
    except (merge.UnknownField, merge.Invalid) as error:
        raise Problem("invalid-parameter", 422, str(error), parameter="take") from None
    except _REFUSALS as error:
        raise _refused(error, account) from None
    base = request.app.state.base_iri
    return {"into": desk.entry_id(into.value, base), "merged": desk.entry_id(merged.value, base),
            "redirect": "/id/" + desk.entry_id(merged.value, base), "location": "/id/" + desk.entry_id(into.value, base)}
