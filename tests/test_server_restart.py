"""A restarted server: it starts from the search index it saved instead of rebuilding it."""

from __future__ import annotations

import httpx

from conftest import gcmkg, start_server, stop

OBJECTIVE_5 = "https://w3id.org/gcmkg/gcm/objective/5"


def practices_for_objective_5(url: str) -> int:
    response = httpx.get(url + "/api/practices", params={"objective": OBJECTIVE_5})
    assert response.status_code == 200, response.text
    return response.json()["total"]


def test_a_restarted_server_starts_from_its_saved_search_index(tmp_path):
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    saved = store / "search-index.pickle"
    proc, url = start_server("--store", str(store))
    try:
        first = practices_for_objective_5(url)
        assert saved.exists()           # written once the index was built
    finally:
        stop(proc)
    assert "search index: building it from the store" in proc.stderr.read().decode()
    written = saved.stat().st_mtime_ns
    proc, url = start_server("--store", str(store))
    try:
        assert practices_for_objective_5(url) == first > 0
    finally:
        stop(proc)
    assert "entries read from" in proc.stderr.read().decode()
    assert saved.stat().st_mtime_ns == written, "the second start read the index; nothing changed, nothing rewritten"


def test_a_dump_is_never_older_than_the_data_even_across_restarts(tmp_path, data_dir):
    import gzip
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0

    def dump_holds_the_test_practice() -> bool:
        proc, url = start_server("--store", str(store))
        try:
            dump = httpx.get(url + "/dumps/gcmkg.nq.gz")
            assert dump.status_code == 200
            return b"test-school-enrolment" in gzip.decompress(dump.content)
        finally:
            stop(proc)
    assert not dump_holds_the_test_practice()
    assert gcmkg("--store", str(store), "load", str(data_dir / "entries.ttl")).returncode == 0
    assert dump_holds_the_test_practice()
    assert len([d for d in (store / "dumps").iterdir() if d.is_dir()]) <= 2, "old dumps are cleared away"


def test_an_api_process_on_a_sparql_server_restarts_from_its_index_file(oxigraph_server, data_dir, tmp_path):
    import time
    index = tmp_path / "api-1.index"
    endpoint = ("--sparql-endpoint", oxigraph_server)
    assert gcmkg(*endpoint, "init").returncode == 0
    proc, _ = start_server(*endpoint, serve=("--index-file", str(index)))
    stop(proc)
    assert index.exists()
    assert gcmkg(*endpoint, "load", str(data_dir / "entries.ttl")).returncode == 0     # while it is down
    proc, url = start_server(*endpoint, serve=("--index-file", str(index)))
    try:
        deadline = time.monotonic() + 10    # its change follower starts from the saved index's mark
        while (total := httpx.get(url + "/api/practices").json()["total"]) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert total == 1
    finally:
        stop(proc)
