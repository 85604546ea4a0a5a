"""The package as a wheel: built from this checkout, installed where no source tree is in sight, it serves its pages.

The wheel is built offline with this venv's setuptools (`--no-build-isolation`; setup.py's build
step vendors the npm packages, a no-op after `make setup`). It goes into a fresh venv that sees
this venv's site-packages only for the dependencies (a .pth line: that is what `pip install`
would fetch from PyPI, and it keeps the test to seconds); gcmkg itself comes from the wheel, which
the test checks, and the server runs from an empty temporary folder.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import httpx
import pytest

from conftest import free_port, stop, wait_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """The bin folder of a fresh venv holding gcmkg from its wheel and nothing of this checkout."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--no-index", "-w", str(tmp / "dist"), str(ROOT)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "deprecated" not in built.stdout + built.stderr, "the build must not warn of deprecated settings"
    wheel, = (tmp / "dist").glob("gcmkg-*.whl")

    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    target = env_dir / "bin" / "python"
    site_packages = Path(subprocess.check_output(
        [str(target), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True).strip())
    # The dependencies, from this venv (the editable gcmkg here needs its own .pth, which is not read).
    (site_packages / "dependencies-of-the-test-venv.pth").write_text(sysconfig.get_path("purelib") + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(target), "install", "--no-deps",
                                "--no-index", "--quiet", str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return env_dir / "bin"


def test_the_wheel_ships_the_pages_styles_scripts_and_vendored_packages(installed_wheel, tmp_path):
    where = subprocess.run([str(installed_wheel / "python"), "-c",
                            "import gcmkg, gcmkg.web; print(gcmkg.__file__); print(gcmkg.web.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    for path in where:
        assert Path(path).is_relative_to(installed_wheel.parent), f"{path} is not the wheel's copy"
    web = Path(where[1]).parent
    for shipped in ("templates/base.html", "templates/sparql.html", "static/gcmkg.css",
                    "static/vendor/yasgui/yasgui.min.js", "static/vendor/world-atlas/countries-110m.json"):
        assert (web / shipped).is_file(), f"the wheel lacks web/{shipped}"
    version = subprocess.run([str(installed_wheel / "gcmkg"), "--version"], capture_output=True, text=True,
                             cwd=tmp_path)
    from gcmkg import __version__
    assert version.returncode == 0 and __version__ in version.stdout


def test_a_user_installs_the_wheel_and_serves_the_demo_with_its_pages_and_assets(installed_wheel, tmp_path):
    port = free_port()
    server = subprocess.Popen([str(installed_wheel / "gcmkg"), "--store", str(tmp_path / "store"), "serve",
                               "--demo", "--port", str(port)],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(url + "/void", timeout=120)
        except RuntimeError:
            server.kill()
            pytest.fail(server.stderr.read().decode())
        assets = set()
        with httpx.Client(base_url=url, headers={"Accept": "text/html"}, timeout=30) as client:
            for page in ("/", "/practices?objective=5", "/sparql"):
                response = client.get(page)
                assert response.status_code == 200, (page, response.text[:300])
                assert response.headers["content-type"].startswith("text/html")
                assets |= set(re.findall(r'(?:src|href)="(/static/[^"]+)"', response.text))
                if page == "/":
                    assert "<path" in response.text, "the world map is drawn from the vendored atlas"
            assert {"/static/gcmkg.css", "/static/vendor/yasgui/yasgui.min.js",
                    "/static/vendor/yasgui/yasgui.min.css", "/static/sparql-page.js"} <= assets
            for asset in sorted(assets):
                response = client.get(asset)
                assert response.status_code == 200 and response.content, asset
    finally:
        stop(server)
