"""Every query of graph/ is named and takes its values as bound terms; with GCMKG_LOG_QUERIES each run is logged."""

from __future__ import annotations

import logging
import re

import pytest
from pyoxigraph import Literal, NamedNode

from gcmkg.graph.page_data import PageData
from gcmkg.graph.store import inline_bindings


def test_a_developer_sees_each_query_by_name_with_its_time_and_rows(memory_kg, caplog, monkeypatch):
    public = PageData(memory_kg.public)
    caplog.set_level(logging.INFO, logger="gcmkg.queries")
    public.area_tree()
    assert not caplog.records, "quiet unless asked"

    monkeypatch.setenv("GCMKG_LOG_QUERIES", "1")
    areas = public.area_tree()
    lines = [r.getMessage() for r in caplog.records if r.name == "gcmkg.queries"]
    assert len(lines) == 1
    found = re.fullmatch(r"query area tree: ([0-9.]+) ms, (\d+) rows", lines[0])
    assert found and int(found.group(2)) >= len(areas) - 1 > 200       # every area but the World is a row


def test_a_values_list_is_bound_from_terms_and_refuses_raw_text():
    query = "SELECT ?e WHERE { VALUES ?e { $entries } } LIMIT $limit"
    written = inline_bindings(query, {"entries": [NamedNode("http://e/a"), Literal('x" } ?s ?p ?o {')],
                                      "limit": Literal(6)})
    assert written == 'SELECT ?e WHERE { VALUES ?e { <http://e/a> "x\\" } ?s ?p ?o {" } } LIMIT 6'
    with pytest.raises(TypeError):
        inline_bindings(query, {"entries": ["<http://e/a> } DROP ALL {"], "limit": Literal(6)})
    with pytest.raises(TypeError):
        inline_bindings(query, {"entries": [], "limit": 6})
