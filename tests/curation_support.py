"""Fixtures of the curation tests: the curation database on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gcmkg.curation import db
from gcmkg.curation.demo import PEOPLE, add_people, sample_practice, sample_review  # noqa: F401 - for the tests
from postgres_cluster import postgres_cluster


@pytest.fixture(scope="session")
def postgres_url():
    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty curation database: each test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield db.database_url(str(tmp_path / "store"))
        return
    url = request.getfixturevalue("postgres_url")
    engine = db.connect(url)
    db.metadata.drop_all(engine)
    engine.dispose()
    yield url


@pytest.fixture
def engine(database_url):
    engine = db.connect(database_url)
    yield engine
    engine.dispose()


PRACTICE = "https://w3id.org/gcmkg/id/practice/test-community-interpreters"
TEST_MINISTRY = "https://w3id.org/gcmkg/id/org/test-ministry"   # in tests/data/entries.ttl


def draft_triples():
    """A valid practice draft at PRACTICE."""
    return sample_practice(PRACTICE, TEST_MINISTRY)


def open_workbench(kg, engine):
    """A workbench over `kg` and `engine` with the test organisations published and PEOPLE as accounts,
    keyed by their e-mail's local part ("alice_contributor")."""
    from gcmkg.curation.workbench import Workbench
    from gcmkg.ingest.rdf_input import parse_file
    from conftest import DATA
    kg.load([parse_file(str(DATA / "entries.ttl"))])
    bench = Workbench(kg, engine)
    add_people(bench.accounts)
    return bench, {a.email.split("@")[0].replace(".", "_"): a for a in bench.accounts.list()}


def review_and_approve(bench, people, entry):
    """Submit, assign one UN and two external reviewers, and have them approve: ready to publish."""
    from pyoxigraph import NamedNode
    entry = NamedNode(entry) if isinstance(entry, str) else entry
    bench.transition(people["alice_contributor"], entry, "submit")
    for name in ("una_reviewer", "ext_one", "ext_two"):
        bench.assign(people["carlos_curator"], entry, people[name])
        bench.declare_conflict(people[name], entry, False)
        bench.review(people[name], entry, sample_review())


# A child process's prelude: `dies_before_write(wb, stop)` makes it send itself SIGKILL just before its
# `stop`th durable write from then on (0: never), counting each commit of the curation database and each
# update or load of either quad store; `writes()` says how many there were. Crash tests kill an act at
# every step.
KILL_BEFORE_WRITE = """
import os, signal, sys
from pyoxigraph import Literal, NamedNode, Triple
from sqlalchemy import event
from gcmkg.curation import db
from gcmkg.curation.workbench import Workbench
from gcmkg.graph.open import open_knowledge_graph
_count = [0]

def writes():
    return _count[0]

def dies_before_write(wb, stop):
    def before_a_write(*_):
        _count[0] += 1
        if _count[0] == stop:
            os.kill(os.getpid(), signal.SIGKILL)
    event.listen(wb.engine, "commit", before_a_write)        # fires before the database commits
    for store in (wb.kg.public, wb.kg.review):
        update = store._update                                 # a store write is one SPARQL update
        store._update = lambda text, update=update: (before_a_write(), update(text))[1]
        if hasattr(store, "_load"):                            # or, for a batch of new graphs, one load
            store._load = lambda data, load=store._load: (before_a_write(), load(data))[1]

wb = Workbench(open_knowledge_graph(sys.argv[1]), db.open_database(sys.argv[1]))
"""


def act_in_a_process(act: str, store, stop: int, *args: str) -> subprocess.CompletedProcess:
    """Run `act` (Python after KILL_BEFORE_WRITE, reading `stop` from sys.argv[2] and `args` after it) on the
    store in a process of its own."""
    return subprocess.run([sys.executable, "-c", KILL_BEFORE_WRITE + act, str(store), str(stop), *args],
                          capture_output=True, text=True, timeout=300)
