"""Facet counts are the same whichever way the index counts them.

`FacetIndex.counts` counts a dimension through the complement of the filtered set, by intersecting
with it, or (no entry has any of its values) from the kept totals, choosing by the size of the
dimension's values; each choice must give every value's exact number of entries in the set.
"""

from __future__ import annotations

import random

import pytest
from pyroaring import BitMap

from gcmkg.graph.search_facet_index import FacetIndex

SIZE = 12_000


@pytest.fixture(scope="module")
def facets() -> tuple[FacetIndex, dict[str, dict[str, set[int]]]]:
    """Dimensions of large values (objectives), many small ones (organisations), values stored as bitsets
    (kind) and values no entry has (status), with the sets they were made from."""
    rng = random.Random(13)
    made: dict[str, dict[str, set[int]]] = {
        "objective": {f"o{i}": set(rng.sample(range(SIZE), 1500)) for i in range(23)},
        "organisation": {f"g{i}": set(rng.sample(range(SIZE), 30)) for i in range(400)},
        "kind": {"practice": set(range(0, SIZE, 2)) | {1}, "norm": set(range(1, SIZE, 2))},
        "status": {f"s{i}": set() for i in range(5)},
    }
    index = FacetIndex()
    for dimension, values in made.items():
        index.declare(dimension, values)
        for value, entries in values.items():
            index.bitmap(dimension, value).update(entries)
    index.size = SIZE
    return index, made


@pytest.mark.parametrize("base_size", [0, 40, 600, 3000, 9000, SIZE])
def test_counts_match_the_sets_for_sparse_and_dense_filters(facets, base_size):
    index, made = facets
    base = BitMap(random.Random(base_size).sample(range(SIZE), base_size))
    complement = index.complement(base)
    for dimension, values in made.items():
        expected = {value: len(entries & set(base)) for value, entries in values.items()}
        for given in ({}, {"complement": complement}):
            got = {f.value: f.count for f in index.counts(dimension, base, **given)}
            assert got == expected, (dimension, base_size, given.keys())
