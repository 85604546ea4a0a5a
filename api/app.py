"""The gcmkg server: one FastAPI app for the SPARQL endpoint, linked data, dumps and the JSON API.

Set-ups:
- embedded (default): this process owns the on-disk store (one writer per
  store); public SPARQL runs in worker processes over snapshots;
- scaled: several stateless API processes in front of one SPARQL server,
  each started with `--sparql-endpoint`.
"""

from __future__ import annotations

import tempfile
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from gcmkg import __version__
from gcmkg.graph.backup import BackupListener
from gcmkg.curation import gate
from gcmkg.graph.open import open_knowledge_graph, saved_index_path
from gcmkg.web import pages

from . import curation_api, dumps, indicators_api, json_api, linked_data, merge_api, profiles_api, sparql_protocol
from .negotiate import wants_html
from gcmkg.problems import Problem, problem_response
from .security_headers import SecurityHeaders
from .sparql import QueryRunner, RemoteQueries


@dataclass(frozen=True)
class ServerConfig:
    store: str | None = "gcmkg-store"
    sparql_endpoint: str | None = None
    review_sparql_endpoint: str | None = None
    base_iri: str = "https://w3id.org/gcmkg/"
    public_url: str | None = None   # where people reach this server; default: the base IRI
    query_timeout: float = 30.0
    max_rows: int = 10_000
    query_workers: int = 2
    query_memory: int = 4096        # MiB of address space per query worker
    index_file: str | None = None   # default: beside an embedded store (graph.open.saved_index_path)
    accounts_db: str | None = None  # the curation database (default: STORE/curation.sqlite; see settings)


def create_app(config: ServerConfig) -> FastAPI:
    web = Path(str(files("gcmkg.web")))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        kg = open_knowledge_graph(config.store, config.sparql_endpoint, config.review_sparql_endpoint)
        app.state.kg = kg
        # Accounts, sessions and the workbench (None where this deployment cannot take submissions).
        app.state.curation = gate.start(kg, config.store, config.accounts_db, scaled=bool(config.sparql_endpoint))
        work = Path(config.store) if not config.sparql_endpoint else Path(tempfile.mkdtemp(prefix="gcmkg-"))
        app.state.dumps = dumps.DumpCache(work / "dumps")
        app.state.index_file = saved_index_path(config.store, config.sparql_endpoint,  # a restart need not rebuild
                                                config.index_file)
        limits = dict(workers=config.query_workers, timeout_s=config.query_timeout, max_rows=config.max_rows,
                      memory_mb=config.query_memory, base_iri=config.base_iri)
        if config.sparql_endpoint:   # the server answers; our workers only check
            app.state.queries = RemoteQueries(
                config.sparql_endpoint, QueryRunner(None, **limits), timeout_s=config.query_timeout,
                max_rows=config.max_rows)
        else:
            from gcmkg.graph.snapshots import Snapshots
            snapshots = Snapshots(kg.public, work / "snapshots", grace_s=config.query_timeout + 30)
            app.state.snapshots = snapshots
            kg.on_change(lambda _iris: snapshots.refresh())  # public queries see each write at once
            app.state.queries = QueryRunner(snapshots.current, **limits)
        follower = None
        backups = None if config.sparql_endpoint else BackupListener(kg, work).start()  # `gcmkg backup`
        if kg.public.shared:    # writes made through other processes, from before the index is built on
            from gcmkg.graph.change_log import server_now
            app.state.index_since = server_now(kg.public).value
        pages.start(app)    # the search index and what the web pages share, once the store is open
        if kg.public.shared:    # from where the index stands: its build, or the saved index's mark
            from gcmkg.graph.change_log import ChangeFollower
            follower = ChangeFollower(kg.public, kg.notify, since=app.state.search.mark).start()
        try:
            yield
        finally:
            if follower is not None:
                follower.stop()
            if app.state.index_file is not None and getattr(app.state, "search", None) is not None:
                # Only if it changed since it was read; on a shared store, in step with the log up to here.
                app.state.search.save(app.state.index_file, mark=follower.since.value if follower else None)
            app.state.queries.close()
            if backups is not None:
                backups.stop()
            kg.close()

    app = FastAPI(title="GCM Knowledge Graph", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,    # /docs is web/pages.py's, from the vendored Swagger UI
                  description="Migration practices and national norms as linked open data. "
                              "Public SPARQL endpoint at /sparql; every IRI dereferences.",
                  # No OpenTelemetry here: otherwise FastAPI asks on every request whether it is set up.
                  telemetry={"tracing": False, "metrics": False, "logs": False})
    app.state.base_iri = config.base_iri
    # Absolute links (service description, VoID, DCAT, citations) come from settings, never the Host header.
    app.state.public_url = (config.public_url or config.base_iri).rstrip("/")
    app.add_middleware(sparql_protocol.QueryLane)  # added first, so it runs inside CORS
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["*"], expose_headers=[sparql_protocol.CAPPED_HEADER])
    app.add_middleware(SecurityHeaders)    # added last, so it is outermost: the query lane's answers get it too

    @app.exception_handler(Problem)
    async def _problem(request: Request, problem: Problem):
        if problem.status == 401 and request.method == "GET" and wants_html(request.headers.get("accept")):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        if request.method == "GET" and wants_html(request.headers.get("accept")) and problem.status in (404, 410, 422):
            return pages.problem_page(request, problem.status, problem.detail,
                                      problem.extra.get("parameter"), problem.extra.get("value"))
        return problem_response(problem)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError):
        first = error.errors()[0]
        # The parameter's name, without where it was (query, path) or which of its repeats (an index).
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")
                         and not isinstance(p, int))
        value = first.get("input")
        shown = f" (got {value!r})" if isinstance(value, str) else ""
        return problem_response(Problem("invalid-parameter", 422, f"parameter '{where}': {first.get('msg')}{shown}",
                                        parameter=where, **({"value": value} if isinstance(value, str) else {})))

    # Browsers get the policymakers' pages (web/pages.py) for every IRI and for the SPARQL editor.
    app.state.render_resource = pages.render_resource
    app.state.render_sparql_page = pages.render_sparql_page
    app.state.render_downloads = pages.render_downloads
    app.include_router(sparql_protocol.router)
    app.include_router(dumps.router)
    app.include_router(pages.form_pages.api_router)   # type-ahead /api/vocabularies/{name}/search
    app.include_router(curation_api.router)   # before json_api's /api/{kind}/{slug}
    app.include_router(merge_api.router)
    app.include_router(indicators_api.router)   # /api/indicators, before json_api's /api/{kind}
    app.include_router(profiles_api.router)     # /api/profiles, likewise
    app.include_router(json_api.router)
    app.include_router(linked_data.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    return app
