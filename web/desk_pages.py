"""The curators' workbench as pages under /curate: the desk, an entry's curation page, its history, the inbox.

- ``/curate/desk``: curators' queues by state with counts and filters (type, objective, region, assigned to
  me, overdue);
- ``/curate/entries/{id}``: one entry under curation: its state, the draft, the reviewers (UN / external), the
  reviews given, and only the buttons the workflow allows this person (Workbench.actions);
- ``/curate/entries/{id}/history``: its versions (who and when: staff only) and the diff of any two;
- ``/curate/mine``: a contributor's submissions and what is asked of them;
- ``/curate/inbox``: the person's notifications.

The reviewer's pages are in review_pages.py. `{id}` is the entry's IRI path under /id/ ("practice/slug").
Every POST carries the CSRF token (gate.checked_csrf); what the workbench refuses is shown on the page,
never as a stack trace. Pages read through the workbench and graph/, never the store itself.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pyoxigraph import NamedNode

from gcmkg.curation import desk, gate, merge, versions
from gcmkg.curation import workflow as wf
from gcmkg.curation.accounts import CURATOR, REVIEWER, Account, AccountError
from gcmkg.curation.outbox import inbox as inbox_of
from gcmkg.curation.reviews import CRITERIA, VERDICTS
from gcmkg.curation.workbench import Conflict, NotAllowed, NotFound
from gcmkg.graph.entry_view import draft_view
from gcmkg.graph.page_queries import WORLD
from gcmkg.graph.vocabulary_choices import CHOICE_SCHEMES, scheme_name
from gcmkg.ingest import drafts

from .entry_pages import KIND_NAMES, field_rows
from .form_pages import public_choices
from .i18n import translator
from .render import local_href, reader, render
from .suggestion_view import organisation_fields, staff_names, suggestion_views

router = APIRouter(include_in_schema=False)
REFUSALS = (NotAllowed, NotFound, Conflict, versions.StaleVersion, wf.Refused, AccountError)
KIND = Path(pattern="^(practice|norm|org)$")
SLUG = Path(pattern=r"^[a-z0-9][a-z0-9._-]{0,119}$")

#: Each transition's button, in English (the catalogue has es/fr).
TRANSITION_NAMES = {"submit": "Submit for review", "start_review": "Start the review",
                    "request_changes": "Request changes", "publish": "Publish", "reject": "Reject",
                    "withdraw": "Withdraw", "reopen": "Reopen as a draft", "request_update": "Request an update",
                    "unpublish": "Unpublish"}
NEEDS_NOTE = {"request_changes", "reject", "request_update", "unpublish"}
AFFILIATION_NAMES = {"un": "UN", "external": "external"}


def refused_page(request: Request, error: Exception, status: int | None = None) -> HTMLResponse:
    """What the workbench refused, said on a page in the reader's language."""
    lang = reader(request).lang
    problem = gate.problem_for(error, lang)
    _ = translator(lang)
    heading = {403: _("Not allowed"), 404: _("Page not found"), 409: _("Not possible now"),
               412: _("Changed since you opened it")}.get(problem.status, _("Something went wrong"))
    return render(request, "error.html", status=status or problem.status, title=heading, heading=heading,
                  detail=problem.detail)


def page(request: Request, account: Account, template: str, title: str, **context) -> HTMLResponse:
    """A page of the workbench: the section links this person's roles open, and the CSRF token."""
    lang, base = reader(request).lang, request.app.state.base_iri
    response = render(request, template, title=title, account=account, csrf=gate.csrf_token(request),
                  workbench_sections=sections(account), state_name=lambda s: wf.STATES[s].get(lang, s),
                  id_of=lambda iri: desk.entry_id(iri, base),
                  entry_href=lambda iri: "/curate/entries/" + desk.entry_id(iri, base),
                  verdict_name=lambda v: VERDICTS.get(v, {}).get(lang, v),
                  criterion_name=lambda c: CRITERIA.get(c, {}).get(lang, c),
                  kind_name=lambda k: KIND_NAMES.get(k, k), affiliation=AFFILIATION_NAMES, **context)
    response.headers["Cache-Control"] = "no-store"     # drafts, names and reviews are nobody else's business
    return response


def sections(account: Account) -> list[tuple[str, str]]:
    found = []
    if desk.is_staff(account):
        found.append(("/curate/desk", "Curators' desk"))
    if account.has(REVIEWER):
        found.append(("/curate/reviews", "My reviews"))
    if account.has("contributor") or account.has(CURATOR):
        found.append(("/curate/mine", "My submissions"))
        found.append(("/curate/ingest", "Read a document"))
    found += [("/curate/inbox", "Inbox"), ("/account", "Your account")]
    return found


@router.get("/curate")
def home(account: Account = Depends(gate.signed_in)) -> Response:
    """Where a signed-in person starts: the first section their roles open."""
    return RedirectResponse(sections(account)[0][0], status_code=303)


# -- the desk ---------------------------------------------------------------------------------
def _filters(request: Request, account: Account) -> tuple[desk.Filters, dict]:
    q = request.query_params
    chosen = {k: q.get(k) or "" for k in ("state", "type", "objective", "region", "assigned", "overdue")}
    areas = getattr(request.app.state, "areas", {})
    region = chosen["region"]
    objective = chosen["objective"]
    return desk.Filters(
        state=chosen["state"] if chosen["state"] in wf.STATES else None,
        kind=chosen["type"] if chosen["type"] in desk.SEGMENTS else None,
        objective=f"{desk.BASE}gcm/objective/{objective}" if objective.isdigit() else None,
        places=desk.places_within(areas, region) if region in areas else frozenset(),
        assigned_to=account.id if chosen["assigned"] == "me" else None,
        overdue=chosen["overdue"] == "1"), chosen


@router.get("/curate/desk", response_class=HTMLResponse)
def desk_page(request: Request, account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    if not desk.is_staff(account):
        return refused_page(request, NotAllowed("the desk is for curators"))
    lang = reader(request).lang
    filters, chosen = _filters(request, account)
    side = gate.curation(request)
    everything = desk.items(side.engine, lang, desk.Filters(**{**filters.__dict__, "state": None}))
    shown = [i for i in everything if filters.state in (None, i.state)]
    labels = request.app.state.concept_labels
    areas = getattr(request.app.state, "areas", {})
    regions = sorted(((iri, labels.label(iri, lang)) for iri in areas.get(WORLD).children if iri in areas)
                     if WORLD in areas else [], key=lambda r: r[1])
    objectives = [(str(n), labels.short(f"{desk.BASE}gcm/objective/{n}", lang)) for n in range(1, 24)]
    _ = translator(lang)
    return page(request, account, "curate_desk.html", _("Curators' desk"), items=shown, counts=desk.counts(everything),
                chosen=chosen, regions=regions, objectives=objectives, states=list(wf.STATES),
                names={a.id: a.name for a in side.accounts.list()})


# -- one entry ----------------------------------------------------------------------------------
def _entry(request: Request, kind: str, slug: str):
    return desk.entry_iri(request.app.state.base_iri, f"{kind}/{slug}")


def entry_context(request: Request, account: Account, entry) -> dict:
    """What an entry's curation page shows this person (NotAllowed if they may not read the draft)."""
    side = gate.curation(request)
    bench = side.workbench
    row = bench._row(entry)
    if not desk.may_read_draft(account, row.submitter_id):
        raise NotAllowed("only its submitter and the curators open an entry's draft; reviewers open "
                         "what is assigned to them from their reviews page")
    lang = reader(request).lang
    version, triples = bench.draft(entry)
    view = draft_view(request.app.state.kg.public, entry.value, triples, lang)
    staff = desk.is_staff(account)
    assigned = desk.assignments(side.engine, [entry.value])
    given = desk.reviews_of(bench.history(entry), entry, version)
    reviewers = [a for a in side.accounts.list(REVIEWER) if not a.disabled and a.id != row.submitter_id] \
        if staff else []
    names = {a.reviewer_iri: a.reviewer_name for a in assigned}
    duplicates = possible_duplicates(request, entry, triples, row.state == wf.APPROVED, lang) if staff else []
    choices = public_choices(request)
    suggestions = suggestion_views(bench, entry, desk.kind_of(triples, entry), lang,
                                   staff_names(side.accounts.list()) if staff else {}, choices)
    pickers = {scheme_name(v.scheme): [c.display(lang) for c in choices.of(v.scheme)]
               for v in suggestions if v.scheme}
    return dict(entry=entry.value, entry_id=desk.entry_id(entry.value, request.app.state.base_iri), state=row.state,
                version=version, view=view, groups=field_rows(view, request.app.state.base_iri) if view else [],
                title=view.title if view else entry.value, staff=staff, assigned=assigned if staff else [],
                reviews=given, reviewer_names=names if staff else {}, reviewers=reviewers,
                actions=[(a, TRANSITION_NAMES[a], a in NEEDS_NOTE) for a in bench.actions(account, entry)],
                may_assign=staff and row.state in (wf.SUBMITTED, wf.IN_REVIEW) and account.id != row.submitter_id,
                editable=row.state in wf.EDITABLE, public=row.state in wf.PUBLIC_STATES,
                conflicted={a.reviewer_iri for a in assigned if a.conflict},
                duplicates=duplicates, suggestions=suggestions,
                may_decide=bool(suggestions) and bench.may_edit(account, entry), pickers=pickers, scheme_name=scheme_name)


def merge_href(base: str, into: str, merged: str) -> str:
    """The merge page (merge_pages.py) of two entries, given their IRIs."""
    return "/curate/merge?" + urlencode({"into": desk.entry_id(into, base), "from": desk.entry_id(merged, base)})


def possible_duplicates(request: Request, entry, triples, published: bool, lang: str) -> list[dict]:
    """The published entries the duplicate warning is about (a shared source or title), each with the merge
    page that folds this entry into it and, if this one is published too, the other way round."""
    base = request.app.state.base_iri
    found = gate.curation(request).workbench.kg.published_duplicates(entry, list(triples))
    labels = request.app.state.public.labels([o.value for o in found], lang) if found else {}
    return [{"iri": other.value, "title": labels.get(other.value, desk.entry_id(other.value, base)),
             "shares": sorted(shared), "merge_into_it": merge_href(base, other.value, entry.value),
             "merge_into_this": merge_href(base, entry.value, other.value) if published else None}
            for other, shared in sorted(found.items(), key=lambda item: item[0].value)]


def _entry_page(request: Request, account: Account, entry, *, error: str = "", status: int = 200) -> HTMLResponse:
    try:
        context = entry_context(request, account, entry)
    except REFUSALS as refused:
        return refused_page(request, refused)
    return page(request, account, "curate_entry.html", context.pop("title"), error=error, status=status, **context)


@router.get("/curate/entries/{kind}/{slug}", response_class=HTMLResponse)
def entry_page(request: Request, kind: str = KIND, slug: str = SLUG,
               account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    return _entry_page(request, account, _entry(request, kind, slug))


@router.post("/curate/entries/{kind}/{slug}/transition", response_class=HTMLResponse,
             dependencies=[Depends(gate.checked_csrf)])
async def transition(request: Request, kind: str = KIND, slug: str = SLUG,
                     account: Account = Depends(gate.signed_in)) -> Response:
    """A button of the entry page: make the transition, or show why not on the same page."""
    entry = _entry(request, kind, slug)
    form = await request.form()
    name, note = str(form.get("transition", "")), str(form.get("note", ""))
    return _acted(request, account, entry, lambda: gate.curation(request).workbench.transition(account, entry,
                                                                                            name, note))


def _acted(request: Request, account: Account, entry, act) -> Response:
    """Do what a form of the entry page asked, then back to the page (303), or the page with why not."""
    try:
        act()
    except REFUSALS as refused:
        problem = gate.problem_for(refused, reader(request).lang)
        if problem.status in (403, 404):
            return refused_page(request, refused)
        return _entry_page(request, account, entry, error=problem.detail, status=problem.status)
    return RedirectResponse(request.url.path.rsplit("/", 1)[0], status_code=303)


@router.post("/curate/entries/{kind}/{slug}/suggestions", response_class=HTMLResponse,
             dependencies=[Depends(gate.checked_csrf)])
async def decide_suggestion(request: Request, kind: str = KIND, slug: str = SLUG,
                            account: Account = Depends(gate.signed_in)) -> Response:
    """Accept or reject one of the ingest assistant's suggestions: ingest.drafts.decide records who and when,
    and an accepted value enters the draft as a new version. An organisation of no stated role goes in the
    organisation field the curator chose."""
    entry = _entry(request, kind, slug)
    form = await request.form()
    suggestion, decision, role = (str(form.get(k, "")) for k in ("suggestion", "decision", "field"))
    bench = gate.curation(request).workbench
    _ = translator(reader(request).lang)
    if decision not in ("accept", "reject"):
        return _entry_page(request, account, entry, error=_("Accept or reject the suggestion."), status=422)
    roles = {path for path, _name in organisation_fields(desk.KINDS_OF_SEGMENT[kind], "en")}
    if role and role not in roles:
        return _entry_page(request, account, entry, error=_("Choose which organisation field it goes in."),
                           status=422)
    typed, concept = form.get("value"), str(form.get("concept", "")).strip()
    value = typed if decision == "accept" and isinstance(typed, str) else None   # a correction: decide() types it
    scheme = form.get("scheme")
    if decision == "accept" and concept and isinstance(scheme, str) and scheme in CHOICE_SCHEMES:
        chosen = public_choices(request).resolve(CHOICE_SCHEMES[scheme], concept)   # another concept of the field
        if chosen is None:
            return _entry_page(request, account, entry, status=422,
                               error=_("No single value is named “{typed}”: pick one from the list.", typed=concept))
        value = NamedNode(chosen)
    try:
        return _acted(request, account, entry, lambda: drafts.decide(bench, account, entry, suggestion,
                                                                     decision == "accept", field=role or None,
                                                                     value=value))
    except ValueError as bad:       # no such suggestion, or an organisation's role not chosen
        return _entry_page(request, account, entry, error=str(bad), status=422)


@router.post("/curate/entries/{kind}/{slug}/assign", response_class=HTMLResponse,
             dependencies=[Depends(gate.checked_csrf)])
async def assign(request: Request, kind: str = KIND, slug: str = SLUG,
                 account: Account = Depends(gate.signed_in)) -> Response:
    """The curator's assign form: a reviewer and a due date."""
    entry = _entry(request, kind, slug)
    form = await request.form()
    side = gate.curation(request)
    _ = translator(reader(request).lang)
    try:
        reviewer = side.accounts.by_id(int(str(form.get("reviewer", ""))))
        due_text = str(form.get("due", "")).strip()
        due = dt.datetime.combine(dt.date.fromisoformat(due_text), dt.time(23, 59)) if due_text else None
    except (ValueError, LookupError):
        return _entry_page(request, account, entry, error=_("Choose a reviewer, and a due date as YYYY-MM-DD."),
                           status=422)
    return _acted(request, account, entry, lambda: side.workbench.assign(account, entry, reviewer, due))


# A merge as the history page tells it (curation/merge.py `merges_of`), and the entries it names, in order.
_MERGE_EVENTS = {"merged_into": "Merged into", "absorbed": "Took in the entry merged into it",
                 "linked_to": "Its link was re-pointed after a merge, from the merged entry to the one it became"}
_MERGE_LINKS = ("merged_into", "absorbed", "linked_to", "now_links_to")


@router.get("/curate/entries/{kind}/{slug}/history", response_class=HTMLResponse)
def history_page(request: Request, kind: str = KIND, slug: str = SLUG,
                 account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    """The versions, who saved each and when (staff only), and the diff of two as values added and removed."""
    entry = _entry(request, kind, slug)
    side = gate.curation(request)
    try:
        row = side.workbench._row(entry)
        if not desk.may_read_draft(account, row.submitter_id):
            raise NotAllowed("only its submitter and the curators read an entry's history")
    except REFUSALS as refused:
        return refused_page(request, refused)
    lang = reader(request).lang
    found = versions.history(side.engine, entry)
    numbers = [v.number for v in found]

    def chosen(name: str, default: int) -> int:
        text = request.query_params.get(name, "")
        return int(text) if text.isdigit() and int(text) in numbers else default
    to = chosen("to", numbers[-1])
    start = chosen("from", max(1, to - 1))
    by_number = {v.number: v for v in found}
    changes = versions.diff(by_number[start].triples, by_number[to].triples, entry) if start != to else []
    staff = desk.is_staff(account)
    people = side.accounts.list() if staff else []
    names = {a.id: a.name or a.email for a in people}
    title = desk.title_of(by_number[to].triples, entry, lang)
    _ = translator(lang)
    base = request.app.state.base_iri
    # Who merged what (staff only, as in the API): each merge as (what happened, [(entry id, href)], by, when).
    by_agent = {a.iri: a.name or a.email for a in people}
    merges = [(_(_MERGE_EVENTS[next(k for k in _MERGE_EVENTS if k in m)]),
               [(desk.entry_id(iri, base), local_href(iri, base)) for k in _MERGE_LINKS if (iri := m.get(k))],
               by_agent.get(m["agent"], ""), m["at"]) for m in merge.merges_of(side.workbench, entry)] if staff else []
    return page(request, account, "curate_history.html", _("History of {title}", title=title), entry=entry.value,
                entry_title=title, versions=found, staff=staff, names=names, start=start, to=to, merges=merges,
                changes=[(c.name(lang), c.added, c.removed) for c in changes],
                entry_id=desk.entry_id(entry.value, request.app.state.base_iri))


# -- contributors and everyone ---------------------------------------------------------------------
@router.get("/curate/mine", response_class=HTMLResponse)
def submissions_page(request: Request, account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    """A contributor's submissions, their state, and what is asked of them (the curators' and reviewers' words)."""
    lang = reader(request).lang
    side = gate.curation(request)
    mine = desk.items(side.engine, lang, desk.Filters(submitter=account.id))
    notes: dict[str, list[str]] = {}
    for n in inbox_of(side.engine, account.id):
        if n["kind"] in ("changes_requested", "rejected") and n["entry"]:
            notes.setdefault(n["entry"], []).append(n["body"])
    asked = {}
    for item in mine:
        if item.state == wf.CHANGES_REQUESTED:
            node = NamedNode(item.iri)
            comments = [r.comment for r in desk.reviews_of(side.workbench.history(node), node, item.version)
                        if r.comment]
            asked[item.iri] = (notes.get(item.iri, [])[:1], comments)
    _ = translator(lang)
    return page(request, account, "curate_submissions.html", _("My submissions"), items=mine, asked=asked,
                kinds=["practice", "norm", "instrument", "organisation"])


@router.get("/curate/inbox", response_class=HTMLResponse)
def inbox_page(request: Request, account: Account = Depends(gate.signed_in)) -> HTMLResponse:
    _ = translator(reader(request).lang)
    return page(request, account, "curate_inbox.html", _("Inbox"),
                messages=inbox_of(gate.curation(request).engine, account.id))
