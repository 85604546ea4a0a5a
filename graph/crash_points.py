"""Named points where a test may kill the running process, to prove that a write survives kill -9.

Set GCMKG_TEST_CRASH_AT=name (e.g. `after-replace`) and the process sends
itself SIGKILL when it reaches that point: no clean-up, no flush, exactly what
a power cut or an out-of-memory kill leaves behind. Unset (always, outside the
crash tests), a crash point does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "GCMKG_TEST_CRASH_AT"


def crash_point(name: str) -> None:
    """Die here, with SIGKILL, if the crash tests asked for this point."""
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
