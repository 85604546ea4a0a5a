"""The scaled set-up: two API processes in front of one SPARQL server share accounts and sessions in PostgreSQL.

A curator signs in through one process and goes on through the other (a load
balancer sends requests anywhere); signing out everywhere on one ends the session on both.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import httpx
import pytest

from conftest import _oxigraph, gcmkg, start_server, stop
from postgres_cluster import postgres_cluster
from curation_site import csrf_of, sign_in
from test_sign_in import HTML


@contextmanager
def sparql_server_at(path):
    path.mkdir()
    servers = _oxigraph(path)
    try:
        yield next(servers)
    finally:
        servers.close()


@pytest.fixture
def two_api_processes(tmp_path, monkeypatch):
    with postgres_cluster() as accounts_db, sparql_server_at(tmp_path / "public") as public, \
            sparql_server_at(tmp_path / "review") as review:
        monkeypatch.setenv("GCMKG_ACCOUNTS_DB", accounts_db)
        stores = ("--sparql-endpoint", public, "--review-sparql-endpoint", review)
        assert gcmkg(*stores, "init").returncode == 0
        added = gcmkg(*stores, "user", "add", "carla@example.org", "--name", "Carla", "--role", "curator")
        assert added.returncode == 0, added.stderr
        password = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
        a, url_a = start_server(*stores)
        try:
            b, url_b = start_server(*stores)
            try:
                yield url_a, url_b, password
            finally:
                stop(b)
        finally:
            stop(a)


def test_a_session_opened_on_one_api_process_works_on_the_other_until_signed_out_everywhere(two_api_processes):
    url_a, url_b, password = two_api_processes
    with httpx.Client(base_url=url_a) as on_a:
        assert sign_in(on_a, "carla@example.org", password).status_code == 303
        cookies = dict(on_a.cookies)
    with httpx.Client(base_url=url_b, cookies=cookies) as on_b:
        page = on_b.get("/account", headers=HTML)
        assert page.status_code == 200 and "Carla" in page.text
        # The CSRF token is the session's, so a form from one process posts to the other.
        issued = on_b.post("/account/tokens", data={"role": "curator", "csrf": csrf_of(page.text)})
        token = re.search(r'<code class="token">(gcmkg_[^<]+)</code>', issued.text).group(1)
        assert httpx.get(url_a + "/account", headers={"Authorization": f"Bearer {token}", **HTML}).status_code == 200
        assert on_b.post("/logout-everywhere", data={"csrf": csrf_of(page.text)}).status_code == 303
    assert httpx.get(url_a + "/account", cookies=cookies, headers=HTML).status_code == 303, "signed out on A too"


def test_a_scaled_set_up_without_a_shared_accounts_database_takes_no_submissions(tmp_path):
    with sparql_server_at(tmp_path / "public") as public, sparql_server_at(tmp_path / "review") as review:
        stores = ("--sparql-endpoint", public, "--review-sparql-endpoint", review)
        assert gcmkg(*stores, "init").returncode == 0
        proc, url = start_server(*stores)
        try:
            answer = httpx.get(url + "/account")
            assert answer.status_code == 503 and "accounts database" in answer.json()["detail"]
        finally:
            stop(proc)
