"""The mentors' private report: learners by risk, the reasons, and what a mentor could do this week; then the
topics of the questions rising or falling month over month (`insight.trends`).

It is written to a private path (default `<root>/private/risk-report.md`, which .gitignore excludes) and
never under the site's sources, the built site or `data/`: `write` refuses such a path. Nothing of it is
printed: the command only says where it went, so no log or job summary carries it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entraide.content.errors import N_, Problem, UserError
from entraide.content.i18n import Translator, translator
from entraide.content.models import Community
from entraide.content.needs import Need
from entraide.content.needs import load as load_needs
from entraide.events.dates import as_of_date
from entraide.events.model import Event
from entraide.events.questions import questions
from entraide.insight import risk, trends
from entraide.insight.community import Assessment, assess
from entraide.insight.evidence import action

DEFAULT_PATH = Path("private") / "risk-report.md"
PUBLIC_FOLDERS = ("docs", "site", "data", "challenges", "members", "hooks", ".github", "overrides")


def write(
    root: Path, *, as_of: dt.date | None = None, out: Path | None = None, capacity: Capacity | None = None
) -> Path:
    """Assess the running cohorts and write the report; returns the path written."""
    root = Path(root)
    target = check_private(root, out if out is not None else root / DEFAULT_PATH)
    _, text = report_text(root, as_of=as_of, capacity=capacity)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def report_text(root: Path, *, as_of: dt.date | None = None, capacity: Capacity | None = None) -> tuple[dt.date, str]:
    """(the day assessed, the report) for the community at `root`."""
    from entraide.content import loader as content
    from entraide.events import store as events

    community = content.load_community(root)
    history = tuple(events.load(root / "data"))
    as_of = as_of or default_as_of(history, community)
    names = {m.login: m.name for m in community.members}
    found = assess(community, history, as_of=as_of)
    tr = translator(community.rules.language)
    text = render(found, names=names, language=community.rules.language, capacity=capacity or Capacity())
    trend_lines = "\n".join(topic_trends(community, history, as_of=as_of)).rstrip()
    return as_of, text + "\n" + trend_lines + "\n" + needs_section(load_needs(root), names=names, tr=tr)


def needs_section(needs: tuple[Need, ...], *, names: dict[str, str], tr: Translator) -> str:
    """The needs members stated in the private repository (private/needs.json), for mentors only."""
    if not needs:
        return ""
    headers = [tr.gettext("member"), tr.gettext("need"), tr.gettext("details"), tr.gettext("languages")]
    lines = [
        "",
        "## " + tr.gettext("Stated needs (private)"),
        "",
        "| " + " | ".join([*headers, tr.gettext("time zone")]) + " |",
        "|---|---|---|---|---|",
    ]
    kinds = need_kinds(tr)
    for n in sorted(needs, key=lambda n: (n.login.casefold(), n.stated)):
        lines.append(
            f"| {_cell(names.get(n.login, n.login))} (`{n.login}`) | {kinds[n.kind]} | {_cell(n.detail)} | "
            f"{', '.join(n.languages) or '—'} | {n.timezone or '—'} |"
        )
    return "\n".join(lines) + "\n"


def need_kinds(tr: Translator) -> dict[str, str]:
    """A need's kind as mentors read it (« Accessibilité »), as the needs form offers it."""
    return {
        "accessibility": tr.pgettext("a kind of need", "Accessibility"),
        "schedule": tr.pgettext("a kind of need", "Schedule"),
        "language": tr.pgettext("a kind of need", "Language"),
        "other": tr.pgettext("a kind of need", "Other"),
    }


def topic_trends(community: Community, history: tuple[Event, ...], *, as_of: dt.date) -> list[str]:
    """The section on the questions' topics rising and falling month over month (mentors only)."""
    rules = community.rules
    asked = questions(history, moderation_labels=rules.moderation_labels, bots=frozenset(rules.bots))
    found = trends.trends(asked, history, as_of=as_of, ignored_labels=rules.moderation_labels, language=rules.language)
    return trends.render(found, tr=translator(rules.language))


def default_as_of(history: tuple[Event, ...], community: Community) -> dt.date:
    """The morning after the data's last day (`as_of_date`), so that the last day's activity counts."""
    return as_of_date(community, history) + dt.timedelta(days=1) if history else as_of_date(community, history)


def check_private(root: Path, target: Path) -> Path:
    """Refuse any path that is published or committed: the site's sources, the site, data/..."""
    resolved, base = target.resolve(), root.resolve()
    inside = [base / folder for folder in PUBLIC_FOLDERS if resolved.is_relative_to(base / folder)]
    in_repo_not_private = resolved.is_relative_to(base) and not resolved.is_relative_to(base / "private")
    if inside or in_repo_not_private:
        raise UserError(
            Problem(
                path=str(target),
                field="--out",
                message=N_("the at-risk report must stay private: write it under private/ or outside the repository"),
            )
        )
    return target


@dataclass(frozen=True)
class Capacity:
    """How many learners the mentors can follow this week: a share of the cohort (default 15 %), a
    number, or everyone above a calibrated probability."""

    share: float = risk.TOP_SHARE
    count: int | None = None
    threshold: float | None = None

    def size(self, learners: int) -> int:
        return self.count if self.count is not None else math.ceil(round(self.share * learners, 6))

    def said(self, learners: int, *, tr: Translator) -> str:
        if self.threshold is not None:
            return tr.gettext("estimated probability of at least {share}").format(share=_percent(self.threshold))
        if self.count is not None:
            return tr.gettext("{n} person(s) at most").format(n=self.count)
        said = tr.gettext("{share} of {n} learners, that is {size}")
        return said.format(share=_percent(self.share), n=learners, size=self.size(learners))


def shortlist(assessment: Assessment, capacity: Capacity) -> list[risk.Risk]:
    """The riskiest learners with at least one concrete fact to act on, within the mentors' capacity."""
    actionable = [r for r in assessment.risks if assessment.evidence.get(r.key)]
    if capacity.threshold is not None:
        return [r for r in actionable if r.probability >= capacity.threshold]
    return actionable[: capacity.size(len(assessment.risks))]


def render(
    assessment: Assessment, *, names: dict[str, str], language: str = "fr", capacity: Capacity = Capacity()
) -> str:
    """Markdown for mentors only, in `language`. Names are shown as written: this file is never rendered by the
    site."""
    tr = translator(language)
    lines = [
        "# " + tr.gettext("Following learners: risk of dropping out on {day}").format(day=assessment.as_of.isoformat()),
        "",
        tr.gettext("Private document for mentors: do not publish it, do not copy it into an issue."),
        "",
    ]
    if not assessment.running:
        return "\n".join(lines + _outside(assessment, tr=tr)) + "\n"
    for c in assessment.running:
        said = tr.gettext("Running cohort: {name} ({start} → {end}), day {day}.")
        lines.append(said.format(name=c.name, start=c.start, end=c.end, day=(assessment.as_of - c.start).days))
    lines += ["", _method(assessment, tr=tr), "", *_validation(assessment, tr=tr), ""]
    lines += _shortlist(assessment, names=names, capacity=capacity, tr=tr)
    return "\n".join(lines) + "\n"


def _shortlist(assessment: Assessment, *, names: dict[str, str], capacity: Capacity, tr: Translator) -> list[str]:
    chosen = shortlist(assessment, capacity)
    n = len(assessment.risks)
    quiet = sum(1 for r in assessment.risks if not assessment.evidence.get(r.key))
    title = tr.gettext("Short list: {chosen} learner(s) of {n} (capacity: {capacity})")
    score = tr.gettext("estimated probability") if assessment.method == "model" else tr.gettext("rules' score")
    headers = [tr.gettext("learner"), score, tr.gettext("dated facts"), tr.gettext("suggested action")]
    lines = [
        "## " + title.format(chosen=len(chosen), n=n, capacity=capacity.said(n, tr=tr)),
        "",
        tr.gettext("The riskiest among those with a concrete fact to report ({some} of {n}).").format(
            some=n - quiet, n=n
        ),
        "",
        "| " + " | ".join(headers) + " |",
        "|---|---:|---|---|",
    ]
    for r in chosen:
        facts = assessment.evidence[r.key]
        lines.append(
            f"| {_cell(names.get(r.key, r.key))} (`{r.key}`) | {_percent(r.probability)} | "
            f"{_cell(' ; '.join(f.text for f in facts))} | {_cell(action(facts, tr=tr))} |"
        )
    return lines


def _percent(share: float) -> str:
    """« 80 % »: a whole percentage, as the report has always written it."""
    return f"{round(100 * share)} %"


def _outside(assessment: Assessment, *, tr: Translator) -> list[str]:
    span = tr.gettext("from {start} to {end} ({name})")
    spans = " ; ".join(span.format(start=c.start, end=c.end, name=c.name) for c in assessment.cohorts)
    day = assessment.as_of.isoformat()
    return [
        tr.gettext("{day} falls in no cohort: there is nobody to follow that day.").format(day=day),
        "",
        tr.gettext("Possible dates (option --as-of): {spans}.").format(
            spans=spans or tr.gettext("no cohort in entraide.yml")
        ),
    ]


def _validation(a: Assessment, *, tr: Translator) -> list[str]:
    v = a.validation
    if not v or not v.get("scored"):
        return [tr.gettext("Validation: none (not enough ended cohorts).")] if a.method == "model" else []
    auc = "n/a" if v["roc_auc"] is None else f"{v['roc_auc']:.2f}"
    said = tr.gettext(
        "Validation on the ended cohorts ({how}, {scored} learners, {base} did not finish): of the {flagged} judged "
        "most at risk, {precision} did not finish (recall {recall}); AUC {auc}; Brier score {brier}. With so few "
        "learners, these figures are only indicative."
    )
    return [
        said.format(
            how=_how(v, tr=tr),
            scored=v["scored"],
            base=_percent(v["base_rate"]),
            flagged=v["flagged"],
            precision=_percent(v["precision_at_top"]),
            recall=_percent(v["recall_at_top"]),
            auc=auc,
            brier=f"{v['brier']:.3f}",
        )
    ]


def _how(v: dict[str, Any], *, tr: Translator) -> str:
    """How the validation was done (`insight.community.validate`)."""
    if v.get("how") == "split":
        said = tr.gettext("learnt on {fitted}, measured on {measured}")
        return said.format(fitted=", ".join(v["fitted"]), measured=v["measured"])
    if v.get("how") == "leave_one_out":
        said = tr.gettext("cross-validation (each learner left out in turn) on {cohorts}")
        return said.format(cohorts=", ".join(v["fitted"]))
    return tr.gettext("too little history for a validation")


def _method(a: Assessment, *, tr: Translator) -> str:
    cohorts, threshold = ", ".join(a.trained_cohorts), f"{risk.MIN_VALIDATION_AUC:.2f}"
    if a.method == "model":
        return tr.gettext(
            "Method: a calibrated model learnt on {n} learners of the ended cohorts ({cohorts}), on the same day of "
            "their cohort, from what Entraide sees: challenges due and submitted, reviews waiting, last activity, "
            "questions and answers, kudos, contacts with their buddy and mentors. It ranks because it beats chance "
            "on learners it has not seen (AUC {auc}, threshold {threshold})."
        ).format(
            n=a.trained_on, cohorts=cohorts, auc=f"{(a.validation or {}).get('roc_auc', 0):.2f}", threshold=threshold
        )
    rules = risk.rules_said(tr)
    if a.trained_on:
        auc = (a.validation or {}).get("roc_auc")
        said = tr.gettext("no AUC computable") if auc is None else f"AUC {auc:.2f}"
        return tr.gettext(
            "Method: transparent rules. The model learnt on {n} learners of the ended cohorts ({cohorts}) does no "
            "better than chance on learners it has not seen ({auc}, threshold {threshold}): it is not used to rank. "
            "Rules applied: {rules}."
        ).format(n=a.trained_on, cohorts=cohorts, auc=said, threshold=threshold, rules=rules)
    return tr.gettext(
        "Method: transparent rules, for lack of history (no ended cohort with enough learners of both outcomes). "
        "Rules applied: {rules}."
    ).format(rules=rules)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
