"""A statistician loads indicator data as RDF Data Cubes, gets clear refusals for bad files, and derives
the UIS student-mobility indicators; every step through `gcmkg indicators` on a real on-disk store."""

from __future__ import annotations

import csv
import io
import os

import pyoxigraph as ox
import pytest

from conftest import gcmkg
from gcmkg.graph.cubes import DATASET_BASE, OBS_VALUE
from gcmkg.shapes.cubes import problems_compiled, problems_pyshacl

FLOWS = """DATAFLOW,ORIGIN,DESTINATION,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT
GCMKG:flows(1.0),ARG,CHL,2020,100,A,
GCMKG:flows(1.0),CHL,ARG,2020,50,A,
GCMKG:flows(1.0),ARG,BRA,2020,30,E,estimated by the ministry
GCMKG:flows(1.0),ARG,CHL,2021,120,P,
"""
# A plain spreadsheet export: its own headers, mapped on the command line.
ENROLMENT = """Country;Year;Students
ARG;2020;1000
CHL;2020;500
BRA;2020;2000
ARG;2021;1200
"""
MAP = ["--map", "Country=REF_AREA", "--map", "Year=TIME_PERIOD", "--map", "Students=OBS_VALUE"]


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store"
    assert gcmkg("--store", str(path), "init").returncode == 0
    return path


def indicators(store, *args):
    return gcmkg("--store", str(store), "indicators", *args)


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def load_both(store, tmp_path):
    flows = indicators(store, "load", str(write(tmp_path, "flows.csv", FLOWS)), "--dataset", "flows",
                       "--indicator", "inbound-mobile-students")
    assert flows.returncode == 0, flows.stderr
    enrol = indicators(store, "load", str(write(tmp_path, "enrol.csv", ENROLMENT)), "--dataset", "enrolment",
                       "--indicator", "tertiary-enrolment", *MAP)
    assert enrol.returncode == 0, enrol.stderr


def test_a_statistician_loads_sdmx_csv_and_gets_it_back_as_sdmx_csv_and_csv(store, tmp_path):
    load_both(store, tmp_path)
    listed = indicators(store, "list").stdout
    assert "flows" in listed and "inbound-mobile-students" in listed and "tertiary-enrolment" in listed
    exported = rows(indicators(store, "export", "flows").stdout)
    assert exported[0] == ["DATAFLOW", "ORIGIN", "DESTINATION", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "COMMENT"]
    assert ["GCMKG:flows(1.0)", "ARG", "BRA", "2020", "30", "E", "estimated by the ministry"] in exported
    plain = rows(indicators(store, "export", "enrolment", "--format", "csv").stdout)
    assert plain[0] == ["REF_AREA", "TIME_PERIOD", "OBS_VALUE"] and ["CHL", "2020", "500"] in plain
    # What was exported loads again as it was.
    again = tmp_path / "again.csv"
    assert indicators(store, "export", "flows", "--output", str(again)).returncode == 0
    assert indicators(store, "load", str(again), "--dataset", "flows-copy", "--indicator",
                      "inbound-mobile-students").returncode == 0
    assert rows(indicators(store, "export", "flows-copy").stdout)[1:] == [
        ["GCMKG:flows-copy(1.0)", *r[1:]] for r in exported[1:]]


def test_the_mobility_indicators_follow_the_uis_definitions(store, tmp_path):
    load_both(store, tmp_path)
    # By hand from FLOWS and ENROLMENT. Chile has no 2021 enrolment, so no 2021 rate: a gap, not a guess.
    expected = {
        "inbound-mobility-rate": {("ARG", "2020"): "5", ("CHL", "2020"): "20", ("BRA", "2020"): "1.5"},
        "outbound-mobility-ratio": {("ARG", "2020"): "13", ("CHL", "2020"): "10", ("ARG", "2021"): "10"},
        "net-flow-ratio": {("ARG", "2020"): "-8", ("CHL", "2020"): "10"},
    }
    for indicator, values in expected.items():
        derived = indicators(store, "derive", indicator, "--flows", "flows", "--enrolment", "enrolment",
                             "--as", indicator)
        assert derived.returncode == 0, derived.stderr
        table = rows(indicators(store, "export", indicator, "--format", "csv").stdout)
        assert {(r[0], r[1]): r[2] for r in table[1:]} == values, indicator
    # The formula and the datasets it came from are in the graph.
    formula = gcmkg("--store", str(store), "query", "SELECT ?f (COUNT(?from) AS ?n) WHERE { GRAPH ?g { "
                    f"<{DATASET_BASE}net-flow-ratio> <https://w3id.org/gcmkg/ontology#formula> ?f ; "
                    "<http://www.w3.org/ns/prov#wasDerivedFrom> ?from } } GROUP BY ?f")
    assert "inbound" in formula.stdout and "2" in formula.stdout


@pytest.mark.parametrize(("text", "said"), [
    ("DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nX,ARG,2020,1\nX,ARG,2020,2\n",
     "row 3, column REF_AREA: a second observation for the cell ARG/2020 (first on row 2)"),
    ("REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2020,1\nXYZ,2020,2\n", "row 3, column REF_AREA: 'XYZ' is not a country"),
    ("REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,20-20,1\n", "row 2, column TIME_PERIOD: '20-20' is not a year"),
    ("REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2020,many\n", "row 2, column OBS_VALUE: 'many' is not a number"),
    ("REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2020,\n", "row 2, column OBS_VALUE: empty: a missing value needs"),
    ("REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nARG,2020,1,Q\n", "row 2, column OBS_STATUS: 'Q' is not an SDMX"),
    ("REF_AREA,YEAR,OBS_VALUE\nARG,2020,1\n", "header: unknown column 'YEAR'"),
    ("REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2020,1,9\n", "row 2: 4 cells for 3 columns"),
    ("", "the file is empty"),
])
def test_a_bad_file_is_refused_with_its_row_and_column_and_nothing_is_written(store, tmp_path, text, said):
    bad = indicators(store, "load", str(write(tmp_path, "bad.csv", text)), "--dataset", "bad",
                     "--indicator", "tertiary-enrolment")
    assert bad.returncode == 2 and said in bad.stderr and "Traceback" not in bad.stderr, bad.stderr
    assert "bad" not in indicators(store, "list").stdout.split("Datasets")[1]


def test_a_missing_value_is_kept_with_its_status_and_reason(store, tmp_path):
    text = "REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT\nARG,2020,,M,not collected that year\n"
    assert indicators(store, "load", str(write(tmp_path, "m.csv", text)), "--dataset", "gaps",
                      "--indicator", "tertiary-enrolment").returncode == 0
    assert ["ARG", "2020", "", "M", "not collected that year"] in rows(
        indicators(store, "export", "gaps", "--format", "csv").stdout)


def test_a_new_version_replaces_the_old_whole_and_a_refused_one_changes_nothing(store, tmp_path):
    load_both(store, tmp_path)
    smaller = "REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2022,1300\n"
    assert indicators(store, "load", str(write(tmp_path, "v2.csv", smaller)), "--dataset", "enrolment",
                      "--indicator", "tertiary-enrolment").returncode == 0
    assert rows(indicators(store, "export", "enrolment", "--format", "csv").stdout)[1:] == [["ARG", "2022", "1300"]]
    refused = indicators(store, "load", str(write(tmp_path, "v3.csv", "REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2023,x\n")),
                         "--dataset", "enrolment", "--indicator", "tertiary-enrolment")
    assert refused.returncode == 2
    assert rows(indicators(store, "export", "enrolment", "--format", "csv").stdout)[1:] == [["ARG", "2022", "1300"]]
    # The replaced version's observations are gone from the store, not only unlinked.
    graphs = gcmkg("--store", str(store), "query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { "
                   f"?o <http://purl.org/linked-data/cube#dataSet> ?v . FILTER(STRSTARTS(STR(?g), "
                   f"\"{DATASET_BASE}enrolment/\")) }} }}")
    assert '"1"' in graphs.stdout or "\n1\n" in graphs.stdout or graphs.stdout.strip().endswith("1"), graphs.stdout


def test_a_load_killed_while_writing_leaves_the_previous_version(store, tmp_path):
    load_both(store, tmp_path)
    newer = "REF_AREA,TIME_PERIOD,OBS_VALUE\nARG,2022,1300\n"
    killed = gcmkg("--store", str(store), "indicators", "load", str(write(tmp_path, "k.csv", newer)), "--dataset",
                   "enrolment", "--indicator", "tertiary-enrolment",
                   env={**os.environ, "GCMKG_TEST_CRASH_AT": "during-bulk-write"})
    assert killed.returncode != 0
    assert ["CHL", "2020", "500"] in rows(indicators(store, "export", "enrolment", "--format", "csv").stdout)
    # Killed after its version was written and before it became current, a load leaves that version behind
    # (the bulk write's journal covers only the write itself); the next load of the dataset clears it.
    killed = gcmkg("--store", str(store), "indicators", "load", str(write(tmp_path, "k.csv", newer)), "--dataset",
                   "enrolment", "--indicator", "tertiary-enrolment",
                   env={**os.environ, "GCMKG_TEST_CRASH_AT": "cube-version-written"})
    assert killed.returncode != 0
    assert ["CHL", "2020", "500"] in rows(indicators(store, "export", "enrolment", "--format", "csv").stdout)
    assert version_graphs(store, "enrolment") == 2, "the killed load's version is still there"
    assert indicators(store, "load", str(write(tmp_path, "k.csv", newer)), "--dataset", "enrolment",
                      "--indicator", "tertiary-enrolment").returncode == 0
    assert version_graphs(store, "enrolment") == 1


def version_graphs(store, dataset: str) -> int:
    """How many graphs hold observations of `dataset` (its versions, current or left behind)."""
    found = gcmkg("--store", str(store), "query", "--format", "csv", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { "
                  f"GRAPH ?g {{ ?o <http://purl.org/linked-data/cube#dataSet> ?v }} "
                  f"FILTER(STRSTARTS(STR(?g), \"{DATASET_BASE}{dataset}/\")) }}")
    assert found.returncode == 0, found.stderr
    return int(found.stdout.split()[-1])


def test_both_validators_find_the_same_faults_in_a_dataset():
    qb, sdmx = "http://purl.org/linked-data/cube#", "http://purl.org/linked-data/sdmx/2009/"
    ds, obs = ox.NamedNode(DATASET_BASE + "t/v1"), ox.NamedNode(DATASET_BASE + "t/v1/ARG")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    triples = [
        ox.Triple(ds, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(qb + "DataSet")),
        ox.Triple(obs, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(qb + "Observation")),
        ox.Triple(obs, ox.NamedNode(qb + "dataSet"), ds),
        ox.Triple(obs, OBS_VALUE, ox.Literal("1", datatype=ox.NamedNode(xsd + "decimal"))),
        ox.Triple(obs, OBS_VALUE, ox.Literal("2", datatype=ox.NamedNode(xsd + "decimal"))),
        ox.Triple(obs, ox.NamedNode(sdmx + "attribute#obsStatus"), ox.NamedNode(sdmx + "code#obsStatus-Q")),
    ]
    found = problems_pyshacl(triples)
    assert found == problems_compiled(triples)
    said = " ".join(message for _focus, message in found)
    assert "exactly one structure" in said and "reference period" in said and "at most one value" in said \
        and "SDMX's observation statuses" in said
    assert problems_pyshacl(triples, "es") == problems_compiled(triples, "es")
