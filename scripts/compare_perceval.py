"""`make bench-sync`: the sync's economy on the fake GitHub, Entraide beside Perceval 1.6.1, as a table.

Cases: a full sync, an unchanged sync, and an incremental sync after 150 changes; each with a new token
per run (a workflow's `${{ github.token }}`: GitHub's ETags, and the fake's, are per token) and with a
constant token (a PAT or an App token: Entraide may then reuse its ETags, kept outside data/).
Columns: every request, REST requests counted against the rate limit, GraphQL queries and their points
(GitHub's formula), whether data/ holds exactly the scripted truth, bytes of data/ rewritten, seconds.

Perceval (GPL) is never a dependency of this project: install it in a separate environment and give
its executable; without it only Entraide's figures are printed.

    python3 -m venv /tmp/perceval-venv && /tmp/perceval-venv/bin/pip install perceval==1.6.1
    .venv/bin/python scripts/compare_perceval.py --perceval /tmp/perceval-venv/bin/perceval

Perceval reads issues and pull requests (categories issue and pull_request, with their comments,
reviews and reactions); its conditional requests live in memory within one run, its incremental runs
take `--from-date`. The repository is tests/fakegithub's `busy_repository` (2,000 issues, 1,000 PRs,
9,000 issue comments, 1,000 review comments, 1,500 reviews, 6,000 issue events, 20 discussions).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from entraide.events import store
from entraide.github.client import Client
from entraide.github.etags import EtagCache
from entraide.github.progress import Silent
from entraide.github.sync import Sync
from fakegithub import FakeGitHub
from fakegithub.payloads import stamp
from fakegithub.scenarios import busy_repository, changes
from fakegithub.truth import expected, stored

NEW_TOKENS = (f"ghs_bench{i}" for i in itertools.count())
SIZES = dict(
    issues=2000,
    prs=1000,
    issue_comments=9000,
    review_comments=1000,
    reviews=1500,
    label_changes=1000,
    closed_issues=700,
    merged=600,
    closed_prs=100,
    discussions=20,
)
HEADER = (
    f"{'tool':9} {'token':9} {'case':26} {'requests':>8} {'REST':>6} {'GraphQL':>7} {'points':>6}"
    f" {'= truth':>7} {'bytes':>9} {'seconds':>8}"
)


def snapshot(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def rewritten(before: dict[str, bytes], after: dict[str, bytes]) -> int:
    return sum(len(content) for name, content in after.items() if before.get(name) != content)


class Bench:
    def __init__(self, fake: FakeGitHub, work: Path):
        self.fake, self.work = fake, work
        fake.tokens["ghs_constant"] = "github-actions[bot]"

    def row(self, tool: str, token: str, case: str, action, data: Path | None = None) -> None:
        before = snapshot(data) if data and data.exists() else {}
        self.fake.clear_log()
        start = time.perf_counter()
        action()
        seconds = time.perf_counter() - start
        fake = self.fake
        truth, size = "", ""
        if data is not None:
            truth = "yes" if stored(store.load(data)) == expected(fake.repo) else "NO"
            size = str(rewritten(before, snapshot(data)))
        print(
            f"{tool:9} {token:9} {case:26} {len(fake.log):8} {len(fake.counted()):6}"
            f" {len(fake.counted('graphql')):7} {fake.points():6} {truth:>7} {size:>9} {seconds:8.1f}",
            flush=True,
        )

    def entraide(self, data: Path, constant: bool) -> None:
        token = "ghs_constant" if constant else next(NEW_TOKENS)
        self.fake.tokens[token] = "github-actions[bot]"
        etags = EtagCache(self.work / "etags.json", token) if constant else None
        client = Client(
            f"{self.fake.repo.owner}/{self.fake.repo.name}", token, api_url=self.fake.url, budget=100_000, etags=etags
        )
        report = Sync(client, data, progress=Silent()).run()
        assert report.stopped is None, report.stopped

    def perceval(self, executable: str, constant: bool, since: str | None) -> None:
        token = "ghs_constant" if constant else next(NEW_TOKENS)
        self.fake.tokens[token] = "github-actions[bot]"
        for category in ("issue", "pull_request"):
            command = [executable, "github", self.fake.repo.owner, self.fake.repo.name]
            command += ["--enterprise-url", self.fake.url, "-t", token, "--category", category]
            command += ["--no-archive", "--json-line", "-o", "/dev/null"] + (["--from-date", since] if since else [])
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--perceval", help="the perceval executable (separate venv); omitted: Entraide only")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full-size repository")
    args = parser.parse_args()
    perceval = args.perceval if args.perceval and shutil.which(args.perceval) else None
    if args.perceval and not perceval:
        print(f"Perceval not found at {args.perceval}: Entraide's figures only", flush=True)
    with FakeGitHub() as fake, tempfile.TemporaryDirectory() as folder:
        fake.set_rate_limit(1_000_000, limit=1_000_000)
        busy_repository(fake.repo, **{k: max(int(v * args.scale), 1) for k, v in SIZES.items()})
        work = Path(folder)
        bench = Bench(fake, work)
        data = {False: work / "new-token", True: work / "constant-token"}
        print(HEADER, flush=True)
        for constant in (False, True):
            kind = "constant" if constant else "new/run"
            bench.row("entraide", kind, "full", lambda c=constant: bench.entraide(data[c], c), data[constant])
        if perceval:
            for constant in (False, True):
                kind = "constant" if constant else "new/run"
                bench.row("perceval", kind, "full", lambda c=constant: bench.perceval(perceval, c, None))
        since = stamp(fake.repo.clock)
        for constant in (False, True):
            kind = "constant" if constant else "new/run"
            bench.row("entraide", kind, "unchanged", lambda c=constant: bench.entraide(data[c], c), data[constant])
        if perceval:
            for constant in (False, True):
                kind = "constant" if constant else "new/run"
                bench.row(
                    "perceval", kind, "unchanged (--from-date)", lambda c=constant: bench.perceval(perceval, c, since)
                )
        changes(fake.repo, 150)
        for constant in (False, True):
            kind = "constant" if constant else "new/run"
            bench.row("entraide", kind, "150 changes", lambda c=constant: bench.entraide(data[c], c), data[constant])
        if perceval:
            for constant in (False, True):
                kind = "constant" if constant else "new/run"
                bench.row(
                    "perceval", kind, "150 changes (--from-date)", lambda c=constant: bench.perceval(perceval, c, since)
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
