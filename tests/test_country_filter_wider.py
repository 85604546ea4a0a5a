"""A policymaker filtering by her country also sees the regional and global initiatives that cover it
(issue 13): `wider=yes` adds, to a country filter, the entries scoped as such to a region the country
lies in (its M49 sub-regions and region, and the World), and no entry of another region.
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest

from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_index import SearchIndex
from gcmkg.web.sparql_bridge import results_query

sys.path.insert(0, str(Path(__file__).parent))
from search_library import indexed, practice  # noqa: E402

B = "https://w3id.org/gcmkg/"
SCOPES = {"latin-america": "region/419", "south-america": "region/005", "world": "region/001",
          "europe": "region/150", "mexico": "country/MEX"}


@pytest.fixture(scope="module")
def library():
    with indexed("".join(practice(f"test-wider-{name}", "", scope) for name, scope in SCOPES.items())) as found:
        yield found


def found(index: SearchIndex, **request) -> set[str]:
    return {r.iri for r in index.search(SearchRequest(page_size=100, **request)).rows}


def covering_by_sparql(store, country: str) -> set[str]:
    rows = store.select(f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT DISTINCT ?e WHERE {{
          ?e <https://w3id.org/gcmkg/ontology#reviewStatus> <https://w3id.org/gcmkg/review-status/approved> .
          {{ ?e dcterms:spatial|eli:jurisdiction <{country}> }}
          UNION {{ ?e dcterms:spatial|eli:jurisdiction ?region . <{country}> skos:broaderTransitive ?region }}
          UNION {{ ?e dcterms:spatial|eli:jurisdiction <{B}region/001> }} }}""")
    return {r["e"].value for r in rows}


def test_a_country_filter_can_take_in_the_regional_and_global_entries_that_cover_it(library):
    kg, index = library
    argentina = {"country": [B + "country/ARG"]}
    own = found(index, filters=argentina)
    wider = found(index, filters=argentina, wider=True)
    names = {iri.rsplit("test-wider-", 1)[-1] for iri in wider - own}
    assert names == {"latin-america", "south-america", "world"}         # not Europe, not Mexico
    assert wider == covering_by_sparql(kg.public, B + "country/ARG")
    # "Show as SPARQL" writes the same option.
    bridge = results_query(SearchRequest(filters=argentina, wider=True))
    assert {r["e"].value for r in kg.public.select(bridge)} == wider
    # The other facets count the wider set; the country facet itself still lists every country.
    result = index.search(SearchRequest(filters=argentina, wider=True, facets=("kind", "country")))
    assert result.total == len(wider) and sum(f.count for f in result.facets["kind"]) == len(wider)


def test_without_a_country_filter_wider_changes_nothing(library):
    _kg, index = library
    assert found(index, wider=True) == found(index)
    region = {"region": [B + "region/019"]}
    assert found(index, filters=region, wider=True) == found(index, filters=region)


def test_the_api_and_the_page_offer_the_wider_option(site):
    own = httpx.get(site + "/api/search", params={"country": "ARG", "page_size": 100}).json()
    wider = httpx.get(site + "/api/search", params={"country": "ARG", "wider": "yes", "page_size": 100}).json()
    assert wider["total"] > own["total"] and "wider=yes" in wider["links"]["self"]
    page = httpx.get(site + "/search", params={"country": "ARG", "lang": "fr"}, headers={"Accept": "text/html"})
    assert "Aussi les fiches régionales et mondiales qui couvrent les pays choisis" in page.text
    assert "wider=yes" in page.text
