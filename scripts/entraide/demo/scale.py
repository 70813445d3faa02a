"""`make bench` scale series: each stage's seconds and peak memory against the number of events.

For each size (events; members = events / EVENTS_PER_MEMBER), the simulator writes a community, then
each stage runs alone in a child process (its own wall time and peak resident memory, forked page
renderers included):

- raw parse: every stored line through `json.loads`, streamed (the floor: reading the bytes at all);
- load: `events.store.load` (the compact core);
- load + score, load + score + KPIs;
- whole pipeline: load, score, KPIs and every generated page written to a folder (what a site build asks).

Each row gives wall seconds and processor seconds (user + system, forked workers included): on a shared
machine the wall time also counts the waits for a core, the processor time does not. Memory is given
twice: the peak resident MB of the largest process, and the peak total of the stage's whole process tree
(summed Pss, sampled: `demo.measure`), which counts forked workers once each and shared pages once; the
tree total is the one to hold against a machine's memory. Rows are printed as they are measured. Then,
per stage, the growth exponent fitted by least squares on log(seconds), log(cpu seconds), log(peak MB) and
log(tree MB) against log(events), on every size measured: 1 is linear. `make bench` runs 100k and 1M
events; `make bench-large` adds 10M.

With `--repeat N` every stage runs N times, in rounds over the sizes, and each figure is the least
disturbed of its runs (`least_disturbed`): on a shared machine a single run can swing an exponent by a few
tenths. The time exponent fitted on each round alone is printed too, so the spread is in plain sight.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from entraide.demo import bench
from entraide.demo.growth import RAW, fmt, least_disturbed, report
from entraide.demo.measure import Measure, call_in_child
from entraide.events.collector import collector_paused
from entraide.events.progress import steps

EVENTS_PER_MEMBER = 53.7  # the simulator's rate: 1,900 members -> 102,287 events; 19,000 -> 1,019,803


# --------------------------------------------------------------------------- stages (run in children)


def raw_parse(root: str) -> None:
    for path in sorted((Path(root) / "data" / "events").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                json.loads(line)


def load(root: str) -> None:
    from entraide.events import store

    store.load(Path(root) / "data")


def load_score_kpis(root: str) -> None:
    from entraide import scoring
    from entraide.events.dates import as_of_date
    from entraide.events.sidebyside import load_with_community
    from entraide.kpis import compute_all

    community, history = load_with_community(Path(root))  # as `entraide kpis` reads them
    as_of = as_of_date(community, history, None)
    compute_all(community, history, as_of=as_of, ledger=scoring.score(community, history, as_of=as_of))


def whole_pipeline(root: str, out: str) -> None:
    """Load, score, KPIs and every page written to the empty folder `out`, as `entraide pages --out` does (a
    page is written by the worker that renders it). The series gives the folder and removes it afterwards:
    removing a million files takes minutes that are no part of the stage."""
    from entraide.site import build as site
    from entraide.site.output import write_generated

    write_generated(site.context_for(Path(root)), Path(out))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the forked page renderers
    print(f"children_peak_kb={children}", flush=True)


def timed(target: str, root: str, *folder: str) -> None:
    """Run the stage `module:function` (on `root`, and the folder it writes to if it writes one) and report
    its own seconds, the interpreter's start-up excluded.
    The core's stages run with the cyclic collector paused, as the `entraide` command and the MkDocs hook
    run them (`collector_paused`); the raw parse allocates nothing that lives, so it is the same either way."""
    module, _, name = target.partition(":")
    started, cpu = time.perf_counter(), _cpu_seconds()
    with collector_paused():
        getattr(importlib.import_module(module), name)(root, *folder)
    print(f"work_seconds={time.perf_counter() - started:.6f}", flush=True)
    print(f"cpu_seconds={_cpu_seconds() - cpu:.6f}", flush=True)


def _cpu_seconds() -> float:
    """Processor seconds of this process and of the workers it forked and waited for (the page renderers)."""
    mine, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + workers.ru_utime + workers.ru_stime


STAGES: list[tuple[str, Callable[..., None]]] = [
    (RAW, raw_parse),
    ("load", load),
    ("load + score", bench.load_and_score),
    ("load + score + KPIs", load_score_kpis),
    ("whole pipeline (+ pages)", whole_pipeline),
]


# --------------------------------------------------------------------------- the series


def members_for(events: int) -> int:
    return max(4, round(events / EVENTS_PER_MEMBER))


def event_count(root: Path) -> int:
    total = 0
    for path in (root / "data" / "events").glob("*.jsonl"):
        with path.open("rb") as lines:
            total += sum(1 for _ in lines)
    return total


def prepared(target: int, *, seed: int, workdir: Path) -> tuple[Path, int, Measure | None]:
    """The community of about `target` events in `workdir` (written by the simulator unless it is there
    already): its folder, its events and the simulator's measure (None when reused)."""
    root = workdir / f"scale-{target}"
    generated = None
    if not (root / "data").is_dir():
        generated = call_in_child("generate (simulator)", bench.generate, root, members_for(target), seed)
    events = event_count(root)
    if generated:
        _shown(events, generated)
    return root, events, generated


def measure_stages(root: Path, events: int) -> list[Measure]:
    """Each stage once on the community at `root`. Each row is printed as soon as it is measured (a long
    series read while it runs, or stopped, keeps what it measured); a stage that fails (a child killed for
    memory, say) is reported and left out, and the next stages still run."""
    measures = []
    for name, function in steps(STAGES, label=f"{events:,} events", name=lambda stage: stage[0]):
        with tempfile.TemporaryDirectory(prefix="entraide-pages-") as out:  # removed once the row is shown
            folder = [out] if function is whole_pipeline else []
            try:
                measured = call_in_child(name, timed, f"{function.__module__}:{function.__qualname__}", root, *folder)
            except RuntimeError as failure:
                print(f"{events:>10,}  {name}: FAILED: {str(failure)[-600:]}", flush=True)
                continue
            seconds = measured.work or measured.seconds
            measures.append(_shown(events, dataclasses.replace(measured, stage=name, seconds=seconds)))
    return measures


def _shown(events: int, measure: Measure) -> Measure:
    print(
        f"{events:>10,}  {measure.stage:<26} {measure.seconds:>8.2f} s {fmt(measure.cpu):>8} cpu s "
        f"{measure.peak_mb:>8.0f} MB {fmt(measure.tree_mb, 0):>8} MB tree",
        flush=True,
    )
    return measure


def _sizes(text: str) -> list[int]:
    """The community sizes of `--events`: whole numbers of events, at least one each."""
    try:
        sizes = [int(n) for n in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"expected event counts separated by commas, e.g. 100000,1000000, not {text!r}"
        )
    return sizes


def _positive(text: str) -> int:
    """A count of at least one, for `--repeat`."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of runs, at least 1, not {text!r}")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m entraide.demo.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events", type=_sizes, default="100000,1000000", help="community sizes in events, comma-separated"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep (and reuse) the communities")
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=1,
        metavar="N",
        help="run every stage N times and keep the least disturbed run",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="entraide-scale-") as temp:
        workdir = args.keep or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        communities = [prepared(n, seed=args.seed, workdir=workdir) for n in args.events]
        runs: dict[int, list[list[Measure]]] = {events: [] for _, events, _ in communities}
        for _ in range(args.repeat):  # in rounds over the sizes, so that a slow spell touches them all alike
            for root, events, _ in communities:
                runs[events].append(measure_stages(root, events))
        generated = {events: [made] if made else [] for _, events, made in communities}
        series = {events: generated[events] + least_disturbed(measured) for events, measured in runs.items()}
        rounds = [{events: measured[n] for events, measured in runs.items()} for n in range(args.repeat)]
        print("\n".join(report(series, rounds)), flush=True)
    return 0


if __name__ == "__main__":  # run the module's own copy: stages are called in children by module name
    from entraide.demo import scale

    sys.exit(scale.main())
