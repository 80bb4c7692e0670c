"""`scaleplus` and `python -m scaleplus_cli` start here, before anything heavy is imported: so that a
Ctrl-C (or SIGTERM, SIGHUP: a closed terminal) at any moment is one line, never a traceback, and
output in any encoding replaces what it cannot show instead of failing."""

import sys

INTERRUPTED = "error: interrupted; no file was left half-written\n"


def _interrupt(signum, frame):  # noqa: ANN001, ANN202
    raise KeyboardInterrupt


def main() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):  # SIGHUP does not exist on Windows
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # cp1252, LC_ALL=C: '?' for what the encoding lacks
        except (AttributeError, ValueError):
            pass
    try:
        from scaleplus_cli.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        sys.exit(130)


if __name__ == "__main__":
    main()
