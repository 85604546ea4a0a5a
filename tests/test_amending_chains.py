"""An amending act states what it amends; the amended norm reads as amended, computed from the chain
(issue 13): Germany's 2019 and 2023 skilled-immigration acts amend the Residence Act."""

from __future__ import annotations

import html

import httpx
from pyoxigraph import NamedNode, RdfFormat, parse

from gcmkg.graph.amendments import AMENDED, IN_FORCE, norm_status

HTML = {"Accept": "text/html"}
RESIDENCE_ACT = "deu-aufenthaltsgesetz-2004"


def test_residence_act_reads_as_amended_by_the_skilled_immigration_acts(site):
    doc = httpx.get(f"{site}/api/norms/{RESIDENCE_ACT}").json()
    stated = [v["iri"] for v in doc["normStatus"]] if "normStatus" in doc else []
    assert stated == [IN_FORCE]                                  # typed once, as enacted
    computed = doc["status_computed"]
    assert computed["status"] == AMENDED
    assert {a.rsplit("/", 1)[-1] for a in computed["amended_by"]} == {
        "deu-fachkraefteeinwanderungsgesetz", "deu-gesetz-weiterentwicklung-fachkraefteeinwanderung-2023"}
    page = html.unescape(httpx.get(f"{site}/id/norm/{RESIDENCE_ACT}", params={"lang": "es"}, headers=HTML).text)
    assert "Modificada por" in page and ("Skilled Immigration Act" in page or "Fachkräfteeinwanderungsgesetz" in page)


def test_a_norm_nothing_amends_keeps_its_stated_status(site):
    doc = httpx.get(f"{site}/api/norms/deu-gesetz-weiterentwicklung-fachkraefteeinwanderung-2023").json()
    assert doc["status_computed"]["status"] == IN_FORCE and doc["status_computed"]["amended_by"] == []


CHAIN = """
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix norm: <https://w3id.org/gcmkg/id/norm/> .
norm:base gcm:normStatus <https://w3id.org/gcmkg/norm-status/in-force> .
norm:later eli:amends norm:base ; eli:first_date_entry_in_force "2030-01-01"^^xsd:date ;
  gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> .
norm:gone gcm:normStatus <https://w3id.org/gcmkg/norm-status/repealed> .
norm:amends-gone eli:amends norm:gone ; gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> .
"""


def test_an_amendment_counts_from_its_entry_into_force_and_never_revives_a_repealed_norm(memory_kg):
    store = memory_kg.public
    store.replace_graphs({NamedNode("https://w3id.org/gcmkg/id/norm/chain"): list(parse(CHAIN, format=RdfFormat.TURTLE))})
    base = "https://w3id.org/gcmkg/id/norm/base"
    assert norm_status(store, base, "2029-12-31")[0] == IN_FORCE
    assert norm_status(store, base, "2030-01-01") == (AMENDED, ["https://w3id.org/gcmkg/id/norm/later"])
    assert norm_status(store, "https://w3id.org/gcmkg/id/norm/gone", "2030-01-01")[0].endswith("/repealed")
