"""The public SPARQL 1.1 endpoint at /sparql: the Protocol for queries, read-only, guarded.

Every query is screened, and checked by the guard where it could hold a
SERVICE or FROM clause, before anything runs (api/sparql/): a query the guard cannot parse does not run, SERVICE
and every update are refused. The check runs in a killable worker process,
once per request, never in this process. On the embedded store, queries run
in those workers over a snapshot (api/sparql/pool.py); on a remote SPARQL
server they are forwarded with the same deadline and row cap.

Queries reach the endpoint through `QueryLane`, a thin ASGI layer in front
of the framework's router: a small query is answered in about a millisecond,
and routing, the route wrapper and the exception middleware would add a
fifth to that. Everything else on /sparql (the editor page) takes the route.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from .negotiate import wants_html
from .problems import Problem, problem_response
from .sparql import (PublicQuery, QueryFailed, QueryNotAcceptable, QueryRefused, QueryTimeout,
                     QueryTooComplex, QueryTooLarge)

MAX_QUERY_BYTES = 256 * 1024
CAPPED_HEADER = "GCMKG-Results-Capped"

router = APIRouter()

# Parameter names clients use to ask for a format, besides Accept, first one first.
FORMAT_PARAMETERS = ("format", "output", "results")


async def _read_request(request: Request) -> PublicQuery | None:
    """The query a request carries (None if it carries none), or a Problem saying what is wrong with it."""
    params = request.query_params
    texts = params.getlist("query")
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
            texts = texts + [body.decode("utf-8", errors="replace")]
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                raise Problem("forbidden", 403, "the public endpoint is read-only: SPARQL Update is refused")
            texts = texts + form.get("query", [])
            defaults += form.get("default-graph-uri", [])
            named += form.get("named-graph-uri", [])
        else:
            raise Problem("malformed", 415, "POST a query as application/sparql-query or "
                          "application/x-www-form-urlencoded (query=...)")
    if len(texts) > 1:
        raise Problem("malformed", 400, f"the request carries {len(texts)} queries; send exactly one")
    if not texts or not texts[0]:
        return None
    # Clients send one wish under several names (SPARQLWrapper: format=tsv&output=text/tab-separated-values...)
    formats = [value for name in FORMAT_PARAMETERS for value in params.getlist(name) if value]
    return PublicQuery(texts[0], request.headers.get("accept"), formats[0] if formats else None,
                       tuple(defaults), tuple(named))


def _refusal(error: QueryRefused) -> Problem:
    extra = {"line": error.position[0], "column": error.position[1]} if error.position else {}
    status = 400 if error.kind == "malformed" else 403
    return Problem(error.kind, status, error.detail, **extra)


@router.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol; without a query: the HTML editor for browsers, else the service description."""
    query = await _read_request(request)
    if query is None:
        if request.method == "GET" and wants_html(request.headers.get("accept")):
            return request.app.state.render_sparql_page(request)
        from .descriptions import service_description
        return service_description(request)
    queries = request.app.state.queries
    try:
        result = await queries.run_async(query)
    except QueryRefused as error:
        raise _refusal(error) from None
    except QueryTimeout as error:
        raise Problem("timeout", 503, str(error) or "the query ran too long and was stopped") from None
    except QueryTooLarge as error:
        raise Problem("too-large", 503, error.detail) from None
    except QueryTooComplex as error:
        raise Problem("too-large", 413, error.detail) from None
    except QueryNotAcceptable as error:
        raise Problem("not-acceptable", 406, error.detail) from None
    except QueryFailed as error:
        raise Problem("malformed", 400, error.detail) from None
    headers = {"Vary": "Accept", "Server-Timing": f"query;dur={result.elapsed_ms:.1f}"}
    if result.capped:
        headers[CAPPED_HEADER] = f"results capped at {queries.max_rows} rows"
    return Response(result.body, media_type=result.media_type, headers=headers)


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
