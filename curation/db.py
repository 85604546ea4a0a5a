"""The curation database: accounts, sessions, the workflow's bookkeeping, versions and the outbox.

One schema, two engines through SQLAlchemy Core: SQLite in the store directory
by default (one machine), PostgreSQL by URL for the scaled set-up where several
API processes share accounts and sessions (setting ``accounts_db``,
``GCMKG_ACCOUNTS_DB``). Nothing here is ever public: personal data lives in
these tables and nowhere else.

Times are stored as naive UTC datetimes (SQLite keeps no time zone); use :func:`now`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        create_engine, event)
from sqlalchemy.engine import Engine

metadata = MetaData()

accounts = Table(
    "accounts", metadata,
    Column("id", Integer, primary_key=True),
    # The IRI that stands for this person in the review store's provenance: opaque, never a name.
    Column("iri", String(200), nullable=False, unique=True),
    Column("email", String(320), nullable=False, unique=True),
    Column("name", String(200), nullable=False, default=""),
    Column("organisation", String(300), nullable=False, default=""),
    Column("affiliation", String(20)),            # reviewers: "un" or "external"
    Column("languages", String(100), nullable=False, default=""),     # "en,fr"
    Column("objectives", String(200), nullable=False, default=""),    # GCM objective numbers, "1,15"
    Column("password_hash", String(200)),         # None: no password yet (invited, or single sign-on only)
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)

roles = Table(
    "roles", metadata,
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(20), primary_key=True),
)

# Single sign-on later: an OpenID Connect provider and subject name an account; roles stay on the account.
identities = Table(
    "identities", metadata,
    Column("provider", String(200), primary_key=True),
    Column("subject", String(300), primary_key=True),
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(20), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
)

sessions = Table(
    "sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("address", String(100), nullable=False, default=""),
)

# Invitations and password resets: one use, an expiry.
one_time_tokens = Table(
    "one_time_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("purpose", String(20), nullable=False),
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE")),
    Column("email", String(320), nullable=False),
    Column("roles", String(100), nullable=False, default=""),
    Column("created_by", ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(400), nullable=False),    # "account:EMAIL" or "address:IP"
    Column("at", DateTime, nullable=False),
    Index("login_failures_key_at", "key", "at"),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(200)),                  # an account IRI; None for the command line's operator
    Column("action", String(60), nullable=False),
    Column("target", String(400), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
)

# The workflow's state of each entry under curation (the review store holds the same as PROV-O).
submissions = Table(
    "submissions", metadata,
    Column("entry", String(400), primary_key=True),
    Column("state", String(30), nullable=False),
    Column("submitter_id", ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("version", Integer, nullable=False, default=0),
    Column("updated_at", DateTime, nullable=False),
)

versions = Table(
    "versions", metadata,
    Column("entry", String(400), primary_key=True),
    Column("number", Integer, primary_key=True),   # the primary key is the optimistic lock
    Column("author_id", ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("created_at", DateTime, nullable=False),
    Column("ntriples", Text, nullable=False),
)

assignments = Table(
    "assignments", metadata,
    Column("entry", String(400), primary_key=True),
    Column("reviewer_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("assigned_by", ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("assigned_at", DateTime, nullable=False),
    Column("due", DateTime),
    Column("conflict", Boolean),                   # None until declared; True withdraws the reviewer
    Column("declared_at", DateTime),
    Column("reviewed_at", DateTime),
)

# Store writes under way (curation/store_writes.py): the journal that makes an act spanning this database
# and the quad stores all-or-nothing, written in the same transaction as the state change that causes it.
store_writes = Table(
    "store_writes", metadata,
    Column("id", Integer, primary_key=True),           # the order the writes are applied in
    Column("act", String(32), nullable=False, index=True),   # the writes of one act share it
    Column("store", String(10), nullable=False),       # "public" or "review"
    Column("graphs", Text, nullable=False),            # the graphs replaced, one IRI a line
    Column("nquads", Text, nullable=False),            # their new content; a graph with none is removed
    Column("created_at", DateTime, nullable=False),
)

# The journal of 0.2.0 (publish and unpublish only): store_writes.recover adopts what a stopped 0.2.0 left in it.
moves = Table(
    "moves", metadata,
    Column("entry", String(400), primary_key=True),
    Column("direction", String(20), nullable=False),   # "publish" or "unpublish"
    Column("ntriples", Text, nullable=False),          # the copy that ends up public (or in review)
    Column("created_at", DateTime, nullable=False),
)

# An unpublished entry's public note: its IRI answers 410 with it.
withdrawn_notes = Table(
    "withdrawn_notes", metadata,
    Column("entry", String(400), primary_key=True),
    Column("note", Text, nullable=False),
    Column("at", DateTime, nullable=False),
)

outbox = Table(
    "outbox", metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", ForeignKey("accounts.id", ondelete="CASCADE")),
    Column("address", String(320)),                # for who has no account yet (an invitation)
    Column("kind", String(40), nullable=False),
    Column("entry", String(400), nullable=False, default=""),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text, nullable=False, default=""),
)


def now() -> dt.datetime:
    """The current time, naive UTC (as stored)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def database_url(store: str | None, url: str | None = None) -> str:
    """The configured URL, else an SQLite file `curation.sqlite` in the store directory."""
    if url:
        return url
    root = Path(store or "gcmkg-store")
    root.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{root / 'curation.sqlite'}"


def connect(url: str) -> Engine:
    """An engine on `url` with the tables created (idempotent). PostgreSQL URLs use psycopg 3."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):
            cursor = connection.cursor()
            # WAL lets readers go on while one process writes; foreign keys are off by default in SQLite.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()
    metadata.create_all(engine)
    return engine


def open_database(store: str | None = None, url: str | None = None) -> Engine:
    """The deployment's curation database: `url` (setting accounts_db), else SQLite beside the store."""
    return connect(database_url(store, url))
