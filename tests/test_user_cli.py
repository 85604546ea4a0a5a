"""`gcmkg user`: an admin manages the workbench's accounts from the command line."""

from __future__ import annotations

import re

from conftest import gcmkg


def user(store, *args):
    return gcmkg("--store", str(store), "user", *args)


def test_admin_adds_a_reviewer_whose_generated_password_is_shown_once(store_dir):
    added = user(store_dir, "add", "Rita@UN.example", "--name", "Rita", "--role", "reviewer", "--role",
                 "contributor", "--affiliation", "un", "--language", "en", "--objective", "15")
    assert added.returncode == 0, added.stderr
    password = re.search(r"password \(shown once\): (\S+)", added.stdout).group(1)
    assert len(password) >= 16
    listed = user(store_dir, "list")
    assert "rita@un.example" in listed.stdout and "contributor,reviewer" in listed.stdout
    assert password not in listed.stdout
    second = user(store_dir, "add", "other@example.org")
    assert password not in second.stdout, "every account gets its own password"


def test_admin_grants_a_role_issues_a_token_and_revokes_it(store_dir):
    user(store_dir, "add", "cur@example.org", "--role", "contributor")
    assert "contributor, curator" in user(store_dir, "role", "cur@example.org", "--add", "curator").stdout
    issued = user(store_dir, "token", "cur@example.org", "--role", "curator", "--label", "nightly import")
    assert issued.returncode == 0 and re.search(r"token \(shown once\): gcmkg_\S+", issued.stdout)
    assert re.search(r"^\s+1\s+curator .* live .*nightly import", user(store_dir, "token", "cur@example.org").stdout,
                     re.M)
    assert user(store_dir, "token", "cur@example.org", "--revoke", "1").returncode == 0
    assert "revoked" in user(store_dir, "token", "cur@example.org").stdout


def test_disabled_accounts_are_listed_as_such(store_dir):
    user(store_dir, "add", "gone@example.org")
    assert user(store_dir, "disable", "gone@example.org").returncode == 0
    assert "(disabled)" in user(store_dir, "list").stdout


def test_mistakes_get_one_line_and_a_non_zero_exit(store_dir):
    user(store_dir, "add", "a@example.org")
    for args, expected in [(("add", "a@example.org"), "already exists"),
                           (("add", "r@example.org", "--role", "reviewer"), "UN or external"),
                           (("role", "nobody@example.org", "--add", "curator"), "no account with e-mail"),
                           (("token", "a@example.org", "--role", "admin"), "does not hold the role"),
                           (("token", "a@example.org", "--revoke", "7"), "has no live token 7")]:
        result = user(store_dir, *args)
        assert result.returncode != 0
        assert result.stderr.startswith("gcmkg: error: ") and expected in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_unreachable_accounts_database_is_one_line_without_its_password(store_dir):
    result = gcmkg("--store", str(store_dir), "user", "--accounts-db", "postgresql://gcmkg:s3cret@127.0.0.1:1/x",
                   "list")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot open the accounts database postgresql://gcmkg:***@127.0.0.1:1/x" in result.stderr
    assert "s3cret" not in result.stderr
