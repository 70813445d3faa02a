"""`make bench`: time and peak memory of each stage on simulated communities of 1,000 and 5,000 members.

For each size, the simulator writes a community into a temporary folder; then each stage runs in its own
child process, so its wall time and peak resident memory (the child's own `VmHWM`, or `ru_maxrss` for a
command such as mkdocs, which also holds the bench's own peak) are its own:

- generate: the simulator itself (members, catalogue, history);
- load + score: `load_community`, `events.load`, `scoring.score`;
- render pages: the same plus every generated page, written as plain Markdown files (the floor's input);
- mkdocs build: the real site, generated pages handed over by the hook;
- floor: mkdocs-material building those same pages as plain files, same theme and plugins, no hook;
- Zensical (`demo.generators`): the staged site and Zensical's own floor, full builds, then the rebuild
  after one new event (pages rewritten: only those whose bytes changed; Zensical with its cache).

The last line of each size is build / floor: what the hook and the core cost over MkDocs itself.
Other stages join through `EXTRA_STAGES`: (name, callable taking the community folder), run the same way.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from entraide.content.i18n import split_language
from entraide.demo import generators, identity
from entraide.demo.measure import Measure, call_in_child, run_child
from entraide.events.dates import as_of_date
from entraide.site.output import write_pages

REPO = Path(__file__).resolve().parents[3]
FLOOR = "floor"  # subfolder of the community holding the plain-pages project
BUILD, FLOOR_BUILD = "mkdocs build (hook)", "floor: plain pages"
REBUILD = "+1 event: zensical again"

# (name, function taking the community folder as a string). The function must be importable by module
# and name: each stage runs in a fresh child process. Add KPI timing or other stages here.
EXTRA_STAGES: list[tuple[str, Callable[[str], object]]] = []
EXTRA_STAGES.append(("load + score + KPIs", importlib.import_module("entraide.site.kpi.pages").bench_stage))


def rules_diff(root: str) -> None:
    """The PR check's score diff of a rule change (answers worth twice as much): load, score twice, compare."""
    from entraide import scoring
    from entraide.content import loader as content
    from entraide.content.i18n import translator
    from entraide.events import store as events
    from entraide.scoring.diff import markdown, rule_diff

    head = content.load_community(Path(root))
    points = head.rules.points.model_copy(update={"answer": head.rules.points.answer * 2})
    base = head.model_copy(update={"rules": head.rules.model_copy(update={"points": points})})
    history = events.load(Path(root) / "data")
    as_of = as_of_date(head, history)
    before, after = scoring.score(base, history, as_of=as_of), scoring.score(head, history, as_of=as_of)
    markdown(rule_diff(before, after, public=head.public_members()), tr=translator(head.rules.language))


EXTRA_STAGES.append(("score diff (rule change)", rules_diff))


def mkdocs_build(stage: str, config: Path) -> Measure:
    site_dir = config.parent / "site"
    return run_child(stage, [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)])


# --------------------------------------------------------------------------- stages (run in children)


def generate(out: str, members: str, seed: str) -> None:
    from entraide.demo.community import write_community

    write_community(Path(out), members=int(members), seed=int(seed))


def load_and_score(root: str) -> None:
    from entraide import scoring
    from entraide.content import loader as content
    from entraide.events import store as events

    community = content.load_community(Path(root))
    history = events.load(Path(root) / "data")
    scoring.score(community, history, as_of=as_of_date(community, history))


def load_score_and_effects(root: str) -> None:
    """« Ce qui aide » alone after loading and scoring: its time beyond "load + score" is what it costs
    (exposures and outcomes of every learner, then every estimate with its bootstrap interval)."""
    from entraide import scoring
    from entraide.content import loader as content
    from entraide.events import store as events
    from entraide.kpis.effects import rows
    from entraide.kpis.estimate import estimates
    from entraide.kpis.history import build_history

    community = content.load_community(Path(root))
    history = tuple(events.load(Path(root) / "data"))
    as_of = as_of_date(community, history)
    ledger = scoring.score(community, history, as_of=as_of)
    estimates(rows(build_history(community, history, as_of=as_of), ledger=ledger), community.rules.effects)


EXTRA_STAGES.append(("load + score + effects", load_score_and_effects))


def render_pages(root: str) -> None:
    """Every generated page, as the hook would hand it over, written under the floor's docs/."""
    from entraide.site import build as site

    write_pages(site.generate(site.context_for(Path(root))), Path(root) / FLOOR / "docs")


# --------------------------------------------------------------------------- set-up of the two projects


def prepare_site(root: Path) -> Path:
    """The repository's mkdocs.yml, docs/ and hooks/ beside the generated community, and the members its
    stories name (a story's author must have a public profile, or the build stops)."""
    shutil.copytree(REPO / "docs", root / "docs")
    for login in _story_authors():
        mine = root / "members" / f"{login}.yml"
        if not mine.exists():
            shutil.copyfile(REPO / "members" / f"{login}.yml", mine)
        elif "public_profile: true" not in mine.read_text(encoding="utf-8"):
            mine.write_text(mine.read_text(encoding="utf-8") + "public_profile: true\n", encoding="utf-8")
    shutil.copytree(REPO / "hooks", root / "hooks")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def _story_authors() -> list[str]:
    from entraide.site.feeds import front_matter

    posts = sorted((REPO / "docs").glob("temoignages/posts/*.md"))
    meta = [front_matter(post.read_text(encoding="utf-8"), path=str(post)).get("authors") or [] for post in posts]
    return sorted({str(login) for authors in meta for login in (authors if isinstance(authors, list) else [authors])})


def prepare_floor(root: Path) -> Path:
    """Same theme, plugins and hand-written pages (in the community's one language: `page.en.md` beside
    `page.md` is a translation the hook leaves out), no hook; macros off so no page reaches the core."""
    floor = root / FLOOR
    shutil.copytree(REPO / "docs", floor / "docs", dirs_exist_ok=True)
    for translated in [p for p in (floor / "docs").rglob("*") if split_language(p.name)[1] is not None]:
        translated.unlink()
    shutil.copytree(REPO / "overrides", floor / "overrides", dirs_exist_ok=True)
    for page in (floor / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^render_macros:\s*true\s*$", "render_macros: false", text), encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^hooks:.*\n(?:(?:[ \t]+.*|[ \t]*-.*)\n)*", "", config)  # the key and its list
    (floor / "mkdocs.yml").write_text(config, encoding="utf-8")
    return floor / "mkdocs.yml"


def bench_size(members: int, *, seed: int, workdir: Path, repeat: int, show: Callable[[Measure], None]):
    """Every stage once, then the two builds `repeat` times, alternating; the best time of each is kept
    (on a shared machine, the fastest run is the one least disturbed by others)."""
    root = workdir / f"community-{members}"
    measures = [call_in_child("generate (simulator)", generate, root, members, seed)]
    site_config, floor_config = prepare_site(root), prepare_floor(root)
    measures.append(call_in_child("load + score", load_and_score, root))
    measures += [call_in_child(name, function, root) for name, function in EXTRA_STAGES]
    measures.append(call_in_child("render pages to files", render_pages, root))
    for measure in measures:
        show(measure)
    builds = [(mkdocs_build(BUILD, site_config), mkdocs_build(FLOOR_BUILD, floor_config)) for _ in range(repeat)]
    for runs in zip(*builds):
        best = min(runs, key=lambda m: m.seconds)
        show(best)
        measures.append(best)
    return measures + zensical_side(root, repeat=repeat, show=show)


def zensical_side(root: Path, *, repeat: int, show: Callable[[Measure], None]) -> list[Measure]:
    """Entraide + Zensical and Zensical's floor, full builds (best of `repeat`), then the rebuild after one
    new event: the pages whose bytes changed are rewritten, and Zensical rebuilds with its cache."""
    measures = []
    for stage, argv, project in generators.zensical_stages(root, floor=root / FLOOR):
        measures.append(min((_full(stage, argv, project) for _ in range(repeat)), key=lambda m: m.seconds))
        show(measures[-1])
    if measures:
        try:
            generators.one_new_event(root)
        except ValueError as none:  # a tiny community may have no challenge PR left open
            print(f"{'':>8}  {'':<24} no rebuild: {none}", flush=True)
            return measures
        after = run_child(REBUILD, generators.rebuild_argv(root))
        show(after)
        print(f"{'':>8}  {'':<24} {generators.rewritten(after.said)}", flush=True)
        measures.append(after)
    return measures


def _full(stage: str, argv: list[str], project: Path) -> Measure:
    generators.fresh(project)
    return run_child(stage, argv)


def pages_in(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def _show(members: int, measure: Measure) -> None:
    print(row(members, measure), flush=True)


def row(members: int, measure: Measure) -> str:
    """Wall and processor seconds side by side: on a shared machine the wall time includes others' work."""
    cpu = "" if measure.cpu is None else f"{measure.cpu:.2f}"
    return f"{members:>8}  {measure.stage:<24} {measure.seconds:>8.2f} {cpu:>8} {measure.peak_mb:>8.0f}"


def ratio(measures: list[Measure]) -> float:
    by_stage = {m.stage: m.seconds for m in measures}
    return by_stage[BUILD] / by_stage[FLOOR_BUILD]


def against_floor(measures: list[Measure]) -> str:
    """The goal's comparison: the full site with Zensical against MkDocs' own plain-pages floor."""
    by_stage = {m.stage: m for m in measures}
    staged, floor = by_stage.get(generators.STAGED_BUILD), by_stage[FLOOR_BUILD]
    if staged is None:
        return ""
    cpu = f", cpu {staged.cpu / floor.cpu:.2f}x" if staged.cpu and floor.cpu else ""
    return f"   zensical (full site) / mkdocs floor: {staged.seconds / floor.seconds:.2f}x{cpu}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m entraide.demo.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", default="1000,5000", help="community sizes, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each build; the best is shown")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the communities")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="entraide-bench-") as temp:
        workdir = args.keep or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"{'members':>8}  {'stage':<24} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}", flush=True)
        for members in (int(n) for n in args.members.split(",")):
            measures = bench_size(
                members,
                seed=args.seed,
                workdir=workdir,
                repeat=args.repeat,
                show=functools.partial(_show, members),
            )
            pages = pages_in(workdir / f"community-{members}" / "site")
            print(
                f"{members:>8}  build / floor: {ratio(measures):.2f}x{against_floor(measures)}   ({pages} pages)",
                flush=True,
            )
            same = call_in_child("identity", identity.check, workdir / f"community-{members}")
            print(
                f"{members:>8}  old and compact core: same ledger, KPIs and pages ({same.seconds:.0f} s)\n", flush=True
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
