"""A ministry finds the practices and norms that have statistics behind them: the facet "Indicator data"
(issue 12), yes or no.

The rule: an entry has indicator data when a country it covers — a country it is scoped to, or a
State party to the instrument on the day asked — is the reference area of an observation with a
value in a loaded dataset. Loading or replacing a dataset (graph/cubes.put_dataset, what
`gcmkg indicators load` calls) tells the search index at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gcmkg.graph.cubes import Dataset, put_dataset
from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_facets import HAS_DATA, NO_DATA
from gcmkg.graph.search_index import SearchIndex
from gcmkg.graph.search_queries import facet_counts_query
from gcmkg.ingest.observations import Row

sys.path.insert(0, str(Path(__file__).parent))
from search_library import indexed  # noqa: E402

B = "https://w3id.org/gcmkg/"
SCHOOL = B + "id/practice/test-school-enrolment"       # tests/data/entries.ttl: scoped to Argentina
LAW = B + "id/norm/arg-test-law"
INDICATOR = "inbound-mobility-rate"
COLUMNS = ["REF_AREA", "TIME_PERIOD", "OBS_VALUE"]


def dataset(*areas: str) -> Dataset:
    return Dataset("mobility", INDICATOR, COLUMNS,
                   [Row(n, {"REF_AREA": area, "TIME_PERIOD": "2020", "OBS_VALUE": "1.5"})
                    for n, area in enumerate(areas, start=2)])


@pytest.fixture
def library():
    with indexed() as found:
        yield found


def with_data(index: SearchIndex, value: str = HAS_DATA) -> set[str]:
    return {r.iri for r in index.search(SearchRequest(filters={"indicator_data": [value]}, page_size=100)).rows}


def agrees_with_sparql(kg, index, **filters) -> None:
    request = SearchRequest(filters=filters)
    result = index.search(request)
    for dimension in ("indicator_data", "country", "kind"):
        query = facet_counts_query(dimension, request.filters, at=request.on_day)
        expected = {r["value"].value: int(r["count"].value) for r in kg.public.select(query) if "value" in r}
        assert {f.value: f.count for f in result.facets[dimension] if f.count} == expected, dimension


def test_loading_a_dataset_gives_the_entries_of_its_countries_indicator_data(library):
    kg, index = library
    assert with_data(index) == set() and {SCHOOL, LAW} <= with_data(index, NO_DATA)
    put_dataset(kg, dataset("ARG", "BRA"))
    assert {SCHOOL, LAW} <= with_data(index) and not ({SCHOOL, LAW} & with_data(index, NO_DATA))
    agrees_with_sparql(kg, index)
    agrees_with_sparql(kg, index, indicator_data=[HAS_DATA])
    # A new version without Argentina: its entries lose their data at once.
    put_dataset(kg, dataset("MEX"))
    assert not ({SCHOOL, LAW} & with_data(index))
    agrees_with_sparql(kg, index, indicator_data=[NO_DATA])
    # A rebuilt index reads the same.
    fresh = SearchIndex.build(kg.public)
    assert with_data(fresh) == with_data(index) and with_data(fresh, NO_DATA) == with_data(index, NO_DATA)


def test_every_entry_is_either_with_or_without_data(library):
    kg, index = library
    put_dataset(kg, dataset("ARG"))
    counts = {f.value: f.count for f in index.search(SearchRequest(facets=("indicator_data",))).facets["indicator_data"]}
    assert counts[HAS_DATA] + counts[NO_DATA] == len(index) and counts[HAS_DATA] > 0
