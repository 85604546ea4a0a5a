"""Programmers' JSON API over real HTTP: a uvicorn server on the demo data, httpx as the client."""

from __future__ import annotations

import httpx
import pytest

UNKNOWN_VALUES = [("country", "ZZZ"), ("objective", "99"), ("type", "foo"), ("region", "a b"), ("sdg_target", "<x>"),
                  ("organisation", "no-such-org"), ("kind", "poem")]


@pytest.mark.parametrize(("parameter", "value"), UNKNOWN_VALUES)
def test_an_unknown_filter_value_is_a_422_problem_naming_parameter_and_value(site, parameter, value):
    r = httpx.get(site + "/api/search", params={parameter: value})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["parameter"] == parameter and problem["value"] == value
    assert value in problem["detail"]


def test_known_values_still_filter_by_short_value_or_full_iri(site):
    short = httpx.get(site + "/api/practices", params={"country": "MDA"}).json()
    full = httpx.get(site + "/api/practices", params={"country": "https://w3id.org/gcmkg/country/MDA"}).json()
    assert short["total"] == full["total"] > 0


def test_the_api_documentation_is_served_from_our_own_copy_of_swagger_ui(site):
    r = httpx.get(site + "/docs")
    assert r.status_code == 200
    scripts = [s for s in r.text.split('"') if s.endswith(".js")]
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in scripts and all(s.startswith("/static/") for s in scripts)
    assert "cdn" not in r.text.lower() and "<script>" not in r.text           # no CDN, no inline script
    assert httpx.get(site + "/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert httpx.get(site + "/redoc").status_code == 404


def test_the_openapi_description_documents_problems_and_limits(site):
    spec = httpx.get(site + "/openapi.json").json()
    search = spec["paths"]["/api/search"]["get"]
    assert "application/problem+json" in search["responses"]["422"]["content"]
    assert "404" in spec["paths"]["/api/{kind}/{slug}"]["get"]["responses"]
    params = {p["name"]: p["schema"] for p in search["parameters"]}
    assert params["q"]["maxLength"] == 500 and params["page_size"]["maximum"] == 100
    assert params["sort"]["enum"] == ["relevance", "newest", "title", "scope"]
    year = next(s for s in params["year_from"]["anyOf"] if s["type"] == "integer")
    assert year["minimum"] == 1 and year["maximum"] == 9999


def test_kinds_of_entry_are_labelled_from_the_ontology_in_the_readers_language(site):
    for lang, practice, norm, instrument in (
            ("en", "Practice", "National norm", "International instrument"),
            ("es", "Práctica", "Norma nacional", "Instrumento internacional"),
            ("fr", "Pratique", "Norme nationale", "Instrument international")):
        kinds = {v["short"]: v["label"] for v in httpx.get(site + "/api/search", params={"lang": lang}).json()["facets"]["kind"]}
        assert kinds == {"practice": practice, "norm": norm, "instrument": instrument}


def test_the_api_and_the_json_download_write_the_same_rows(site):
    params = {"objective": "5", "sort": "title", "lang": "es"}
    api = httpx.get(site + "/api/practices", params={**params, "page_size": 100}).json()
    download = httpx.get(site + "/practices.json", params=params).json()
    assert api["total"] == download["total"] == len(download["rows"]) > 1
    shared = ("iri", "kind", "title", "title_lang", "year")
    assert [{k: r[k] for k in shared} for r in api["results"]] == [{k: r[k] for k in shared} for r in download["rows"]]
    assert "es" in {r["title_lang"] for r in api["results"]}        # the reader's language where the data has it
