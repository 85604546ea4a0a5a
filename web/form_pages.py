"""The submission form: a new entry (/curate/new/{kind}) and a draft's edit page (/curate/entries/{id}/edit).

Both are generated from the shapes (shapes/form.py, drawn by
web/entry_form_view.py). Without JavaScript the form posts, the server parses
and validates it and shows each problem next to its field and in a summary
at the top; with JavaScript (static/entry-form.js) the same parser and
validator answer /curate/validate/{kind} as the user types, and the draft is
saved automatically. Every save goes through Workbench.save_draft with the
version the form was made from (a hidden field): a stale save is refused and
what the user typed is shown back. Submitting is the workflow's submit.

An entry's id in these URLs is its IRI after ``{base}id/``: ``practice/slug``.
The pickers' choices are public (vocabulary data) at /api/vocabularies/{name}/search?q=.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pyoxigraph import NamedNode, Triple
from sqlalchemy import select

from gcmkg.curation import db, gate
from gcmkg.curation import workflow as wf
from gcmkg.curation.accounts import Account
from gcmkg.curation.desk import KINDS_OF_SEGMENT, SEGMENTS, new_entry_id
from gcmkg.curation.versions import StaleVersion
from gcmkg.curation.workbench import Conflict, NotAllowed, NotFound
from gcmkg.graph.vocabulary_choices import CHOICE_SCHEMES, ORGANISATIONS, Choice, Choices, resolve, search, word_index
from gcmkg.names import ORG, RDF_TYPE, REVIEW_STATUS, SKOS
from gcmkg.problems import Problem
from gcmkg.shapes.form import KINDS, EntryForm, FieldProblem, Given, entry_form, given_values, parse, problems, \
    record_rows, values_of

from .entry_form_view import datalists, field_views, language_options
from .i18n import translator
from .render import reader, render

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["vocabularies"])



# -- ids ----------------------------------------------------------------------------------
def records(request: Request) -> str:
    return request.app.state.base_iri + "id/"


def edit_path(iri: str, base: str) -> str:
    """The edit page of the draft `iri` (`base`: the deployment's base IRI).

    >>> edit_path("https://w3id.org/gcmkg/id/practice/x", "https://w3id.org/gcmkg/")
    '/curate/entries/practice/x/edit'
    """
    return f"/curate/entries/{iri[len(base + 'id/'):]}/edit"


def new_entry_iri(request: Request, kind: str, values: dict[str, list[Given]]) -> NamedNode:
    """A fresh IRI for a new entry, minted as every new entry's is (desk.new_entry_id) from its title or name."""
    first = next((g.text for key in ("title", "prefLabel") for g in values.get(key, [])), "")
    return NamedNode(records(request) + new_entry_id(kind, first))


def form_of(kind: str) -> EntryForm:
    """The form of a kind named in a URL; 404 for another word."""
    if kind not in KINDS:
        raise Problem("not-found", 404, f"no such kind of entry '{kind}' (practice, norm, instrument or organisation)")
    return entry_form(kind)


# -- choices ------------------------------------------------------------------------------
def public_choices(request: Request) -> Choices:
    """The app's published choices (vocabularies and organisations), read again when the store changes."""
    state = request.app.state
    if getattr(state, "form_choices", None) is None:
        state.form_choices = Choices(state.kg.public)
    return state.form_choices


def _own_organisations(request: Request, account: Account) -> list[Choice]:
    """Organisation drafts the user submitted: pickable on their own forms before they are published."""
    side = gate.curation(request)
    prefix = f"{records(request)}{SEGMENTS['organisation']}/"
    with side.engine.connect() as conn:
        mine = conn.scalars(select(db.submissions.c.entry).where(db.submissions.c.submitter_id == account.id,
                                                                db.submissions.c.entry.startswith(prefix)))
        iris = list(mine)
    found = []
    for iri in iris:
        _version, triples = side.workbench.draft(NamedNode(iri))
        labels = {t.object.language or "en": t.object.value for t in triples
                  if t.predicate.value == SKOS + "prefLabel"}
        alternatives: dict[str, tuple[str, ...]] = {}
        for t in triples:
            if t.predicate.value == SKOS + "altLabel":
                language = t.object.language or "en"
                alternatives[language] = (*alternatives.get(language, ()), t.object.value)
        found.append(Choice(iri, iri.rsplit("/", 1)[-1], labels, alternatives=alternatives, record=True,
                            types=frozenset({ORG + "Organization"})))
    return found


class _Picks:
    """The choices one request may pick from: the public ones, read once per request (a form resolves
    hundreds of values), and for organisations the user's own drafts as well."""

    def __init__(self, request: Request, account: Account):
        self.request, self.account, self.public = request, account, public_choices(request)
        self._lists: dict[str, list[Choice]] = {}
        self._indexes: dict[str, dict] = {}

    def of(self, scheme: str) -> list[Choice]:
        if scheme not in self._lists:
            own = _own_organisations(self.request, self.account) if scheme == ORGANISATIONS else []
            self._lists[scheme] = self.public.of(scheme) + own
        return self._lists[scheme]

    def resolve(self, scheme: str, text: str) -> str | None:
        if scheme not in self._indexes:
            public = self.public.index(scheme)
            own = self.of(scheme)[len(self.public.of(scheme)):]
            merged = dict(public)
            for word, iris in word_index(own).items():
                merged[word] = merged.get(word, frozenset()) | iris
            self._indexes[scheme] = merged
        return resolve(self._indexes[scheme], text)


def _choices_for(request: Request, account: Account):
    return _Picks(request, account).of


# -- reading and checking a form -----------------------------------------------------------
async def _sent(request: Request) -> dict[str, list[str]]:
    data = await request.form()
    return {key: [v for v in data.getlist(key) if isinstance(v, str)] for key in data.keys()}


def check_draft(request: Request, form: EntryForm, entry: NamedNode,
                triples: list[Triple]) -> list[FieldProblem]:
    """The validator's problems of the draft as it would be submitted (with the status a submission gets)."""
    status = NamedNode(request.app.state.base_iri + "review-status/submitted")
    violations = request.app.state.kg.check_entry(entry, [*triples, Triple(entry, REVIEW_STATUS, status)])
    return problems(form, violations, record_rows(form, entry, triples))


def _draft_kind(triples, entry: NamedNode) -> str:
    classes = {t.object.value for t in triples if t.subject == entry and t.predicate == RDF_TYPE}
    return next((kind for kind, iri in KINDS.items() if iri in classes), "practice")


def _entry(request: Request, segment: str, name: str) -> NamedNode:
    if segment not in KINDS_OF_SEGMENT:
        raise Problem("not-found", 404, f"no entry '{segment}/{name}' under curation")
    try:
        return NamedNode(f"{records(request)}{segment}/{name}")
    except ValueError:
        raise Problem("not-found", 404, f"no entry '{segment}/{name}' under curation") from None


def _submission(request: Request, account: Account, entry: NamedNode):
    """The entry's row of the curation database, if `account` may open its draft (its submitter or a curator)."""
    side = gate.curation(request)
    with side.engine.connect() as conn:
        row = conn.execute(select(db.submissions).where(db.submissions.c.entry == entry.value)).first()
    if row is None:
        raise Problem("not-found", 404, f"{entry.value} is not under curation")
    if row.submitter_id != account.id and not account.has("curator"):
        raise Problem("forbidden", 403, "only its submitter or a curator opens a draft")
    return row


# -- the page -------------------------------------------------------------------------------
def _page(request: Request, account: Account, form: EntryForm, *, entry: NamedNode | None,
          values: dict[str, list[Given]], found: list[FieldProblem], version: int, editable: bool = True,
          notice: str = "", stale: str = "", status: int = 200) -> HTMLResponse:
    lang = reader(request).lang
    _ = translator(lang)
    base = request.app.state.base_iri
    groups = field_views(form, values, found, _choices_for(request, account), lang)
    lists = datalists(groups)
    if entry is None:
        heading, action = _("New entry: {kind}", kind=form.name(lang)), f"/curate/new/{form.kind}"
    else:
        title = next((g.text for key in ("title", "prefLabel") for g in values.get(key, [])), entry.value)
        heading, action = _("Edit: {title}", title=title), edit_path(entry.value, base)
    response = render(request, "form.html", status=status, title=heading, heading=heading, kind=form.kind,
                  groups=groups, datalists=lists, problems=found, action=action, version=version,
                  csrf=gate.csrf_token(request), editable=editable, notice=notice, stale=stale,
                  edit_url=action if stale else None, languages_of_text=language_options(lang),
                  field_names={p.key: form.name_of(p.key, lang) for p in found if p.key} |
                  {f.key: f.name(lang) for f in form.fields})
    response.headers["Cache-Control"] = "no-store"    # a draft is nobody else's business
    return response


@router.get("/curate/new/{kind}", response_class=HTMLResponse)
def new_entry(request: Request, kind: str, account: Account = Depends(gate.signed_in)):
    form = form_of(kind)
    return _page(request, account, form, entry=None, values={}, found=[], version=0)


@router.get("/curate/entries/{segment}/{name}/edit", response_class=HTMLResponse)
def edit_entry(request: Request, segment: str, name: str, account: Account = Depends(gate.signed_in)):
    entry = _entry(request, segment, name)
    row = _submission(request, account, entry)
    version, triples = gate.curation(request).workbench.draft(entry)
    form = form_of(_draft_kind(triples, entry))
    lang = reader(request).lang
    _ = translator(lang)
    of = _choices_for(request, account)

    def shown(scheme: str, iri: str) -> str:
        return next((c.display(lang) for c in of(scheme) if c.iri == iri), iri)
    editable = row.state in wf.EDITABLE
    notices = {"saved": _("Draft saved."), "submitted": _("Submitted for review: a curator will look at it.")}
    notice = notices.get(request.query_params.get("done", ""), "")
    if not editable and not notice:
        notice = _("This entry is {state}: it cannot be edited now.", state=wf.STATES[row.state].get(lang, row.state))
    # An upload or the API may have given properties no field shows: say so rather than drop them unseen.
    hidden = sorted({t.predicate.value for t in triples if t.subject == entry and t.predicate != RDF_TYPE
                     and form.by_path(t.predicate.value) is None})
    if hidden and editable:
        notice = " ".join(filter(None, (notice, _("This draft also holds {properties}, which the form does not show: saving it from the form leaves them out.", properties=", ".join(hidden)))))  # noqa: E501 - one catalogue key
    return _page(request, account, form, entry=entry, values=values_of(form, entry, triples, shown),
                 found=check_draft(request, form, entry, list(triples)) if editable else [], version=version,
                 editable=editable, notice=notice)


@router.post("/curate/new/{kind}", dependencies=[Depends(gate.checked_csrf)])
async def create_entry(request: Request, kind: str, account: Account = Depends(gate.signed_in)):
    form = form_of(kind)
    sent = await _sent(request)
    entry = new_entry_iri(request, kind, given_values(form, sent))
    return _save(request, account, form, entry, sent, based_on=0)


@router.post("/curate/entries/{segment}/{name}/edit", dependencies=[Depends(gate.checked_csrf)])
async def save_entry(request: Request, segment: str, name: str, account: Account = Depends(gate.signed_in)):
    entry = _entry(request, segment, name)
    _submission(request, account, entry)
    _version, triples = gate.curation(request).workbench.draft(entry)
    sent = await _sent(request)
    try:
        based_on = int((sent.get("version") or ["0"])[0])
    except ValueError:
        raise Problem("invalid-parameter", 422, "the form's version is not a number", parameter="version") from None
    return _save(request, account, form_of(_draft_kind(triples, entry)), entry, sent, based_on=based_on)


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _save(request: Request, account: Account, form: EntryForm, entry: NamedNode, sent: dict[str, list[str]],
          based_on: int) -> Response:
    """Save the draft (and submit it when asked); the page again with the problems, or a redirect."""
    lang = reader(request).lang
    _ = translator(lang)
    bench = gate.curation(request).workbench
    values = given_values(form, sent)
    triples, unread = parse(form, entry, values, resolver(request, account))
    action = (sent.get("_action") or ["save"])[0]
    try:
        version = bench.save_draft(account, entry, triples, based_on)
    except StaleVersion as stale:
        message = _("Someone else saved this entry since you opened it (you edited version {mine}, the latest is {latest}). Your changes were not saved: they are shown below. Check them against the latest version, then save again to replace it.", mine=stale.based_on, latest=stale.latest)  # noqa: E501 - one catalogue key
        if _wants_json(request):
            return JSONResponse({"saved": False, "stale": True, "message": message, "latest": stale.latest},
                                status_code=412)
        return _page(request, account, form, entry=entry, values=values, found=unread, version=stale.latest,
                     stale=message, status=409)
    except (NotAllowed, NotFound, Conflict) as refused:
        raise gate.problem_for(refused, lang) from None
    edit = edit_path(entry.value, request.app.state.base_iri)
    if action == "submit":
        try:
            bench.transition(account, entry, "submit")
        except wf.Refused as refused:
            found = unread + check_draft(request, form, entry, triples)
            return _page(request, account, form, entry=entry, values=values, found=found, version=version,
                         notice=_("Not submitted: {reason}", reason=refused.message(lang)) if refused.code !=
                         "condition" else _("Not submitted: fix the problems below first."), status=422)
        except Conflict as conflict:
            raise gate.problem_for(conflict, lang) from None
        return RedirectResponse(edit + "?done=submitted", status_code=303)
    if _wants_json(request):
        found = unread + check_draft(request, form, entry, triples)
        return JSONResponse({"saved": True, "entry": entry.value, "version": version, "edit": edit,
                             "problems": _problems_json(form, found, lang)})
    if unread:   # what could not be read is not in the draft: show it back with its problem
        return _page(request, account, form, entry=entry, values=values,
                     found=unread + check_draft(request, form, entry, triples), version=version,
                     notice=_("Draft saved."), status=422)
    return RedirectResponse(edit + "?done=saved", status_code=303)


def resolver(request: Request, account: Account):
    """The form's Resolver for this request: typed text -> the IRI it names, among what `account` may pick."""
    return _Picks(request, account).resolve


def _problems_json(form: EntryForm, found: list[FieldProblem], lang: str) -> list[dict]:
    return [{"field": p.key, "name": form.name_of(p.key, lang) if p.key else None, "message": p.message(lang),
             "severity": p.severity} for p in found]


@router.post("/curate/validate/{kind}", dependencies=[Depends(gate.checked_csrf)])
async def validate_form(request: Request, kind: str, account: Account = Depends(gate.signed_in)):
    """The form's problems as the user types: the same parser and validator as a save, nothing stored."""
    form = form_of(kind)
    lang = reader(request).lang
    values = given_values(form, await _sent(request))
    entry = NamedNode(f"{records(request)}{SEGMENTS[kind]}/unsaved")
    triples, unread = parse(form, entry, values, resolver(request, account))
    return JSONResponse({"problems": _problems_json(form, unread + check_draft(request, form, entry, triples), lang)})


# -- the pickers' choices (public) ------------------------------------------------------------
_PROBLEM = {"content": {"application/problem+json": {"schema": {"type": "object"}}}}


@api_router.get("/api/vocabularies/{name}/search", summary="Type-ahead over a vocabulary or the organisations",
                responses={404: {"description": "No such vocabulary.", **_PROBLEM},
                           422: {"description": "A parameter is invalid; `parameter` names it.", **_PROBLEM}})
def vocabulary_search(request: Request, response: Response,
                      name: str = Path(description="One of: " + ", ".join(CHOICE_SCHEMES)),
                      q: str = Query("", max_length=200, description="What the user typed"),
                      lang: str = Query("en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35,
                                        description="Language of the labels (en, es, fr...)"),
                      limit: int = Query(20, ge=1, le=100)):
    """The concepts of a vocabulary (objectives, principles, sdg, countries, practice-types...), or the published
    organisations (`organisations`), that `q` may mean: a label in any language, a code or notation, an acronym;
    exact matches first. Each with its label in `lang` and what it sits under (a country's region).
    A signed-in contributor also finds the organisations they have drafted themselves."""
    if name not in CHOICE_SCHEMES:
        raise Problem("not-found", 404, f"no vocabulary '{name}' (one of: {', '.join(CHOICE_SCHEMES)})")
    choices = public_choices(request).of(CHOICE_SCHEMES[name])
    account = gate.caller(request) if name == ORGANISATIONS and getattr(request.app.state, "curation", None) \
        else None
    if account is not None:
        choices = choices + _own_organisations(request, account)
        response.headers["Cache-Control"] = "private, no-store"
    response.headers["Vary"] = "Cookie, Authorization"
    labels = {c.iri: c for c in choices}
    found = search(choices, q, limit)
    return {"name": name, "iri": CHOICE_SCHEMES[name], "choices": [
        {"iri": c.iri, "code": c.code, "label": c.label(lang), "short": c.short(lang), "display": c.display(lang),
         "under": labels[c.broader].label(lang) if c.broader in labels else None} for c in found]}
