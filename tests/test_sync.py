"""`sync export` and `sync import`: laptops with no network passing bundles on a USB stick."""

from __future__ import annotations

import itertools

import pytest
import yaml
from laptops import as_laptop, clone, commit, first_laptop, git, head, needs_git

pytestmark = needs_git


def laptops(invoke, tmp_path, monkeypatch, *names, remote=False):
    """The first laptop and clones of it. Without `remote` the clones forget where they came from;
    with it they keep the path as git's 'origin', but they never use it: they meet through bundles."""
    first = first_laptop(invoke, tmp_path, monkeypatch)
    found = {"Halima": first}
    for name in names:
        found[name] = clone(first, tmp_path / name.lower())
        if not remote:
            git(found[name], "remote", "remove", "origin")
    return found


def work(invoke, monkeypatch, name, folder, n, stakeholder):
    """A day's work on one laptop: an update and a measurement on the shared commitment and indicator,
    and a stakeholder of its own; committed."""
    as_laptop(monkeypatch, name)
    day = f"2026-10-{n:02d}"
    assert invoke("update", "two-boats", "--note", f"{name}: day {n}", "--date", day, "-p", folder).exit_code == 0
    assert invoke("measure", "first-100-days", "1", "1", str(n), "--date", day, "-p", folder).exit_code == 0
    assert invoke("add", "stakeholder", "--name", stakeholder, "--sector", "community", "-p", folder).exit_code == 0
    commit(folder, f"{name}'s notes of {day}")


def exchange(invoke, monkeypatch, sender, receiver, stick):
    as_laptop(monkeypatch, sender.name.title())
    sent = invoke("sync", "export", stick, "-p", sender)
    assert sent.exit_code == 0, sent
    got = invoke("sync", "import", stick, "-p", receiver)
    assert got.exit_code == 0, got
    return got


def test_two_laptops_exchange_both_ways_and_end_the_same(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel")
    halima, daniel = team["Halima"], team["Daniel"]
    work(invoke, monkeypatch, "Halima", halima, 3, "Coast FM")
    work(invoke, monkeypatch, "Daniel", daniel, 5, "Women's fish traders")
    stick = tmp_path / "usb" / "halima.bundle"
    stick.parent.mkdir()

    sent = invoke("sync", "export", stick, "-p", halima)
    assert sent.exit_code == 0 and stick.is_file()
    assert "commits (the whole history)" in sent.stdout
    got = invoke("sync", "import", stick, "-p", daniel)
    assert got.exit_code == 0, got
    assert "1 commit from Halima (2026-" in got.stdout
    assert "  added stakeholder coast-fm" in got.stdout
    assert "  changed commitment two-boats" in got.stdout
    assert "Merged with your work and committed." in got.stdout

    back = tmp_path / "usb" / "daniel.bundle"
    exchange(invoke, monkeypatch, daniel, halima, back)
    assert head(halima) == head(daniel)
    log = (halima / "commitments/two-boats.yaml").read_text()
    assert log.index("Halima: day 3") < log.index("Daniel: day 5")
    assert "<<<<<<<" not in log
    assert invoke("check", "-p", halima).exit_code == 0
    # nothing new the second time
    again = invoke("sync", "import", back, "-p", halima)
    assert again.exit_code == 0 and "Nothing new" in again.stdout


@pytest.mark.parametrize("order", list(itertools.permutations(["Halima", "Daniel", "Neema"]))[::3])
def test_three_laptops_in_any_order_end_with_one_history_and_check_clean(invoke, tmp_path, monkeypatch, order):
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel", "Neema", remote=True)
    stick = tmp_path / "stick.bundle"
    for n, name in enumerate(order, 1):
        work(invoke, monkeypatch, name, team[name], n, f"Group of {name}")
    # the stick goes round: first -> second -> third, with more work on the way
    first, second, third = (team[name] for name in order)
    exchange(invoke, monkeypatch, first, second, stick)
    work(invoke, monkeypatch, order[1], second, 10, f"Council of {order[1]}")
    exchange(invoke, monkeypatch, second, third, stick)
    work(invoke, monkeypatch, order[0], first, 12, f"Radio of {order[0]}")
    exchange(invoke, monkeypatch, first, third, stick)
    # then back round, until everyone has everything
    exchange(invoke, monkeypatch, third, first, stick)
    exchange(invoke, monkeypatch, first, second, stick)
    assert head(first) == head(second) == head(third)
    for folder in team.values():
        assert invoke("check", "-p", folder).exit_code == 0
        log = yaml.safe_load((folder / "commitments/two-boats.yaml").read_text())
        notes = [u["note"] for u in log["updates"]]
        assert notes == [f"{order[0]}: day 1", f"{order[1]}: day 2", f"{order[2]}: day 3",
                         f"{order[1]}: day 10", f"{order[0]}: day 12"]
        stakeholders = sorted(p.name for p in (folder / "stakeholders").glob("*.yaml"))
        assert len(stakeholders) == 6  # the first one and five added on the way
        measured = (folder / "plans/first-100-days.yaml").read_text()
        assert measured.count("value:") == 5


def test_a_real_conflict_is_reported_with_how_to_resolve_it(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel")
    halima, daniel = team["Halima"], team["Daniel"]
    invoke("update", "two-boats", "--status", "done", "--date", "2026-11-01", "-p", halima)
    commit(halima, "Boats delivered")
    as_laptop(monkeypatch, "Daniel")
    invoke("update", "two-boats", "--status", "dropped", "--date", "2026-11-02", "-p", daniel)
    commit(daniel, "Boats cancelled")
    stick = tmp_path / "halima.bundle"
    assert invoke("sync", "export", stick, "-p", halima).exit_code == 0
    got = invoke("sync", "import", stick, "-p", daniel, cwd=daniel)
    assert got.exit_code == 1
    assert "1 file with a conflict to resolve" in got.stdout
    assert "  commitments/two-boats.yaml" in got.stdout
    assert "keep one side between the <<<<<<< and >>>>>>> lines" in got.stdout
    assert (
        "commitments/two-boats.yaml:6:1: error: unresolved merge conflict (lines 6-10): both laptops changed"
        " status: 'dropped' (ours) / 'done' (theirs)" in got.stdout
    )
    # both updates are kept, and Halima's commit is in the history, waiting for the merge to be finished
    text = (daniel / "commitments/two-boats.yaml").read_text()
    assert "2026-11-01" in text and "2026-11-02" in text
    assert "Boats delivered" in git(daniel, "log", "--all", "--format=%s")
    refused = invoke("sync", "import", stick, "-p", daniel)
    assert refused.exit_code == 1 and "a merge is still under way" in refused.stderr
    # resolving: keep our side, commit
    resolved = text.replace("<<<<<<< ours\n", "").split("=======\n")[0] + text.split(">>>>>>> theirs\n")[1]
    (daniel / "commitments/two-boats.yaml").write_text(resolved)
    assert invoke("check", "-p", daniel).exit_code == 0
    commit(daniel, "Keep dropped")
    assert git(daniel, "merge-base", "--is-ancestor", head(halima), "HEAD", check=False) == ""


def test_uncommitted_work_is_refused_naming_the_files(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel")
    stick = tmp_path / "h.bundle"
    invoke("update", "two-boats", "--note", "Not committed yet", "-p", team["Halima"])
    sent = invoke("sync", "export", stick, "-p", team["Halima"])
    assert sent.exit_code == 0
    assert "warning: not in the bundle, as they are not committed: commitments/two-boats.yaml" in sent.stderr
    invoke("add", "stakeholder", "--name", "Coast FM", "--sector", "media", "-p", team["Daniel"])
    before = head(team["Daniel"])
    result = invoke("sync", "import", stick, "-p", team["Daniel"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: commit your own work first, so that nothing is lost in the merge: stakeholders/coast-fm.yaml"
        " ('git add -A && git commit -m \"what I did\"')"
    )
    assert head(team["Daniel"]) == before and (team["Daniel"] / "stakeholders/coast-fm.yaml").is_file()


def test_a_bad_bundle_is_one_line(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch)
    bad = tmp_path / "photo.bundle"
    bad.write_bytes(b"\x89PNG not a bundle at all")
    result = invoke("sync", "import", bad, "-p", team["Halima"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "is not a bundle made by 'scaleplus sync export'" in result.stderr
    missing = invoke("sync", "import", tmp_path / "nowhere.bundle", "-p", team["Halima"])
    assert missing.exit_code == 2 and "nowhere.bundle: no such file" in missing.stderr
    wrong_name = invoke("sync", "export", tmp_path / "stick.zip", "-p", team["Halima"])
    assert wrong_name.exit_code == 2 and "name the file .bundle" in wrong_name.stderr
    no_stick = invoke("sync", "export", tmp_path / "media" / "usb" / "h.bundle", "-p", team["Halima"])
    assert no_stick.exit_code == 2 and "usb: no such folder (is the USB stick plugged in?)" in no_stick.stderr


def test_a_clone_sends_what_it_began_from_once_and_a_stranger_is_told_what_to_do(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel", remote=True)
    work(invoke, monkeypatch, "Daniel", team["Daniel"], 4, "Coast FM")
    stick = tmp_path / "d.bundle"
    sent = invoke("sync", "export", stick, "-p", team["Daniel"])
    assert sent.exit_code == 0
    assert sent.stdout.startswith("1 commit (since ") and "'After the retreat', which every laptop has" in sent.stdout
    whole = invoke("sync", "export", tmp_path / "all.bundle", "--all", "-p", team["Daniel"])
    assert whole.stdout.startswith("3 commits (the whole history)")
    as_laptop(monkeypatch, "Stranger")
    stranger = tmp_path / "stranger"
    assert invoke("init", stranger, "--name", "Kivuko Bay").exit_code == 0
    result = invoke("sync", "import", stick, "-p", stranger)
    assert result.exit_code == 1
    assert "continues work this laptop has not received yet (1 earlier commit)" in result.stderr
    assert "scaleplus sync export --all" in result.stderr
    unrelated = invoke("sync", "import", tmp_path / "all.bundle", "-p", stranger)
    assert unrelated.exit_code == 1
    assert "holds the history of another project" in unrelated.stderr


def test_not_a_repository_and_git_missing_are_one_line(invoke, make_project, tmp_path, monkeypatch):
    root = make_project()
    result = invoke("sync", "export", tmp_path / "x.bundle", "-p", root)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("is not in a git repository; run 'git init' there and commit the project"
                                          " (projects made by 'scaleplus init' have one)")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = invoke("sync", "import", tmp_path / "x.bundle", "-p", root)
    assert result.exit_code == 1
    assert result.stderr == "error: git is not installed; install git (https://git-scm.com) to use the project's history\n"
    assert invoke("check", "-p", root).exit_code == 0  # other commands do not need git


@pytest.mark.parametrize("seed", [7, 2026])
def test_bundles_passed_at_random_lose_nothing_and_converge(invoke, tmp_path, monkeypatch, seed):
    import random

    rng = random.Random(seed)
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel", "Neema", remote=seed % 2 == 0)
    names = list(team)
    stick = tmp_path / "stick.bundle"
    expected = []
    for day in range(1, 9):
        name = rng.choice(names)
        work(invoke, monkeypatch, name, team[name], day, f"Group {day}")
        expected.append(f"{name}: day {day}")
        sender, receiver = rng.sample(names, 2)
        exchange(invoke, monkeypatch, team[sender], team[receiver], stick)
    hub = team[names[0]]
    for name in names[1:]:
        exchange(invoke, monkeypatch, team[name], hub, stick)
    for name in names[1:]:
        exchange(invoke, monkeypatch, hub, team[name], stick)
    assert len({head(folder) for folder in team.values()}) == 1
    log = yaml.safe_load((hub / "commitments/two-boats.yaml").read_text())
    assert [u["note"] for u in log["updates"]] == expected
    plan = yaml.safe_load((hub / "plans/first-100-days.yaml").read_text())
    assert [m["value"] for m in plan["actions"][0]["indicators"][0]["measurements"]] == list(range(1, 9))
    assert len(list((hub / "stakeholders").glob("*.yaml"))) == 9
    assert invoke("check", "-p", hub).exit_code == 0


def test_a_bundle_with_only_merges_of_known_work_says_so(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch, "Daniel")
    halima, daniel = team["Halima"], team["Daniel"]
    work(invoke, monkeypatch, "Halima", halima, 3, "Coast FM")
    work(invoke, monkeypatch, "Daniel", daniel, 5, "Women's fish traders")
    h, d = tmp_path / "h.bundle", tmp_path / "d.bundle"
    assert invoke("sync", "export", h, "-p", halima).exit_code == 0
    assert invoke("sync", "export", d, "-p", daniel).exit_code == 0
    assert invoke("sync", "import", d, "-p", halima).exit_code == 0  # both merge the other's work: two merges
    assert invoke("sync", "import", h, "-p", daniel).exit_code == 0
    assert invoke("sync", "export", d, "-p", daniel).exit_code == 0
    result = invoke("sync", "import", d, "-p", halima)
    assert result.exit_code == 0
    assert result.stdout.startswith("No new work, only the other laptop's merges of work this laptop already has:")
    assert (halima / "commitments/two-boats.yaml").read_text() == (daniel / "commitments/two-boats.yaml").read_text()


def test_a_laptop_can_start_from_a_bundle_on_the_stick(invoke, tmp_path, monkeypatch):
    team = laptops(invoke, tmp_path, monkeypatch)
    stick = tmp_path / "kivuko.bundle"
    assert invoke("sync", "export", "--all", stick, "-p", team["Halima"]).exit_code == 0
    neema = clone(stick, tmp_path / "neema")
    assert git(neema, "symbolic-ref", "--short", "HEAD").strip() == git(team["Halima"], "symbolic-ref", "--short", "HEAD").strip()
    assert invoke("check", "-p", neema).exit_code == 0
    work(invoke, monkeypatch, "Neema", neema, 6, "Coast FM")
    back = tmp_path / "neema.bundle"
    sent = invoke("sync", "export", back, "-p", neema)
    assert sent.stdout.startswith("1 commit (since ")  # only her work: Halima has the rest
    got = invoke("sync", "import", back, "-p", team["Halima"])
    assert got.exit_code == 0 and "Fast-forwarded to their work." in got.stdout
