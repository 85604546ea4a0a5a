"""Fixtures of the curation tests: the curation database on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from gcmkg.curation import db
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
