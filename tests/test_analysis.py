"""Leverage scores, gaps, coverage, funding and overdue commitments, computed by hand on a small bay.

score = severity x (raised_by + sectors + commitments) + influence
"""

import datetime as dt

import pytest
from conftest import BAY

from scaleplus_cli import analysis
from scaleplus_cli.models import CATEGORIES, INSTRUMENTS, Indicator
from scaleplus_cli.store import load_project

# Five stakeholders, four barriers, six commitments (one dropped, one done), one plan.


@pytest.fixture
def bay(make_project):
    return load_project(make_project(BAY))


def by_id(ranked):
    return {bl.id: bl for bl in ranked}


def test_scores_and_parts_by_hand(bay):
    ranked = by_id(analysis.leverage(bay))
    # rules: 3 raised from 3 sectors; live: office x2, police, fishers (radio's is done); influence 5+4+1
    assert ranked["rules"].parts == {"severity": 5, "raised_by": 3, "sectors": 3, "commitments": 4, "influence": 10}
    assert ranked["rules"].score == 5 * (3 + 3 + 4) + 10 == 60
    # boats: 2 raised, both government; office and police committed
    assert ranked["boats"].parts == {"severity": 4, "raised_by": 2, "sectors": 1, "commitments": 2, "influence": 9}
    assert ranked["boats"].score == 4 * (2 + 1 + 2) + 9 == 29
    # mistrust: its only commitment was dropped, so it counts for nothing
    assert ranked["mistrust"].parts["commitments"] == 0
    assert ranked["mistrust"].score == 3 * (1 + 1 + 0) + 0 == 6
    assert ranked["data"].score == 0
    assert [c.id for c in ranked["rules"].commitments] == ["fishers-closure", "office-patrols", "office-second", "police-nights"]
    assert [c.id for c in ranked["rules"].done] == ["radio-show"]
    assert ranked["rules"].committing_sectors == ("government", "community")
    assert ranked["rules"].raising_sectors == ("government", "community", "media")


def test_ranking_is_by_score(bay):
    assert [bl.id for bl in analysis.leverage(bay)] == ["rules", "boats", "mistrust", "data"]


def test_gaps_by_hand(bay):
    ranked = by_id(analysis.leverage(bay))
    assert (ranked["rules"].gap, ranked["rules"].gap_reason) == (False, None)
    assert ranked["boats"].gap_reason == "only the government sector committed"
    assert ranked["mistrust"].gap_reason == "no live commitment"  # dropped ones are ignored
    assert ranked["data"].gap is False  # severity 2: below the gap threshold
    assert [bl.id for bl in analysis.gaps(bay)] == ["boats", "mistrust"]


def test_horizon_counts_only_its_commitments(bay):
    hundred = by_id(analysis.leverage(bay, 100))
    assert hundred["rules"].parts["commitments"] == 2
    assert hundred["rules"].score == 5 * (3 + 3 + 2) + 9 == 49
    assert hundred["rules"].gap_reason == "only the government sector committed"
    thousand = by_id(analysis.leverage(bay, 1000))
    assert thousand["rules"].score == 5 * (3 + 3 + 2) + (5 + 1) == 46
    assert thousand["rules"].gap is False
    assert thousand["boats"].score == 4 * (2 + 1 + 0) == 12
    assert thousand["boats"].gap_reason == "no live commitment"


def test_ties_rank_by_severity_then_id(make_project):
    root = make_project(
        {
            "stakeholders/a.yaml": "name: A\nsector: media\n",
            "barriers/b-first.yaml": "title: B\ncategory: social\nseverity: 2\nraised_by: [a]\n",  # 2 x (1+1+0) + 0 = 4
            "barriers/a-second.yaml": "title: A\ncategory: social\nseverity: 2\nraised_by: [a]\n",  # 4 too
            "barriers/d-mild.yaml": "title: D\ncategory: social\nseverity: 1\n",  # 0
            "barriers/c-severe.yaml": "title: C\ncategory: social\nseverity: 4\n",  # 0, but more severe
        }
    )
    ranked = analysis.leverage(load_project(root))
    assert [(bl.id, bl.score) for bl in ranked] == [("a-second", 4), ("b-first", 4), ("c-severe", 0), ("d-mild", 0)]


def test_every_category_has_instruments_from_the_spec():
    assert set(analysis.INSTRUMENTS_BY_CATEGORY) == set(CATEGORIES)
    for instruments in analysis.INSTRUMENTS_BY_CATEGORY.values():
        assert instruments and set(instruments) <= set(INSTRUMENTS)
    assert analysis.instruments_for("governance") == ("policy_reform", "advocacy")
    assert analysis.instruments_for("awareness") == ("mass_media", "social_marketing")
    assert analysis.instruments_for("social") == ("conflict_mediation", "social_marketing", "education")
    assert analysis.instruments_for(None) == ()


def test_sector_coverage_per_barrier(bay):
    rows = {row.barrier.id: row for row in analysis.sector_coverage(bay)}
    assert rows["rules"].raised == {"government": 1, "community": 1, "media": 1}
    assert rows["rules"].committed == {"government": 3, "community": 1}
    assert rows["mistrust"].committed == {}


def test_stakeholders_by_sector_and_missing_sectors(bay):
    by_sector = analysis.stakeholders_by_sector(bay)
    assert by_sector["government"] == 2 and by_sector["other"] == 0
    assert analysis.missing_sectors(bay) == ["private_sector", "academia", "faith_traditional", "donor"]


def test_commitments_by_status_and_horizon(bay):
    assert analysis.commitments_by_status(bay) == {
        "pledged": {100: 1, 1000: 2},
        "in_progress": {100: 1, 1000: 0},
        "on_hold": {100: 0, 1000: 0},
        "done": {100: 1, 1000: 0},
        "dropped": {100: 1, 1000: 0},
    }


def test_overdue_most_late_first_with_last_update(bay):
    late = analysis.overdue(bay, dt.date(2026, 11, 22))
    assert [(x.commitment.id, x.days_late) for x in late] == [("office-patrols", 21), ("police-nights", 2)]
    assert late[0].last_update is None
    assert late[1].last_update.note == "First patrol"
    assert late[1].stakeholder.name == "Marine Police"


def test_due_soon_includes_the_last_day(bay):
    soon = analysis.due_soon(bay, dt.date(2026, 11, 22), within=7)
    assert [(x.commitment.id, x.days_left, x.days_late) for x in soon] == [("office-second", 7, -7)]
    assert soon[0].as_dict()["days"] == 7  # `status --format json`: in due_soon, the days left
    assert analysis.overdue(bay, dt.date(2026, 11, 22))[0].as_dict()["days"] == 21  # in overdue, the days late
    assert analysis.due_soon(bay, dt.date(2026, 11, 22), within=6) == []


def test_chase_list_says_one_day_not_one_days(bay):
    # 2026-11-02: office-patrols (due 2026-11-01) is a day late; 2026-11-19: police-nights is due in a day.
    late = analysis.to_chase(bay, dt.date(2026, 11, 2))
    assert late[0] == "Call Fisheries Office: \u201cPatrol twice a week\u201d is 1 day late (no update recorded)."
    soon = analysis.to_chase(bay, dt.date(2026, 11, 19))
    assert "Remind Marine Police: \u201cNight patrols\u201d is due in 1 day (2026-11-20)." in soon
    assert soon[0] == "Call Fisheries Office: \u201cPatrol twice a week\u201d is 18 days late (no update recorded)."


def test_work_plan_additions_look_at_every_plan(make_project):
    # hundred.yaml's "Patrols" names boats and links no commitment: the technical assistance on boats.
    bay = load_project(make_project(BAY))
    hundred = analysis.work_plan_additions(bay, 100)
    assert [c.id for c in hundred.commitments] == ["office-patrols", "police-nights"]
    assert [g.id for g in hundred.gaps] == ["rules", "mistrust"]
    # Another plan carries police-nights, and names mistrust beside a commitment: that is no technical assistance.
    ours = "title: Ours\nhorizon: 1000\nactions:\n  - title: Nights\n    barriers: [mistrust]\n    commitments: [police-nights]\n"
    bay = load_project(make_project({**BAY, "plans/ours.yaml": ours}))
    hundred = analysis.work_plan_additions(bay, 100)
    assert [c.id for c in hundred.commitments] == ["office-patrols"]
    assert [g.id for g in hundred.gaps] == ["rules", "mistrust"]
    assert [a["commitments"] for a in hundred.actions[:1]] == [["office-patrols"]]
    assert analysis.planned_commitments(bay) == {"police-nights"}
    assert analysis.assisted_barriers(bay) == {"boats"}


def test_funding_and_leverage_ratio(bay):
    money = analysis.funding(bay)
    assert money.by_source == {"donor": 1000, "government": 500, "in_kind": 250, "unstated": 100}
    assert (money.total, money.donor, money.non_donor) == (1850, 1000, 750)
    assert money.ratio == 0.75


def test_no_donor_money_has_no_ratio(make_project):
    root = make_project({"plans/p.yaml": "title: P\nhorizon: 100\nactions:\n  - title: A\n    budget: 5\n    funding: community\n"})
    money = analysis.funding(load_project(root))
    assert money.ratio is None and money.non_donor == 5


def test_indicator_progress_uses_the_latest_measurement(bay):
    (row,) = analysis.indicator_progress(bay)
    assert (row.current, row.progress, row.last_measured) == (6, 0.6, dt.date(2026, 11, 1))
    assert row.number == 1 and row.plan.id == "hundred"


@pytest.mark.parametrize(
    ("baseline", "target", "actual"),
    [(0, 1e-308, 1e308), (0, -1e-308, 1e308), (-1e308, 1e308, 1e308)],  # inf, -inf, inf / inf
)
def test_progress_of_extreme_values_is_none_not_infinite(baseline, target, actual):
    indicator = Indicator(name="Catch", baseline=baseline, target=target, actual=actual)
    assert indicator.progress is None
    assert Indicator(name="Catch", baseline=0, target=1e308, actual=1e307).progress == pytest.approx(0.1)


def test_counts(bay):
    assert analysis.counts(bay) == {
        "stakeholders": 5,
        "barriers": 4,
        "commitments": 6,
        "plans": 1,
        "circles": 0,
        "actions": 5,
        "indicators": 1,
    }


def test_json_shape_names_ids(bay):
    first = analysis.leverage(bay)[0].as_dict()
    assert {"id", "score", "gap", "commitments", "instruments"} <= set(first)
    assert first["commitments"] == ["fishers-closure", "office-patrols", "office-second", "police-nights"]
    assert first["instruments"] == ["policy_reform", "advocacy"]
