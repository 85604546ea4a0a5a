"""Every response carries the security headers, and absolute links come from the settings, not the Host header."""

from __future__ import annotations

import httpx
import pytest

from conftest import gcmkg, start_server, stop

HTML = {"Accept": "text/html"}
REQUESTS = [
    ("GET", "/", HTML, None), ("GET", "/practices?country=ZZZ", HTML, None), ("GET", "/api/practices", {}, None),
    ("GET", "/api/practices/no-such-thing", {}, None), ("GET", "/static/gcmkg.css", {}, None),
    ("GET", "/sparql", HTML, None), ("GET", "/sparql?query=ASK%7B%7D", {}, None),            # the query lane
    ("POST", "/sparql", {"Content-Type": "application/sparql-query"}, "SELECT * { ?s ?p ?o } LIMIT 1"),
    ("POST", "/sparql", {}, None), ("GET", "/sparql?query=SELEC", {}, None),                  # a refusal
    ("OPTIONS", "/sparql", {"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"}, None),
    ("GET", "/void", {"Accept": "text/turtle"}, None), ("GET", "/id/practice/nothing", HTML, None),
    ("GET", "/openapi.json", {}, None), ("GET", "/favicon.ico", {}, None),
]


@pytest.mark.parametrize(("method", "path", "headers", "body"), REQUESTS)
def test_every_response_carries_the_security_headers(site, method, path, headers, body):
    r = httpx.request(method, site + path, headers=headers, content=body, timeout=30)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    policy = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert r.headers["x-frame-options"] == "DENY"


def test_absolute_links_never_echo_the_host_header(site):
    forged = {"Host": "attacker.example", "Accept": "text/turtle"}
    for path in ("/sparql", "/void", "/dumps/"):
        r = httpx.get(site + path, headers=forged)
        assert r.status_code == 200 and "attacker.example" not in r.text, path
        assert "https://w3id.org/gcmkg/sparql" in r.text or "https://w3id.org/gcmkg/dumps/" in r.text, path
    page = httpx.get(site + "/id/practice/mda-diaspora-succeeds-at-home-dar-1-3",
                     headers={"Host": "attacker.example", **HTML})
    assert page.status_code == 200 and "attacker.example" not in page.text


def test_a_deployment_names_its_public_address(tmp_path):
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "init").returncode == 0
    proc, url = start_server("--store", str(store), serve=("--public-url", "https://gcmkg.example.org/"))
    try:
        r = httpx.get(url + "/sparql", headers={"Accept": "text/turtle", "Host": "attacker.example"})
        assert "<https://gcmkg.example.org/sparql>" in r.text and "attacker.example" not in r.text
    finally:
        stop(proc)
