"""The policymakers' web pages: routes, and the HTML face of every IRI we mint.

`router` holds the listing pages (/, /practices, /norms, /search and their
downloads, /coverage, /vocabularies, /sdg); `render_resource` is what
api/linked_data.py calls when a browser dereferences an IRI, and chooses the
page by what the IRI is: an entry, a country, a concept, a scheme. `start`
prepares what the pages share (the search index, concept labels, the M49
tree) once the app has opened its store.
"""

from __future__ import annotations

import gc

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from gcmkg.graph.example_queries import EXAMPLES
from gcmkg.graph.page_data import PageData
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_params import ShortValues
from gcmkg.names import GCM, ORG, RDF_TYPE, SDG, SDG_SCHEME, SKOS, is_system_graph
from gcmkg.problems import Problem

from . import (desk_pages, form_pages, form_uploads, indicator_pages, ingest_pages, merge_pages, profile_pages,
               review_pages)
from .account_pages import router as account_router
from .concept_pages import concept_page
from .country_pages import country_page
from .coverage import coverage_page
from .downloads_page import downloads_page
from .entry_pages import entry_page
from .home import home_page
from .ontology_page import ontology_page
from .i18n import translator
from .render import local_href, reader, render
from .result_downloads import download
from .search_pages import facet_values_page, search_page
from .vocabulary_pages import groupings_page, scheme_page, vocabularies_page

router = APIRouter(include_in_schema=False)
router.include_router(account_router)   # signing in, one's account (the curators' side grows from here)
router.include_router(form_pages.router)      # the submission form (/curate/new, /curate/entries/.../edit)
router.include_router(form_uploads.router)    # its spreadsheet template and uploads (/curate/template, /curate/upload)
router.include_router(desk_pages.router)     # the curators' workbench under /curate
router.include_router(review_pages.router)
router.include_router(merge_pages.router)      # merging a duplicate into the entry it repeats (/curate/merge)
router.include_router(ingest_pages.router)     # the ingest assistant's upload (/curate/ingest)
router.include_router(profile_pages.router)     # the thematic profiles: comparison, inventory, analysis
router.include_router(indicator_pages.router)   # statistical data: /indicators, a map, data availability
ENTRY_TYPES = {GCM + "Practice", GCM + "NationalNorm", ORG + "Organization", GCM + "InternationalInstrument"}


def start(app: FastAPI) -> None:
    """Build what the pages share, after the store is open: the search index kept in step with
    every write, labels of the vocabularies, the tree of regions and countries."""
    kg = app.state.kg       # the one place web holds the store: to give the pages their services
    app.state.public = PageData(kg.public)
    if getattr(app.state, "search", None) is None:
        index = SearchIndex.open(kg.public, getattr(app.state, "index_file", None),
                                 since=getattr(app.state, "index_since", None))
        kg.on_change(index.apply_changes)
        app.state.search = index
    _read_vocabularies(app)
    # New vocabularies (`gcmkg init`, logged on a shared store) are read again, after the index.
    kg.on_change(lambda iris: _read_vocabularies(app) if any(map(is_system_graph, iris)) else None)
    latest = app.state.public.latest_approved()
    kg.on_change(latest.invalidate)
    app.state.latest = latest
    # What start-up built lives as long as the server. Leaving it out of the garbage collector's
    # full passes took the p95 of a faceted page at 100k entries from about 90 ms to about 45 ms.
    gc.collect()
    gc.freeze()


def _read_vocabularies(app: FastAPI) -> None:
    """What the pages take from the vocabularies: short URL values, concept labels, the M49 tree."""
    public = app.state.public
    public.forget_indicators()
    app.state.short_values = ShortValues(app.state.search)
    app.state.concept_labels = public.concept_labels()
    app.state.areas = public.area_tree()


# -- listing pages ------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return home_page(request)


def _search_routes(path: str, kind: str | None) -> None:
    def page(request: Request) -> HTMLResponse:
        return search_page(request, kind)
    router.add_api_route(path, page, methods=["GET"], response_class=HTMLResponse)
    for fmt in ("csv", "json", "ttl"):
        router.add_api_route(f"{path}.{fmt}", _download_route(kind, fmt), methods=["GET"])

    def values(request: Request, dimension: str) -> HTMLResponse:
        return facet_values_page(request, kind, dimension)
    router.add_api_route(path + "/facet/{dimension}", values, methods=["GET"], response_class=HTMLResponse)


def _download_route(kind: str | None, fmt: str):
    def results(request: Request) -> Response:
        return download(request, kind, fmt)
    return results


for _path, _kind in (("/practices", "practice"), ("/norms", "norm"), ("/search", None)):
    _search_routes(_path, _kind)


@router.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links to."""
    from .render import WEB
    return FileResponse(WEB / "static" / "favicon.ico", media_type="image/x-icon",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The JSON API's documentation: Swagger UI served from our vendored copy of the npm package."""
    from .render import ENV
    return HTMLResponse(ENV.get_template("api_docs.html").render())


@router.get("/coverage", response_class=HTMLResponse)
def coverage(request: Request):
    return coverage_page(request)


@router.get("/coverage.json")
def coverage_json(request: Request):
    """The coverage matrix's counts as JSON (the same parameters: kind, region, objectives, at)."""
    return coverage_page(request, as_json=True)


@router.get("/vocabularies", response_class=HTMLResponse)
def vocabularies(request: Request):
    return vocabularies_page(request)


@router.get("/groupings", response_class=HTMLResponse)
def groupings(request: Request):
    return groupings_page(request)


@router.get("/sdg", response_class=HTMLResponse)
def sdg_scheme(request: Request):
    return scheme_page(request, SDG_SCHEME)


@router.get("/sdg/{code}", response_class=HTMLResponse)
def sdg_concept(request: Request, code: str):
    """SDG goals, targets and indicators keep the UN's IRIs; their pages live here."""
    try:
        node = ox.NamedNode(SDG + code)
    except ValueError:
        raise Problem("not-found", 404, f"no SDG concept '{code}'") from None
    triples = request.app.state.public.describe(node)
    if not triples:
        raise Problem("not-found", 404, f"no SDG concept '{code}'")
    jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).decode()
    return concept_page(request, node.value, triples, jsonld)


# -- the HTML face of linked data -------------------------------------------------------

def render_resource(request: Request, iri: str, triples, jsonld: str) -> Response:
    """The page for a browser that dereferences `iri` (called by api/linked_data.py)."""
    types = {t.object.value for t in triples if t.subject.value == iri and t.predicate == RDF_TYPE}
    if types & ENTRY_TYPES:
        page = entry_page(request, iri, jsonld)
        if page is not None:
            return page
    if GCM + "Indicator" in types:
        return indicator_pages.indicator_page(request, iri.rsplit("/", 1)[-1])
    if GCM + "Country" in types:
        return country_page(request, iri, triples, jsonld)
    if SKOS + "ConceptScheme" in types:
        return scheme_page(request, iri, jsonld)
    if SKOS + "Concept" in types or GCM + "Grouping" in types:
        return concept_page(request, iri, triples, jsonld)
    if iri == GCM.rstrip("#"):
        return ontology_page(request, iri, triples, jsonld)
    return resource_page(request, iri, triples, jsonld)


def resource_page(request: Request, iri: str, triples, jsonld: str) -> HTMLResponse:
    """Anything else we mint (the ontology and its terms): its statements as a table."""
    lang = reader(request).lang
    base = request.app.state.base_iri
    texts: dict[str, str] = {}
    for t in triples:
        if t.subject.value == iri and t.predicate.value.endswith(("#label", "/title", "#prefLabel")) \
                and isinstance(t.object, ox.Literal):
            texts.setdefault(t.object.language or "", t.object.value)
    from gcmkg.graph.queries import pick
    label = pick(texts, lang) or iri

    def cell(term):
        if isinstance(term, ox.NamedNode):
            return {"text": term.value, "href": local_href(term.value, base)}
        if isinstance(term, ox.Literal):
            return {"text": term.value, "lang": term.language}
        return {"text": str(term)}
    subjects = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)},
                      key=lambda s: (s != iri, s))
    groups = [(s, [(cell(t.predicate), cell(t.object)) for t in triples if t.subject.value == s])
              for s in subjects[:400]]
    return render(request, "resource.html", title=label, iri=iri, label=label, groups=groups,
                  jsonld=jsonld.replace("</", "<\\/"))


def render_downloads(request: Request, dumps) -> HTMLResponse:
    """The downloads page, for a browser on /dumps/ (called by api/dumps.py)."""
    return downloads_page(request, dumps)


def render_sparql_page(request: Request) -> HTMLResponse:
    """The SPARQL query page; `?edit=` fills the editor (the "show as SPARQL" link) without running it."""
    from .render import WEB
    lang = reader(request).lang
    query = request.query_params.get("edit") or EXAMPLES[0].query
    return render(request, "sparql.html", title="SPARQL", endpoint=request.app.state.public_url + "/sparql",
                  examples=EXAMPLES, query=query, from_search=bool(request.query_params.get("edit")),
                  yasgui=(WEB / "static" / "vendor" / "yasgui").exists(), lang_code=lang)


def problem_page(request: Request, status: int, detail: str, parameter: str | None = None,
                 value: str | None = None) -> HTMLResponse:
    """An error as a page, for browsers (machines get the JSON problem)."""
    _ = translator(reader(request).lang)
    heading = {404: _("Page not found"), 410: _("This entry is no longer published"),
               422: _("Invalid parameter")}.get(status, _("Something went wrong"))
    return render(request, "error.html", status=status, title=heading, heading=heading, detail=detail,
                  parameter=parameter, value=value)
