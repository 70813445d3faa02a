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

from entraide.content.errors import Problem, UserError
from entraide.content.models import Community
from entraide.content.needs import KINDS, Need
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
    text = render(found, names=names, language=community.rules.language, capacity=capacity or Capacity())
    trend_lines = "\n".join(topic_trends(community, history, as_of=as_of)).rstrip()
    return as_of, text + "\n" + trend_lines + "\n" + needs_section(load_needs(root), names=names)


def needs_section(needs: tuple[Need, ...], *, names: dict[str, str]) -> str:
    """The needs members stated in the private repository (private/needs.json), for mentors only."""
    if not needs:
        return ""
    lines = [
        "",
        "## Besoins déclarés (privé)",
        "",
        "| membre | besoin | précisions | langues | fuseau |",
        "|---|---|---|---|---|",
    ]
    for n in sorted(needs, key=lambda n: (n.login.casefold(), n.stated)):
        lines.append(
            f"| {_cell(names.get(n.login, n.login))} (`{n.login}`) | {KINDS[n.kind]} | {_cell(n.detail)} | "
            f"{', '.join(n.languages) or '—'} | {n.timezone or '—'} |"
        )
    return "\n".join(lines) + "\n"


def topic_trends(community: Community, history: tuple[Event, ...], *, as_of: dt.date) -> list[str]:
    """The section on the questions' topics rising and falling month over month (mentors only)."""
    rules = community.rules
    asked = questions(history, moderation_labels=rules.moderation_labels, bots=frozenset(rules.bots))
    found = trends.trends(asked, history, as_of=as_of, ignored_labels=rules.moderation_labels, language=rules.language)
    return trends.render(found)


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
                message=("the at-risk report must stay private: write it under private/ or outside the repository"),
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

    def said(self, learners: int) -> str:
        if self.threshold is not None:
            return f"probabilité estimée d'au moins {round(100 * self.threshold)} %"
        if self.count is not None:
            return f"{self.count} personne(s) au plus"
        return f"{round(100 * self.share)} % de {learners} apprenant·es, soit {self.size(learners)}"


def shortlist(assessment: Assessment, capacity: Capacity) -> list[risk.Risk]:
    """The riskiest learners with at least one concrete fact to act on, within the mentors' capacity."""
    actionable = [r for r in assessment.risks if assessment.evidence.get(r.key)]
    if capacity.threshold is not None:
        return [r for r in actionable if r.probability >= capacity.threshold]
    return actionable[: capacity.size(len(assessment.risks))]


def render(
    assessment: Assessment, *, names: dict[str, str], language: str = "fr", capacity: Capacity = Capacity()
) -> str:
    """Markdown for mentors only. Names are shown as written: this file is never rendered by the site."""
    lines = [
        f"# Suivi des apprenant·es : risque d'abandon au {assessment.as_of.isoformat()}",
        "",
        "Document privé pour les mentors : ne pas publier, ne pas copier dans une issue.",
        "",
    ]
    if not assessment.running:
        return "\n".join(lines + _outside(assessment)) + "\n"
    for c in assessment.running:
        lines.append(f"Cohorte en cours : {c.name} ({c.start} → {c.end}), jour {(assessment.as_of - c.start).days}.")
    lines += ["", _method(assessment), "", *_validation(assessment), ""]
    chosen = shortlist(assessment, capacity)
    n = len(assessment.risks)
    quiet = sum(1 for r in assessment.risks if not assessment.evidence.get(r.key))
    lines += [
        f"## Liste courte : {len(chosen)} apprenant·e(s) sur {n} (capacité : {capacity.said(n)})",
        "",
        f"Les plus à risque parmi celles et ceux qui ont un fait concret à signaler ({n - quiet} sur {n}).",
        "",
        f"| apprenant·e | {'probabilité estimée' if assessment.method == 'model' else 'score des règles'} "
        "| faits datés | action proposée |",
        "|---|---:|---|---|",
    ]
    for r in chosen:
        facts = assessment.evidence[r.key]
        lines.append(
            f"| {_cell(names.get(r.key, r.key))} (`{r.key}`) | {round(100 * r.probability)} % | "
            f"{_cell(' ; '.join(f.text for f in facts))} | {_cell(action(facts))} |"
        )
    return "\n".join(lines) + "\n"


def _outside(assessment: Assessment) -> list[str]:
    spans = " ; ".join(f"du {c.start} au {c.end} ({c.name})" for c in assessment.cohorts)
    return [
        f"Le {assessment.as_of.isoformat()} ne tombe dans aucune cohorte : il n'y a personne à suivre ce jour-là.",
        "",
        f"Dates possibles (option --as-of) : {spans or 'aucune cohorte dans entraide.yml'}.",
    ]


def _validation(a: Assessment) -> list[str]:
    v = a.validation
    if not v or not v.get("scored"):
        return ["Validation : aucune (pas assez de cohortes terminées)."] if a.method == "model" else []
    auc = "n/a" if v["roc_auc"] is None else f"{v['roc_auc']:.2f}"
    return [
        f"Validation sur les cohortes terminées ({v['how']}, {v['scored']} apprenant·es, "
        f"{round(100 * v['base_rate'])} % n'ont pas terminé) : parmi les {v['flagged']} jugé·es les plus à risque, "
        f"{round(100 * v['precision_at_top'])} % n'ont pas terminé (rappel {round(100 * v['recall_at_top'])} %) ; "
        f"AUC {auc} ; score de Brier {v['brier']:.3f}. Avec si peu d'apprenant·es, ces chiffres restent indicatifs."
    ]


def _method(a: Assessment) -> str:
    if a.method == "model":
        return (
            f"Méthode : modèle calibré appris sur {a.trained_on} apprenant·es des cohortes terminées "
            f"({', '.join(a.trained_cohorts)}), au même jour de leur cohorte, sur ce qu'Entraide voit : défis "
            "dus et rendus, revues en attente, dernière activité, questions et réponses, kudos, contacts avec "
            f"binôme et mentors. Il classe parce qu'il bat le hasard sur des apprenant·es qu'il n'a pas vu·es "
            f"(AUC {(a.validation or {}).get('roc_auc', 0):.2f}, seuil {risk.MIN_VALIDATION_AUC:.2f})."
        )
    rules = risk.rules_said()
    if a.trained_on:
        auc = (a.validation or {}).get("roc_auc")
        said = "aucune AUC calculable" if auc is None else f"AUC {auc:.2f}"
        return (
            f"Méthode : règles transparentes. Le modèle appris sur {a.trained_on} apprenant·es des cohortes "
            f"terminées ({', '.join(a.trained_cohorts)}) ne fait pas mieux que le hasard sur des apprenant·es "
            f"qu'il n'a pas vu·es ({said}, seuil {risk.MIN_VALIDATION_AUC:.2f}) : il ne sert pas à classer. "
            f"Règles appliquées : {rules}."
        )
    return (
        "Méthode : règles transparentes, faute d'historique (aucune cohorte terminée avec assez "
        f"d'apprenant·es des deux issues). Règles appliquées : {rules}."
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
