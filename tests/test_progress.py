"""Long work shows where it is: a bar on a terminal, one line per step under Actions, nothing in pipes."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, str(REPO / "tests" / "entraide_cmd.py"), "entraide.cli.kpis", "--root", str(REPO), "kpis"]


def run(env: dict[str, str], *, terminal: bool = False) -> tuple[str, str]:
    """(stdout, stderr) of `entraide kpis` on the example; stderr on a pseudo-terminal when asked."""
    env = {**os.environ, **env}
    if not terminal:
        done = subprocess.run(COMMAND, env=env, capture_output=True, text=True, timeout=120, check=True)
        return done.stdout, done.stderr
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    shown: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(main, shown))
    with subprocess.Popen(COMMAND, env=env, stdout=subprocess.PIPE, stderr=child, text=True) as process:
        os.close(child)
        reader.start()
        out, _ = process.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(main)
    return out, b"".join(shown).decode(errors="replace")


def _drain(fd: int, into: list[bytes]) -> None:
    """Read the terminal while the command writes to it (Linux drops what is left once it closes)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        into.append(chunk)


def test_under_actions_each_step_is_one_plain_line():
    out, err = run({"GITHUB_ACTIONS": "true"})
    assert "KPIs as of" in out
    assert err.splitlines() == [
        "entraide kpis: step 1/3: content and events",
        "entraide kpis: step 2/3: scoring",
        "entraide kpis: step 3/3: KPIs",
    ]


def test_on_a_terminal_a_bar_names_the_step_and_in_a_pipe_nothing_is_added():
    _, bar = run({"GITHUB_ACTIONS": "false"}, terminal=True)
    assert "entraide kpis" in bar and "\r" in bar and "KPIs" in bar
    out, err = run({"GITHUB_ACTIONS": "false"})
    assert err == "" and "KPIs as of" in out
