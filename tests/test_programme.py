"""A programme of sites: every site read and checked, every bad site located in its parent's file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

SAMPLE_PROGRAMME = REPO / "sample_programme"


def site(level: str, *, sites: list[str] = (), indicators: str = "") -> str:
    text = f"name: {level.title()} site\nchallenge: Fish stocks are falling.\nlevel: {level}\n"
    if sites:
        text += "sites:\n" + "".join(f"  - {s}\n" for s in sites)
    return text + indicators


SHARED = """\
indicators:
  - code: ICE
    name: Tonnes of ice sold
    unit: t
"""


@pytest.fixture
def programme_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE_PROGRAMME, tmp_path / "programme"))


def errors(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": error: " in line]


def test_the_sample_programme_checks_clean_in_every_site(invoke):
    result = invoke("check", "-p", SAMPLE_PROGRAMME)
    assert result.exit_code == 0, result
    assert "62 files checked in 5 sites: 0 errors" in result.stdout


def test_a_missing_site_folder_is_an_error_at_its_line_and_the_rest_is_checked(invoke, make_project, tmp_path):
    root = make_project({"scaleplus.yaml": site("province", sites=["north", "south"]), "north/scaleplus.yaml": site("district")})
    (root / "north" / "stakeholders").mkdir()
    (root / "north" / "stakeholders" / "x.yaml").write_text("name: X\nsector: nowhere\n")
    result = invoke("check", "-p", root, "--format", "json")
    assert result.exit_code == 1
    found = {(p["path"], p["line"], p["column"]): p["message"] for p in json.loads(result.stdout) if p["severity"] == "error"}
    assert found[("scaleplus.yaml", 6, 5)] == "sites: the site folder south does not exist (relative to this file's folder)"
    assert any(path == "north/stakeholders/x.yaml" for path, _, _ in found)  # the site that is there is checked


def test_a_folder_that_is_not_a_project(invoke, make_project):
    root = make_project({"scaleplus.yaml": site("district", sites=["notes"]), "notes/readme.txt": "hello"})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert errors(result) == [f"{root}/scaleplus.yaml:5:5: error: sites: notes is not a scaleplus project (it has no scaleplus.yaml)"]


def test_a_site_file_in_place_of_a_folder(invoke, make_project):
    root = make_project({"scaleplus.yaml": site("district", sites=["north"]), "north": "a file"})
    result = invoke("check", "-p", root)
    assert errors(result) == [f"{root}/scaleplus.yaml:5:5: error: sites: the site folder north is a file, not a folder (relative to this file's folder)"]


def test_a_cycle_is_an_error_where_it_closes(invoke, make_project):
    root = make_project({
        "scaleplus.yaml": site("province", sites=["a"]),
        "a/scaleplus.yaml": site("district", sites=["b"]),
        "a/b/scaleplus.yaml": site("community", sites=["../.."]),
    })
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert errors(result) == [f"{root}/a/b/scaleplus.yaml:5:5: error: sites: ../.. makes a cycle (. -> a -> a/b -> .)"]


def test_a_site_listing_itself_is_a_cycle(invoke, make_project):
    root = make_project({"scaleplus.yaml": site("district", sites=["."])})
    result = invoke("check", "-p", root)
    assert errors(result) == [f"{root}/scaleplus.yaml:5:5: error: sites: . makes a cycle (. -> .)"]


def test_a_site_above_its_parent(invoke, make_project):
    root = make_project({"scaleplus.yaml": site("district", sites=["big"]), "big/scaleplus.yaml": site("province")})
    result = invoke("check", "-p", root)
    assert errors(result) == [
        f"{root}/scaleplus.yaml:5:5: error: sites: big is a province site, higher than this district one; list it the other way round"
    ]


def test_a_site_listed_by_two_parents(invoke, make_project):
    root = make_project({
        "scaleplus.yaml": site("province", sites=["a", "b"]),
        "a/scaleplus.yaml": site("district", sites=["../c"]),
        "b/scaleplus.yaml": site("district", sites=["../c"]),
        "c/scaleplus.yaml": site("community"),
    })
    result = invoke("check", "-p", root)
    assert errors(result) == [
        f"{root}/b/scaleplus.yaml:5:5: error: sites: ../c is already a site of the programme (listed by a); a site rolls up into one parent"
    ]


COMMITMENT = """\
stakeholder: s
text: Ice for the landing site.
horizon: 100
indicators:
  - name: Ice sold
    code: {code}
    unit: {unit}
"""


def test_an_unknown_code_and_a_unit_that_differs_are_errors_in_the_sites_file(invoke, make_project):
    root = make_project({
        "scaleplus.yaml": site("district", sites=["mwamba"], indicators=SHARED),
        "mwamba/scaleplus.yaml": site("community"),
        "mwamba/stakeholders/s.yaml": "name: S\nsector: community\n",
        "mwamba/commitments/ice.yaml": COMMITMENT.format(code="ICEE", unit="t"),
        "mwamba/commitments/kg.yaml": COMMITMENT.format(code="ICE", unit="kg").replace("Ice for", "Kilos for"),
    })
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert errors(result) == [
        f"{root}/mwamba/commitments/ice.yaml:6:11: error: code: 'ICEE' is not a shared indicator of the programme"
        " (did you mean 'ICE'?); the programme's scaleplus.yaml declares its codes under indicators",
        f"{root}/mwamba/commitments/kg.yaml:7:11: error: unit: 'ICE' is counted in t (scaleplus.yaml), not in kg",
    ]


def test_a_code_declared_twice_and_a_site_redeclaring_another_unit(invoke, make_project):
    twice = SHARED + "  - code: ICE\n    name: Ice again\n"
    root = make_project({
        "scaleplus.yaml": site("district", sites=["mwamba"], indicators=twice),
        "mwamba/scaleplus.yaml": site("community", indicators=SHARED.replace("unit: t", "unit: kg")),
    })
    result = invoke("check", "-p", root)
    assert errors(result) == [
        f"{root}/mwamba/scaleplus.yaml:7:11: error: unit: 'ICE' is counted in t in scaleplus.yaml; a site cannot count it in kg",
        f"{root}/scaleplus.yaml:10:11: error: code: 'ICE' is declared twice (first in indicator 1)",
    ]


def test_the_programme_file_itself_is_checked_for_its_new_keys(invoke, make_project):
    root = make_project({"scaleplus.yaml": site("county") + "indicators:\n  - name: No code\n    aggregate: median\n"})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    text = result.stdout
    assert "scaleplus.yaml:3:8: error: level:" in text
    assert "missing required key 'code' in a shared indicator" in text
    assert "aggregate:" in text and "median" in text


def test_a_single_project_checks_as_before(invoke, sample):
    result = invoke("check", "-p", sample)
    assert re.search(r"^\d+ files checked: 0 errors", result.stdout, flags=re.M)


# -- rollup: every figure below is recomputed by hand from the sample programme's files ------------


def rollup_json(invoke, root) -> dict:
    result = invoke("rollup", "-p", root, "--format", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_rollup_counts_each_site_each_level_and_the_total(invoke):
    f = rollup_json(invoke, SAMPLE_PROGRAMME)
    sites = {s["path"]: s for s in f["sites"]}
    assert list(sites) == [".", "kivuko-district", "kivuko-district/mwamba", "kivuko-district/tumbe", "pwani-district"]
    assert [sites[p]["level"] for p in sites] == ["province", "district", "community", "community", "district"]
    # mwamba: kivuko-ice-ice-at-cost and mwamba-bmu-night-patrols in progress, the kilns done.
    assert sites["kivuko-district/mwamba"]["commitments"] == {"pledged": 0, "in_progress": 2, "on_hold": 0, "done": 1, "dropped": 0}
    # On 2026-11-22: the ice van (due 2026-11-10) and Tumbe's signs (due 2026-11-20) are still pledged.
    assert [s["overdue"] for s in sites.values()] == [0, 1, 0, 1, 0]
    assert sites["kivuko-district"]["overdue_commitments"][0]["commitment"] == "bahari-fresh-fish-processors-ice-van"
    # Gaps: severity >= 4 with only the private sector committed, at Tumbe and in Pwani.
    assert [s["gaps"] for s in sites.values()] == [0, 0, 0, 1, 1]
    levels = {g["level"]: g for g in f["levels"]}
    assert list(levels) == ["province", "district", "community"]
    # Districts: 8 + 8 organisations, Coastal Livelihoods Trust in both.
    assert levels["district"]["organisation_count"] == 15
    # Communities: 8 + 8, the college ("&" or "and"), the radio (any case) and Blue Horizon in both.
    assert levels["community"]["organisation_count"] == 13
    assert levels["community"]["organisations"]["academia"] == 1
    total = f["total"]
    assert total["organisation_count"] == 27
    assert total["commitments"] == {"pledged": 2, "in_progress": 6, "on_hold": 0, "done": 1, "dropped": 0}
    assert (total["commitment_count"], total["overdue"], total["gaps"]) == (9, 2, 2)
    blue = next(o for o in f["organisations"] if o["name"] == "Blue Horizon Foundation")
    assert blue == {"name": "Blue Horizon Foundation", "sector": "donor",
                    "sites": [".", "kivuko-district", "kivuko-district/mwamba", "kivuko-district/tumbe"]}


def test_rollup_shows_barriers_sharing_a_code_with_where_they_are_gaps(invoke):
    f = rollup_json(invoke, SAMPLE_PROGRAMME)
    cold, enforcement = f["barriers"]
    assert cold["code"] == "COLD-CHAIN"
    assert cold["sites"] == ["kivuko-district", "kivuko-district/mwamba", "kivuko-district/tumbe", "pwani-district"]
    assert cold["gap_sites"] == ["kivuko-district/tumbe", "pwani-district"]
    assert enforcement["code"] == "ENFORCEMENT" and len(enforcement["sites"]) == 4 and enforcement["gap_sites"] == []


def test_rollup_aggregates_the_shared_indicators_and_names_who_did_not_report(invoke):
    f = rollup_json(invoke, SAMPLE_PROGRAMME)
    ice, patrol, women = f["indicators"]
    # ICE (sum): Mwamba's latest 12 (2026-11-12), Tumbe 3, Pwani 9.5.
    assert ice["value"] == 24.5 and ice["target"] == 60 and ice["unit"] == "t"
    assert [(r["site"], r["value"], r["date"]) for r in ice["reported"]] == [
        ("kivuko-district/mwamba", 12, "2026-11-12"), ("kivuko-district/tumbe", 3, "2026-11-05"), ("pwani-district", 9.5, "2026-11-01"),
    ]
    assert ice["not_measuring"] == [".", "kivuko-district"] and ice["not_reporting"] == []
    # PATROL (sum): the district's latest 62 and Mwamba's `actual` 18, which has no date.
    assert patrol["value"] == 80
    assert [(r["site"], r["date"]) for r in patrol["reported"]] == [("kivuko-district", "2026-11-15"), ("kivuko-district/mwamba", None)]
    # WOMEN-BMU (mean): only Mwamba (25) has a value; Tumbe measures it but has none yet: not a zero.
    assert women["value"] == 25 and women["aggregate"] == "mean"
    assert women["not_reporting"] == ["kivuko-district/tumbe"]


def test_rollup_on_screen_fits_80_columns_and_names_the_silent_sites(invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("rollup", "-p", SAMPLE_PROGRAMME)
    assert result.exit_code == 0, result
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 80
    text = " ".join(result.stdout.split())
    assert "24.5 t" in text and "80 days" in text
    assert "WOMEN-BMU: reported: kivuko-district/mwamba 25 (2026-11-01); no value yet: kivuko-district/tumbe" in text
    assert "COLD-CHAIN" in text and "kivuko-district/tumbe, pwani-district" in text


def test_rollup_survives_a_missing_site_and_a_broken_one(invoke, programme_copy):
    shutil.rmtree(programme_copy / "pwani-district")
    (programme_copy / "kivuko-district" / "tumbe" / "commitments" / "tumbe-bmu-closed-season-signs.yaml").write_text("text: [unclosed\n")
    result = invoke("rollup", "-p", programme_copy, "--format", "json")
    assert result.exit_code == 0, result
    assert f"{programme_copy}/scaleplus.yaml:20:5: error: sites: the site folder pwani-district does not exist" in result.stderr
    assert "site kivuko-district/tumbe could not be read in full (1 error)" in " ".join(result.stderr.split())
    f = json.loads(result.stdout)
    assert f["unread"] == [{"path": "pwani-district", "reason": "the folder does not exist", "why": ["the folder does not exist", {}]}]
    ice = f["indicators"][0]
    assert ice["value"] == 15 and ice["not_read"] == ["pwani-district"]
    women = f["indicators"][2]
    assert women["not_measuring"] == [".", "kivuko-district", "kivuko-district/tumbe"]  # its one indicator was in the broken file
    assert f["total"]["commitment_count"] == 7


def test_a_project_without_sites_is_a_programme_of_one(invoke, sample):
    f = rollup_json(invoke, sample)
    assert [s["path"] for s in f["sites"]] == ["."]
    assert f["total"]["commitment_count"] == len(list((sample / "commitments").glob("*.yaml")))
    assert f["indicators"] == [] and f["unread"] == []


# -- report rollup ---------------------------------------------------------------------------------


def docx_text(path: Path) -> tuple[list[str], list[list[str]]]:
    from docx import Document

    doc = Document(str(path))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return [p.text for p in doc.paragraphs], rows


def test_report_rollup_writes_word_and_a_workbook_with_a_sheet_per_level(invoke, programme_copy):
    from openpyxl import load_workbook

    result = invoke("report", "rollup", "-p", programme_copy)
    assert result.exit_code == 0, result
    paragraphs, rows = docx_text(programme_copy / "out" / "rollup.docx")
    assert paragraphs[0] == "Coast Province Living Coasts: Programme rollup"
    assert "As of 22 November 2026" in paragraphs
    assert ["Total", "5", "27", "2", "6", "0", "1", "0", "2", "2"] in rows
    assert ["COLD-CHAIN", "No cold chain, so fish spoils; No ice at the landing site; Fish spoils before it reaches the market",
            "4", "2", "kivuko-district/tumbe, pwani-district"] in rows
    assert ["ICE", "Tonnes of ice sold at cost to fishers", "Sum", "24.5 t", "60 t", "3 of 5 sites"] in rows
    assert ["kivuko-district/tumbe", "No value yet", "—", "—"] in rows
    book = load_workbook(programme_copy / "out" / "rollup.xlsx")
    assert book.sheetnames == ["Programme", "Province", "District", "Community", "Organisations", "Shared barriers", "Shared indicators"]
    community = [list(r) for r in book["Community"].iter_rows(values_only=True)]
    tumbe = next(r for r in community if r[1] == "kivuko-district/tumbe")
    assert tumbe[3] == 8 and tumbe[9:13] == [1, 1, "kivuko-district/tumbe/commitments/tumbe-bmu-closed-season-signs.yaml",
                                             "kivuko-district/tumbe/barriers/fish-spoils-before-market.yaml"]
    indicators = [list(r) for r in book["Shared indicators"].iter_rows(values_only=True)]
    assert ["ICE", "Tonnes of ice sold at cost to fishers", "t", "Sum", "kivuko-district/mwamba", "Reported", 12, None, "12 Nov 2026",
            "kivuko-district/mwamba/commitments/kivuko-ice-ice-at-cost.yaml"] in indicators


def test_report_rollup_in_french_names_a_missing_site(invoke, programme_copy):
    from openpyxl import load_workbook

    settings = programme_copy / "scaleplus.yaml"
    settings.write_text(settings.read_text().replace("level: province", "level: province\nlanguage: fr"))
    shutil.rmtree(programme_copy / "pwani-district")
    result = invoke("report", "rollup", "-p", programme_copy)
    assert result.exit_code == 0, result
    assert "sites: the site folder pwani-district does not exist" in result.stderr
    paragraphs, rows = docx_text(programme_copy / "out" / "rollup.docx")
    assert paragraphs[0] == "Coast Province Living Coasts: Synthèse du programme"
    assert "pwani-district: le dossier n’existe pas" in paragraphs
    assert ["ICE", "Tonnes of ice sold at cost to fishers", "Somme", "15 t", "60 t", "2 sites sur 5"] in rows
    book = load_workbook(programme_copy / "out" / "rollup.xlsx")
    assert book.sheetnames[:4] == ["Programme", "Province", "District", "Communauté"]
    unread = [c.value for c in book["Non lu"][2]]
    assert unread[1:3] == ["pwani-district", "dossier du programme lui-même"] and unread[-1] == "le dossier n’existe pas"


def test_report_rollup_refuses_what_does_not_apply(invoke):
    result = invoke("report", "rollup", "-p", SAMPLE_PROGRAMME, "--format", "md")
    assert result.exit_code == 2
    assert "the rollup has no md form" in result.stderr
    result = invoke("report", "rollup", "-p", SAMPLE_PROGRAMME, "--as-of", "2026-11-01")
    assert result.exit_code == 2
    assert "--as-of does not apply to the rollup (it reads every site as it is now)" in result.stderr


# -- the parse cache -------------------------------------------------------------------------------


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.programme"))


def read_cache(path: Path) -> dict:
    import pickle

    from scaleplus_cli.cache import MAGIC

    return pickle.loads(path.read_bytes()[len(MAGIC) + 32:])


def write_cache(path: Path, content: dict) -> None:
    import hashlib
    import pickle

    from scaleplus_cli.cache import MAGIC

    payload = pickle.dumps(content)
    path.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)


def mwamba_ice(root: Path) -> Path:
    return root / "kivuko-district" / "mwamba" / "commitments" / "kivuko-ice-ice-at-cost.yaml"


def test_a_warm_rollup_is_the_cold_one_and_is_served_from_the_cache(invoke, programme_copy, own_cache):
    cold = rollup_json(invoke, programme_copy)
    [path] = cache_files(own_cache)  # one file for the programme
    content = read_cache(path)
    assert len(content["sites"]) == 4  # every site but the root, which the command reads anyway
    written = path.stat().st_mtime_ns
    assert rollup_json(invoke, programme_copy) == cold
    assert path.stat().st_mtime_ns == written  # nothing read afresh, nothing written
    # Served, not recomputed: an entry changed behind scaleplus's back (with a valid digest) shows.
    for entry in content["sites"].values():
        entry["summary"]["figures"]["commitment_count"] += 100
    write_cache(path, content)
    sites = {s["path"]: s for s in rollup_json(invoke, programme_copy)["sites"]}
    assert sites["pwani-district"]["commitment_count"] == 101


def test_a_file_changed_within_the_clock_tick_is_compared_by_its_content(tmp_path, monkeypatch):
    """A file written just now has its content's hash in its stamp: changed again with the same
    size and times (as a clock too coarse to see it would leave them), it misses."""
    import datetime as dt

    from scaleplus_cli import cache

    site = tmp_path / "site"
    (site / "commitments").mkdir(parents=True)
    written = site / "commitments" / "c1.yaml"
    written.write_text("text: Ice at cost.\n")
    store = cache.SiteCache(tmp_path, tmp_path / "cache")
    today = dt.date(2026, 11, 22)
    stamps = store.stamps(site)
    assert len(stamps["commitments/c1.yaml"]) == 5  # size, times, inode and the hash
    store.put("site", today, stamps, "settings", {"summary": 1})
    store.save()
    times = {rel: stamp[:4] for rel, stamp in stamps.items()}
    monkeypatch.setattr(cache, "site_files", lambda folder: dict(times))  # the clock saw nothing
    written.write_text("text: Ice at 2x.\n")
    assert cache.SiteCache(tmp_path, tmp_path / "cache").get("site", today, store.stamps(site)) is None
    written.write_text("text: Ice at cost.\n")
    found = cache.SiteCache(tmp_path, tmp_path / "cache").get("site", today, store.stamps(site))
    assert found == ("settings", {"summary": 1})


def test_a_changed_file_is_never_served_stale_even_with_the_same_size_and_time(invoke, programme_copy):
    rollup_json(invoke, programme_copy)
    path = mwamba_ice(programme_copy)
    before = path.stat()
    text = path.read_text()
    path.write_text(text.replace("value: 12", "value: 13"))  # same size
    os_utime(path, before)  # and the same modification time
    ice = rollup_json(invoke, programme_copy)["indicators"][0]
    assert ice["value"] == 25.5


def os_utime(path: Path, stat) -> None:
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_touched_replaced_added_or_removed_file_misses(invoke, programme_copy):
    import os

    rollup_json(invoke, programme_copy)
    path = mwamba_ice(programme_copy)
    replacement = path.with_name("new.tmp")
    replacement.write_text(path.read_text().replace("value: 12", "value: 14"))
    os.replace(replacement, path)  # replaced whole, as editors and git do
    assert rollup_json(invoke, programme_copy)["indicators"][0]["value"] == 26.5
    (path.parent / "extra.yaml").write_text(
        "stakeholder: kivuko-ice\ntext: More ice.\nhorizon: 100\nstatus: done\n"
    )
    sites = {s["path"]: s for s in rollup_json(invoke, programme_copy)["sites"]}
    assert sites["kivuko-district/mwamba"]["commitment_count"] == 4
    (path.parent / "extra.yaml").unlink()
    sites = {s["path"]: s for s in rollup_json(invoke, programme_copy)["sites"]}
    assert sites["kivuko-district/mwamba"]["commitment_count"] == 3


@pytest.mark.parametrize("damage", ["garbage", "cut short", "one byte flipped", "another version's"])
def test_a_corrupt_cache_is_rebuilt_not_trusted(invoke, programme_copy, own_cache, damage):
    cold = rollup_json(invoke, programme_copy)
    [path] = cache_files(own_cache)
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"garbage")
    elif damage == "cut short":
        path.write_bytes(good[:-10])
    elif damage == "one byte flipped":
        data = bytearray(good)
        data[-5] ^= 0xFF
        path.write_bytes(bytes(data))
    else:  # whole and with a valid digest, but made by other code: its entries are not served
        content = read_cache(path)
        content["code"] = "0" * 16
        for entry in content["sites"].values():
            entry["summary"]["figures"]["commitment_count"] += 100
        write_cache(path, content)
    assert rollup_json(invoke, programme_copy) == cold
    assert path.read_bytes().startswith(b"scaleplus-programme-cache") and len(read_cache(path)["sites"]) == 4


def test_check_uses_the_cache_and_sees_a_new_error(invoke, programme_copy):
    assert invoke("check", "-p", programme_copy).exit_code == 0
    path = mwamba_ice(programme_copy)
    path.write_text(path.read_text().replace("code: ICE", "code: ICEE"))
    result = invoke("check", "-p", programme_copy)
    assert result.exit_code == 1
    assert "kivuko-district/mwamba/commitments/kivuko-ice-ice-at-cost.yaml:12:11: error: code: 'ICEE'" in result.stdout


def test_two_commands_at_once_never_read_half_an_entry(programme_copy, own_cache, tmp_path):
    import subprocess
    import sys

    env = {**__import__("os").environ, "SCALEPLUS_CACHE": str(own_cache), "SCALEPLUS_TODAY": "2026-11-22"}
    command = [sys.executable, "-m", "scaleplus_cli", "rollup", "-p", str(programme_copy), "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert len({out for out, _ in outputs}) == 1
    assert not list(own_cache.glob(".*"))  # no temporary file left behind
    assert len(read_cache(cache_files(own_cache)[0])["sites"]) == 4
    # rollup and check -p at once (one writes entries without the problems, the other with them),
    # on a cache of the day before: each sees whole entries, and what it prints is as on its own.
    checking = [sys.executable, "-m", "scaleplus_cli", "check", "-p", str(programme_copy)]
    env["SCALEPLUS_TODAY"] = "2026-11-23"
    alone = subprocess.run(checking, capture_output=True, env={**env, "SCALEPLUS_CACHE": str(tmp_path / "other")},
                           timeout=120).stdout
    runs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for c in (command, checking) * 2]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], outputs
    assert outputs[1][0] == outputs[3][0] == alone
    assert json.loads(outputs[0][0])["today"] == "2026-11-23"
    assert not list(own_cache.glob(".*"))


def test_the_cache_keeps_only_the_sites_of_the_programme_as_it_is(invoke, programme_copy, own_cache):
    rollup_json(invoke, programme_copy)
    settings = programme_copy / "scaleplus.yaml"
    settings.write_text(settings.read_text().replace("  - pwani-district\n", ""))
    sites = {s["path"] for s in rollup_json(invoke, programme_copy)["sites"]}
    assert "pwani-district" not in sites
    [path] = cache_files(own_cache)
    assert sorted(Path(key).name for key in read_cache(path)["sites"]) == ["kivuko-district", "mwamba", "tumbe"]


def test_a_sites_project_is_let_go_as_soon_as_it_is_summarised():
    """The programme pauses the garbage collector while it reads its sites (it would walk what they
    leave again and again), so nothing made while reading or checking a site may hold the site's
    entities in a cycle: a thousand sites' projects would then stay in memory to the end."""
    import gc

    from scaleplus_cli import programme
    from scaleplus_cli.models import Commitment, Stakeholder

    def entities() -> int:
        return sum(isinstance(o, (Stakeholder, Commitment)) for o in gc.get_objects())

    collecting = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        before = entities()
        loaded = programme.load_programme(SAMPLE_PROGRAMME, cache=False, problems=True)
        assert len(loaded.read) == 5 and not any(p.severity == "error" for p in programme.check_programme(loaded, None))
        assert entities() == before  # the summaries are kept; no site's stakeholder or commitment
    finally:
        if collecting:
            gc.enable()
