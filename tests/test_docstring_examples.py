"""The examples in docstrings are executed, so the documentation cannot drift from the code."""

import doctest
import importlib
import pkgutil

import pytest

import gcmkg


def _modules():
    for info in pkgutil.walk_packages(gcmkg.__path__, "gcmkg."):
        if not info.ispkg:
            yield info.name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
