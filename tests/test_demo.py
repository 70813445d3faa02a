"""The simulator: same seed, same bytes; a history with the shape of a real cohort; the demo command."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from entraide.cli import main
from entraide.content.loader import load_community
from entraide.content.models import Role
from entraide.demo.community import write_community
from entraide.demo.simulation import simulate
from entraide.events import store
from entraide.events.model import EventKind as K

REPO = Path(__file__).resolve().parents[1]


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def community(tmp_path_factory):
    """A 150-member synthetic community written by the demo command, loaded back from its files."""
    root = tmp_path_factory.mktemp("demo") / "community"
    assert main(["demo", "--members", "150", "--seed", "7", "--out", str(root)]) == 0
    return root, load_community(root), store.load(root / "data")


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    write_community(tmp_path / "a", members=40, seed=3)
    write_community(tmp_path / "b", members=40, seed=3)
    write_community(tmp_path / "c", members=40, seed=4)
    a, b, c = (tree_bytes(tmp_path / x) for x in "abc")
    assert a == b
    assert any(path.startswith("data/events/") for path in a)
    assert a != c


def test_history_mode_rebuilds_exactly_the_history_of_the_files(community, tmp_path):
    root, _, _ = community
    before = tree_bytes(root / "data")
    copy = tmp_path / "copy"
    for path, content in tree_bytes(root).items():
        if not path.startswith("data/"):
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_bytes(content)
    assert main(["demo", "--history", "--root", str(copy), "--seed", "7"]) == 0
    assert tree_bytes(copy / "data") == before


def test_the_generated_community_has_the_requested_members_and_the_example_catalogue(community):
    _, loaded, _ = community
    example = load_community(REPO)
    assert len(loaded.members) == 150
    assert {c.slug for c in loaded.challenges} == {c.slug for c in example.challenges}
    mentors = [m for m in loaded.members if m.role is Role.mentor]
    assert len(mentors) >= 3
    listed = {login for track in loaded.rules.tracks for login in track.mentors}
    assert listed == {m.login for m in mentors}
    assert {m.cohort for m in loaded.members if m.role is Role.learner} == {c.id for c in loaded.rules.cohorts}
    assert any(m.public_profile for m in loaded.members) and not all(m.public_profile for m in loaded.members)


def test_event_ids_are_unique_and_times_are_utc(community):
    _, _, history = community
    assert len({e.id for e in history}) == len(history)
    assert all(e.id.startswith(f"sim:{e.kind.value}:") for e in history)
    assert all(e.at.utcoffset() == dt.timedelta(0) for e in history)


def test_some_learners_drop_out_early_some_mid_cohort_and_others_finish(community):
    _, loaded, history = community
    last_seen: dict[int, dt.date] = {}
    for event in history:
        if event.actor_id is not None:
            last_seen[event.actor_id] = event.at.date()
    cohorts = {c.id: c for c in loaded.rules.cohorts}
    early = mid = finished = 0
    for member in loaded.members:
        if member.role is not Role.learner or member.id not in last_seen:
            continue
        cohort = cohorts[member.cohort]
        share = (last_seen[member.id] - cohort.start).days / (cohort.end - cohort.start).days
        early += share < 0.3
        mid += 0.3 <= share < 0.8
        finished += share >= 0.95
    assert early >= 5 and mid >= 5 and finished >= 30


def test_activity_rises_then_falls_within_a_cohort(community):
    _, loaded, history = community
    cohort = min(loaded.rules.cohorts, key=lambda c: c.start)
    weekly = Counter(
        (e.at.date() - cohort.start).days // 7
        for e in history
        if cohort.start <= e.at.date() <= cohort.end and e.actor_type == "User"
    )
    early, late = [weekly[w] for w in (1, 2, 3)], [weekly[w] for w in (8, 9, 10, 11)]
    assert weekly[0] < max(early)
    assert sum(early) / len(early) > 1.3 * sum(late) / len(late)


def test_mentors_approve_the_head_or_a_commit_later_replaced(community):
    _, loaded, history = community
    mentors = {m.id for m in loaded.members if m.role is Role.mentor}
    head: dict[int, str] = {}
    approved: dict[int, set[str]] = defaultdict(set)
    requested: set[int] = set()
    approved_after_changes = 0
    for event in history:
        if event.kind is K.pr_head:
            head[event.subject] = event.payload["sha"]
        elif event.kind is K.review_submitted and event.actor_id in mentors:
            state, sha = event.payload["state"], event.payload["commit_id"]
            if state == "changes_requested":
                requested.add(event.subject)
            elif state == "approved":
                approved[event.subject].add(sha)
                approved_after_changes += event.subject in requested and sha == head[event.subject]
    on_head = sum(head[pr] in shas for pr, shas in approved.items())
    only_old = sum(head[pr] not in shas for pr, shas in approved.items())
    assert on_head > 50 and only_old >= 3 and approved_after_changes >= 10


def test_bots_deleted_accounts_moderation_and_community_threads_are_there(community):
    _, _, history = community
    kinds = Counter(e.kind for e in history)
    assert any(e.is_bot and e.actor_login == "github-actions[bot]" and e.actor_type == "Bot" for e in history)
    assert any(e.actor_id is None and e.actor_login is None for e in history)
    assert any(
        e.kind is K.label_added and e.payload.get("label") == "spam" and e.payload.get("target_id") for e in history
    )
    assert kinds[K.label_removed] >= 1 and kinds[K.reaction] > 0 and kinds[K.pr_closed] > 0
    opened = [e.payload for e in history if e.kind is K.issue_opened]
    assert any(p.get("form") == "question" and p.get("labels") == ["question"] for p in opened)
    ratings = {p["rating"] for p in opened if p.get("form") == "feedback"}
    assert ratings <= {1, 2, 3, 4, 5} and len(ratings) >= 3
    assert any("event" in p.get("labels", []) for p in opened)
    assert any(e.payload.get("kudos") for e in history if e.kind in (K.issue_comment, K.pr_comment))
    assert any(e.kind is K.discussion_created and e.payload["category"] == "Q&A" for e in history)
    answered = [e for e in history if e.kind is K.discussion_answered]
    comment_ids = {e.payload["comment_id"] for e in history if e.kind is K.discussion_comment}
    assert answered and all(e.payload["comment_id"] in comment_ids for e in answered)


def test_subjects_are_numbered_in_the_order_they_were_opened(community):
    _, loaded, history = community
    first: dict[int, dt.datetime] = {}
    for event in history:
        first.setdefault(event.subject, event.at)
    reserved = {item.issue for item in loaded.rules.agenda}
    numbers = sorted(n for n in first if n not in reserved)
    assert all(first[a] <= first[b] for a, b in zip(numbers, numbers[1:]))
    opened_by_number = defaultdict(set)
    for event in history:
        if event.kind in (K.issue_opened, K.pr_opened, K.discussion_created):
            opened_by_number[event.subject].add(event.subject_type)
    assert all(len(types) == 1 for types in opened_by_number.values())


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("mine")
    assert main(["demo", "--members", "10", "--out", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_simulation_of_the_example_does_not_depend_on_member_file_order():
    example = load_community(REPO)
    shuffled = example.model_copy(update={"members": tuple(reversed(example.members))})
    assert simulate(example, seed=2) == simulate(shuffled, seed=2)


def test_the_bench_floor_has_the_site_s_theme_and_plugins_but_no_hook_and_no_macros(tmp_path):
    import yaml

    from entraide.demo import bench

    config_path = bench.prepare_floor(tmp_path)
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    site = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "hooks" in site and "hooks" not in config
    assert config == {key: value for key, value in site.items() if key != "hooks"}
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / bench.FLOOR / "docs").rglob("*.md")]
    assert pages and not any("render_macros: true" in page for page in pages)


def test_the_bench_measures_a_stage_in_its_own_child_process():
    from entraide.demo import bench

    measure = bench.call_in_child("tiny", bench.load_and_score, REPO)
    assert measure.stage == "tiny" and measure.seconds > 0 and measure.peak_mb > 10


def test_the_bench_site_has_the_members_its_stories_name(tmp_path):
    """A story's author must have a public profile or the build stops: the bench's community gets them."""
    from entraide.content.loader import read_member
    from entraide.demo import bench

    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "lucas-bernard.yml").write_text(
        "login: lucas-bernard\nid: 10000016\nname: Lucas Bernard\nrole: learner\njoined: 2026-01-05\n", encoding="utf-8"
    )
    bench.prepare_site(tmp_path)
    for login in ("chloe-dubois", "lucas-bernard", "sarah-simon"):
        member, problems = read_member((tmp_path / "members" / f"{login}.yml").read_text(encoding="utf-8"), login)
        assert not problems and member is not None and member.public_profile, login
    kept, _ = read_member((tmp_path / "members" / "lucas-bernard.yml").read_text(encoding="utf-8"), "lucas-bernard")
    assert kept is not None and kept.id == 10000016  # the simulated member keeps its history's id


def test_the_bench_s_zensical_side_builds_both_and_rebuilds_few_pages_after_one_new_event(tmp_path):
    """The path `make bench` takes with Zensical, on a small simulated community: the staged site and
    Zensical's floor built, then one new event rewrites only the pages whose bytes changed."""
    from entraide.demo import bench, generators

    if not generators.ZENSICAL.exists():
        pytest.skip("Zensical is not installed")
    root = tmp_path / "community"
    bench.generate(str(root), "60", "3")  # smaller ones have no challenge PR left open
    bench.prepare_site(root), bench.prepare_floor(root)
    bench.render_pages(str(root))
    shown: list[bench.Measure] = []
    measures = bench.zensical_side(root, repeat=1, show=shown.append)
    assert [m.stage for m in measures] == [generators.STAGED_BUILD, "zensical floor: plain", bench.REBUILD]
    assert shown == measures and all(m.seconds > 0 and m.peak_mb > 10 for m in measures)
    assert (root / generators.STAGED / "site" / "defis" / "index.html").is_file()
    assert (root / bench.FLOOR / "site" / "defis" / "index.html").is_file()
    written, unchanged = map(
        int, re.findall(r"(\d+) page\(s\) rewritten, (\d+) unchanged", generators.rewritten(measures[-1].said))[0]
    )
    assert 0 < written < unchanged / 10  # one comment changes a few pages, not the site
    floor = bench.Measure(bench.FLOOR_BUILD, measures[0].seconds * 2, 1)
    assert bench.against_floor([*measures, floor]) == "   zensical (full site) / mkdocs floor: 0.50x"


def test_the_streamed_history_holds_exactly_the_events_the_simulation_gives():
    """`entraide demo` writes drafts kept as JSON text, line by line (`stored_lines`), to spare memory at a
    million events; each line is the store's own line of the event `simulate` freezes, in the same order."""
    from entraide.demo.history import stored_lines
    from entraide.demo.simulation import play

    example = load_community(REPO)
    streamed = [line for _, _, line in stored_lines(play(example, seed=5))]
    frozen = simulate(example, seed=5)
    assert streamed == [store.dumps([event]).decode().rstrip("\n") for event in frozen]
    assert len(streamed) > 1000


def test_the_scale_report_fits_each_stage_s_growth_on_every_size_measured():
    """`make bench`'s scale series: per stage, seconds, processor seconds and memory against events, the
    exponent fitted on every size that stage was measured at (100k and 1M; 10M too with `make bench-large`),
    sizes named."""
    from entraide.demo.bench import Measure
    from entraide.demo.growth import RAW, report

    whole = "whole pipeline (+ pages)"
    series = {
        n: [
            Measure(RAW, n / 1e5, 50 + n / 1e5, cpu=n / 1e5),
            Measure(whole, (n / 1e5) ** 1.5, n / 1e4, cpu=n / 1e4, tree_mb=(n / 1e4) ** 1.2),
        ]
        for n in (100_000, 1_000_000, 10_000_000)
    }
    del series[10_000_000][1:]  # the pipeline failed at 10M: fitted on the two sizes it ran at
    lines = report(series)
    fitted = next(line for line in lines if line.strip().startswith(whole))
    assert fitted.split()[4:9] == ["1.50", "1.00", "1.00", "1.20", "100,000,"] and fitted.endswith("1,000,000 events")
    raw = next(line for line in lines if line.strip().startswith(RAW) and line.endswith("events"))
    assert raw.endswith("100,000, 1,000,000, 10,000,000 events")
    assert raw.split()[3:5] == ["1.00", "1.00"] and raw.split()[6] == "-"  # no tree total: no tree exponent
    row = next(line for line in lines if line.startswith("   100,000  whole"))
    assert row.split()[7:9] == ["10", "16"]  # peak MB of the largest process, then the tree's total


def test_a_repeated_scale_series_keeps_each_stage_s_least_disturbed_run(monkeypatch, capsys):
    """`--repeat N`: every stage runs N times, in rounds over the sizes (a slow spell of the machine then
    touches every size alike), and the report keeps per stage the fewest seconds and processor seconds and
    the largest memory peaks; the exponents are fitted on those."""
    from entraide.demo import scale
    from entraide.demo.bench import Measure

    calls = []
    disturbed = {1: 3.0, 2: 1.0, 3: 2.0}  # the first round is slowed three times, the third twice

    def measured(root, events):
        calls.append(events)
        slowed = disturbed[calls.count(events)]
        return [
            Measure(scale.RAW, slowed * events / 100, 40 + calls.count(events), cpu=slowed * events / 100),
            Measure("load", slowed * events / 50, events / 10 + calls.count(events), cpu=events / 50, tree_mb=None),
        ]

    monkeypatch.setattr(scale, "prepared", lambda n, **_: (Path(f"scale-{n}"), n, None))
    monkeypatch.setattr(scale, "measure_stages", measured)
    assert scale.main(["--events", "100,1000", "--repeat", "3"]) == 0
    assert calls == [100, 1000, 100, 1000, 100, 1000]
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("     1,000  load"))
    assert row.split()[2:6] == ["20.00", "20.00", "103", "-"]  # least seconds, least cpu, largest peak
    fitted = next(line for line in out.splitlines() if line.strip().startswith("load") and line.endswith("events"))
    assert fitted.split()[1:3] == ["1.00", "1.00"]


def test_a_repeated_scale_series_shows_each_round_s_own_time_exponent(monkeypatch, capsys):
    """With `--repeat`, the exponent one round alone would give is printed per stage beside the fitted one:
    a round whose large size was slowed shows a steeper growth than the least disturbed figures do."""
    from entraide.demo import scale
    from entraide.demo.bench import Measure

    calls = []
    slowed = {(1000, 2): 10.0}  # the second round's 1,000 events took ten times their share

    def measured(root, events):
        calls.append(events)
        seconds = events / 100 * slowed.get((events, calls.count(events)), 1.0)
        return [Measure("load", seconds, 50, cpu=seconds)]

    monkeypatch.setattr(scale, "prepared", lambda n, **_: (Path(f"scale-{n}"), n, None))
    monkeypatch.setattr(scale, "measure_stages", measured)
    assert scale.main(["--events", "100,1000", "--repeat", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    fitted = next(line for line in lines if line.strip().startswith("load") and line.endswith("events"))
    assert fitted.split()[1] == "1.00"
    header = lines.index(next(line for line in lines if line.startswith("time exponent of each round alone")))
    assert lines[header].split()[-6:] == ["round", "1", "round", "2", "round", "3"]
    assert lines[header + 1].split() == ["load", "1.00", "2.00", "1.00"]


def test_a_single_run_series_prints_no_rounds():
    from entraide.demo.bench import Measure
    from entraide.demo.growth import report

    series = {n: [Measure("load", n / 100, 50)] for n in (100, 1000)}
    assert not any(line.startswith("time exponent of each round") for line in report(series, [series]))


def test_the_scale_series_flags_name_what_they_expect(capsys):
    from entraide.demo import scale

    for flags, expected in (
        (["--events", "100000,ten"], "--events: expected event counts separated by commas"),
        (["--events", "0"], "--events: expected event counts"),
        (["--repeat", "0"], "--repeat: expected a whole number of runs, at least 1, not '0'"),
    ):
        with pytest.raises(SystemExit) as stopped:
            scale.main(flags)
        assert stopped.value.code == 2
        assert expected in capsys.readouterr().err
