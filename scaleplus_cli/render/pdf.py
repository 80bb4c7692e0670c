"""PDF copies of the Word and Excel documents, printed by LibreOffice (`soffice --headless`), the one
free program that lays out both as Word and Excel would. Every document of a run is converted in
one call of soffice, which takes seconds to start."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from scaleplus_cli.errors import ScaleplusError

ENV = "SCALEPLUS_SOFFICE"
INSTALL = (
    "LibreOffice is needed for --format pdf and was not found: install it"
    " (Debian or Ubuntu: sudo apt-get install libreoffice-writer libreoffice-calc;"
    " Windows or macOS: https://www.libreoffice.org/download)"
    f" or set {ENV} to its soffice program"
)
TIMEOUT = 300  # seconds for one conversion run


def soffice() -> str:
    """The soffice program to run: $SCALEPLUS_SOFFICE, else soffice or libreoffice on PATH."""
    given = os.environ.get(ENV)
    if given:
        found = shutil.which(given)
        if not found:
            raise ScaleplusError(f"{ENV}={given}: no such program. {INSTALL}")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ScaleplusError(INSTALL)


def pdf_name(document: str, fmt: str) -> str:
    """workplan.docx -> workplan.pdf; the workbook of a document that also has a Word form -> workplan-sheets.pdf."""
    return f"{document}-sheets.pdf" if fmt == "xlsx" else f"{document}.pdf"


class Batch:
    """Sources rendered into a private folder, then all converted in one soffice run the first time
    any PDF is asked for; the PDFs are then written into out/ like every other document."""

    def __init__(self, program: str) -> None:
        self.program = program
        self.folder = Path(tempfile.mkdtemp(prefix="scaleplus-pdf-"))
        self.sources: list[tuple[Path, Callable[[Path], None]]] = []
        self.converted = False
        atexit.register(self.close)

    def add(self, name: str, render: Callable[[Path], None]) -> Path:
        """Register a source file (rendered by render(path) when the batch runs); returns its PDF's path."""
        source = self.folder / "src" / f"{len(self.sources)}-{name}"  # one folder, one soffice run
        self.sources.append((source, render))
        return source.with_suffix(".pdf")

    def convert(self) -> None:
        if self.converted:
            return
        self.converted = True
        for source, render in self.sources:
            source.parent.mkdir(parents=True, exist_ok=True)
            render(source)
        profile = (self.folder / "profile").as_uri()  # its own profile: runs side by side, no lock
        files = [source for source, _ in self.sources]
        command = [
            self.program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(self.folder / "src"), *map(str, files),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ScaleplusError(f"LibreOffice ({self.program}) could not convert the documents to PDF: {e}") from None
        for file in files:
            if not file.with_suffix(".pdf").is_file():
                detail = (done.stderr or done.stdout).strip().splitlines()
                reason = detail[-1] if detail else f"exit status {done.returncode}"
                raise ScaleplusError(f"LibreOffice ({self.program}) did not convert {file.name[file.name.index('-') + 1:]} to PDF: {reason}")

    def pdf(self, converted: Path) -> bytes:
        """One PDF's bytes, converting the whole batch the first time one is asked for."""
        self.convert()
        return converted.read_bytes()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
