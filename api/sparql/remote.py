"""Public queries answered by a remote SPARQL server (the scaled set-up), with our guard, deadline and row cap."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from gcmkg.graph.remote_store import as_sent_to, endpoints_for, portable_results

from ..negotiate import RDF, SPARQL_RESULTS, offer
from .pool import GRAPH_FORMS, PublicQuery, QueryFailed, QueryNotAcceptable, QueryRunner, QueryTimeout, RunResult
from .result_formats import write_boolean, write_select


class RemoteQueries:
    """Forwards checked queries to a remote SPARQL server, with the endpoint's deadline and row cap.

    The guard runs first, in `checker`'s worker processes (which only check); a query naming its own
    dataset (FROM, FROM NAMED) is sent with those graphs as the protocol's dataset parameters, since a
    server whose default graph is the union of its graphs may otherwise override them.
    """

    def __init__(self, query_url: str, checker: QueryRunner, *, timeout_s: float, max_rows: int):
        self.query_url, self.timeout_s, self.max_rows = query_url, timeout_s, max_rows
        self.checker = checker
        self.engine = endpoints_for(query_url).engine
        self._http = httpx.AsyncClient(timeout=timeout_s)

    async def run_async(self, query: PublicQuery) -> RunResult:
        started = time.monotonic()
        verdict = await self.checker.check_async(query.text)
        graph_form = verdict.form in GRAPH_FORMS
        media_type, refusal = offer(query.accept, RDF if graph_form else SPARQL_RESULTS, query.format)
        if media_type is None:
            raise QueryNotAcceptable(refusal)
        defaults, named = query.default_graphs, query.named_graphs
        if not defaults and not named:
            defaults, named = verdict.default_graphs, verdict.named_graphs
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        data = [("query", as_sent_to(self.engine, query.text))] + [("default-graph-uri", u) for u in defaults] \
            + [("named-graph-uri", u) for u in named]
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
            body = ox.serialize(triples[: self.max_rows], format=ox.RdfFormat.from_media_type(media_type))
            return RunResult(body, media_type, capped, min(len(triples), self.max_rows), elapsed)
        results = ox.parse_query_results(portable_results(response.content), format=ox.QueryResultsFormat.JSON)
        if isinstance(results, ox.QueryBoolean):
            return RunResult(write_boolean(bool(results), media_type), media_type, False, None, elapsed)
        written = write_select([v.value for v in results.variables], results, media_type,
                               max_rows=self.max_rows)
        return RunResult(written.body, media_type, written.capped, written.rows, elapsed)

    def close(self) -> None:
        self.checker.close()
