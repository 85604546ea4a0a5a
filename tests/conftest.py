"""Shared fixtures: real stores (Oxigraph in memory or on disk), the real CLI, a real Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

DATA = Path(__file__).parent / "data"
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


def wait_for(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {timeout} s")


def start_server(*args: str, serve: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([str(BIN / "gcmkg"), *args, "serve", "--port", str(port), *serve],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/void", timeout=60)
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
