"""The `gcmkg` command: set up, load, validate, query and export the knowledge graph.

Errors are one readable line on stderr and a non-zero exit, never a traceback
(set GCMKG_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from gcmkg import __version__
from gcmkg.settings import BY_NAME, resolve

EXIT_INVALID = 2  # the data was refused: validation or syntax errors


class Failure(click.ClickException):
    """An error for the user: printed as `gcmkg: error: ...`."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        click.echo(f"gcmkg: error: {self.message}", err=True)


def _setting_option(name: str, flag: str, metavar: str):
    s = BY_NAME[name]
    return click.option(flag, name, metavar=metavar, default=None,
                        help=f"{s.help} [env {s.env}" + (f"; default {s.default}]" if s.default else "]"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gcmkg")
@_setting_option("store", "--store", "PATH")
@_setting_option("sparql_endpoint", "--sparql-endpoint", "URL")
@_setting_option("review_sparql_endpoint", "--review-sparql-endpoint", "URL")
@click.pass_context
def cli(ctx, store, sparql_endpoint, review_sparql_endpoint):
    """gcmkg: the GCM Knowledge Graph of migration norms and promising practices."""
    ctx.obj = {"store": resolve("store", store), "sparql_endpoint": resolve("sparql_endpoint", sparql_endpoint),
               "review_sparql_endpoint": resolve("review_sparql_endpoint", review_sparql_endpoint)}


def _open(ctx):
    from gcmkg.graph.open import open_knowledge_graph
    kg = open_knowledge_graph(**ctx.obj)
    ctx.call_on_close(kg.close)
    return kg


def _say(message: str) -> None:
    click.echo(message, err=True)


def _require_init(kg) -> None:
    if not kg.is_initialised():
        raise Failure("the store has no ontology yet; run `gcmkg init` first")


def _parse(paths, bar_label: str, *, stream: bool = False):
    """Parse the files; with `stream`, big ones are left for the load to stream (ingest.rdf_input.LargeFile)."""
    from tqdm import tqdm

    from gcmkg.ingest.rdf_input import STREAM_ABOVE, parse_file
    threshold = int(os.environ.get("GCMKG_TEST_STREAM_ABOVE", STREAM_ABOVE))   # tests stream small files
    parsed = []
    with tqdm(paths, desc=bar_label, unit="file", file=sys.stderr, disable=len(paths) < 2 and None) as bar:
        for path in bar:
            bar.set_postfix_str(Path(str(path)).name)
            parsed.append(parse_file(path, stream_above=threshold if stream else None))
    return parsed


def _load(ctx, kg, parsed, *, dry_run: bool):
    from gcmkg.graph.knowledge_graph import ValidationFailed
    save_index = None if dry_run else _follow_saved_index(ctx, kg)
    try:
        report = kg.load(parsed, dry_run=dry_run, progress=_say)
    except ValidationFailed as failed:
        for v in failed.violations[:50]:
            _say(f"gcmkg: invalid: {v.line()}")
        if len(failed.violations) > 50:
            _say(f"gcmkg: invalid: ... and {len(failed.violations) - 50} more")
        noun = "violation" if len(failed.violations) == 1 else "violations"
        raise Failure(f"{len(failed.violations)} {noun} of the shapes; nothing was written", EXIT_INVALID)
    if save_index is not None:
        save_index()
    _show_warnings(report.warnings)
    return report


def _show_warnings(warnings, lang: str = "en") -> None:
    """Warnings do not stop a load or a validation; they are printed (the first 50) for the curator."""
    for w in warnings[:50]:
        _say(f"gcmkg: warning: {w.line(lang)}")
    if len(warnings) > 50:
        _say(f"gcmkg: warning: ... and {len(warnings) - 50} more")


def _follow_saved_index(ctx, kg):
    """Take a load's entries into the server's saved search index, if it is current, so the next `serve`
    need not rebuild it; returns what saves it, or None. The time goes to the load, where a curator
    expects to wait, rather than to the server's next start."""
    from gcmkg.graph.open import saved_index_path
    from gcmkg.graph.search_index import REBUILD_ABOVE, SearchIndex
    path = saved_index_path(**ctx.obj)
    index = SearchIndex.saved(kg.public, path) if path is not None else None
    if index is None:
        return None

    def take_in(iris) -> None:
        if len(iris) > REBUILD_ABOVE:
            _say(f"rebuilding the saved search index for {len(iris):,} changed entries")
        index.apply_changes(iris)
    kg.on_change(take_in)
    return lambda: index.save(path)


@cli.command()
@click.pass_context
def init(ctx):
    """Create the store and write the ontology, vocabularies and shapes into it."""
    kg = _open(ctx)
    n = kg.init()
    click.echo(f"initialised: {n:,} triples of ontology, vocabularies and shapes")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Validate and report, write nothing.")
@click.pass_context
def load(ctx, files, dry_run):
    """Validate FILES (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) and load them: all, or nothing."""
    kg = _open(ctx)
    _require_init(kg)
    report = _load(ctx, kg, _parse(list(files), "reading", stream=True), dry_run=dry_run)
    verb = "would load" if dry_run else "loaded"
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.by_class.items()))
    click.echo(f"{verb} {report.entries} entries ({kinds}), {report.quads:,} triples: "
               f"{report.published} published, {report.queued_for_review} queued for review, "
               f"{report.replaced} replaced")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--lang", default="en", show_default=True, help="Language of the messages (en, es, fr).")
@click.pass_context
def validate(ctx, files, lang):
    """Check FILES against the shapes without writing anything."""
    from gcmkg.graph.entries import split_entries
    from gcmkg.graph.knowledge_graph import blocking
    # Links to stored entries resolve against the configured store when there is one.
    kg = _open(ctx) if (ctx.obj["sparql_endpoint"] or Path(ctx.obj["store"]).exists()) else _shipped_only(ctx)
    parsed = _parse(list(files), "reading")
    batch = split_entries(parsed)
    results = kg.check(batch, kg.check_files(parsed))
    violations = blocking(results)
    for v in violations:
        click.echo(v.line(lang))
    _show_warnings([r for r in results if r.violation.severity != "Violation"], lang)
    if violations:
        raise Failure(f"{len(violations)} violations in {len(batch.entries)} entries", EXIT_INVALID)
    click.echo(f"valid: {len(batch.entries)} entries")


def _shipped_only(ctx):
    """A knowledge graph of what gcmkg ships (vocabularies, demo organisations), to validate without a store."""
    from gcmkg.graph.knowledge_graph import KnowledgeGraph
    from gcmkg.graph.oxigraph_store import OxigraphStore
    from gcmkg.graph.system_graphs import demo_organisations
    kg = KnowledgeGraph(OxigraphStore())
    kg.public.insert(demo_organisations())
    _say(f"gcmkg: no store at {ctx.obj['store']}: links are checked against the vocabularies and the demo "
         "organisations shipped with gcmkg only (give --store to check them against yours)")
    return kg


@cli.command()
@click.argument("sparql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output for SELECT/ASK; json is the standard SPARQL JSON results format. "
                   "CONSTRUCT/DESCRIBE print Turtle.")
@click.pass_context
def query(ctx, sparql, fmt):
    """Run a SPARQL query over the published knowledge graph (use - to read it from stdin)."""
    from gcmkg.graph.results import run_query
    if sparql == "-":
        sparql = sys.stdin.read()
    kg = _open(ctx)
    click.echo(run_query(kg.public, sparql, fmt), nl=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["trig", "nquads", "jsonld"]), default="trig", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_context
def export(ctx, fmt, output):
    """Export the published knowledge graph with its named graphs."""
    from gcmkg.graph.export import export_dataset
    kg = _open(ctx)
    mime = {"trig": "application/trig", "nquads": "application/n-quads", "jsonld": "application/ld+json"}[fmt]
    if output:
        export_dataset(kg.public, mime, Path(output))
        _say(f"wrote {output}")
    else:
        kg.public.dump(sys.stdout.buffer, mime)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.pass_context
def backup(ctx, directory):
    """Back up the embedded store into DIRECTORY (new), even while `gcmkg serve` runs on it."""
    from gcmkg.graph import backup as backups
    from gcmkg.graph.store import StoreError
    if ctx.obj["sparql_endpoint"]:
        raise Failure("the store is a SPARQL server: back it up with the server's own tools")
    if not Path(ctx.obj["store"]).is_dir():
        raise Failure(f"there is no store at {ctx.obj['store']} to back up")
    try:
        kg = _open(ctx)
    except StoreError as error:
        if "in use" not in str(error):
            raise
        counts = backups.ask_server(Path(ctx.obj["store"]), Path(directory))   # a running server holds it
    else:
        counts = backups.backup(kg, Path(directory))
    click.echo(f"backed up {counts['public']:,} public and {counts['review']:,} review quads into {directory}")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@click.option("--force", is_flag=True, help="Replace a store that holds data.")
@click.pass_context
def restore(ctx, directory, force):
    """Restore the embedded store from a backup in DIRECTORY: all of it, or nothing (stop the server first)."""
    from gcmkg.graph.backup import restore as restore_backup
    if ctx.obj["sparql_endpoint"]:
        raise Failure("the store is a SPARQL server: restore it with the server's own tools")
    counts = restore_backup(Path(directory), Path(ctx.obj["store"]), force=force)
    click.echo(f"restored {counts['public']:,} public and {counts['review']:,} review quads into {ctx.obj['store']}")


@cli.command()
@click.option("--workflow", is_flag=True,
              help="Also create a demo account for each role (passwords printed once) and entries in every state.")
@_setting_option("base_iri", "--base-iri", "IRI")
@click.pass_context
def demo(ctx, workflow, base_iri):
    """Initialise the store and load the demo data shipped with gcmkg."""
    _load_demo(ctx)
    if workflow:
        host, port = resolve("host", None), int(resolve("port", None))
        _load_demo_workflow(ctx, resolve("base_iri", base_iri), f"http://{host}:{port}")


def _load_demo(ctx) -> None:
    from gcmkg.graph.open import open_knowledge_graph
    from gcmkg.graph.system_graphs import demo_files
    from gcmkg.ingest.rdf_input import FORMATS, parse_bytes
    kg = open_knowledge_graph(**ctx.obj)
    try:
        kg.init()
        parsed = [parse_bytes(r.read_bytes(), FORMATS[".ttl"], f"demo/{r.name}") for r in demo_files()]
        report = _load(ctx, kg, parsed, dry_run=False)
    finally:
        kg.close()  # released now: `serve --demo` opens the store next
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.by_class.items()))
    click.echo(f"demo data loaded: {kinds}")


def _load_demo_workflow(ctx, base_iri: str, url: str) -> None:
    """The demo's curation side: an account for each role, with passwords generated now and printed once,
    and entries in every workflow state, so a newcomer can walk a review as each role."""
    from gcmkg.curation.db import open_database
    from gcmkg.curation.demo import demo_people, walk_demo_entries
    from gcmkg.curation.workbench import Workbench
    from gcmkg.graph.open import open_knowledge_graph
    kg = open_knowledge_graph(**ctx.obj)
    if kg.review is None:
        kg.close()
        return
    engine = open_database(ctx.obj["store"], resolve("accounts_db", None))
    try:
        bench = Workbench(kg, engine)
        people = demo_people(bench.accounts)
        made = walk_demo_entries(bench, base_iri)
    finally:
        engine.dispose()
        kg.close()
    click.echo("demo accounts (passwords generated now and shown only here):")
    for account, password in people:
        click.echo(f"  {', '.join(sorted(account.roles)):<12} {account.email:<32} {password}")
    click.echo(f"demo workflow: {made} entries put in every state; sign in at {url}/login, then {url}/curate")


@cli.command()
@click.option("--lang", default="en", show_default=True, help="Language of the labels.")
@click.pass_context
def stats(ctx, lang):
    """Entries per type, per GCM objective and per M49 region."""
    from gcmkg.graph import queries
    kg = _open(ctx)
    store = kg.public
    click.echo("Entries by type")
    for name, n in queries.entries_by_class(store):
        click.echo(f"  {name:<24}{n:>6}")
    click.echo("Entries by GCM objective")
    for notation, label, n in queries.entries_by_objective(store, lang):
        click.echo(f"  {notation:>2}  {label[:48]:<48}{n:>6}")
    click.echo("Entries by region (M49)")
    for code, label, n in queries.entries_by_region(store, lang):
        click.echo(f"  {code}  {label[:46]:<46}{n:>6}")


@cli.command()
@_setting_option("host", "--host", "HOST")
@_setting_option("port", "--port", "PORT")
@_setting_option("base_iri", "--base-iri", "IRI")
@_setting_option("public_url", "--public-url", "URL")
@_setting_option("query_timeout", "--query-timeout", "SECONDS")
@_setting_option("max_rows", "--max-rows", "N")
@_setting_option("query_workers", "--query-workers", "N")
@_setting_option("query_memory", "--query-memory", "MIB")
@_setting_option("index_file", "--index-file", "PATH")
@click.option("--demo", "with_demo", is_flag=True, help="Load the demo data first (into a fresh store).")
@click.pass_context
def serve(ctx, host, port, base_iri, public_url, query_timeout, max_rows, query_workers, query_memory, index_file, with_demo):
    """Serve the SPARQL endpoint, linked data, dumps and the JSON API over HTTP."""
    import logging

    import uvicorn
    # What the server does while it starts (the search index: read back, or built) goes to stderr.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("gcmkg: %(message)s"))
    logging.getLogger("gcmkg").addHandler(handler)
    logging.getLogger("gcmkg").setLevel(logging.INFO)

    from gcmkg.api.app import ServerConfig, create_app
    host, port = resolve("host", host), int(resolve("port", port))
    if with_demo:
        _load_demo(ctx)
        _load_demo_workflow(ctx, resolve("base_iri", base_iri), f"http://{host}:{port}")
    config = ServerConfig(store=ctx.obj["store"], sparql_endpoint=ctx.obj["sparql_endpoint"],
                          review_sparql_endpoint=ctx.obj["review_sparql_endpoint"],
                          base_iri=resolve("base_iri", base_iri), public_url=resolve("public_url", public_url),
                          query_timeout=float(resolve("query_timeout", query_timeout)),
                          max_rows=int(resolve("max_rows", max_rows)),
                          query_workers=int(resolve("query_workers", query_workers)),
                          query_memory=int(resolve("query_memory", query_memory)),
                          index_file=resolve("index_file", index_file),
                          accounts_db=resolve("accounts_db", None))
    _say(f"gcmkg: serving on http://{host}:{port}/ (SPARQL at http://{host}:{port}/sparql)")
    from gcmkg.api.http_protocol import ProblemHttpToolsProtocol
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning", access_log=False,
                http=ProblemHttpToolsProtocol)


@cli.group()
@_setting_option("accounts_db", "--accounts-db", "URL")
@click.pass_context
def user(ctx, accounts_db):
    """Accounts of the curators' workbench: add, list, roles, disable, API tokens."""
    from gcmkg.curation.accounts import Accounts
    ctx.obj["accounts"] = Accounts(_curation_database(ctx, accounts_db))


def _curation_database(ctx, accounts_db: str | None):
    """The curation database's engine (closed with the command), or one line saying why it cannot be opened."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from gcmkg.curation.db import database_url, open_database
    url = database_url(ctx.obj["store"], resolve("accounts_db", accounts_db))
    try:
        engine = open_database(url=url)
    except (SQLAlchemyError, ValueError) as error:   # unreachable, refused, or not a database URL
        try:
            shown = make_url(url).render_as_string(hide_password=True)
        except (SQLAlchemyError, ValueError):
            shown = "(not a database URL)"
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise Failure(f"cannot open the accounts database {shown}: {reason}")
    ctx.call_on_close(engine.dispose)
    return engine


def _accounts(ctx):
    return ctx.obj["accounts"]


_ROLE_CHOICE = click.Choice(["contributor", "curator", "reviewer", "admin"])


@user.command("add")
@click.argument("email")
@click.option("--name", default="", help="The person's name (never published).")
@click.option("--role", "roles", multiple=True, type=_ROLE_CHOICE, help="A role to hold (repeat for several).")
@click.option("--organisation", default="", help="The person's organisation.")
@click.option("--affiliation", type=click.Choice(["un", "external"]), help="Reviewers: UN or external.")
@click.option("--language", "languages", multiple=True, help="A language the person reviews in (repeat).")
@click.option("--objective", "objectives", multiple=True, type=int, help="A GCM objective of expertise (repeat).")
@click.option("--password-prompt", is_flag=True, help="Ask for the password instead of generating one.")
@click.pass_context
def user_add(ctx, email, name, roles, organisation, affiliation, languages, objectives, password_prompt):
    """Create an account; its password is generated and printed once (or asked for)."""
    from gcmkg.curation.accounts import generate_password
    password = click.prompt("password", hide_input=True, confirmation_prompt=True) if password_prompt \
        else generate_password()
    account = _accounts(ctx).add(email, name, roles or ("contributor",), organisation=organisation,
                                 affiliation=affiliation, languages=languages, objectives=objectives,
                                 password=password)
    click.echo(f"added {account.email} ({', '.join(sorted(account.roles))}) as {account.iri}")
    if not password_prompt:
        click.echo(f"password (shown once): {password}")


@user.command("list")
@click.option("--role", type=_ROLE_CHOICE, help="Only the accounts holding this role.")
@click.pass_context
def user_list(ctx, role):
    """The accounts: e-mail, roles, affiliation, and whether disabled."""
    for a in _accounts(ctx).list(role):
        flags = " (disabled)" if a.disabled else ""
        click.echo(f"{a.email:<36} {','.join(sorted(a.roles)):<36} {a.affiliation or '-':<9}{flags}")


@user.command("role")
@click.argument("email")
@click.option("--add", "add", multiple=True, type=_ROLE_CHOICE, help="A role to grant (repeat).")
@click.option("--remove", "remove", multiple=True, type=_ROLE_CHOICE, help="A role to withdraw (repeat).")
@click.pass_context
def user_role(ctx, email, add, remove):
    """Grant or withdraw roles."""
    account = _accounts(ctx).set_roles(email, add, remove)
    click.echo(f"{account.email}: {', '.join(sorted(account.roles)) or 'no roles'}")


@user.command("disable")
@click.argument("email")
@click.pass_context
def user_disable(ctx, email):
    """Disable an account: its sessions and API tokens end at once."""
    click.echo(f"disabled {_accounts(ctx).disable(email).email}")


@user.command("token")
@click.argument("email")
@click.option("--role", type=_ROLE_CHOICE, help="Issue a token acting with this role (printed once).")
@click.option("--label", default="", help="What the token is for.")
@click.option("--revoke", type=int, metavar="ID", help="Revoke the token with this id.")
@click.pass_context
def user_token(ctx, email, role, label, revoke):
    """Issue (--role), revoke (--revoke ID) or list the API tokens of an account."""
    from gcmkg.curation.sessions import Sessions
    sessions = Sessions(_accounts(ctx))
    account = _accounts(ctx).get(email)
    if role:
        click.echo(f"token (shown once): {sessions.issue_token(account, role, label)}")
    elif revoke is not None:
        sessions.revoke_token(account, revoke)
        click.echo(f"revoked token {revoke}")
    else:
        for t in sessions.tokens(account):
            state = f"revoked {t['revoked_at']:%Y-%m-%d}" if t["revoked_at"] else "live"
            click.echo(f"{t['id']:>4}  {t['role']:<12} {t['created_at']:%Y-%m-%d}  {state:<18} {t['label']}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--type", "kind", type=click.Choice(["practice", "norm"]), default="practice", show_default=True,
              help="what the documents describe")
@click.option("--lang", "language", metavar="xx", default=None,
              help="the documents' language (ISO 639-1) instead of detecting it for each part")
@click.option("--as", "email", metavar="EMAIL", default=None,
              help="the contributor or curator account the drafts are filed under (and the run is recorded for)")
@click.option("--dry-run", is_flag=True, help="print each document and its suggestions as JSON; write nothing")
@click.option("--max-mb", type=click.IntRange(1), default=50, show_default=True, help="refuse larger files")
@click.option("--organisations-from-store", "from_store", is_flag=True,
              help="link organisations stored in --store / --sparql-endpoint too (default: the demo ones)")
@_setting_option("accounts_db", "--accounts-db", "URL")
@click.pass_context
def ingest(ctx, files, kind, language, email, dry_run, max_mb, from_store, accounts_db):
    """Read documents (PDF, HTML, DOCX, TXT, CSV, XLSX) into drafts in the review queue, each field the text
    supports waiting as a suggestion with its evidence; --dry-run prints the suggestions instead."""
    import json
    import re

    from tqdm import tqdm

    from gcmkg.ingest.input_guard import IngestError
    from gcmkg.ingest.run import ingest_files
    if not dry_run and not email:
        raise Failure("say whose drafts these are: --as EMAIL (a contributor or curator account),"
                      " or --dry-run to print the suggestions")
    if language is not None and not re.fullmatch(r"[a-z]{2}", language):
        raise Failure(f"--lang takes a two-letter ISO 639-1 code such as en, es or fr, not {language!r}")
    gazetteer, kg = None, None
    if from_store or not dry_run:
        kg = _open(ctx)
        _require_init(kg)
    if from_store:
        from gcmkg.ingest.gazetteer import build_gazetteer, stored_organisations
        gazetteer = build_gazetteer(organisations=stored_organisations(kg.public))
    options = {"kind": kind, "language": language, "max_bytes": max_mb * 1024 * 1024, "gazetteer": gazetteer}
    with tqdm(total=len(files), desc="read", unit="file", file=sys.stderr, disable=len(files) < 2) as bar:
        def each(path):
            bar.set_postfix_str(path.name)
            bar.update(1)
        try:
            if dry_run:
                click.echo(json.dumps(ingest_files(files, each=each, **options), ensure_ascii=False, indent=2))
                return
            drafts = _file_drafts(ctx, kg, email, files, each, accounts_db, options)
        except IngestError as error:
            raise Failure(str(error), EXIT_INVALID) from None
    for draft in drafts:
        where = f" {draft.locator}" if draft.locator else ""
        click.echo(f"{draft.entry.value}\t{draft.source}{where}\t{draft.suggestions} suggestions")
    _say(f"filed {len(drafts)} draft{'s' * (len(drafts) != 1)} under {email} in the review queue")


def _file_drafts(ctx, kg, email, files, each, accounts_db, options):
    """Read and suggest every file, then file the drafts (a progress bar when there are many)."""
    from tqdm import tqdm

    from gcmkg.curation.workbench import NotAllowed, Workbench
    from gcmkg.ingest.drafts import ingest_to_drafts
    if kg.review is None:
        raise Failure("this deployment has no review store, so drafts have nowhere to go")
    workbench = Workbench(kg, _curation_database(ctx, accounts_db))
    account = workbench.accounts.get(email)
    if not (account.has("contributor") or account.has("curator")):
        raise Failure(f"{email} is neither a contributor nor a curator, so cannot file drafts")
    bar = tqdm(desc="file", unit="draft", file=sys.stderr, disable=len(files) < 2, delay=0.5)

    def each_draft(_, total):
        bar.total = total
        bar.update(1)
    try:
        return ingest_to_drafts(workbench, account, files, each=each, each_draft=each_draft, **options)
    except NotAllowed as error:
        raise Failure(str(error)) from None
    finally:
        bar.close()


from gcmkg.indicators_cli import indicators  # noqa: E402 - a command group of its own module

cli.add_command(indicators)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the command, turn every error into one line."""
    from gcmkg.curation.accounts import AccountError
    from gcmkg.graph.entries import EntryError
    from gcmkg.graph.store import StoreError
    from gcmkg.ingest.rdf_input import RdfInputError
    try:
        cli.main(args=argv, prog_name="gcmkg", standalone_mode=False)
        return 0
    except click.exceptions.Abort:
        click.echo("gcmkg: aborted", err=True)
        return 130
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except (RdfInputError, EntryError) as error:
        click.echo(f"gcmkg: error: {error}", err=True)
        return EXIT_INVALID
    except (StoreError, AccountError) as error:
        click.echo(f"gcmkg: error: {error}", err=True)
        return 1
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("GCMKG_DEBUG"):
            raise
        click.echo(f"gcmkg: internal error: {type(error).__name__}: {error} (set GCMKG_DEBUG=1 for details)",
                   err=True)
        return 70


if __name__ == "__main__":
    sys.exit(main())
