"""« Ce qui aide »'s comparisons computed in a worker process (`kpis.beside`, `kpis.drawer`): the same
report as computed in-process, and a worker that cannot start, dies, fails or is left by an error is
replaced or ended, never waited for forever."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

import entraide.kpis
from entraide import scoring
from entraide.events.dates import as_of_date
from entraide.events.sidebyside import load_with_community
from entraide.kpis import beside as worker
from entraide.kpis import compute_all
from entraide.kpis.comparison import Columns, Settings, figures_of_each

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example():
    community, history = load_with_community(REPO)
    as_of = as_of_date(community, history, None)
    return community, history, as_of, scoring.score(community, history, as_of=as_of)


@pytest.fixture
def started(monkeypatch):
    """Every worker started (the threshold lowered so that the example gets one)."""
    processes = []
    popen = subprocess.Popen

    def spy(*args, **kwargs):
        processes.append(popen(*args, **kwargs))
        return processes[-1]

    monkeypatch.setattr(worker, "FROM_EVENTS", 0)
    monkeypatch.setattr(worker, "a_core_is_idle", lambda: True)  # however busy the machine running the tests
    monkeypatch.setattr(worker.subprocess, "Popen", spy)
    return processes


def in_process(example, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(worker, "FROM_EVENTS", 10**12)
        return compute_all(example[0], example[1], as_of=example[2], ledger=example[3])


def report(example):
    return compute_all(example[0], example[1], as_of=example[2], ledger=example[3])


def test_the_worker_computes_what_is_computed_in_process(example, started, monkeypatch):
    """The same report, bit for bit; the figures came from the worker (not its fallback), which has ended."""
    drawn_here = []
    monkeypatch.setattr(worker, "figures_of_each", lambda *a: drawn_here.append(1) or figures_of_each(*a))
    beside = report(example)
    assert len(started) == 1 and started[0].returncode is not None
    assert not drawn_here
    assert any(e.status == "ok" for e in beside.effects)
    assert beside == in_process(example, monkeypatch)
    assert drawn_here  # the reference was drawn here


@pytest.mark.parametrize("whole", [True, False])
def test_the_worker_s_figures_are_figures_of_each_s_bit_for_bit(whole, monkeypatch):
    """Random columns: unknown exposures and outcomes, whole outcomes (counted) and means (summed), samples of
    equal and different sizes, comparisons with too few learners."""
    rng = random.Random(5)
    pairs = [(x, o) for x in ("x", "y", "z") for o in ("o", "p")]
    count = 400
    values = [0.0, 1.0, 2.0] if whole else [0.0, 1.5, 2.25, 4.0, -0.0]
    columns = Columns.read(
        [f"c{rng.randrange(3)}\x00{rng.randrange(3)}" for _ in range(count)],
        [
            {"x": rng.choice([True, False, None]), "y": rng.choice([True, False]), "z": n == 0}  # z: one exposed
            for n in range(count)
        ],
        [
            {pair: rng.choice([None, *values]) if pair[0] == "x" else rng.choice(values) for pair in pairs}
            for _ in range(count)
        ],
        pairs,
    )
    settings = Settings(min_learners=5, resamples=450, seed=7)
    monkeypatch.setattr(worker, "a_core_is_idle", lambda: True)
    with worker.comparisons_beside(10**9) as beside:
        assert beside.process is not None
        found = beside.figures_of_each(columns, pairs, settings)()
    assert found == figures_of_each(columns, pairs, settings)
    assert {each["status"] for each in found} == {"ok", "too_few"}


@pytest.mark.parametrize("fault", ["killed before", "killed after", "fails", "cannot start"])
def test_a_worker_that_dies_fails_or_cannot_start_is_replaced_by_the_in_process_draws(
    example, started, monkeypatch, tmp_path, fault
):
    reference = in_process(example, monkeypatch)
    send = worker._sent

    def killed(process, value, *, before):
        if not isinstance(value, tuple):  # sys.path, at the start
            return send(process, value)
        if before:  # gone before the samples are sent: they cannot be
            process.kill(), process.wait()
        sent = send(process, value)
        if not before:  # gone while drawing: nothing comes back
            process.kill(), process.wait()
        return sent

    if fault.startswith("killed"):
        monkeypatch.setattr(
            worker, "_sent", lambda process, value: killed(process, value, before=fault.endswith("before"))
        )
    elif fault == "fails":
        failing = tmp_path / "drawer.py"
        failing.write_text("import sys\nsys.stdin.buffer.read(8)\nsys.stdout.write('garbage')\n")
        monkeypatch.setattr(worker, "DRAWER", failing)
    else:
        monkeypatch.setattr(worker.sys, "executable", str(tmp_path / "no-python"))
    assert report(example) == reference
    assert all(process.returncode is not None for process in started)


def test_a_worker_that_raises_is_reported_and_replaced(example, started, monkeypatch, tmp_path, capfd):
    failing = tmp_path / "drawer.py"
    failing.write_text("raise RuntimeError('the drawer broke')\n")
    monkeypatch.setattr(worker, "DRAWER", failing)
    assert report(example) == in_process(example, monkeypatch)
    assert "the drawer broke" in capfd.readouterr().err


@pytest.mark.parametrize("error", [KeyboardInterrupt, ValueError])
def test_an_error_here_ends_the_worker(example, started, monkeypatch, error):
    """Ctrl-C or a failing KPI while the worker draws: the error is raised, the worker killed and waited for."""

    def broken(history):
        raise error("stop")

    monkeypatch.setattr(entraide.kpis, "connections", broken)
    with pytest.raises(error):
        report(example)
    assert len(started) == 1 and started[0].returncode is not None


def test_one_core_a_busy_machine_or_a_small_history_computes_in_process(monkeypatch):
    monkeypatch.setattr(worker, "FROM_EVENTS", 100)
    monkeypatch.setattr(worker.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    monkeypatch.setattr(worker.os, "sched_getaffinity", lambda pid: {0})
    assert not worker.a_core_is_idle()
    monkeypatch.setattr(worker.os, "sched_getaffinity", lambda pid: {0, 1})
    assert worker.a_core_is_idle()
    with worker.comparisons_beside(99) as beside:
        assert beside.process is None
    monkeypatch.setattr(worker.os, "getloadavg", lambda: (1.7, 0.2, 0.2))  # another process keeps a core busy
    assert not worker.a_core_is_idle()
    with worker.comparisons_beside(10**9) as beside:
        assert beside.process is None


def _running(pid: int) -> bool:
    """Not ended: still in /proc and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_whose_parent_is_killed_ends_by_itself():
    """SIGKILL leaves no `finally` to run: the worker ends on its closed stdin."""
    script = (
        "import time\nfrom entraide.kpis import beside\nbeside.a_core_is_idle = lambda: True\n"
        "with beside.comparisons_beside(10**9) as drawer:\n"
        "    print(drawer.process.pid, flush=True)\n    time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    pid = int(parent.stdout.readline())
    assert _running(pid)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)
