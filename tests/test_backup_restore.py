"""`gcmkg backup` while the server runs, and `gcmkg restore`: the restored store holds exactly what
was backed up; a restore never half-replaces a store, and never replaces data unless told to."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import gcmkg, start_server, stop


def contents(store_dir) -> dict[str, set[str]]:
    from gcmkg.graph.open import open_knowledge_graph
    kg = open_knowledge_graph(str(store_dir))
    try:
        return {name: {str(q) for q in store.quads()} for name, store in (("public", kg.public), ("review", kg.review))}
    finally:
        kg.close()


@pytest.fixture
def served_store(tmp_path, demo_store, data_dir):
    """The demo data and a draft in the review queue, served by a running `gcmkg serve`."""
    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    assert gcmkg("--store", str(store), "load", str(data_dir / "entries.ttl"),
                 str(data_dir / "draft_practice.ttl")).returncode == 0
    proc, _url = start_server("--store", str(store))
    yield store, proc
    stop(proc)


def test_operator_backs_up_the_running_server_and_restores_an_identical_store(served_store, tmp_path):
    store, proc = served_store
    result = gcmkg("--store", str(store), "backup", str(tmp_path / "backup"))
    assert result.returncode == 0, result.stderr
    assert proc.poll() is None                       # the server ran on, and still holds the store
    refused = gcmkg("--store", str(store), "restore", str(tmp_path / "backup"), "--force")
    assert refused.returncode == 1 and "in use" in refused.stderr
    stop(proc)
    original = contents(store)
    manifest = json.loads((tmp_path / "backup" / "gcmkg-backup.json").read_text())
    assert manifest["quads"] == {name: len(quads) for name, quads in original.items()}
    assert f"backed up {manifest['quads']['public']:,} public and {manifest['quads']['review']:,} review" \
        in result.stdout

    restored = tmp_path / "restored"
    result = gcmkg("--store", str(restored), "restore", str(tmp_path / "backup"))
    assert result.returncode == 0, result.stderr
    assert contents(restored) == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup", "restored", "store"]  # no leftovers


def test_restore_refuses_to_replace_a_store_with_data_unless_forced(served_store, tmp_path, data_dir):
    store, proc = served_store
    assert gcmkg("--store", str(store), "backup", str(tmp_path / "backup")).returncode == 0
    stop(proc)
    backed_up = contents(store)
    changed = tmp_path / "changed.ttl"
    changed.write_text((data_dir / "draft_practice.ttl").read_text().replace("draft-secret", "draft-later"))
    assert gcmkg("--store", str(store), "load", str(changed)).returncode == 0
    later = contents(store)

    result = gcmkg("--store", str(store), "restore", str(tmp_path / "backup"))
    assert result.returncode == 1 and "use --force" in result.stderr
    assert contents(store) == later

    result = gcmkg("--store", str(store), "restore", str(tmp_path / "backup"), "--force")
    assert result.returncode == 0, result.stderr
    assert contents(store) == backed_up


def test_a_damaged_backup_changes_nothing(served_store, tmp_path):
    store, proc = served_store
    assert gcmkg("--store", str(store), "backup", str(tmp_path / "backup")).returncode == 0
    stop(proc)
    before = contents(store)
    manifest = tmp_path / "backup" / "gcmkg-backup.json"
    data = json.loads(manifest.read_text())
    data["quads"]["public"] -= 1          # the copy no longer matches what the backup says it holds
    manifest.write_text(json.dumps(data))
    result = gcmkg("--store", str(store), "restore", str(tmp_path / "backup"), "--force")
    assert result.returncode == 1 and "nothing was restored" in result.stderr
    assert contents(store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup", "store"]


def test_a_backup_never_overwrites_a_directory(served_store, tmp_path):
    store, _proc = served_store
    (tmp_path / "taken").mkdir()
    result = gcmkg("--store", str(store), "backup", str(tmp_path / "taken"))
    assert result.returncode == 1 and "already exists" in result.stderr
