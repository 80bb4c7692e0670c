"""One declaration per kind, many readers: every field a kind declares is seen by `add`, the
workbook, `list --format json`, the JSON Schema and the README, with no other edit."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from scaleplus_cli.json_schema import file_name, schemas
from scaleplus_cli.models import KINDS
from scaleplus_cli.schema import ListOf, Record
from scaleplus_cli.spreadsheet import columns


def _fields(kind):
    return [f for f in kind.schema.fields if not f.log]


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.singular)
def test_every_field_is_an_option_of_add(invoke, monkeypatch, kind):
    monkeypatch.setenv("COLUMNS", "300")
    text = invoke("add", kind.singular, "--help").stdout
    for spec in _fields(kind):
        if isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record) and not spec.option:
            continue  # a list of records (a commitment's indicators) has a command of its own: add indicator
        assert f"{spec.option_name} " in text, (kind.singular, spec.name)


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.folder != "plans"], ids=lambda k: k.singular)
def test_every_field_in_a_cell_is_a_column_of_the_workbook(kind):
    for spec in _fields(kind):
        if isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record):
            continue  # records stay in their files
        assert spec.name in columns(kind.folder), (kind.folder, spec.name)


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.singular)
def test_every_field_is_in_the_json_schema_and_in_list_json(invoke, sample, kind):
    properties = schemas()[file_name(kind.singular)]["properties"]
    assert [f.name for f in kind.schema.fields] == list(properties)
    listed = json.loads(invoke("list", kind.folder, "-p", sample, "-f", "json").stdout)
    for record in listed:
        assert set(record) <= {"id", *properties}, set(record) - {"id", *properties}


def test_every_field_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        for spec in kind.schema.fields:
            assert f"| `{spec.name}` |" in readme, (kind.singular, spec.name)
