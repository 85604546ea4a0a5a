"""The example queries on the SPARQL page say what they return: run against the demo data over HTTP."""

from __future__ import annotations

import httpx

from gcmkg.api.example_queries import EXAMPLES, PREFIXES


def run(site: str, query: str) -> list[dict]:
    r = httpx.get(site + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def example(title: str) -> str:
    return next(e.query for e in EXAMPLES if e.title.startswith(title))


def test_amended_or_repealed_norms_give_one_row_per_pair_of_norms(site):
    rows = run(site, example("Norms amended or repealed"))
    pairs = run(site, PREFIXES + """SELECT DISTINCT ?norm ?later WHERE {
        { ?norm eli:amended_by ?later } UNION { ?norm eli:repealed_by ?later } UNION { ?later eli:repeals ?norm } }""")
    assert len(rows) == len({(p["norm"], p["later"]) for p in pairs}) > 0
    assert all(r["title"] and r["laterTitle"] for r in rows)


def test_sdg_targets_per_objective_come_in_the_objectives_order(site):
    rows = run(site, example("The SDG targets each GCM objective maps to"))
    numbers = [int(r["n"]) for r in rows]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == 23
