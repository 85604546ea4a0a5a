"""Build step: vendor the npm packages the web pages use before the package data is collected.

Everything else is declared in pyproject.toml. In a source checkout (a Makefile beside this
file) the build runs the Makefile's vendoring rule, which is a no-op when web/static/vendor/
is up to date and needs npm otherwise; an sdist already carries the vendored files. So
`pip install .`, `pip wheel .` and `python -m build` all give a wheel that serves its pages.
"""

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
VENDOR = Path("web/static/vendor")


class build_py_with_web_assets(build_py):
    def run(self):
        if (ROOT / "Makefile").exists() and shutil.which("make"):
            if shutil.which("npm") is None and not (ROOT / VENDOR / ".installed").exists():
                raise SystemExit("gcmkg build: web/static/vendor/ is missing and npm is not installed "
                                 "(Debian: apt-get install npm), so the web pages' packages cannot be vendored")
            subprocess.run(["make", "-C", str(ROOT), f"{VENDOR}/.installed"], check=True)
        elif not any((ROOT / VENDOR).glob("*/*")):
            raise SystemExit("gcmkg build: this source has no web/static/vendor/; build from a git "
                             "checkout with npm installed, or from an sdist made from one")
        super().run()


setup(cmdclass={"build_py": build_py_with_web_assets})
