"""The examples in docstrings are executed, so the documentation cannot drift from the code."""

import doctest
import importlib
import pkgutil
import tomllib
from pathlib import Path

import pytest

# The packages as pyproject.toml declares them (the one list), imported by name as users import them;
# each is walked on its own path, since a source checkout keeps them in separate top-level folders.
PACKAGES = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]


def _modules():
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        for info in pkgutil.iter_modules(path, package + "."):
            if not info.ispkg:
                yield info.name


def test_every_declared_package_is_walked():
    assert {"gcmkg.api.sparql.screen", "gcmkg.graph.store", "gcmkg.shapes.validate"} <= set(_modules())


@pytest.mark.parametrize("name", sorted(_modules()))
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
