"""`diff` and `report --as-of`: what changed since the retreat, and the documents as they stood then."""

from __future__ import annotations

import json

from laptops import as_laptop, first_laptop, git, needs_git

pytestmark = needs_git


def on(monkeypatch, day: str) -> None:
    """Commits from here on are dated `day`."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_DATE", f"{day}T12:00:00")


def history(invoke, tmp_path, monkeypatch):
    """The retreat (2026-09-18), a month of work (2026-10-20), and today's uncommitted work."""
    on(monkeypatch, "2026-09-18")
    root = first_laptop(invoke, tmp_path, monkeypatch)
    (root / "barriers/no-market.yaml").write_text("title: No market for the catch\ncategory: economic\nseverity: 2\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Barriers of day 2")
    git(root, "tag", "retreat")
    on(monkeypatch, "2026-10-20")
    assert invoke("update", "two-boats", "--status", "in_progress", "--note", "Hull repaired", "--date", "2026-10-02", "-p", root).exit_code == 0
    assert invoke("measure", "first-100-days", "1", "1", "6", "--date", "2026-10-10", "-p", root).exit_code == 0
    assert invoke("add", "stakeholder", "--name", "Coast FM", "--sector", "media", "--influence", "5", "-p", root).exit_code == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "October")
    assert invoke("add", "commitment", "--stakeholder", "coast-fm", "--text", "Weekly radio show on patrols",
                  "--horizon", "100", "--barrier", "no-boats", "-p", root).exit_code == 0
    assert invoke("add", "commitment", "--stakeholder", "coast-fm", "--text", "Adverts for the fish market",
                  "--horizon", "100", "--barrier", "no-market", "-p", root).exit_code == 0
    assert invoke("add", "barrier", "--title", "No ice plant", "--category", "structural", "--severity", "4",
                  "--raised-by", "coast-fm", "-p", root).exit_code == 0
    return root


def test_diff_since_the_retreat_names_what_changed_in_the_system(invoke, tmp_path, monkeypatch):
    root = history(invoke, tmp_path, monkeypatch)
    result = invoke("diff", "retreat", "-p", root)
    assert result.exit_code == 0, result
    out = result.stdout
    assert out.startswith("From 2026-09-18 (")
    assert "'Barriers of day 2') to now (the files as they are):" in out
    assert "Stakeholders added (1)\n  Coast FM (media; coast-fm)\n" in out
    assert "Barriers added (1)\n  No ice plant (structural; no-ice-plant)\n" in out
    assert ("Commitments made (2)\n  Coast FM: Adverts for the fish market (100 days; coast-fm-adverts-for-the-fish-market)\n"
            "  Coast FM: Weekly radio show on patrols (100 days; coast-fm-weekly-radio-show-on-patrols)\n") in out
    assert ("Status changes (1)\n  District Fisheries Office: Two patrol boats on the water: pledged -> in progress on"
            " 2026-10-02 (two-boats)\n") in out
    assert "Measurements recorded (1)\n  2026-10-10: Patrol days a month = 6 (first-100-days, action 1 (Patrol the bay))\n" in out
    assert "Gaps opened (1)\n  No ice plant: no live commitment\n" in out
    assert "Gaps closed (1)\n  No boats to patrol the bay: 2 live commitments from 2 sectors\n" in out
    assert out.endswith("Leverage ranks moved (1)\n  No market for the catch: rank 2 -> 3 (score 0 -> 7)\n")


def test_diff_between_two_dates_and_as_json(invoke, tmp_path, monkeypatch):
    root = history(invoke, tmp_path, monkeypatch)
    result = invoke("diff", "2026-09-30", "2026-10-31", "--format", "json", "-p", root)
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["since"]["date"] == "2026-09-18" and data["since"]["subject"] == "Barriers of day 2"
    assert data["until"]["date"] == "2026-10-20" and data["until"]["subject"] == "October"
    assert [s["id"] for s in data["stakeholders_added"]] == ["coast-fm"]
    assert data["commitments_made"] == []
    assert data["status_changes"] == [
        {"id": "two-boats", "stakeholder": "fish-office", "stakeholder_name": "District Fisheries Office",
         "text": "Two patrol boats on the water", "from": "pledged", "to": "in_progress", "date": "2026-10-02"}
    ]
    assert [(m["date"], m["value"]) for m in data["measurements"]] == [("2026-10-10", 6)]


def test_diff_from_the_first_commit_by_default_and_nothing_changed(invoke, tmp_path, monkeypatch):
    on(monkeypatch, "2026-09-18")
    root = first_laptop(invoke, tmp_path, monkeypatch)
    result = invoke("diff", "-p", root)
    assert result.exit_code == 0
    assert "'Start the scaleplus project') to now" in result.stdout
    assert "Stakeholders added (1)\n  District Fisheries Office (government; fish-office)" in result.stdout
    same = invoke("diff", "HEAD", "HEAD", "-p", root)
    assert same.stdout.endswith("nothing changed in the system\n")


def test_diff_errors_are_one_line(invoke, tmp_path, monkeypatch, make_project):
    root = history(invoke, tmp_path, monkeypatch)
    early = invoke("diff", "2026-01-01", "-p", root)
    assert early.exit_code == 2
    assert early.stderr == "error: no commit on or before 2026-01-01: the project's history starts on 2026-09-18\n"
    unknown = invoke("diff", "the-retreat", "-p", root)
    assert unknown.exit_code == 2
    assert "'the-retreat' is neither a date (YYYY-MM-DD) nor a revision" in unknown.stderr
    plain = make_project(root=tmp_path / "plain")
    outside = invoke("diff", "-p", plain)
    assert outside.exit_code == 1 and "is not in a git repository" in outside.stderr


def test_the_bulletin_says_what_changed_in_the_system_since_its_date(invoke, tmp_path, monkeypatch):
    from test_remind import docx_text

    root = history(invoke, tmp_path, monkeypatch)
    result = invoke("report", "bulletin", "--since", "2026-09-18", "-p", root)
    assert result.exit_code == 0, result
    md = (root / "out/bulletin.md").read_text()
    section = md.split("## What changed in the system\n")[1].split("## Still open")[0]
    assert "Since 18 September 2026 (Barriers of day 2)" in section
    assert "**Stakeholders added**\n\n- Coast FM (Media)\n" in section
    assert "**Gaps closed**\n\n- No boats to patrol the bay: 2 live commitments from 2 sectors\n" in section
    assert "coast-fm" not in section  # no ids for the readers of a bulletin
    word = docx_text(root / "out/bulletin.docx")
    at = word.index("What changed in the system")
    assert word.index("Stakeholders added", at) < word.index("Coast FM (Media)", at) < word.index("Still open", at)
    # a project without git history keeps its bulletin, without the section
    (root / ".git").rename(root / "git-elsewhere")
    assert invoke("report", "bulletin", "--format", "md", "-p", root).exit_code == 0
    assert "What changed in the system" not in (root / "out/bulletin.md").read_text()


def test_report_as_of_renders_the_documents_as_they_stood_and_touches_nothing(invoke, tmp_path, monkeypatch):
    root = history(invoke, tmp_path, monkeypatch)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    status = git(root, "status", "--porcelain")

    result = invoke("report", "commitments", "--format", "md", "--as-of", "retreat", "-p", root)
    assert result.exit_code == 0, result
    sheets = (root / "out/commitments.md").read_text()
    assert "District Fisheries Office" in sheets and "Coast FM" not in sheets
    assert "18 September 2026" in sheets  # dated as of then

    result = invoke("report", "workplan", "--format", "md", "--as-of", "2026-10-25", "-p", root)
    assert result.exit_code == 0, result
    plan = (root / "out/workplan.md").read_text()
    assert "Coast FM" in plan  # added in October
    assert "Weekly radio show" not in plan  # not committed yet
    assert "25 October 2026" in plan
    # which the command says: a date on or after the last commit would otherwise look like "now"
    assert "warning: 3 changed files are not committed yet" in result.stderr
    assert "--as-of reads the last commit, 2026-10-20" in result.stderr
    assert "not committed" not in invoke("report", "workplan", "--format", "md", "--as-of", "retreat", "-p", root).stderr
    later = invoke("report", "workplan", "--format", "md", "--as-of", "2027-01-01", "-p", root)
    assert later.exit_code == 0 and "warning: 2027-01-01 is after today" in later.stderr

    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts and "out" not in p.parts}
    assert after == {p: b for p, b in before.items() if "out" not in p.parts}
    assert git(root, "status", "--porcelain") == status


def test_as_of_without_a_memory_folder_uses_the_usual_temporary_one(invoke, tmp_path, monkeypatch):
    from scaleplus_cli import history as history_module

    root = history(invoke, tmp_path, monkeypatch)
    monkeypatch.setattr(history_module, "MEMORY_FOLDER", tmp_path / "no-such-folder")
    result = invoke("report", "workplan", "--format", "md", "--as-of", "retreat", "-p", root)
    assert result.exit_code == 0, result
    assert "Coast FM" not in (root / "out/workplan.md").read_text()


def test_report_as_of_errors(invoke, tmp_path, monkeypatch, make_project):
    root = history(invoke, tmp_path, monkeypatch)
    unknown = invoke("report", "agenda", "--as-of", "yesterday", "-p", root)
    assert unknown.exit_code == 2 and unknown.stderr.startswith("error: 'yesterday' is neither a date")
    early = invoke("report", "agenda", "--as-of", "2025-12-31", "-p", root)
    assert early.exit_code == 2 and "no commit on or before 2025-12-31" in early.stderr
    plain = make_project(root=tmp_path / "plain")
    outside = invoke("report", "agenda", "--as-of", "2026-10-01", "-p", plain)
    assert outside.exit_code == 1 and "is not in a git repository" in outside.stderr
    # a version with errors is refused, naming them, unless --force
    (root / "stakeholders/fish-office.yaml").write_text("name: District Fisheries Office\nsector: goverment\n")
    git(root, "commit", "-q", "-am", "A typo")
    broken = invoke("report", "commitments", "--format", "md", "--as-of", "HEAD", "-p", root)
    assert broken.exit_code == 1
    assert "stakeholders/fish-office.yaml:2:9: error: sector:" in broken.stderr
    assert "fix it before rendering documents as of" in broken.stderr


def test_a_project_in_a_folder_of_a_larger_repository(invoke, tmp_path, monkeypatch):
    as_laptop(monkeypatch, "Halima")
    on(monkeypatch, "2026-09-18")
    programme = tmp_path / "programme"
    programme.mkdir()
    git(programme, "init", "-q")
    (programme / "notes.yaml").write_text("not: a project file\n")
    site = programme / "sites" / "kivuko"
    assert invoke("init", site, "--name", "Kivuko Bay").exit_code == 0
    assert invoke("add", "stakeholder", "--name", "Fisheries Office", "--sector", "government", "-p", site).exit_code == 0
    git(programme, "add", "-A")
    git(programme, "commit", "-q", "-m", "Kivuko after the retreat")
    on(monkeypatch, "2026-10-20")
    assert invoke("add", "stakeholder", "--name", "Coast FM", "--sector", "media", "-p", site).exit_code == 0
    git(programme, "add", "-A")
    git(programme, "commit", "-q", "-m", "October")
    result = invoke("diff", "2026-09-30", "-p", site)
    assert result.exit_code == 0, result
    assert "Stakeholders added (1)\n  Coast FM (media; coast-fm)\n" in result.stdout
    assert invoke("report", "workplan", "--format", "md", "--as-of", "2026-09-30", "-p", site).exit_code == 0
    plan = (site / "out/workplan.md").read_text()
    assert "Fisheries Office" in plan and "Coast FM" not in plan
