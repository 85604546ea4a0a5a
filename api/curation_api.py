"""The curators' workbench as a JSON API under /api/curation: everything the desk pages do, for scripts.

Scripts authenticate with an API token (``Authorization: Bearer gcmkg_...``,
`gcmkg user token EMAIL --role ROLE`), which acts with its one role; a browser's
session cookie works too, with the CSRF token in the ``X-CSRF-Token`` header.
An entry is named by its id, its IRI's path under ``/id/`` (``practice/slug``).
A draft is read with its version as ``ETag`` and saved with ``If-Match``: a
save made from a stale version gets 412, and nothing is lost (resend it on
top of the latest). Every refusal is a problem document (401, 403, 404, 409,
412, 422 naming the field, 428 without If-Match).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from pyoxigraph import NamedNode

from gcmkg.curation import desk, gate, merge, versions
from gcmkg.curation import workflow as wf
from gcmkg.curation.accounts import Account, AccountError
from gcmkg.curation.outbox import inbox as inbox_of
from gcmkg.curation.reviews import CRITERIA, VERDICTS, Assessment, Review, ReviewInvalid
from gcmkg.curation.workbench import Conflict, NotAllowed, NotFound
from gcmkg.ingest import drafts
from gcmkg.names import BASE, REVIEW_STATUS
from gcmkg.problems import Problem

from . import draft_json
from .draft_json import FieldError
from .json_api import PROBLEM_SCHEMA

_REFUSALS = (NotAllowed, NotFound, Conflict, versions.StaleVersion, wf.Refused, AccountError)


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}}


ERRORS = {401: _problem("Not signed in: send `Authorization: Bearer gcmkg_...`."),
          403: _problem("Your roles do not allow it, or a CSRF token is missing (cookie sessions)."),
          404: _problem("No such entry under curation."),
          409: _problem("Not possible in the entry's state, or a condition (validity, the review rule) fails."),
          422: _problem("A field or parameter cannot be read; `parameter` names it.")}

router = APIRouter(prefix="/api/curation", tags=["Curation API"], responses=ERRORS)
WRITE = [Depends(gate.checked_csrf)]
KIND = Path(pattern="^(practice|norm|org)$", description="practice, norm or org (the IRI's segment under /id/)")
SLUG = Path(pattern=r"^[a-z0-9][a-z0-9._-]{0,119}$", description="The rest of the entry's id")
DRAFT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "required": ["type"], "description":
                                    "Fields keyed as in shapes/fields.py (see /ontology): "
                                    '{"type": "practice", "title": {"en": "..."}, "primaryObjective": '
                                    '["https://w3id.org/gcmkg/gcm/objective/15"], "startDate": "2020-03"}'}},
    "text/turtle": {"schema": {"type": "string"}}, "application/ld+json": {"schema": {"type": "object"}}}}}


def _lang(account: Account) -> str:
    return account.languages[0] if account.languages else "en"


def _refused(error: Exception, account: Account) -> Problem:
    return gate.problem_for(error, _lang(account))


def _entry(request: Request, kind: str, slug: str):
    return desk.entry_iri(request.app.state.base_iri, f"{kind}/{slug}")


def _etag(version: int) -> str:
    return f'"{version}"'


def _if_match(request: Request) -> int:
    given = request.headers.get("if-match")
    if given is None:
        raise Problem("precondition-required", 428, "send If-Match with the ETag of the version you edited "
                                                     "(GET the draft first)")
    text = given.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise Problem("invalid-parameter", 422, f"If-Match {given!r} is not an ETag this API gave",
                      parameter="If-Match")
    return int(text)


async def _draft_from_body(request: Request, entry=None):
    """(entry, triples) from a JSON, Turtle or JSON-LD body; a new entry's id comes from the body or is minted."""
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    body = await request.body()
    try:
        if media in draft_json.RDF_MEDIA:
            found, triples = draft_json.triples_from_rdf(entry, body, media)
            desk.entry_iri(request.app.state.base_iri, desk.entry_id(found.value, request.app.state.base_iri))
            return found, triples
        if media != "application/json":
            raise Problem("invalid-parameter", 415, f"send JSON, Turtle or JSON-LD, not {media}",
                          parameter="Content-Type")
        try:
            doc = json.loads(body or b"null")
        except ValueError as error:
            raise FieldError(None, f"the body is not JSON: {error}") from None
        if entry is None:
            kind = draft_json.kind_in(doc) if isinstance(doc, dict) else "practice"
            given = doc.get("id") if isinstance(doc, dict) else None
            if given is not None and not isinstance(given, str):
                raise FieldError("id", 'an entry id is text: "practice/my-slug"')
            entry = desk.entry_iri(request.app.state.base_iri, given) if given else desk.entry_iri(
                request.app.state.base_iri, desk.new_entry_id(kind, _any_title(doc)))
        return entry, draft_json.triples_from_json(entry, doc)
    except FieldError as error:
        raise Problem("invalid-parameter", 422, str(error), parameter=error.key or "body") from None
    except desk.BadEntryId as error:
        raise Problem("invalid-parameter", 422, str(error), parameter="id") from None


def _any_title(doc) -> str:
    title = doc.get("title") if isinstance(doc, dict) else None
    if isinstance(title, dict):
        return str(title.get("value") or next(iter(title.values()), ""))
    return title if isinstance(title, str) else ""


def _draft_document(request: Request, account: Account, entry) -> JSONResponse:
    bench = gate.curation(request).workbench
    try:
        state = bench.state(entry)
        version, triples = bench.draft(entry)
        actions = bench.actions(account, entry)
    except _REFUSALS as error:
        raise _refused(error, account) from None
    base = request.app.state.base_iri
    doc = {"id": desk.entry_id(entry.value, base), "iri": entry.value, "state": state, "version": version,
           "actions": actions, **draft_json.json_from_triples(entry, triples)}
    return JSONResponse(doc, headers={"ETag": _etag(version), "Cache-Control": "no-store"})


def _readable(request: Request, account: Account, entry) -> None:
    bench = gate.curation(request).workbench
    try:
        row = bench._row(entry)
    except NotFound as error:
        raise _refused(error, account) from None
    if not desk.may_read_draft(account, row.submitter_id):
        raise Problem("forbidden", 403, "only its submitter and the curators read a draft; reviewers read "
                                        "the entries assigned to them through /review-copy")


def _violations(request: Request, entry, triples) -> list[dict]:
    """What the shapes say of a draft about to be submitted, by field."""
    from pyoxigraph import NamedNode, Triple
    kg = gate.curation(request).workbench.kg
    status = Triple(entry, REVIEW_STATUS, NamedNode(BASE + "review-status/submitted"))
    return [{"field": (v.path or "").replace("#", "/").rsplit("/", 1)[-1] or None, "message": v.message(),
             "severity": v.severity} for v in kg.check_entry(entry, [*triples, status])]


# -- the queue ------------------------------------------------------------------------------
class QueueEntry(BaseModel):
    id: str
    iri: str
    type: str
    title: str
    state: str
    version: int
    updated: dt.datetime
    overdue: bool
    reviewers: list[dict] = Field(description="staff only: each assigned reviewer's IRI, affiliation, due date, "
                                              "conflict declared, reviewed")


class Queue(BaseModel):
    counts: dict[str, int]
    entries: list[QueueEntry]


def desk_filters(request: Request, account: Account, state, kind, objective, region, assigned, overdue) -> desk.Filters:
    """The queue's filters as asked, narrowed to what `account` may list (staff: everything; others: their own)."""
    places = frozenset()
    if region:
        iri = region if region.startswith("http") else BASE + "region/" + region
        areas = getattr(request.app.state, "areas", {})
        if iri not in areas:
            raise Problem("invalid-parameter", 422, f"no region {region!r} (an M49 code such as 019 or 150)",
                          parameter="region", value=region)
        places = desk.places_within(areas, iri)
    mine = assigned == "me" or not desk.is_staff(account) and account.has("reviewer") \
        and not account.has("contributor")
    return desk.Filters(state=state, kind=kind, objective=f"{BASE}gcm/objective/{objective}" if objective else None,
                        places=places, assigned_to=account.id if mine else None, overdue=overdue,
                        submitter=None if desk.is_staff(account) or mine else account.id)


def queue_entry(item: desk.Item, base: str, staff: bool) -> dict:
    return {"id": desk.entry_id(item.iri, base), "iri": item.iri, "type": item.kind, "title": item.title,
            "state": item.state, "version": item.version, "updated": item.updated_at, "overdue": item.overdue,
            "reviewers": [{"reviewer": a.reviewer_iri, "affiliation": a.affiliation, "due": a.due,
                           "conflict": a.conflict, "reviewed": a.reviewed_at is not None}
                          for a in item.assignments] if staff else []}


@router.get("/entries", summary="The queue: entries under curation by state, with counts", response_model=Queue)
def queue(request: Request, account: Account = Depends(gate.signed_in),
          state: Literal[tuple(wf.STATES)] | None = Query(None, description="Only entries in this state"),
          type: Literal["practice", "norm", "organisation"] | None = Query(None, description="Kind of entry"),
          objective: int | None = Query(None, ge=1, le=23, description="A GCM objective (1-23)"),
          region: str | None = Query(None, max_length=200, description="An M49 region code (019, 150...)"),
          assigned: Literal["me"] | None = Query(None, description="'me': entries assigned to me to review"),
          overdue: bool = Query(False, description="Only entries with a review past its due date")) -> dict:
    """Curators see every entry; a contributor their submissions; a reviewer what is assigned to them."""
    found = desk.items(gate.curation(request).engine, _lang(account),
                       desk_filters(request, account, None, type, objective, region, assigned, overdue))
    staff = desk.is_staff(account)
    shown = [queue_entry(i, request.app.state.base_iri, staff) for i in found if state in (None, i.state)]
    return {"counts": desk.counts(found), "entries": shown}


# -- drafts ----------------------------------------------------------------------------------
@router.post("/entries", summary="Create a draft (JSON by field names, Turtle or JSON-LD)", status_code=201,
             dependencies=WRITE, openapi_extra=DRAFT_BODY)
async def create_draft(request: Request, account: Account = Depends(gate.signed_in)) -> JSONResponse:
    """The new entry's id is the body's `id` (e.g. "practice/my-slug"), the IRI a Turtle body describes,
    or made from its title. Answers with the draft, its `ETag` and `Location`."""
    entry, triples = await _draft_from_body(request)
    try:
        gate.curation(request).workbench.save_draft(account, entry, triples, based_on=0)
    except versions.StaleVersion:
        raise Problem("conflict", 409, f"{entry.value} already exists: GET it and PUT with If-Match") from None
    except _REFUSALS as error:
        raise _refused(error, account) from None
    response = _draft_document(request, account, entry)
    response.status_code = 201
    response.headers["Location"] = f"/api/curation/entries/{desk.entry_id(entry.value, request.app.state.base_iri)}"
    return response


@router.get("/entries/{kind}/{slug}", summary="A draft: its fields, state, version (ETag) and allowed actions",
            responses={200: {"content": {"application/json": {}, "text/turtle": {}}}})
def get_draft(request: Request, kind: str = KIND, slug: str = SLUG,
              account: Account = Depends(gate.signed_in)) -> Response:
    entry = _entry(request, kind, slug)
    _readable(request, account, entry)
    if "text/turtle" in request.headers.get("accept", ""):
        import pyoxigraph as ox
        version, triples = gate.curation(request).workbench.draft(entry)
        return Response(ox.serialize(list(triples), format=ox.RdfFormat.TURTLE), media_type="text/turtle",
                        headers={"ETag": _etag(version)})
    return _draft_document(request, account, entry)


@router.put("/entries/{kind}/{slug}", summary="Save a new version of a draft (If-Match: the ETag you read)",
            dependencies=WRITE, openapi_extra=DRAFT_BODY,
            responses={412: _problem("Saved by someone else since your ETag: `latest` is the current version; "
                                     "nothing was saved."),
                       428: _problem("If-Match is missing.")})
async def update_draft(request: Request, kind: str = KIND, slug: str = SLUG,
                       account: Account = Depends(gate.signed_in)) -> JSONResponse:
    entry = _entry(request, kind, slug)
    based_on = _if_match(request)
    _, triples = await _draft_from_body(request, entry)
    try:
        gate.curation(request).workbench.save_draft(account, entry, triples, based_on=based_on)
    except versions.StaleVersion as error:
        problem = _refused(error, account)
        problem.headers["ETag"] = _etag(error.latest)
        raise problem from None
    except _REFUSALS as error:
        raise _refused(error, account) from None
    return _draft_document(request, account, entry)


@router.get("/entries/{kind}/{slug}/problems", summary="What the shapes say of the draft, by field")
def draft_problems(request: Request, kind: str = KIND, slug: str = SLUG,
                   account: Account = Depends(gate.signed_in)) -> list[dict]:
    entry = _entry(request, kind, slug)
    _readable(request, account, entry)
    return _violations(request, entry, gate.curation(request).workbench.draft(entry)[1])


# -- the workflow --------------------------------------------------------------------------
class TransitionIn(BaseModel):
    note: str = Field("", max_length=5000, description="Why (sent to the submitter); for unpublish, the public "
                                                      "note the entry's IRI answers with (410)")


@router.post("/entries/{kind}/{slug}/transitions/{name}", summary="Move the entry through the workflow",
             dependencies=WRITE)
def transition(request: Request, body: TransitionIn | None = None, kind: str = KIND, slug: str = SLUG,
               name: Literal[tuple(wf.TRANSITIONS)] = Path(description="submit, publish, unpublish (with a public "
                                                                        "note), request_update, request_changes, "
                                                                        "reject, withdraw, reopen, start_review"),
               account: Account = Depends(gate.signed_in)) -> dict:
    """Publishing is refused (409) unless one UN and two external reviewers approved the current version."""
    entry = _entry(request, kind, slug)
    bench = gate.curation(request).workbench
    try:
        if name == "submit" and bench.state(entry) in wf.TRANSITIONS["submit"].sources:
            found = [v for v in _violations(request, entry, bench.draft(entry)[1]) if v["severity"] == "Violation"]
            if found and name in bench.actions(account, entry):
                raise Problem("invalid-parameter", 422, "the draft does not conform yet: " + "; ".join(
                    f"{v['field']}: {v['message']}" for v in found[:5]), parameter=found[0]["field"] or "body",
                    problems=found)
        state = bench.transition(account, entry, name, (body.note if body else ""))
    except _REFUSALS as error:
        raise _refused(error, account) from None
    return {"id": desk.entry_id(entry.value, request.app.state.base_iri), "state": state}


class AssignmentIn(BaseModel):
    reviewer: str = Field(description="The reviewer's e-mail or agent IRI", max_length=320)
    due: dt.date | None = Field(None, description="When the review is due")


@router.post("/entries/{kind}/{slug}/assignments", summary="Assign a reviewer (curators)", dependencies=WRITE)
def assign(request: Request, body: AssignmentIn, kind: str = KIND, slug: str = SLUG,
           account: Account = Depends(gate.signed_in)) -> dict:
    entry = _entry(request, kind, slug)
    side = gate.curation(request)
    found = desk.account_by_iri(side.engine, body.reviewer)
    reviewer = side.accounts.by_id(found) if found is not None else side.accounts.find(body.reviewer)
    if reviewer is None:
        raise Problem("invalid-parameter", 422, f"no account {body.reviewer!r}", parameter="reviewer")
    due = dt.datetime.combine(body.due, dt.time(23, 59)) if body.due else None
    try:
        side.workbench.assign(account, entry, reviewer, due)
        return {"id": desk.entry_id(entry.value, request.app.state.base_iri), "reviewer": reviewer.iri,
                "state": side.workbench.state(entry)}
    except _REFUSALS as error:
        raise _refused(error, account) from None


class ConflictIn(BaseModel):
    conflict: bool = Field(description="True: a conflict of interest, which withdraws you from the review")


@router.post("/entries/{kind}/{slug}/conflict-declaration", dependencies=WRITE,
             summary="Declare any conflict of interest before reading the entry (assigned reviewers)")
def declare(request: Request, body: ConflictIn, kind: str = KIND, slug: str = SLUG,
            account: Account = Depends(gate.signed_in)) -> dict:
    entry = _entry(request, kind, slug)
    try:
        gate.curation(request).workbench.declare_conflict(account, entry, body.conflict)
    except _REFUSALS as error:
        raise _refused(error, account) from None
    return {"id": desk.entry_id(entry.value, request.app.state.base_iri), "conflict": body.conflict}


@router.get("/entries/{kind}/{slug}/review-copy", summary="The entry as its reviewer reads it (after declaring)")
def review_copy(request: Request, kind: str = KIND, slug: str = SLUG,
                account: Account = Depends(gate.signed_in)) -> dict:
    entry = _entry(request, kind, slug)
    try:
        triples = gate.curation(request).workbench.open_for_review(account, entry)
    except _REFUSALS as error:
        raise _refused(error, account) from None
    return {"id": desk.entry_id(entry.value, request.app.state.base_iri), "iri": entry.value,
            **draft_json.json_from_triples(entry, triples)}


class AssessmentIn(BaseModel):
    met: bool
    justification: str = Field(min_length=1, max_length=5000)


class ReviewIn(BaseModel):
    verdict: Literal[tuple(VERDICTS)]
    assessments: dict[Literal[tuple(CRITERIA)], AssessmentIn] = Field(
        description="Each criterion of promising practices (" + ", ".join(CRITERIA) + ") with a justification")
    comment: str = Field("", max_length=20000, description="Comments to the contributor")


@router.post("/entries/{kind}/{slug}/reviews", summary="Review the current version (assigned reviewers)",
             status_code=201, dependencies=WRITE)
def review(request: Request, body: ReviewIn, kind: str = KIND, slug: str = SLUG,
           account: Account = Depends(gate.signed_in)) -> dict:
    entry = _entry(request, kind, slug)
    given = Review(body.verdict, tuple(Assessment(c, a.met, a.justification) for c, a in body.assessments.items()),
                   body.comment)
    try:
        record = gate.curation(request).workbench.review(account, entry, given)
    except ReviewInvalid as error:
        raise Problem("invalid-parameter", 422, str(error), parameter="assessments", problems=error.messages) from None
    except _REFUSALS as error:
        raise _refused(error, account) from None
    return {"id": desk.entry_id(entry.value, request.app.state.base_iri), "review": record.value}


# -- the ingest assistant's suggestions ---------------------------------------------------------
@router.get("/entries/{kind}/{slug}/suggestions", summary="The ingest assistant's suggestions for a draft")
def suggestions(request: Request, kind: str = KIND, slug: str = SLUG,
                account: Account = Depends(gate.signed_in)) -> list[dict]:
    """Each suggestion with its field (property IRI), value, confidence, method and evidence (W3C Web
    Annotation selectors over the stored document), and its decision: pending, accepted, edited or rejected.
    Who decided is shown to curators only."""
    entry = _entry(request, kind, slug)
    _readable(request, account, entry)
    staff = desk.is_staff(account)
    return [{**s.to_json(), **({"decided_by": s.decided_by} if staff and s.decided_by else {})}
            for s in drafts.suggestions_for(gate.curation(request).workbench, entry)]


class DecisionIn(BaseModel):
    suggestion: str = Field(max_length=500, description="The suggestion's IRI (GET .../suggestions)")
    decision: Literal["accept", "reject"]
    value: str | dict[Literal["iri"], str] | None = Field(
        None, description='Accept with a change: text correcting a suggested literal (its language or datatype '
                          'kept), or {"iri": "..."} for another concept than the suggested one')
    field: str | None = Field(None, max_length=500, description="The property the value goes in (an "
                                                                "organisation of no stated role needs one)")


@router.post("/entries/{kind}/{slug}/suggestions/decisions", dependencies=WRITE,
             summary="Accept (as is or changed) or reject a suggestion; an accepted value enters the draft")
def decide(request: Request, body: DecisionIn, kind: str = KIND, slug: str = SLUG,
           account: Account = Depends(gate.signed_in)) -> dict:
    """Refused with 409 when the suggestion was decided already; 422 names `suggestion`, `value` or `field`."""
    entry = _entry(request, kind, slug)
    value = body.value
    if isinstance(value, dict):
        iri = value["iri"]
        if not iri.startswith(("https://", "http://")):
            raise Problem("invalid-parameter", 422, f"{iri!r} is not an IRI", parameter="value")
        value = NamedNode(iri)
    bench = gate.curation(request).workbench
    try:
        decided = drafts.decide(bench, account, entry, body.suggestion, body.decision == "accept",
                                value=value if body.decision == "accept" else None, field=body.field)
    except _REFUSALS as error:
        raise _refused(error, account) from None
    except ValueError as error:
        known = any(s.iri == body.suggestion for s in drafts.suggestions_for(bench, entry))
        raise Problem("invalid-parameter", 422, str(error),
                      parameter=("field" if body.field or "field" in str(error) else "value") if known
                      else "suggestion") from None
    return decided.to_json()


# -- history, reviewers, inbox ----------------------------------------------------------------
@router.get("/entries/{kind}/{slug}/history", summary="The versions of a draft, and what changed between two")
def history(request: Request, kind: str = KIND, slug: str = SLUG,
            from_: int | None = Query(None, alias="from", ge=1, description="Compare this version..."),
            to: int | None = Query(None, ge=1, description="...with this one (default: the latest)"),
            account: Account = Depends(gate.signed_in)) -> dict:
    """Who saved each version is shown to curators only."""
    entry = _entry(request, kind, slug)
    _readable(request, account, entry)
    side = gate.curation(request)
    found = versions.history(side.engine, entry)
    staff = desk.is_staff(account)
    names = {a.id: a.iri for a in side.accounts.list()} if staff else {}
    doc = {"versions": [{"number": v.number, "saved": v.created_at, **({"by": names.get(v.author_id)} if staff else {})}
                        for v in found]}
    if staff:       # who merged it into what, or what was merged into it
        doc["merges"] = merge.merges_of(side.workbench, entry)
    if from_ is not None:
        by_number = {v.number: v for v in found}
        to = to or found[-1].number
        for name, number in (("from", from_), ("to", to)):
            if number not in by_number:
                raise Problem("invalid-parameter", 422, f"{entry.value} has no version {number}", parameter=name)
        doc["changes"] = [{"field": c.key, "added": list(c.added), "removed": list(c.removed)}
                          for c in versions.diff(by_number[from_].triples, by_number[to].triples, entry)]
    return doc


@router.get("/reviewers", summary="The reviewers a curator may assign (UN or external)")
def reviewers(request: Request, account: Account = Depends(gate.signed_in)) -> list[dict]:
    if not desk.is_staff(account):
        raise Problem("forbidden", 403, "only curators list the reviewers")
    return [{"iri": a.iri, "name": a.name, "email": a.email, "affiliation": a.affiliation,
             "organisation": a.organisation, "languages": list(a.languages), "objectives": list(a.objectives)}
            for a in gate.curation(request).accounts.list("reviewer") if not a.disabled]


@router.get("/inbox", summary="My notifications, newest first")
def inbox(request: Request, account: Account = Depends(gate.signed_in)) -> list[dict]:
    return [{"kind": n["kind"], "entry": n["entry"], "subject": n["subject"], "body": n["body"],
             "created": n["created_at"], "sent": n["sent_at"]}
            for n in inbox_of(gate.curation(request).engine, account.id)]
