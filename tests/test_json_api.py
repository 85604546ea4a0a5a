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
