"""bench/compare.py, the paired search benchmark: its arguments and the shape of its report, on a tiny data set.

No timing is asserted: the figures depend on the machine. The tool is run as a user runs it, a
subprocess, with both sides this checkout (a revision would need a git clone; the CI's is one,
but the checkout path exercises the same workers).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPARE = ROOT / "bench" / "compare.py"


def compare(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(COMPARE), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


@pytest.fixture(scope="module")
def tiny_practices(tmp_path_factory) -> Path:
    """Thirty generated practices, written as bench/generate.py writes its data sets."""
    path = tmp_path_factory.mktemp("compare") / "practices-30.nt"
    made = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "30", "-o", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    return path


def test_engineer_compares_two_versions_state_by_state(tiny_practices, tmp_path):
    done = compare(str(ROOT), str(ROOT), "--data", str(tiny_practices), "--rounds", "2", "--runs", "2",
                   "--states", "no filter,3", "--cpu", "-1", "--work", str(tmp_path / "work"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"A = {ROOT} (working tree)" and lines[1] == f"B = {ROOT} (working tree)"
    assert "2 rounds" in lines[2] and "2 searches a state" in lines[2] and "not pinned" in lines[2]
    rows = {line[:30].strip(): line for line in lines[4:]}
    assert list(rows) == ["index build", "reference work", "no filter", "objective + region"]
    number = r"[0-9]+\.[0-9]+"
    for name, line in rows.items():
        unit = "s" if name == "index build" else "ms"
        scaled = "" if name in ("index build", "reference work") else \
            rf" +[+-]{number}% \[[+-]{number}%, [+-]{number}%\]"
        assert re.search(rf"{number} \[{number}-{number}\] +{number} \[{number}-{number}\] +{unit} +[+-]{number} "
                         rf"\( *[+-]{number}%\) +\[[+-]{number}, [+-]{number}\] +(within noise|B slower|B faster)"
                         rf"{scaled}$", line), line
    assert "note:" not in done.stdout       # the same code finds the same entries
    assert done.stderr.count("round ") == 2


def test_unknown_state_or_revision_is_one_readable_line(tmp_path):
    bad_state = compare("HEAD", "--states", "no such state", "--work", str(tmp_path), cwd=tmp_path)
    assert bad_state.returncode == 2
    assert bad_state.stderr.startswith("compare.py: --states: 'no such state' matches 0 states; choose from 1 no filter")
    assert len(bad_state.stderr.strip().splitlines()) == 1

    bad_revision = compare("no-such-revision-xyz", "--data", str(tmp_path / "none.nt"), cwd=tmp_path)
    assert bad_revision.returncode == 2 and len(bad_revision.stderr.strip().splitlines()) == 1
    assert "none.nt: no such file" in bad_revision.stderr

    no_revision = compare("no-such-revision-xyz", "--size", "10", "--work", str(tmp_path / "w"), cwd=tmp_path)
    assert no_revision.returncode == 2
    assert no_revision.stderr.strip() == f"compare.py: 'no-such-revision-xyz' is neither a folder nor a revision of {ROOT}"
