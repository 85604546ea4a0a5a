"""The reviewer's pages: what is assigned to me, the conflict-of-interest declaration, then the review form.

``/curate/reviews`` lists the entries assigned to the reviewer with their due
dates; ``/curate/reviews/{id}`` first asks for the declaration — before the
entry is shown, as the Hub's rule says — and only after "no conflict" shows
the entry and the form: each criterion of promising practices met or not,
with a justification, a verdict, and comments to the contributor. A declared
conflict withdraws the reviewer; the curators see it on the desk.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gcmkg.curation import desk, gate
from gcmkg.curation.accounts import Account
from gcmkg.curation.reviews import CRITERIA, VERDICTS, Assessment, Review, ReviewInvalid
from gcmkg.graph.entry_view import draft_view

from .desk_pages import KIND, REFUSALS, SLUG, page, refused_page
from .entry_pages import field_rows
from .i18n import translator
from .render import reader

router = APIRouter(include_in_schema=False)


@router.get("/curate/reviews", response_class=HTMLResponse)
def reviews_page(request: Request, account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    """The entries assigned to me, with their due dates and what is left to do."""
    lang = reader(request).lang
    side = gate.curation(request)
    assigned = {a.entry: a for a in desk.assignments(side.engine, reviewer_id=account.id)}
    items = desk.items(side.engine, lang, desk.Filters(assigned_to=account.id))
    _ = translator(lang)
    return page(request, account, "curate_reviews.html", _("My reviews"),
                rows=[(i, assigned[i.iri]) for i in items if i.iri in assigned])


def _form_page(request: Request, account: Account, kind: str, slug: str, *, errors=(), given=None,
               status: int = 200) -> HTMLResponse:
    entry = desk.entry_iri(request.app.state.base_iri, f"{kind}/{slug}")
    side = gate.curation(request)
    lang = reader(request).lang
    _ = translator(lang)
    mine = [a for a in desk.assignments(side.engine, [entry.value], reviewer_id=account.id)]
    try:
        if not mine:
            side.workbench.open_for_review(account, entry)   # raises: not assigned
        assignment = mine[0]
        version, triples = side.workbench.draft(entry)
        title = desk.title_of(triples, entry, lang)
        state = side.workbench.state(entry)
        context = dict(entry=entry.value, entry_title=title, assignment=assignment, state=state, errors=list(errors),
                       criteria=[(key, names.get(lang, names["en"])) for key, names in CRITERIA.items()],
                       verdicts=[(key, names.get(lang, names["en"])) for key, names in VERDICTS.items()],
                       given=given or {}, groups=[], version=version)
        if assignment.conflict is False:   # declared no conflict: only now is the entry shown
            shown = side.workbench.open_for_review(account, entry)
            view = draft_view(request.app.state.kg.public, entry.value, shown, lang)
            context["groups"] = field_rows(view, request.app.state.base_iri) if view else []
            context["reviewed"] = assignment.reviewed_at is not None
    except REFUSALS as refused:
        return refused_page(request, refused)
    return page(request, account, "curate_review.html", _("Review of {title}", title=title), status=status, **context)


@router.get("/curate/reviews/{kind}/{slug}", response_class=HTMLResponse)
def review_page(request: Request, kind: str = KIND, slug: str = SLUG,
                account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    return _form_page(request, account, kind, slug)


@router.post("/curate/reviews/{kind}/{slug}/conflict", dependencies=[Depends(gate.checked_csrf)])
async def declare(request: Request, kind: str = KIND, slug: str = SLUG,
                  account: Account = Depends(gate.signed_in)) -> Response:
    """The declaration: "no conflict" opens the entry; "a conflict" withdraws me."""
    entry = desk.entry_iri(request.app.state.base_iri, f"{kind}/{slug}")
    answer = str((await request.form()).get("conflict", ""))
    if answer not in ("yes", "no"):
        _ = translator(reader(request).lang)
        return _form_page(request, account, kind, slug, status=422,
                          errors=[_("Say whether you have a conflict of interest.")])
    try:
        gate.curation(request).workbench.declare_conflict(account, entry, answer == "yes")
    except REFUSALS as refused:
        return refused_page(request, refused)
    return RedirectResponse(f"/curate/reviews/{kind}/{slug}", status_code=303)


@router.post("/curate/reviews/{kind}/{slug}", response_class=HTMLResponse, dependencies=[Depends(gate.checked_csrf)])
async def submit_review(request: Request, kind: str = KIND, slug: str = SLUG,
                        account: Account = Depends(gate.signed_in)) -> Response:
    """The review form: each criterion met or not with a justification, a verdict, comments."""
    entry = desk.entry_iri(request.app.state.base_iri, f"{kind}/{slug}")
    form = await request.form()
    given = {k: str(v) for k, v in form.items() if k != "csrf"}
    _ = translator(reader(request).lang)
    errors = []
    if given.get("verdict") not in VERDICTS:
        errors.append(_("Choose a verdict."))
    for key, names in CRITERIA.items():
        if given.get(f"met-{key}") not in ("yes", "no") or not given.get(f"why-{key}", "").strip():
            errors.append(_("Say whether the entry is {criterion}, and why.",
                            criterion=names.get(reader(request).lang, names["en"])))
    if errors:
        return _form_page(request, account, kind, slug, errors=errors, given=given, status=422)
    review = Review(given["verdict"], tuple(Assessment(key, given[f"met-{key}"] == "yes", given[f"why-{key}"])
                                            for key in CRITERIA), given.get("comment", ""))
    try:
        gate.curation(request).workbench.review(account, entry, review)
    except ReviewInvalid as invalid:
        return _form_page(request, account, kind, slug, errors=invalid.messages, given=given, status=422)
    except REFUSALS as refused:
        return refused_page(request, refused)
    return RedirectResponse("/curate/reviews", status_code=303)
