"""The scale series' figures: the least disturbed of repeated runs, each stage's growth exponent fitted
against events, and the report `make bench` prints (`demo.scale` runs the stages)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from entraide.demo.measure import Measure

RAW = "raw parse (json.loads)"


def least_disturbed(runs: Sequence[Sequence[Measure]]) -> list[Measure]:
    """One measure per stage from several runs of the same stages: the fewest seconds and processor seconds
    (on a shared machine a run can only be slowed by the others, never sped up, so the minimum is the
    figure least disturbed, as `timeit` advises) and the largest peaks (memory is not disturbed that way,
    and the worst peak is the one a machine must hold). A stage that failed in every run is left out."""
    by_stage: dict[str, list[Measure]] = {}
    for run in runs:
        for measure in run:
            by_stage.setdefault(measure.stage, []).append(measure)
    kept = []
    for measures in by_stage.values():
        cpus = [m.cpu for m in measures if m.cpu is not None]
        trees = [m.tree_mb for m in measures if m.tree_mb is not None]
        kept.append(
            dataclasses.replace(
                min(measures, key=lambda m: m.seconds),
                cpu=min(cpus) if cpus else None,
                peak_mb=max(m.peak_mb for m in measures),
                tree_mb=max(trees) if trees else None,
            )
        )
    return kept


def exponent(points: Sequence[tuple[float, float]]) -> float | None:
    """The least-squares slope of log(y) against log(x): y grows as x to that power."""
    logs = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(logs) < 2:
        return None
    mean_x = sum(x for x, _ in logs) / len(logs)
    mean_y = sum(y for _, y in logs) / len(logs)
    spread = sum((x - mean_x) ** 2 for x, _ in logs)
    return sum((x - mean_x) * (y - mean_y) for x, y in logs) / spread if spread else None


def report(series: dict[int, list[Measure]], rounds: Sequence[dict[int, list[Measure]]] = ()) -> list[str]:
    """One row per (size, stage) with its multiple of the raw parse, then the fitted exponents; with several
    `rounds` (`--repeat`), each round's own time exponents too: how far one run alone would have put them."""
    lines = [f"{'events':>10}  {'stage':<26} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'tree MB':>8} {'x raw':>6}"]
    for events, measures in series.items():
        raw = next((m.seconds for m in measures if m.stage == RAW), None)
        for m in measures:
            times = f"{m.seconds / raw:>6.2f}" if raw and m.stage != "generate (simulator)" else f"{'':>6}"
            tree = fmt(m.tree_mb, 0)
            lines.append(
                f"{events:>10,}  {m.stage:<26} {m.seconds:>8.2f} {fmt(m.cpu):>8} {m.peak_mb:>8.0f} {tree:>8} {times}"
            )
    lines.append(f"\n{'growth exponent vs events':<38} {'time':>6} {'cpu':>6} {'memory':>7} {'tree':>6}  fitted on")
    stages = dict.fromkeys(m.stage for measures in series.values() for m in measures)
    for stage in stages:
        found = [(n, m) for n, measures in series.items() for m in measures if m.stage == stage]
        time_k = exponent([(n, m.seconds) for n, m in found])
        cpu_k = exponent([(n, m.cpu) for n, m in found if m.cpu is not None])
        memory_k = exponent([(n, m.peak_mb) for n, m in found])
        tree_k = exponent([(n, m.tree_mb) for n, m in found if m.tree_mb is not None])
        sizes = ", ".join(f"{n:,}" for n, _ in found)
        fitted = f"{fmt(time_k):>6} {fmt(cpu_k):>6} {fmt(memory_k):>7} {fmt(tree_k):>6}"
        lines.append(f"  {stage:<36} {fitted}  {sizes} events")
    if len(rounds) > 1:
        header = "".join(f"{'round ' + str(n):>9}" for n in range(1, len(rounds) + 1))
        lines.append(f"\n{'time exponent of each round alone':<38}{header}")
        for stage in stages:
            alone = [
                exponent([(n, m.seconds) for n, measures in run.items() for m in measures if m.stage == stage])
                for run in rounds
            ]
            if any(k is not None for k in alone):  # the simulator's run is not repeated
                lines.append(f"  {stage:<36}" + "".join(f"{fmt(k):>9}" for k in alone))
    return lines


def fmt(value: float | None, decimals: int = 2) -> str:
    """The figure with `decimals` decimals, or "-" when there is none."""
    return "-" if value is None else f"{value:.{decimals}f}"
