"""Generated statistical datasets for the indicator tests, loaded through the real loader (`gcmkg indicators
load`) into an on-disk store served by a real `gcmkg serve`.

The values follow a rule the tests can recompute: a country's value rises by one a year, from its
place in AREAS, plus 0.5 for women and 0.25 for men; 2020 is estimated (status E).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import gcmkg, start_server, stop

AREAS = ("ARG", "BRA", "CHL", "COL", "MEX", "PER", "URY")
YEARS = range(2010, 2021)
SEX = {"_T": 0.0, "F": 0.5, "M": 0.25}
INDICATOR = "inbound-mobility-rate"
FLOWS = """ORIGIN,DESTINATION,TIME_PERIOD,OBS_VALUE
ARG,CHL,2020,100
CHL,ARG,2020,50
"""


def value(area: str, year: int, sex: str = "_T") -> float:
    return AREAS.index(area) + (year - 2010) + 1 + SEX[sex]


def rate_csv(years=YEARS) -> str:
    lines = ["REF_AREA,TIME_PERIOD,SEX,OBS_VALUE,OBS_STATUS"]
    for area in AREAS:
        for year in years:
            for sex in SEX:
                lines.append(f"{area},{year},{sex},{value(area, year, sex):.2f},{'E' if year == 2020 else 'A'}")
    return "\n".join(lines) + "\n"


def load(store: Path, tmp: Path, name: str, text: str, dataset: str, indicator: str) -> None:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    result = gcmkg("--store", str(store), "indicators", "load", str(path), "--dataset", dataset,
                   "--indicator", indicator, "--title", f"Generated {dataset}")
    assert result.returncode == 0, result.stderr


def _init(tmp_path_factory, name: str):
    path = tmp_path_factory.mktemp(name) / "store"
    assert gcmkg("--store", str(path), "init").returncode == 0
    return path


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory):
    """A store before any observation is loaded."""
    proc, url = start_server("--store", str(_init(tmp_path_factory, "empty")))
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def cube_site(tmp_path_factory):
    """A store with a generated rate (7 countries × 2010-2020 × sex) and a small flows dataset."""
    store, tmp = _init(tmp_path_factory, "cubes"), tmp_path_factory.mktemp("csv")
    load(store, tmp, "rate.csv", rate_csv(), "rate", INDICATOR)
    load(store, tmp, "flows.csv", FLOWS, "flows", "inbound-mobile-students")
    proc, url = start_server("--store", str(store))
    yield url
    stop(proc)
