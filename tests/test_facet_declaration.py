"""A facet is declared once (graph/search_facets.py): one declaration reaches the index, the page, the API,
OpenAPI and "show as SPARQL".

The server runs with one extra facet registered at start-up, on a property the demo data has
(gcm:partnerOrganisation), and nothing else told about it.
"""

from __future__ import annotations

import html
import re
import shutil
import sys
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from conftest import start_server, stop

HTML = {"Accept": "text/html"}
SPARQL_JSON = {"Accept": "application/sparql-results+json"}
# What a deployment would write: one declaration, registered before the search modules are imported.
LAUNCHER = """
import sys
from gcmkg.graph.search_facets import Facet, Text, register
from gcmkg.names import GCM, ORG
register(Facet("partner", Text("Partner organisation", "Organización asociada", "Organisation partenaire"),
               "Partner organisation of a practice, e.g. iom.", properties=(GCM + "partnerOrganisation",),
               instances_of=ORG + "Organization", label="name", order="count"))
from gcmkg.cli import main
sys.exit(main(sys.argv[1:]))
"""
PARTNERS = """PREFIX gcm: <https://w3id.org/gcmkg/ontology#>
SELECT ?partner (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a gcm:Practice ; gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
     gcm:partnerOrganisation ?partner .
} GROUP BY ?partner ORDER BY DESC(?n) ?partner"""


@pytest.fixture(scope="module")
def site_with_partner_facet(demo_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("partner") / "store"
    shutil.copytree(demo_store, store)
    proc, url = start_server("--store", str(store), command=(sys.executable, "-c", LAUNCHER))
    yield url
    stop(proc)


def test_a_facet_declared_once_reaches_the_index_the_page_the_api_openapi_and_sparql(site_with_partner_facet):
    site = site_with_partner_facet
    expected = {b["partner"]["value"]: int(b["n"]["value"]) for b in httpx.get(
        site + "/sparql", params={"query": PARTNERS}, headers=SPARQL_JSON).json()["results"]["bindings"]}
    assert expected, "the demo data has partner organisations"

    # The index counts it, and the JSON API filters by it with a short value.
    doc = httpx.get(site + "/api/practices", params={"facets": "partner"}).json()
    counted = {v["value"]: v["count"] for v in doc["facets"]["partner"]}
    assert counted == expected
    partner, n = next(iter(expected.items()))
    short = next(v["short"] for v in doc["facets"]["partner"] if v["value"] == partner)
    filtered = httpx.get(site + "/api/practices", params={"partner": short})
    assert filtered.status_code == 200 and filtered.json()["total"] == n
    assert httpx.get(site + "/api/practices", params={"partner": "nobody"}).json()["parameter"] == "partner"

    # OpenAPI documents the parameter with the declared description.
    parameters = httpx.get(site + "/openapi.json").json()["paths"]["/api/practices"]["get"]["parameters"]
    described = {p["name"]: p.get("description", "") for p in parameters}
    assert described["partner"] == "Partner organisation of a practice, e.g. iom."

    # The page shows its box, headed in the reader's language, with the value chosen.
    page = httpx.get(site + "/practices", params={"partner": short, "lang": "es"}, headers=HTML)
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert re.search(r'<h3 id="facet-partner">Organización asociada', text)
    assert f"{n} result" in text or f"{n} resultado" in text

    # "Show as SPARQL" writes the facet's pattern, and the store returns the same entries.
    link = html.unescape(re.search(r'<a href="(/sparql\?edit=[^"]+)"', page.text).group(1))
    query = parse_qs(urlsplit(link).query)["edit"][0]
    assert "gcm:partnerOrganisation" in query
    rows = httpx.get(site + "/sparql", params={"query": query}, headers=SPARQL_JSON).json()["results"]["bindings"]
    assert len({r["e"]["value"] for r in rows}) == n
