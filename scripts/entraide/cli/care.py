"""Commands of the private job: `care pull` (needs and pulse answers from the private repository),
`care pulse` (the public aggregates, and the mentors' alert), `digest` (the monthly digest).

Tokens: ENTRAIDE_MENTORS_TOKEN (else GITHUB_TOKEN) for the private repository. Nothing private is printed:
the commands say how many items they handled and where they went.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from entraide.bot.datalock import writes_data
from entraide.cli.flags import http_timeout, iso_date


def add_command(subparsers) -> None:
    care = subparsers.add_parser("care", help="needs, well-being pulse (private job; aggregates only are public)")
    actions = care.add_subparsers(dest="care_command", metavar="ACTION", required=True)
    pull = actions.add_parser("pull", help="read needs and pulse answers from the private repository into private/")
    _api(pull)
    pull.set_defaults(handler=run_pull)
    pulse = actions.add_parser("pulse", help="write data/pulse.json (groups of 5 or more only); --post alerts")
    pulse.add_argument("--post", action="store_true", help="file an alert in the private repository if a pulse falls")
    _api(pulse)
    pulse.set_defaults(handler=writes_data(run_pulse))
    digest = subparsers.add_parser("digest", help="the monthly digest for mentors (private repository or private/)")
    digest.add_argument("--month", default=None, metavar="YYYY-MM", help="default: the month before --as-of")
    digest.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    digest.add_argument("--post", action="store_true", help="file it in mentors_repository, once per month")
    _api(digest)
    digest.set_defaults(handler=run_digest)


def _api(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL", "https://api.github.com"))


def _token() -> str | None:
    return os.environ.get("ENTRAIDE_MENTORS_TOKEN") or os.environ.get("GITHUB_TOKEN")


def run_pull(args: argparse.Namespace) -> int:
    from entraide.bot.carepull import pull
    from entraide.bot.privatepost import private_issues
    from entraide.content.loader import load_rules

    rules = load_rules(args.root)
    issues = private_issues(
        rules.mentors_repository, token=_token(), api_url=args.api_url, what="needs and pulse", timeout=http_timeout()
    )
    needs, answers = pull(Path(args.root), issues, rules=rules)
    print(f"read {needs} need(s) and {answers} pulse answer(s) into private/ (git-ignored)")
    return 0


def run_pulse(args: argparse.Namespace) -> int:
    from entraide.content.loader import load_rules
    from entraide.events.pulsefile import PUBLIC_FILE, dumps, read_answers
    from entraide.events.store import write_atomic
    from entraide.kpis import pulse

    rules = load_rules(args.root)
    groups = pulse.aggregate(read_answers(args.root), rules=rules)
    write_atomic(Path(args.root) / PUBLIC_FILE, dumps(groups).encode())
    falling = pulse.alerts(groups, rules=rules)
    print(
        f"wrote {PUBLIC_FILE}: {len(groups)} group(s) of {pulse.floor(rules)} answers or more; {len(falling)} alert(s)"
    )
    if args.post and falling:
        from entraide.bot.privatepost import file_once, private_issues

        issues = private_issues(
            rules.mentors_repository, token=_token(), api_url=args.api_url, what="the alert", timeout=http_timeout()
        )
        for alert in falling:
            body = pulse.alert_text(alert, rules=rules)
            key = f"pulse-alert:{alert.cohort}:{alert.week}"
            where, new = file_once(
                issues, key=key, title=pulse.alert_title(alert, rules=rules), label="pulse-alert", body=body
            )
            print(f"{'filed' if new else 'already filed'}: {where}")
    return 0


def run_digest(args: argparse.Namespace) -> int:
    from entraide.bot import digest as bot_digest
    from entraide.content.loader import load_community
    from entraide.events import store
    from entraide.events.dates import as_of_date
    from entraide.insight import digest
    from entraide.insight.report import check_private

    root = Path(args.root)
    community = load_community(root)
    history = tuple(store.load(root / "data"))
    as_of = args.as_of or as_of_date(community, history)
    month = args.month or (as_of.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    if args.post:
        return _post_digest(community, history, month=month, as_of=as_of, api_url=args.api_url)
    text = digest.render(bot_digest.inputs(community, history, month=month, as_of=as_of, comments=()))
    target = check_private(root, root / "private" / f"digest-{month}.md")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote the digest for {month} to {target} (private)")
    return 0


def _post_digest(community, history, *, month: str, as_of: dt.date, api_url: str) -> int:
    """Looks for this month's digest first: a re-run finds it and stops before computing anything."""
    from entraide.bot import digest as bot_digest
    from entraide.bot.privatepost import filed, private_issues
    from entraide.insight import digest

    repository = community.rules.mentors_repository
    issues = private_issues(repository, token=_token(), api_url=api_url, what="the digest", timeout=http_timeout())
    if filed(issues, key=f"{bot_digest.LABEL}:{month}", label=bot_digest.LABEL) is not None:
        print(f"already filed, not filed again: the digest for {month}")
        return 0
    comments = _comments(community.rules.repository, month, api_url=api_url)
    found = bot_digest.inputs(community, history, month=month, as_of=as_of, comments=comments)
    where, _ = bot_digest.post(digest.render(found), month=month, issues=issues)
    print(f"filed the digest for {month}: {where}")
    return 0


def _comments(repository: str | None, month: str, *, api_url: str) -> tuple[str, ...]:
    """Survey comments of the month, from the public repository's feedback issues (GITHUB_TOKEN)."""
    from entraide.bot.digest import survey_comments
    from entraide.bot.privatepost import DEFAULT_API
    from entraide.github.client import Client
    from entraide.github.issues import GitHubIssues

    token = os.environ.get("GITHUB_TOKEN")
    if not repository or not token:
        return ()
    api = api_url.rstrip("/")
    client = Client(
        repository, token, api_url=None if api == DEFAULT_API else api.removesuffix("/api/v3"), timeout=http_timeout()
    )
    found = GitHubIssues(client, bot_logins=frozenset(), delay=0.0).pages(
        "/issues", {"labels": "feedback", "state": "all", "since": f"{month}-01T00:00:00Z"}
    )
    return survey_comments(found, month=month)
