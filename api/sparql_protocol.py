"""The public SPARQL 1.1 endpoint at /sparql: the Protocol for queries, read-only, guarded.

Every query passes the guard (api/query_guard.py) before anything runs: a
query it cannot parse does not run, SERVICE and every update are refused.
On the embedded store, queries run in killable worker processes over a
snapshot (api/query_runner.py); on a remote SPARQL server they are forwarded
with the same deadline and row cap.

Queries reach the endpoint through `QueryLane`, a thin ASGI layer in front
of the framework's router: a small query is answered in about a millisecond,
and routing, the route wrapper and the exception middleware would add a
fifth to that. Everything else on /sparql (the editor page) takes the route.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlencode
from dataclasses import dataclass

import httpx
import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from gcmkg.graph.remote_store import as_sent_to, endpoints_for, portable_results

from .negotiate import RDF, SPARQL_RESULTS, choose, wants_html
from .problems import Problem, problem_response
from .query_guard import CheckedQuery, QueryRefused, check_query
from .query_runner import QueryFailed, QueryTimeout, QueryTooLarge, RunResult
from .result_formats import write_boolean, write_select

MAX_QUERY_BYTES = 256 * 1024
CAPPED_HEADER = "GCMKG-Results-Capped"

router = APIRouter()

_RDF_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
                "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}


@dataclass(frozen=True)
class QueryRequest:
    text: str
    default_graph_uris: tuple[str, ...]
    named_graph_uris: tuple[str, ...]
    format_param: str | None


class RemoteQueries:
    """Forwards checked queries to a remote SPARQL server, with the endpoint's deadline and row cap."""

    def __init__(self, query_url: str, *, timeout_s: float, max_rows: int):
        self.query_url, self.timeout_s, self.max_rows = query_url, timeout_s, max_rows
        self.engine = endpoints_for(query_url).engine
        self._http = httpx.AsyncClient(timeout=timeout_s)

    async def run_async(self, text: str, form: str, *, result_format: str, default_graph_uris=(),
                        named_graph_uris=(), union_default_graph: bool = True) -> RunResult:
        started = time.monotonic()
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        data = [("query", as_sent_to(self.engine, text))] + [("default-graph-uri", u) for u in default_graph_uris] \
            + [("named-graph-uri", u) for u in named_graph_uris]
        try:
            response = await self._http.post(self.query_url, content=urlencode(data), headers={
                "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        except httpx.TimeoutException:
            raise QueryTimeout(f"the query ran longer than {self.timeout_s:g} s and was stopped") from None
        except httpx.HTTPError as error:
            raise QueryFailed(f"the SPARQL server did not answer: {error}") from None
        if response.status_code >= 400:
            raise QueryFailed(f"the SPARQL server answered {response.status_code}: {response.text[:300]}")
        elapsed = (time.monotonic() - started) * 1000
        if graph_form:
            triples = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
            capped = len(triples) > self.max_rows
            body = ox.serialize(triples[: self.max_rows], format=_RDF_FORMATS[result_format])
            return RunResult(body, result_format, capped, min(len(triples), self.max_rows), elapsed)
        results = ox.parse_query_results(portable_results(response.content), format=ox.QueryResultsFormat.JSON)
        if isinstance(results, ox.QueryBoolean):
            return RunResult(write_boolean(bool(results), result_format), result_format, False, None, elapsed)
        written = write_select([v.value for v in results.variables], results, result_format,
                               max_rows=self.max_rows)
        return RunResult(written.body, result_format, written.capped, written.rows, elapsed)

    def close(self) -> None:
        pass


async def _read_request(request: Request) -> QueryRequest:
    params = request.query_params
    text = params.get("query")
    defaults, named = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    if "update" in params:
        raise Problem("forbidden", 403, "the public endpoint is read-only: SPARQL Update is refused "
                      "(curators write through the authenticated API)")
    if request.method == "POST":
        if int(request.headers.get("content-length") or 0) > MAX_QUERY_BYTES:
            raise Problem("too-large", 413, f"a query may be at most {MAX_QUERY_BYTES:,} bytes")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise Problem("too-large", 413, f"a query may be at most {MAX_QUERY_BYTES:,} bytes")
        if ctype == "application/sparql-update":
            raise Problem("forbidden", 403, "the public endpoint is read-only: SPARQL Update is refused")
        if ctype == "application/sparql-query":
            text = body.decode("utf-8", errors="replace")
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                raise Problem("forbidden", 403, "the public endpoint is read-only: SPARQL Update is refused")
            text = (form.get("query") or [None])[0]
            defaults += form.get("default-graph-uri", [])
            named += form.get("named-graph-uri", [])
        else:
            raise Problem("malformed", 415, "POST a query as application/sparql-query or "
                          "application/x-www-form-urlencoded (query=...)")
    return QueryRequest(text, tuple(defaults), tuple(named), params.get("format"))


def _refusal(error: QueryRefused) -> Problem:
    extra = {"line": error.position[0], "column": error.position[1]} if error.position else {}
    status = 400 if error.kind == "malformed" else 403
    return Problem(error.kind, status, error.detail, **extra)


@router.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol; without a query: the HTML editor for browsers, else the service description."""
    req = await _read_request(request)
    if not req.text:
        if request.method == "GET" and wants_html(request.headers.get("accept")):
            return request.app.state.render_sparql_page(request)
        from .descriptions import service_description
        return service_description(request)
    try:
        checked: CheckedQuery = check_query(req.text)
    except QueryRefused as error:
        raise _refusal(error) from None
    offered = RDF if checked.form in ("CONSTRUCT", "DESCRIBE") else SPARQL_RESULTS
    fmt = choose(request.headers.get("accept"), offered, req.format_param)
    queries = request.app.state.queries
    try:
        result = await queries.run_async(checked.text, checked.form, result_format=fmt.media_type,
                                         default_graph_uris=req.default_graph_uris,
                                         named_graph_uris=req.named_graph_uris,
                                         union_default_graph=not req.default_graph_uris)
    except QueryRefused as error:
        raise _refusal(error) from None
    except QueryTimeout as error:
        raise Problem("timeout", 503, str(error) or "the query ran too long and was stopped") from None
    except QueryTooLarge as error:
        raise Problem("too-large", 503, error.detail) from None
    except QueryFailed as error:
        raise Problem("malformed", 400, error.detail) from None
    headers = {"Vary": "Accept", "Server-Timing": f"query;dur={result.elapsed_ms:.1f}"}
    if result.capped:
        headers[CAPPED_HEADER] = f"results capped at {queries.max_rows} rows"
    return Response(result.body, media_type=fmt.media_type, headers=headers)


class QueryLane:
    """ASGI middleware: requests to /sparql that carry a query (or an update) go straight to `sparql`.

    Install it inside CORSMiddleware, which still adds its headers. The
    answer is the route's own; a Problem becomes the same problem response
    the app's handler would make (those handlers only differ for browsers'
    404 and 422, which /sparql never raises).
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/sparql" or not _carries_query(scope):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive, send)
        try:
            response = await sparql(request)
        except Problem as problem:
            response = problem_response(problem)
        await response(scope, receive, send)


def _carries_query(scope: Scope) -> bool:
    if scope["method"] == "POST":
        return True     # the query is in the body; without one the answer is the service description
    if scope["method"] != "GET":
        return False
    names = {pair.split(b"=", 1)[0] for pair in scope["query_string"].split(b"&")}
    return b"query" in names or b"update" in names
