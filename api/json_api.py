"""The JSON API under /api, documented by FastAPI's OpenAPI page at /docs.

Entries and vocabularies come from graph's PageData (app.state.public), the
service the pages ask too; the searches go through the one search-and-facets
module the web pages use, and their rows through graph/search_results.py,
the serializer of the pages' JSON downloads.
"""

from __future__ import annotations

import inspect
from typing import Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from pyoxigraph import NamedNode

from gcmkg.graph.instrument_parties import day
from gcmkg.graph.queries import SCHEMES
from gcmkg.graph.search import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SORTS, InvalidParameter, SearchRequest
from gcmkg.graph.search_facets import KIND, KINDS, YEAR, Facet, declared
from gcmkg.graph.search_params import search_request, url_params
from gcmkg.graph.search_results import ResultRows
from gcmkg.names import GCM, local_href
from gcmkg.problems import Problem, invalid_parameter

from .linked_data import moved_to

# Every error is an RFC 9457 problem (api/problems.py); the description says so, with the statuses each route gives.
PROBLEM_SCHEMA = {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
    "type": {"type": "string", "format": "uri"}, "title": {"type": "string"}, "status": {"type": "integer"},
    "detail": {"type": "string"},
    "parameter": {"type": "string", "description": "The parameter at fault (invalid-parameter problems)."},
    "value": {"type": "string", "description": "The value at fault, when the value is unknown."}}}


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}}


INVALID = {422: _problem("A parameter is invalid or names an unknown value; `parameter` names it.")}
NOT_FOUND = {404: _problem("No such vocabulary, collection or published entry.")}

router = APIRouter(prefix="/api", tags=["JSON API"], responses=INVALID)

LANG = Query("en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35,
             description="Language of labels (BCP 47, e.g. en, es, fr); English where a label is missing.")
KIND_PATHS = {"practices": "practice", "norms": "norm", "organisations": "org"}

GROUPING = GCM + "Grouping"      # the class of the groupings of countries (SKOS collections)


@router.get("/vocabularies", summary="The vocabularies and their titles")
def vocabularies(request: Request, lang: str = LANG) -> list[dict]:
    titles = request.app.state.public.labels([*SCHEMES.values(), GROUPING], lang)
    return [*({"name": name, "iri": iri, "title": titles.get(iri, name), "href": f"/api/vocabularies/{name}"}
              for name, iri in SCHEMES.items()),
            {"name": "groupings", "iri": GROUPING, "title": titles.get(GROUPING, "groupings"),
             "href": "/api/vocabularies/groupings"}]


# Registered before /vocabularies/{name}: the groupings are SKOS collections, not a scheme.
@router.get("/vocabularies/groupings", summary="The groupings of countries, their members counted and their sources")
def groupings(request: Request, lang: str = LANG) -> dict:
    state = request.app.state
    counted = state.search.search(SearchRequest(page_size=1, facets=("grouping",)))
    entries = {fv.value: fv.count for fv in counted.facets.get("grouping", ())}
    return {"name": "groupings", "iri": GROUPING, "lang": lang, "groupings": [
        {"iri": g.iri, "notation": g.notation, "label": g.label, "definition": g.definition,
         "members": g.members, "associate_members": g.associates, "entries": entries.get(g.iri, 0),
         "sources": g.sources, "read_on": g.read_on, "html": local_href(g.iri, state.base_iri),
         "search": f"/api/search?grouping={state.short_values.short('grouping', g.iri)}"}
        for g in state.public.groupings(lang)]}


@router.get("/vocabularies/{name}", summary="The concepts of one vocabulary with labels in a language",
            responses=NOT_FOUND)
def vocabulary(request: Request, name: str = Path(description="One of: " + ", ".join(SCHEMES)),
               lang: str = LANG) -> dict:
    if name not in SCHEMES:
        raise Problem("not-found", 404, f"no vocabulary '{name}' (there are: {', '.join(SCHEMES)})")
    concepts = request.app.state.public.scheme_concepts(SCHEMES[name], lang)
    return {"name": name, "iri": SCHEMES[name], "lang": lang, "concepts": concepts}


FILTER_HELP = ("Several values of one filter combine with OR, different filters with AND. A value is an IRI "
               "or its last path segment, as in the web pages' addresses (objective=20, country=MDA, "
               "sdg_target=10.7, region=150); a value the graph does not know is a 422 problem naming it.")


_YEAR_FACETS = {f.name for f in declared() if f.values == YEAR}


def _search(request: Request, kind: str | None, path: str) -> dict:
    """A search through the index the web pages use, as JSON: one page of results and the facet counts."""
    state = request.app.state
    params = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
    lang = (params.get("lang") or ["en"])[-1]
    try:
        sreq = search_request(params, state.short_values, kind=kind, lang=lang)
    except InvalidParameter as error:
        raise invalid_parameter(error) from None
    result = state.search.search(sreq)
    short = state.short_values
    serializer = ResultRows(state.search, state.concept_labels, state.public, lang)
    label = serializer.label
    rows = serializer.api_rows(result.rows, state.base_iri)
    facets = {}
    for dimension, values in result.facets.items():
        if dimension in _YEAR_FACETS:
            facets[dimension] = [{"value": int(v.value), "count": v.count} for v in values if v.count]
            continue
        chosen = set(sreq.filters.get(dimension, ()))
        facets[dimension] = [{"value": v.value, "short": short.short(dimension, v.value), "label": label(v.value),
                              "count": v.count, **({"selected": True} if v.value in chosen else {})}
                             for v in values if v.count or v.value in chosen]
    state_params = url_params(sreq, short, fixed_kind=kind) + [("lang", lang)]
    last = max(1, -(-result.total // sreq.page_size))

    def page_link(n: int) -> str:
        extra = [("page", str(n))] if n > 1 else []
        size = [("page_size", str(sreq.page_size))] if sreq.page_size != 20 else []
        return f"{path}?{urlencode(state_params + size + extra)}"
    return {"total": result.total, "page": sreq.page, "page_size": sreq.page_size, "lang": lang, "at": sreq.on_day,
            "results": rows, "facets": facets,
            "year_range": list(result.year_range) if result.year_range else None,
            "links": {"self": page_link(sreq.page),
                      "next": page_link(sreq.page + 1) if sreq.page < last else None,
                      "prev": page_link(sreq.page - 1) if sreq.page > 1 else None,
                      "html": f"{ {'practice': '/practices', 'norm': '/norms'}.get(kind or '', '/search') }?"
                              + urlencode(url_params(sreq, short, fixed_kind=kind))}}


def _filter_parameter(facet: Facet) -> inspect.Parameter:
    """A facet's filter as a route parameter, from its declaration (its description is OpenAPI's)."""
    if facet.values == KIND:
        annotation, description = list[Literal[tuple(KINDS.values())]], facet.description + " " + FILTER_HELP
    else:
        annotation, description = list[str], facet.description
    return inspect.Parameter(facet.param, inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
                             default=Query([], description=description))


def _parameters(request: Request,
                q: str = Query("", max_length=MAX_QUERY_LENGTH,
                               description="Free text in any language: titles, summaries, every text field, and "
                                           "the labels of linked concepts. Words are stemmed in English, Spanish "
                                           "and French; a word ending in * matches as a prefix (Venezuela*)."),
                year_from: int | None = Query(None, ge=1, le=9999, description="Earliest start or adoption year."),
                year_to: int | None = Query(None, ge=1, le=9999,
                                            description="Latest start or adoption year (not before year_from)."),
                sort: Literal[SORTS] = Query("relevance", description="Order of the results."),
                facets: list[str] = Query([], description="Which facets to count (comma-separated or repeated); "
                                                          "all by default, e.g. objective,country."),
                page: int = Query(1, ge=1), page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
                at: str | None = Query(None, description="The day (YYYY-MM-DD or YYYY) the counts and filters are "
                                       "taken on: an international instrument counts for the States party to it "
                                       "that day, a norm's and a practice's status is the one they have that day; "
                                       "default today."),
                wider: Literal["yes", "no"] = Query("no", description="yes: a country filter also finds the "
                                                    "regional and global entries scoped to a region the country "
                                                    "lies in (M49 sub-regions, region, the World)."),
                lang: str = LANG) -> None:
    """The control parameters of a search route; the facet filters are added from the declarations."""


def _search_signature() -> inspect.Signature:
    """request, q, one parameter per declared facet filter, then the other controls: what OpenAPI lists."""
    control = list(inspect.signature(_parameters).parameters.values())
    filters = [_filter_parameter(f) for f in declared() if f.filter]
    return inspect.Signature([control[0], control[1].replace(kind=inspect.Parameter.KEYWORD_ONLY), *filters,
                              *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in control[2:])],
                             return_annotation=dict)


def _search_route(kind: str | None, path: str, summary: str):
    def route(request: Request, **_validated) -> dict:
        # FastAPI validates the parameters of the signature below; the search reads them from the URL.
        return _search(request, kind, path)
    route.__doc__ = summary
    route.__signature__ = _search_signature()
    return route


for _kind, _path, _summary in ((None, "/search", "Practices and norms: search, filters and facet counts"),
                               ("practice", "/practices", "Practices: search, filters and facet counts"),
                               ("norm", "/norms", "National norms: search, filters and facet counts")):
    router.add_api_route(_path, _search_route(_kind, "/api" + _path, _summary), methods=["GET"], summary=_summary)


@router.get("/{kind}/{slug}", summary="One published practice, national norm or organisation",
            responses={**NOT_FOUND, 301: {"description": "The entry was merged into another: `Location` is its "
                                                         "address here"}})
def entry(request: Request, kind: str = Path(description="practices, norms or organisations"),
          slug: str = Path(pattern=r"^[A-Za-z0-9._~-]+$"), lang: str = LANG,
          at: str | None = Query(None, description="The day (YYYY-MM-DD or YYYY) the computed status (of a norm, "
                                 "from its amending chain; of a practice, from its dates) and an international "
                                 "instrument's parties (`party_on_date`) are given at; default today.")) -> dict:
    if kind not in KIND_PATHS:
        raise Problem("not-found", 404, f"no such collection '{kind}' (practices, norms, organisations)")
    iri = f"{request.app.state.base_iri}id/{KIND_PATHS[kind]}/{slug}"
    view = request.app.state.public.entry(iri, lang)
    if view is None:
        moved = moved_to(request, NamedNode(iri), lambda into: f"/api/{kind}/{into.value.rsplit('/', 1)[-1]}")
        if moved is not None:
            return moved
        raise Problem("not-found", 404, f"no published entry <{iri}>")
    try:
        on = day(at)
    except ValueError as error:
        raise invalid_parameter(InvalidParameter("at", str(error), value=at)) from None
    doc = view.as_json()
    public = request.app.state.public
    if view.kind in ("norm", "instrument"):
        status, amenders = public.norm_status(iri, on)
        doc["status_computed"] = {"status": status, "amended_by": amenders, "on": on,
                                  "note": "computed from the norms that amend it (eli:amends, eli:amended_by)"}
    if view.kind == "practice":
        doc["status_computed"] = {"status": public.practice_status(iri, on), "on": on,
                                  "note": "computed from its dates: planned (starts later), ongoing, completed "
                                          "(ended before); null when it states no date and is not stated ongoing"}
    if view.kind == "organisation":
        doc["units"] = [{"iri": unit, "label": label} for unit, label in public.units(iri, lang)]
    if view.kind == "instrument":
        doc["parties_on"] = on
        doc["parties"] = public.instrument_parties(iri, on)
    return doc
