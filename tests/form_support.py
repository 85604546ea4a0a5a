"""What the submission form's HTTP tests share: a real server on the demo store, contributors signed in."""

from __future__ import annotations

import httpx
import pytest

from curation_site import csrf_of, sign_in, site_with_users

HTML = {"Accept": "text/html"}
OBJECTIVE = "https://w3id.org/gcmkg/gcm/objective/15"
PROJECT = "https://w3id.org/gcmkg/practice-type/project-programme"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo store's server with two contributors, alice and bruno."""
    yield from site_with_users(tmp_path_factory.mktemp("form"), {"alice@example.org": ["contributor"],
                                                               "bruno@example.org": ["contributor"]})


@pytest.fixture
def signed_in(server):
    """A browser without JavaScript, signed in as `email` (alice by default)."""
    url, passwords = server
    clients = []

    def make(email: str = "alice@example.org", lang: str = "en") -> httpx.Client:
        client = httpx.Client(base_url=url, headers={**HTML, "Accept-Language": lang})
        answer = sign_in(client, email, passwords[email])
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



__all__ = ["HTML", "csrf_of", "server", "signed_in", "valid_practice"]
