"""Side by side on the fake GitHub: `entraide sync` and Perceval's GitHub backend, full and incremental.

Perceval (GPL) is never a dependency of this project: install it in a separate environment and give
its executable, e.g.

    python3 -m venv /tmp/perceval-venv && /tmp/perceval-venv/bin/pip install perceval
    .venv/bin/python scripts/compare_perceval.py --perceval /tmp/perceval-venv/bin/perceval

Prints, for each tool and pass, the requests made (all, and those counted against the rate limit)
and the wall time. The repository is tests/fakegithub's `busy_repository` (2,000 issues, 1,000 PRs,
9,000 issue comments, 1,000 review comments, 1,500 reviews, 6,000 issue events), then 150 changes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from entraide.github.client import Client
from entraide.github.progress import Silent
from entraide.github.sync import Sync
from fakegithub import FakeGitHub
from fakegithub.payloads import stamp
from fakegithub.scenarios import busy_repository, changes


def measure(fake: FakeGitHub, label: str, action) -> None:
    fake.clear_log()
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    counted = len(fake.counted()) + len(fake.counted("graphql"))
    statuses = sorted({r.status for r in fake.log})
    print(
        f"{label:38} {len(fake.log):6} requests {counted:6} counted {seconds:8.1f} s  statuses {statuses}", flush=True
    )


def entraide_sync(fake: FakeGitHub, data: Path) -> None:
    client = Client(f"{fake.repo.owner}/{fake.repo.name}", fake.token, api_url=fake.url, budget=100_000)
    report = Sync(client, data, progress=Silent()).run()
    assert report.stopped is None, report.stopped


def perceval(fake: FakeGitHub, executable: str, since: str | None) -> None:
    for category in ("issue", "pull_request"):
        command = [
            executable,
            "github",
            fake.repo.owner,
            fake.repo.name,
            "--enterprise-url",
            fake.url,
            "-t",
            fake.token,
            "--category",
            category,
            "--no-archive",
            "--json-line",
            "-o",
            "/dev/null",
        ] + (["--from-date", since] if since else [])
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--perceval", required=True, help="the perceval executable (separate venv)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full-size repository")
    args = parser.parse_args()
    with FakeGitHub() as fake, tempfile.TemporaryDirectory() as data:
        fake.set_rate_limit(1_000_000, limit=1_000_000)
        sizes = dict(
            issues=2000,
            prs=1000,
            issue_comments=9000,
            review_comments=1000,
            reviews=1500,
            label_changes=1000,
            closed_issues=700,
            merged=600,
            closed_prs=100,
        )
        busy_repository(fake.repo, **{k: int(v * args.scale) for k, v in sizes.items()})
        measure(fake, "entraide sync, full", lambda: entraide_sync(fake, Path(data)))
        measure(fake, "perceval (issue + pull_request), full", lambda: perceval(fake, args.perceval, None))
        since = stamp(fake.repo.clock)
        changes(fake.repo, 150)
        measure(fake, "entraide sync, incremental", lambda: entraide_sync(fake, Path(data)))
        measure(fake, "perceval, incremental (--from-date)", lambda: perceval(fake, args.perceval, since))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
