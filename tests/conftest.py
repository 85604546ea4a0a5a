"""Shared fixtures: real stores (Oxigraph in memory or on disk), the real CLI, real SPARQL servers (Oxigraph, Virtuoso)."""

from __future__ import annotations

import configparser
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

DATA = Path(__file__).parent / "data"
DEPLOY = Path(__file__).parent.parent / "deploy"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gcmkg(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `gcmkg` command as a user would."""
    return subprocess.run([str(BIN / "gcmkg"), *args], capture_output=True, text=True, input=stdin,
                          env=env, timeout=300)


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def store_dir(tmp_path) -> Path:
    return tmp_path / "store"


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """An on-disk store with the demo data, built once per test session through the CLI."""
    path = tmp_path_factory.mktemp("demo") / "store"
    result = gcmkg("--store", str(path), "demo")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def memory_kg():
    """An initialised in-memory knowledge graph (public store and review queue)."""
    from gcmkg.graph.open import open_knowledge_graph
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    yield kg
    kg.close()


def wait_for(url: str, timeout: float = 20.0, proc: subprocess.Popen | None = None) -> None:
    """Poll url until it answers; give up at the deadline, or at once if proc (the server) has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (proc is None or proc.poll() is None):
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {timeout} s")


def start_server(*args: str, serve: tuple[str, ...] = (),
                 command: tuple[str, ...] | None = None) -> tuple[subprocess.Popen, str]:
    """`gcmkg ARGS serve` on a free port (or `command ARGS serve ...`), once it answers."""
    port = free_port()
    proc = subprocess.Popen([*(command or (str(BIN / "gcmkg"),)), *args, "serve", "--port", str(port), *serve],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        # A server on a remote store builds its search index from it before it answers: on a busy 2-core
        # machine with Virtuoso that took over 60 s, so the deadline is generous; a crash ends the wait at once.
        wait_for(url + "/void", timeout=240, proc=proc)
    except RuntimeError:
        proc.kill()
        raise RuntimeError(proc.stderr.read().decode())
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The embedded set-up serving the demo data over HTTP, shared by the page and browser tests."""
    store = tmp_path_factory.mktemp("site") / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    proc, url = start_server("--store", str(store))
    yield url
    stop(proc)


@pytest.fixture
def oxigraph_server(tmp_path):
    """A real Oxigraph SPARQL server on loopback (the `oxigraph` PyPI package), union default graph on."""
    yield from _oxigraph(tmp_path)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def sparql_server(request, tmp_path):
    """The query URL of a real SPARQL server on loopback, set up for gcmkg's scaled set-up: each engine in turn.

    Each test gets an empty dataset: a new Oxigraph server, or the session's Virtuoso with every
    graph it shows dropped (a new Virtuoso database takes several seconds to create).
    """
    if request.param == "oxigraph":
        yield from _oxigraph(tmp_path)
        return
    url = request.getfixturevalue("virtuoso_server")
    graphs = httpx.post(url, data={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
                        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    if graphs:
        drop = " ;\n".join(f"DROP SILENT GRAPH <{g['g']['value']}>" for g in graphs)
        httpx.post(url, content=drop, headers={"Content-Type": "application/sparql-update"}).raise_for_status()
    yield url


def _oxigraph(tmp_path):
    exe = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "oxigraph"), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    yield from _virtuoso(tmp_path_factory.mktemp("virtuoso"))


def _virtuoso(tmp_path):
    """Virtuoso Open Source (Debian's virtuoso-opensource-7-bin) with a new database in tmp_path,
    started from deploy/virtuoso/virtuoso.ini with the folder and ports changed, set up by setup.sql."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if exe is None or isql is None:
        pytest.fail("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin; .ci/run does)")
    folder = tmp_path / "virtuoso"
    folder.mkdir()
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    ini.optionxform = str                                   # Virtuoso's keys are case-sensitive
    ini.read(DEPLOY / "virtuoso" / "virtuoso.ini")
    for section in ("Database", "TempDatabase"):
        for key, value in ini[section].items():
            if value.startswith("/srv/gcmkg-virtuoso/"):
                ini[section][key] = str(folder / Path(value).name)
    sql_port, http_port = free_port(), free_port()
    ini["Parameters"].update(ServerPort=f"127.0.0.1:{sql_port}", NumberOfBuffers="10000", MaxDirtyBuffers="6000",
                             ServerThreads="10")
    ini["HTTPServer"].update(ServerPort=f"127.0.0.1:{http_port}", ServerRoot=str(folder))
    with open(folder / "virtuoso.ini", "w") as out:
        ini.write(out)
    proc = subprocess.Popen([exe, "+foreground", "+configfile", "virtuoso.ini"], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{http_port}/sparql", timeout=60)
        setup = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                                str(DEPLOY / "virtuoso" / "setup.sql")],
                               capture_output=True, text=True, timeout=60)
        assert setup.returncode == 0 and "*** Error" not in setup.stdout + setup.stderr, setup.stdout + setup.stderr
        yield f"http://127.0.0.1:{http_port}/sparql"
    finally:
        proc.kill()                 # its database is thrown away: no checkpoint needed
        proc.wait(timeout=10)
