"""A throwaway PostgreSQL server for tests: Debian's binaries, a cluster in a temp dir, loopback only.

initdb refuses to run as root, so under root the cluster belongs to the
`postgres` user (created by Debian's package) and its commands run through runuser.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from conftest import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql (.ci/run does)")
    return found[-1]


@contextmanager
def postgres_cluster():
    """Start a cluster; yields a SQLAlchemy URL of an empty database on it; stops and removes it after."""
    root = Path(tempfile.mkdtemp(prefix="gcmkg-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", free_port()

    def run(*args):
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    run(_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "gcmkg", "--no-sync")
    run(_bin("pg_ctl"), "-D", str(data), "-w", "-t", "60", "-l", str(root / "log"), "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "gcmkg", "curation")
        yield f"postgresql://gcmkg@127.0.0.1:{port}/curation"
    finally:
        run(_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
