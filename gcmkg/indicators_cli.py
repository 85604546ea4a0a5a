"""`gcmkg indicators`: statistical datasets (graph/cubes.py) from the command line: load, list, export, derive."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click


def _failure(message: str):
    from gcmkg.cli import Failure
    return Failure(message, 2)


@click.group()
def indicators():
    """Indicators' observations as RDF Data Cubes: load SDMX-CSV or CSV, list, export, derive."""


def _kg(ctx):
    from gcmkg.cli import _open, _require_init
    kg = _open(ctx)
    _require_init(kg)
    return kg


@indicators.command("load")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--dataset", "dataset_id", required=True, help="The dataset's id (lower-case, digits, hyphens).")
@click.option("--indicator", required=True, help="What it measures: an indicator's code (gcmkg indicators list).")
@click.option("--map", "mapping", multiple=True, metavar="HEADER=COLUMN",
              help="Rename a plain CSV's header to an SDMX-CSV column (REF_AREA, TIME_PERIOD, OBS_VALUE...).")
@click.option("--title", default="", help="The dataset's title (English).")
@click.option("--source", default="", help="Where the figures were published (a URL), kept with the dataset.")
@click.pass_context
def load(ctx, file, dataset_id, indicator, mapping, title, source):
    """Check FILE and store it as dataset DATASET, replacing its previous version whole, or not at all."""
    from gcmkg.graph.cubes import CubeError, Dataset, put_dataset
    from gcmkg.ingest.input_guard import IngestError
    from gcmkg.ingest.observations import parse_mapping, read_observations
    kg = _kg(ctx)
    path = Path(file)
    try:
        click.echo(f"reading {path.name}...", err=True)
        columns, rows = read_observations(path, parse_mapping(list(mapping)))
        click.echo(f"checking and storing {len(rows):,} observations...", err=True)
        dataset = Dataset(dataset_id, indicator, columns, rows, source=source or path.name, title=title)
        count = put_dataset(kg, dataset)
    except (CubeError, IngestError) as error:
        for line in getattr(error, "problems", [])[1:10]:
            click.echo(f"gcmkg: {line}", err=True)
        raise _failure(str(error))
    click.echo(f"loaded {count:,} observations into dataset {dataset_id} ({indicator})")


@indicators.command("list")
@click.pass_context
def list_(ctx):
    """The indicators gcmkg knows and the datasets stored."""
    from gcmkg.graph.cubes import code_lists, datasets
    kg = _kg(ctx)
    click.echo("Indicators")
    for code in sorted(code_lists()["indicator"]):
        click.echo(f"  {code}")
    click.echo("Datasets")
    for d in datasets(kg.public):
        click.echo(f"  {d.id:<32}{d.indicator:<28}{d.observations:>10,}  {d.modified}")


@indicators.command("export")
@click.argument("dataset_id")
@click.option("--format", "fmt", type=click.Choice(["csv", "sdmx-csv"]), default="sdmx-csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here (default: standard output).")
@click.pass_context
def export(ctx, dataset_id, fmt, output):
    """Write a dataset's current observations as CSV or SDMX-CSV 1.0."""
    import io

    from gcmkg.graph.atomic_file import atomic_file
    from gcmkg.graph.cubes import CubeError, export_rows
    kg = _kg(ctx)
    try:
        rows = list(export_rows(kg.public, dataset_id, sdmx=fmt == "sdmx-csv"))
    except CubeError as error:
        raise _failure(str(error))
    if output is None:
        csv.writer(sys.stdout, lineterminator="\n").writerows(rows)
        return
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    with atomic_file(Path(output)) as out:   # a reader never sees half a file
        out.write(text.getvalue().encode("utf-8"))
    click.echo(f"wrote {len(rows) - 1:,} observations to {output}", err=True)


@indicators.command("derive")
@click.argument("indicator", type=click.Choice(["inbound-mobility-rate", "outbound-mobility-ratio", "net-flow-ratio"]))
@click.option("--flows", required=True, help="Dataset of mobile students by ORIGIN and DESTINATION.")
@click.option("--enrolment", required=True, help="Dataset of total tertiary enrolment by REF_AREA.")
@click.option("--as", "target", required=True, help="Id of the dataset to write.")
@click.pass_context
def derive(ctx, indicator, flows, enrolment, target):
    """Compute a UIS student-mobility indicator from stored datasets, with its formula recorded."""
    from gcmkg.graph.cubes import CubeError, derive_mobility
    kg = _kg(ctx)
    try:
        count = derive_mobility(kg, indicator, flows, enrolment, target)
    except CubeError as error:
        raise _failure(str(error))
    click.echo(f"derived {count:,} observations of {indicator} into dataset {target}")
