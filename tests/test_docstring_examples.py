"""The examples in docstrings are executed, so the documentation cannot drift from the code."""

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("gcmkg", "gcmkg.graph", "gcmkg.api", "gcmkg.shapes", "gcmkg.ingest", "gcmkg.web", "gcmkg.curation")


def _modules():
    # The subpackages live in their own top-level folders, so each is walked on its own path.
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        for info in pkgutil.iter_modules(path, package + "."):
            if not info.ispkg:
                yield info.name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
