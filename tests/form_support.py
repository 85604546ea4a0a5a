"""What the submission form's HTTP tests share: a real server on the demo store, contributors signed in."""

from __future__ import annotations

import re

import httpx
import pytest

from conftest import gcmkg, start_server, stop

HTML = {"Accept": "text/html"}
OBJECTIVE = "https://w3id.org/gcmkg/gcm/objective/15"
PROJECT = "https://w3id.org/gcmkg/practice-type/project-programme"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("form") / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    passwords = {}
    for email in ("alice@example.org", "bruno@example.org"):
        added = gcmkg("--store", str(store), "user", "add", email, "--name", email.split("@")[0].title(),
                      "--role", "contributor")
        assert added.returncode == 0, added.stderr
        passwords[email] = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
    proc, url = start_server("--store", str(store))
    yield url, passwords
    stop(proc)


def form_token(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


@pytest.fixture
def signed_in(server):
    """A browser without JavaScript, signed in as `email` (alice by default)."""
    url, passwords = server
    clients = []

    def make(email: str = "alice@example.org", lang: str = "en") -> httpx.Client:
        client = httpx.Client(base_url=url, headers={**HTML, "Accept-Language": lang})
        page = client.get("/login")
        answer = client.post("/login", data={"email": email, "password": passwords[email], "next": "/account",
                                             "csrf": form_token(page.text)})
        assert answer.status_code == 303, answer.text
        clients.append(client)
        return client
    yield make
    for client in clients:
        client.close()


def valid_practice(**changes) -> dict:
    data = {"title.text": ["Community interpreters in clinics"], "title.lang": ["en"],
            "abstract.text": ["Trained interpreters accompany migrants to clinics."], "abstract.lang": ["en"],
            "language": ["en"], "practiceType": [PROJECT], "primaryObjective": [OBJECTIVE],
            "spatial": ["Argentina"], "startDate": ["2019"], "ongoing": ["true"], "implementingOrganisation": ["IOM"],
            "source": ["https://example.org/interpreters"]}
    data.update(changes)
    return data



__all__ = ["HTML", "form_token", "server", "signed_in", "valid_practice"]
