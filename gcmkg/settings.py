"""Every setting of gcmkg in one declared table: name, environment variable, default, help.

The command line builds its options from this table and the server reads the
same table, so a setting means the same thing everywhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str


SETTINGS = (
    Setting("store", "GCMKG_STORE", "gcmkg-store",
            "Directory of the embedded Oxigraph store (created if missing). "
            "It holds two stores: public/ (published data) and review/ (the review queue)."),
    Setting("sparql_endpoint", "GCMKG_SPARQL_ENDPOINT", None,
            "Query URL of a SPARQL 1.1 server to use instead of the embedded store "
            "(e.g. http://localhost:7878/query); update and graph-store URLs are derived from it."),
    Setting("review_sparql_endpoint", "GCMKG_REVIEW_SPARQL_ENDPOINT", None,
            "Query URL of the SPARQL server holding the review queue, with --sparql-endpoint."),
    Setting("host", "GCMKG_HOST", "127.0.0.1", "Address the server listens on."),
    Setting("port", "GCMKG_PORT", "8000", "Port the server listens on."),
    Setting("base_iri", "GCMKG_BASE_IRI", "https://w3id.org/gcmkg/",
            "Base of the IRIs this deployment mints; /id/... on the server dereferences BASE/id/..."),
    Setting("public_url", "GCMKG_PUBLIC_URL", None,
            "Address people reach this server at (e.g. https://gcmkg.example.org/), for the absolute links "
            "it writes (service description, VoID, dumps, citations); default: the base IRI. Never taken "
            "from a request's Host header."),
    Setting("query_timeout", "GCMKG_QUERY_TIMEOUT", "30",
            "Seconds a public SPARQL query may run before it is stopped."),
    Setting("max_rows", "GCMKG_MAX_ROWS", "10000",
            "Most result rows (or triples) one public SPARQL query returns; the response says when it was capped."),
    Setting("query_memory", "GCMKG_QUERY_MEMORY", "4096",
            "MiB of memory (address space) each SPARQL query worker may use; a query that needs more is "
            "stopped with a 503 problem of type too-large, and its worker replaced."),
    Setting("index_file", "GCMKG_INDEX_FILE", None,
            "File the server saves its search index to and starts from (default: STORE/search-index.pickle "
            "on the embedded store; none with --sparql-endpoint, where each API process may name its own)."),
    Setting("query_workers", "GCMKG_QUERY_WORKERS", "2",
            "Worker processes running public SPARQL queries on the embedded store."),
    Setting("accounts_db", "GCMKG_ACCOUNTS_DB", None,
            "Database of accounts, sessions, versions and the outbox of the curation workflow: a SQLAlchemy URL "
            "(e.g. postgresql://user@host/gcmkg, shared by several API processes); default: "
            "STORE/curation.sqlite."),
    Setting("smtp", "GCMKG_SMTP", None,
            "SMTP server the notifications are sent through, as host:port (none: they wait in the outbox)."),
    Setting("mail_from", "GCMKG_MAIL_FROM", "gcmkg@localhost", "Sender address of the notifications."),
    Setting("vocabularies", "GCMKG_VOCABULARIES", None,
            "Folder of the deployment's own vocabulary files (*.ttl), loaded with the shipped ones by `gcmkg init`: "
            "groupings of countries such as regional economic communities (skos:Collection, gcm:Grouping, "
            "skos:member country:XXX), each file in its own graph."),
    Setting("log_queries", "GCMKG_LOG_QUERIES", None,
            "Set to 1 to log every query the server asks its store (logger gcmkg.queries): the query's name, "
            "milliseconds and rows. For debugging; off by default."),
)

BY_NAME = {s.name: s for s in SETTINGS}


def resolve(name: str, given: str | None = None) -> str | None:
    """A setting's value: the command-line value, else its environment variable, else its default."""
    setting = BY_NAME[name]
    if given is not None:
        return given
    return os.environ.get(setting.env, setting.default)
