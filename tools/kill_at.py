"""Run one scaleplus command and kill it (SIGKILL, as a power cut or `kill -9` would) at its Nth
file-system step once it has begun writing, to prove that every write leaves the project whole.

    python tools/kill_at.py N import people.csv --kind stakeholders -p PROJECT

A step is any call that changes or syncs files (open, rename, link, unlink, fsync, mkdir, rmdir,
chmod) after the command has handed its changes to transaction.write_files. Exit status -9 (killed)
when the command had at least N steps, else the command's own. tools/kill_loop.py runs it for
every N, and tests/test_safety.py does so for an import.
"""

from __future__ import annotations

import builtins
import os
import signal
import sys

KILL_AT = int(sys.argv[1])
steps = 0
armed = False


def counted(call):
    def step(*args, **kwargs):
        global steps
        if armed:
            steps += 1
            if steps == KILL_AT:
                os.kill(os.getpid(), signal.SIGKILL)
        return call(*args, **kwargs)

    return step


for name in ("open", "replace", "rename", "link", "unlink", "fsync", "mkdir", "rmdir", "chmod"):
    setattr(os, name, counted(getattr(os, name)))
builtins.open = counted(builtins.open)

from scaleplus_cli import transaction  # noqa: E402  (the hooks go in before scaleplus is read)

_write_files = transaction.write_files


def write_files(*args, **kwargs):
    global armed
    armed = True
    return _write_files(*args, **kwargs)


transaction.write_files = write_files

from scaleplus_cli.__main__ import main  # noqa: E402

sys.argv = ["scaleplus", *sys.argv[2:]]
main()
