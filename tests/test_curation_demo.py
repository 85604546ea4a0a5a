"""`gcmkg serve --demo` (and `make run`, through `gcmkg demo --workflow`) lets a newcomer walk a review as each role (issue 8: Demo)."""

from __future__ import annotations

import re
import subprocess
import time

import httpx

from conftest import BIN, free_port, stop, wait_for
from gcmkg.curation import db
from gcmkg.curation.accounts import Accounts
from gcmkg.curation.gate import SESSION_COOKIE
from gcmkg.curation.sessions import Sessions


def test_the_demo_prints_a_fresh_password_for_each_role_once_and_puts_entries_in_every_state(tmp_path):
    store, port, out = tmp_path / "store", free_port(), tmp_path / "console.txt"
    with open(out, "w") as console:
        proc = subprocess.Popen([str(BIN / "gcmkg"), "--store", str(store), "serve", "--demo", "--port", str(port)],
                                stdout=console, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/void", timeout=180)
        deadline = time.monotonic() + 30
        while "demo workflow:" not in out.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        printed = dict(re.findall(r"^\s+[a-z, ]+?\s+(\S+@\S+)\s+(\S+)$", out.read_text(), re.M))
        engine = db.open_database(str(store))
        accounts = Accounts(engine)
        roles = set().union(*(accounts.get(email).roles for email in printed))
        assert roles == {"contributor", "curator", "reviewer", "admin"}
        assert len(set(printed.values())) == len(printed)          # generated, one each
        for email, password in printed.items():
            assert accounts.password_matches(accounts.get(email), password), email

        curator = Sessions(accounts).open_session(accounts.get("carlos.curator@example.org"))
        desk = httpx.get(url + "/curate/desk", cookies={SESSION_COOKIE: curator}).text
        for state in ("draft", "submitted", "in_review", "changes_requested", "approved", "rejected", "withdrawn",
                      "unpublished"):
            assert int(re.search(rf'class="count-{state}">(\d+)<', desk).group(1)) >= 1, state
        reviewer = Sessions(accounts).open_session(accounts.get("ext.one@example.org"))
        assert "declare any conflict of interest first" in httpx.get(
            url + "/curate/reviews", cookies={SESSION_COOKIE: reviewer}).text
        assert httpx.get(url + "/id/practice/demo-seasonal-visas", headers={"Accept": "text/turtle"}).status_code == 410
        published = httpx.get(url + "/id/practice/demo-interpreters", headers={"Accept": "text/html"}).text
        assert "reviewed by 3 experts (1 UN, 2 external)" in published
        engine.dispose()
    finally:
        stop(proc)
