"""scaleplus writing into real pipes: quiet when the reader stops early (`scaleplus list stakeholders |
head -1`), as `cat` is; and UTF-8 whatever the locale's code page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import SAMPLE

QUIET_STATUSES = (0, 141)  # all written before the reader left; or stopped, as a shell reports `cat` then


def scaleplus(*args: str) -> list[str]:
    return [sys.executable, "-m", "scaleplus_cli", *args]


@pytest.mark.parametrize("args", [
    ("list", "stakeholders"),
    ("list", "commitments", "--format", "csv"),
    ("check",),
    ("plan",),
])
def test_a_reader_that_has_gone_is_no_error(args):
    """The reader closes its end before scaleplus writes a byte: every write meets a broken pipe."""
    process = subprocess.Popen(scaleplus(*args, "-p", str(SAMPLE)), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    status = process.wait(timeout=120)
    assert stderr == ""
    assert status in QUIET_STATUSES
    assert status == 141, "nothing could have been written, so it stopped"


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("head") is None, reason="needs sh and head")
def test_list_piped_into_head_prints_one_line_and_no_error(tmp_path):
    command = " ".join(f"'{part}'" for part in scaleplus("list", "stakeholders", "-p", str(SAMPLE)))
    result = subprocess.run(
        ["sh", "-c", f"{command} | head -1; echo \"status $?\" >&2"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"}, timeout=120,
    )
    assert result.stdout == "Stakeholders (26)\n"
    assert result.stderr == "status 0\n"  # head's; and scaleplus said nothing on stderr


def test_output_into_a_file_is_utf8_whatever_the_locale():
    """As on Windows, where a pipe or file gets the code page (cp1252): here the POSIX "C" locale's ASCII."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING"))}
    env |= {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    for args in (("list", "stakeholders", "--format", "csv"), ("show", "cooperative-des-pecheuses-de-mwamba")):
        result = subprocess.run(scaleplus(*args, "-p", str(SAMPLE)), capture_output=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        assert "Coopérative des Pêcheuses de Mwamba" in result.stdout.decode("utf-8")
