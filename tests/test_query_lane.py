"""Requests to /sparql that carry a query skip the framework's router; everything else goes on to it."""

from __future__ import annotations

import asyncio

from gcmkg.api.sparql_protocol import QueryLane, _carries_query


def scope(method: str, path: str = "/sparql", query_string: bytes = b"") -> dict:
    return {"type": "http", "method": method, "path": path, "query_string": query_string, "headers": []}


def test_queries_and_updates_take_the_lane_and_the_editor_page_does_not():
    assert _carries_query(scope("GET", query_string=b"query=ASK%20%7B%7D&format=json"))
    assert _carries_query(scope("GET", query_string=b"format=json&update=DROP%20ALL"))
    assert _carries_query(scope("POST"))  # the query is in the body
    assert not _carries_query(scope("GET"))
    assert not _carries_query(scope("GET", query_string=b"format=ttl&queryx=1"))
    assert not _carries_query(scope("OPTIONS", query_string=b"query=ASK%20%7B%7D"))


def test_what_does_not_carry_a_query_reaches_the_app_untouched():
    reached = []

    async def app(scope, receive, send):
        reached.append((scope.get("method"), scope.get("path")))

    lane = QueryLane(app)
    for s in (scope("GET"), scope("GET", "/void", b"query=x"), scope("POST", "/api/practices"),
              {"type": "lifespan"}):
        asyncio.run(lane(s, None, None))
    assert reached[:3] == [("GET", "/sparql"), ("GET", "/void"), ("POST", "/api/practices")] and len(reached) == 4
