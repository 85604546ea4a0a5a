"""Public SPARQL execution behind one interface: screen, guard, worker pool, remote server, result writers.

The HTTP layer (api/sparql_protocol.py) turns a request into a `PublicQuery`
and hands it to whichever runner the set-up has: a `QueryRunner` over the
embedded store's snapshots, or `RemoteQueries` in front of a SPARQL server.
Both run the same guard once, in a killable worker process, and answer with
a `RunResult` or one of the errors below.

- screen.py: which path a query takes, in microseconds, without a parser;
- guard.py: the full check with rdflib's parser (no SERVICE, no update, the query's own dataset);
- worker.py: the sandboxed worker process (light imports, no network, memory cap);
- pool.py: the pool of workers, deadlines and lookups, on the server side;
- remote.py: forwarding to a SPARQL server;
- result_formats.py: SELECT and ASK results written row by row, with a row cap.
"""

# Loaded on first use (PEP 562), so that a worker process importing gcmkg.api.sparql.worker
# pays for neither rdflib (the guard) nor httpx (the remote backend).
_EXPORTS = {
    "QueryRefused": "guard", "RemoteQueries": "remote",
    **{name: "pool" for name in ("PublicQuery", "QueryFailed", "QueryNotAcceptable", "QueryRunner", "QueryTimeout",
                                 "QueryTooComplex", "QueryTooLarge", "RunResult", "Verdict")},
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
