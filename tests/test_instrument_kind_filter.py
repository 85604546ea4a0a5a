"""A result row's `kind` is a value the `kind` filter takes: instruments are found as instruments.

A JSON row says "kind": "instrument" for an international instrument; `kind=instrument` finds exactly those,
in the JSON API, the HTML search and /norms (a narrower kind), while `kind=norm` keeps finding norms and
instruments, as the facet ("Norms and instruments") and the links written before say.
"""

from __future__ import annotations

import re

import httpx

INSTRUMENT = "https://w3id.org/gcmkg/ontology#InternationalInstrument"


def _all_rows(site: str, path: str, **params) -> list[dict]:
    """Every result row of a search, page after page."""
    body = httpx.get(site + path, params={**params, "page_size": 100}).json()
    rows = body["results"]
    while body["links"]["next"]:
        body = httpx.get(site + body["links"]["next"]).json()
        rows += body["results"]
    return rows


def test_a_programmer_filters_by_the_kind_a_result_row_names(site):
    every = _all_rows(site, "/api/search")
    named = {row["kind"] for row in every}
    assert named == {"practice", "norm", "instrument"}
    for kind in named:
        assert httpx.get(site + "/api/search", params={"kind": kind}).status_code == 200
        found = {row["iri"] for row in _all_rows(site, "/api/search", kind=kind)}
        assert {row["iri"] for row in every if row["kind"] == kind} <= found


def test_kind_instrument_finds_only_the_instruments_and_kind_norm_still_finds_both(site):
    every = _all_rows(site, "/api/search")
    instruments = {row["iri"] for row in every if row["kind"] == "instrument"}
    norms = {row["iri"] for row in every if row["kind"] == "norm"}
    assert instruments and norms
    assert {row["iri"] for row in _all_rows(site, "/api/search", kind="instrument")} == instruments
    assert {row["iri"] for row in _all_rows(site, "/api/search", kind="norm")} == norms | instruments
    counts = {v["short"]: v["count"] for v in httpx.get(site + "/api/search").json()["facets"]["kind"]}
    assert counts["instrument"] == len(instruments) and counts["norm"] == len(norms | instruments)


def test_the_norms_api_narrows_to_instruments_and_links_to_the_same_html_page(site):
    body = httpx.get(site + "/api/norms", params={"kind": "instrument", "page_size": 100}).json()
    assert body["total"] > 0 and {row["kind"] for row in body["results"]} == {"instrument"}
    assert "kind=instrument" in body["links"]["html"] and body["links"]["html"].startswith("/norms?")
    # Another kind on /api/norms is ignored, as before: the path says which kind.
    assert httpx.get(site + "/api/norms", params={"kind": "practice"}).json()["total"] == \
        httpx.get(site + "/api/norms").json()["total"]


def test_openapi_lists_instrument_among_the_kinds(site):
    spec = httpx.get(site + "/openapi.json").json()
    kind = next(p for p in spec["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "kind")
    assert kind["schema"]["items"]["enum"] == ["practice", "norm", "instrument"]
    assert "instrument" in kind["description"]


def _slugs(rows: list[dict]) -> set[str]:
    return {row["iri"].rsplit("/", 1)[-1] for row in rows}


def test_a_reader_narrows_the_norms_page_to_international_instruments(site):
    page = httpx.get(site + "/norms", params={"lang": "es"}).text
    link = re.search(r'href="(/norms\?[^"]*kind=instrument[^"]*)"', page)
    assert link, "the /norms panel offers the international instruments only"
    assert "Instrumentos internacionales" in page
    narrowed = httpx.get(site + link.group(1).replace("&amp;", "&")).text
    instruments = _slugs(_all_rows(site, "/api/norms", kind="instrument"))
    national = _slugs(_all_rows(site, "/api/norms")) - instruments
    assert instruments and all(f'href="/id/norm/{slug}"' in narrowed for slug in instruments)
    assert national and not any(f"/id/norm/{slug}" in narrowed for slug in national)


def test_the_html_search_takes_kind_instrument(site):
    r = httpx.get(site + "/search", params={"kind": "instrument"})
    assert r.status_code == 200
    assert "International instruments" in r.text
    assert all(f'href="/id/norm/{slug}"' in r.text for slug in _slugs(_all_rows(site, "/api/search", kind="instrument")))
