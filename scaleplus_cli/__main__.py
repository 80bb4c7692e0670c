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
    finally:
        _quiet_exit(signal)


def _quiet_exit(signal) -> None:  # noqa: ANN001
    """The command is done, or said why not: what is left is Python's own shutdown (the picture-drawing
    process is waited for, files are closed). A Ctrl-C now has nothing to interrupt and would only print
    a traceback from inside that shutdown; a SIGTERM or SIGHUP ends the process as it normally does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


if __name__ == "__main__":
    main()
