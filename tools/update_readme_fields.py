"""Write the README's field tables anew from the kinds' declarations (scaleplus_cli/reference.py).

Run it after adding or changing a field: `python tools/update_readme_fields.py`. tests/test_docs.py
fails while the README and the declarations disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scaleplus_cli.reference import marker, tables  # noqa: E402


def main() -> int:
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name, table in tables().items():
        start, end = marker(name)
        if start not in text:
            print(f"README.md has no table for {name}: add the line {start.strip()} where it belongs, then {end}")
            return 1
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + start + table + end + tail
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
