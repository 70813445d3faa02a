"""Commands for mentors: `risk evaluate`, `risk report`, `suggest`, `next-steps`.

`risk evaluate` runs the protocol of `entraide.insight.protocol` on OULAD-layout folders: presentations
before `--test-from` choose and train the model, later ones (in the same folder or in `--oulad-test`)
are its one test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from entraide.cli.flags import iso_date
from entraide.content.errors import N_, Problem, UserError
from entraide.content.i18n import translator
from entraide.events.dates import as_of_date
from entraide.insight.nextsteps import acceptances, read_pages, recommend, resources, transitions, with_resources

ATTRIBUTION = (
    'OULAD: Kuzilek J., Hlosta M., Zdrahal Z. (2017), "Open University Learning Analytics '
    'dataset", Scientific Data 4:170171, doi:10.1038/sdata.2017.171 (CC-BY 4.0)'
)


def add_command(subparsers) -> None:
    risk = subparsers.add_parser("risk", help="learners at risk of dropping out (private to mentors)")
    actions = risk.add_subparsers(dest="risk_command", metavar="ACTION", required=True)
    _add_evaluate(actions)
    _add_report(actions)
    simulated = actions.add_parser(
        "evaluate-simulated", help="train on the first cohort, score the last, on simulated histories"
    )
    simulated.add_argument("--seeds", type=int, default=10, metavar="N")
    simulated.add_argument("--day", type=int, action="append", required=True, metavar="D")
    simulated.set_defaults(handler=run_evaluate_simulated)
    suggest = subparsers.add_parser("suggest", help="pages and accepted answers that may answer a question")
    suggest.add_argument("question", nargs="?", help="the question's text")
    suggest.add_argument(
        "--evaluate",
        type=Path,
        metavar="FILE",
        help="measure recall@3 and MRR of each method on labelled questions (YAML)",
    )
    suggest.add_argument("--json", action="store_true", help="print machine-readable output")
    suggest.set_defaults(handler=run_suggest)
    steps = subparsers.add_parser("next-steps", help="next challenges and resources for one learner")
    steps.add_argument("login", nargs="?")
    steps.add_argument(
        "--evaluate",
        type=int,
        metavar="SEEDS",
        help="leave-last-out hit rates on this many simulated histories of the community",
    )
    steps.add_argument("--as-of", type=iso_date, default=None, metavar="YYYY-MM-DD")
    steps.add_argument("--json", action="store_true")
    steps.set_defaults(handler=run_next_steps)


def _add_evaluate(actions) -> None:
    evaluate = actions.add_parser(
        "evaluate", help="the OULAD protocol: select on earlier presentations, train once, test on later ones"
    )
    evaluate.add_argument(
        "--oulad", type=Path, required=True, metavar="DIR", help="OULAD-layout folder (e.g. the 2013 presentations)"
    )
    evaluate.add_argument(
        "--oulad-test", type=Path, default=None, metavar="DIR", help="another folder holding the test presentations"
    )
    evaluate.add_argument(
        "--test-from", default="2014B", metavar="CODE", help="presentations from this code on are the test ones"
    )
    evaluate.add_argument("--modules", metavar="A,B", help="keep only these code_module values")
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(handler=run_evaluate)


def _add_report(actions) -> None:
    report = actions.add_parser("report", help="write the private mentors' report (never under site/ or data/)")
    report.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to predict on; default: the day after the last event",
    )
    report.add_argument(
        "--out", type=Path, default=None, metavar="PATH", help="default: <root>/private/risk-report.md (git-ignored)"
    )
    report.add_argument(
        "--post",
        action="store_true",
        help="file it as an issue of the private repository named by mentors_repository in "
        "entraide.yml (token: ENTRAIDE_MENTORS_TOKEN, else GITHUB_TOKEN) instead of a file",
    )
    report.add_argument(
        "--api-url",
        default=os.environ.get("GITHUB_API_URL", "https://api.github.com"),
        help="GitHub's API, or a GitHub Enterprise server's address",
    )
    size = report.add_mutually_exclusive_group()
    size.add_argument("--share", type=float, default=0.15, metavar="S", help="list this share of the cohort (0.15)")
    size.add_argument("--capacity", type=int, default=None, metavar="N", help="list at most N learners")
    size.add_argument(
        "--threshold", type=float, default=None, metavar="P", help="list those with a probability of at least P"
    )
    report.set_defaults(handler=run_report)


def run_evaluate(args: argparse.Namespace) -> int:
    from entraide.insight import oulad, protocol, protocol_text

    modules = frozenset(args.modules.split(",")) if args.modules else None
    by_clicks = {clicks: oulad.load(args.oulad, clicks=clicks, modules=modules) for clicks in (False, True)}
    if args.oulad_test is not None:
        for clicks in by_clicks:
            extra = protocol.test_part(oulad.load(args.oulad_test, clicks=clicks, modules=modules), args.test_from)
            by_clicks[clicks] = oulad.merged(by_clicks[clicks], extra)
    result = protocol.run(by_clicks, test_from=args.test_from)
    if args.json:
        print(json.dumps({**result, "data": ATTRIBUTION}, indent=2, sort_keys=True))
    else:
        print(protocol_text.render(result, attribution=ATTRIBUTION))
    return 0


def run_evaluate_simulated(args: argparse.Namespace) -> int:
    from entraide.content.loader import load_community
    from entraide.demo.evaluation import risk_evaluation

    found = load_community(args.root)
    if len(found.rules.cohorts) < 2:
        raise UserError(Problem(path="entraide.yml", field="cohorts", message=N_("needs two cohorts or more")))
    results = [risk_evaluation(found, seeds=range(1, args.seeds + 1), day=day) for day in args.day]
    print(json.dumps(results, indent=2, sort_keys=True))
    return 0


def run_report(args: argparse.Namespace) -> int:
    from entraide.insight import report

    capacity = report.Capacity(share=args.share, count=args.capacity, threshold=args.threshold)
    if args.post:
        from entraide.bot.riskpost import post_report
        from entraide.cli.flags import http_timeout
        from entraide.content.loader import load_rules
        from entraide.github.client import Stopped
        from entraide.github.issues import Unconfirmed

        as_of, text = report.report_text(args.root, as_of=args.as_of, capacity=capacity)
        token = os.environ.get("ENTRAIDE_MENTORS_TOKEN") or os.environ.get("GITHUB_TOKEN")
        try:
            where = post_report(
                text,
                repository=load_rules(args.root).mentors_repository,
                as_of=as_of,
                token=token,
                api_url=args.api_url,
                timeout=http_timeout(),
            )
        except (Stopped, Unconfirmed) as failure:  # the next run finds the report by its marker: never twice
            print(f"the mentors' report is not filed ({failure}); the next run files it", file=sys.stderr)
            return 1
        print(f"filed the mentors' report in the private repository: {where}")
        return 0
    out = report.write(args.root, as_of=args.as_of, out=args.out, capacity=capacity)
    print(f"wrote the mentors' report to {out} (private: keep it out of the site and the repository)")
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    from entraide.insight import suggest

    if args.evaluate:
        docs, community = suggest.load_docs(args.root, answers=False)  # the labels name pages only
        scores = suggest.evaluate(suggest.load_labelled(args.evaluate), docs, language=community.rules.language)
        print(
            json.dumps(scores, indent=2, sort_keys=True)
            if args.json
            else "\n".join(
                f"{name:>11}: recall@3 {s['recall_at_3']:.3f}  MRR {s['mrr']:.3f}  ({s['questions']} questions)"
                for name, s in scores.items()
            )
        )
        return 0
    if not args.question:
        raise UserError(Problem(path="suggest", message=N_("give a question, or --evaluate FILE")))
    hits = suggest.suggest_for(args.root, args.question)
    if args.json:
        print(json.dumps([h.as_dict() for h in hits], indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(
            suggest.reply_text(hits, tr=translator(suggest.community_language(args.root))) if hits else "no suggestion"
        )
    return 0


def run_next_steps(args: argparse.Namespace) -> int:

    if args.evaluate:
        from entraide.content.loader import load_community
        from entraide.demo import evaluation

        scores = evaluation.next_steps_evaluation(load_community(args.root), seeds=range(1, args.evaluate + 1))
        print(json.dumps(scores, indent=2, sort_keys=True))
        return 0
    if not args.login:
        raise UserError(Problem(path="next-steps", message=N_("give a member's login, or --evaluate SEEDS")))
    steps = for_login(args.root, args.login, as_of=args.as_of)
    if args.json:
        print(json.dumps(steps, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        print(as_text(steps))
    return 0


def for_login(root: Path, login: str, *, as_of: dt.date | None = None) -> dict[str, Any]:
    from entraide.content import loader as content
    from entraide.content.errors import N_, Problem, UserError
    from entraide.events import store as events

    root = Path(root)
    community = content.load_community(root)
    member = next((m for m in community.members if m.login == login), None)
    if member is None:
        raise UserError(Problem(path=f"members/{login}.yml", message=N_("no such member")))
    history = tuple(events.load(root / "data")) if (root / "data").is_dir() else ()
    as_of = as_of or as_of_date(community, history)
    accepted = acceptances(community, history, as_of=as_of)
    seen = transitions(tuple(s for _, s in items) for who, items in accepted.items() if who != login)
    mine = tuple(s for _, s in accepted.get(login, []))
    pool = resources(read_pages(root))
    steps = with_resources(
        recommend(member, accepted=mine, community=community, as_of=as_of, seen=seen), community.challenges, pool
    )
    titles = {r.url: r.title for r in pool}
    return {
        "login": login,
        "as_of": as_of.isoformat(),
        "accepted": list(mine),
        "next": [
            {
                "challenge": s.challenge,
                "title": s.title,
                "score": s.score,
                "why": list(s.why),
                "resources": [{"url": r, "title": titles.get(r, r)} for r in s.resources],
            }
            for s in steps
        ],
    }


def as_text(steps: dict[str, Any]) -> str:
    lines = [f"{steps['login']} on {steps['as_of']}: accepted {', '.join(steps['accepted']) or 'nothing yet'}"]
    for s in steps["next"]:
        lines.append(f"- {s['challenge']}: {s['title']} (score {s['score']}; {', '.join(s['why'])})")
        lines += [f"    resource: {r['title']} ({r['url']})" for r in s["resources"]]
    return "\n".join(lines)
