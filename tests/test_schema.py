"""`scaleplus schema` and the editor set-up `init` writes: JSON Schemas made from the kinds'
declarations, which a JSON Schema tool applies to the project's files as `check` would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE

CHECKER = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
KIND_FILES = {
    "scaleplus.schema.json": ["scaleplus.yaml"],
    "agenda.schema.json": ["agenda.yaml"],
    "theory.schema.json": ["theory.yaml"],
    "assessment.schema.json": ["assessment.yaml"],
    "stakeholder.schema.json": ["stakeholders"],
    "barrier.schema.json": ["barriers"],
    "commitment.schema.json": ["commitments"],
    "plan.schema.json": ["plans"],
    "circle.schema.json": ["circles"],
}

needs_checker = pytest.mark.skipif(not Path(CHECKER).exists(), reason="check-jsonschema is not installed")


def validate(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHECKER, "--schemafile", str(schema), *map(str, files)], capture_output=True, text=True)


def files_of(root: Path, where: str) -> list[Path]:
    target = root / where
    return sorted(target.glob("*.yaml")) if target.is_dir() or not target.suffix else [target]


def test_schema_writes_one_file_per_kind(invoke, tmp_path):
    result = invoke("schema", "--out", tmp_path / "schemas", "-p", SAMPLE)
    assert result.exit_code == 0, result
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(KIND_FILES)
    stakeholder = json.loads((tmp_path / "schemas" / "stakeholder.schema.json").read_text())
    assert stakeholder["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert stakeholder["required"] == ["name", "sector"]
    assert stakeholder["additionalProperties"] is False
    assert stakeholder["properties"]["sector"]["enum"][:2] == ["government", "private_sector"]
    assert stakeholder["properties"]["influence"] == {
        "type": "integer", "minimum": 1, "maximum": 5, "description": "power to move the barriers"
    }


@needs_checker
def test_schemas_are_valid_and_the_sample_project_passes(invoke, tmp_path):
    out = tmp_path / "schemas"
    assert invoke("schema", "--out", out, "-p", SAMPLE).exit_code == 0
    for name, targets in KIND_FILES.items():
        meta = subprocess.run([CHECKER, "--check-metaschema", str(out / name)], capture_output=True, text=True)
        assert meta.returncode == 0, (name, meta.stdout)
        for where in targets:
            files = files_of(SAMPLE, where)
            run = validate(out / name, *files) if files else None
            assert run is None or run.returncode == 0, (name, run.stdout)


@needs_checker
@pytest.mark.parametrize(
    ("text", "check_says"),
    [
        ("name: Radio\nsector: fisheries\n", "'fisheries' is not a valid sector"),  # enum
        ("name: Radio\nsector: media\ninfluence: 9\n", "influence: expected a whole number from 1 to 5"),  # range
        ("name: Radio\nsector: media\ninfluence: high\n", "influence: expected a whole number from 1 to 5"),  # type
        ("sector: media\n", "missing required key 'name'"),  # required
        ("name: Radio\nsector: media\ncolour: red\n", "unknown key 'colour'"),  # unknown key
    ],
)
def test_the_schema_flags_what_check_flags(invoke, make_project, tmp_path, text, check_says):
    root = make_project({"stakeholders/radio.yaml": text})
    assert invoke("schema", "--out", tmp_path / "schemas", "-p", root).exit_code == 0
    checked = invoke("check", "-p", root)
    assert checked.exit_code == 1 and check_says in checked.stdout
    run = validate(tmp_path / "schemas" / "stakeholder.schema.json", root / "stakeholders" / "radio.yaml")
    assert run.returncode == 1, run.stdout


def test_init_sets_up_the_editor(invoke, tmp_path):
    root = tmp_path / "retreat"
    assert invoke("init", root, "--no-git").exit_code == 0
    settings = json.loads((root / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert mapping["./.scaleplus/schemas/stakeholder.schema.json"] == "stakeholders/*.yaml"
    assert mapping["./.scaleplus/schemas/scaleplus.schema.json"] == "scaleplus.yaml"
    for schema in mapping:
        assert (root / schema).is_file()
    assert json.loads((root / ".vscode" / "extensions.json").read_text()) == {"recommendations": ["redhat.vscode-yaml"]}
    assert invoke("check", "-p", root).exit_code == 0


def test_schema_out_must_be_a_folder(invoke, tmp_path):
    (tmp_path / "taken").write_text("mine")
    result = invoke("schema", "--out", tmp_path / "taken", "-p", SAMPLE)
    assert result.exit_code == 2
    assert "is not a folder" in result.stderr
    assert (tmp_path / "taken").read_text() == "mine"
