"""The mentors' private report: learners by risk, the reasons, and what a mentor could do this week.

It is written to a private path (default `<root>/private/risk-report.md`, which .gitignore excludes) and
never under the site's sources, the built site or `data/`: `write` refuses such a path. Nothing of it is
printed: the command only says where it went, so no log or job summary carries it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from entraide.content.errors import Problem, UserError
from entraide.content.models import Community
from entraide.events.dates import as_of_date
from entraide.events.model import Event
from entraide.insight.community import Assessment, assess

DEFAULT_PATH = Path("private") / "risk-report.md"
PUBLIC_FOLDERS = ("docs", "site", "data", "challenges", "members", "hooks", ".github", "overrides")

# What a mentor can do about a reason, in the community's first language.
ACTIONS = {
    "no activity": "prendre des nouvelles : un message du ou de la binôme cette semaine",
    "activity": "proposer un créneau de travail en binôme",
    "missed challenge deadlines": "fixer ensemble une nouvelle échéance réaliste pour le défi en retard",
    "late submissions": "découper le prochain défi en étapes avec une date pour chacune",
    "review": "relire ensemble les retours de revue et préparer la prochaine version",
    "changes requested": "relire ensemble les retours de revue et préparer la prochaine version",
    "submitted": "montrer comment ouvrir tôt une pull request en brouillon",
    "questions": "inviter à poser une question dans les discussions ou aux permanences",
    "answers": "inviter à répondre à une question d'une personne qui débute",
    "peer": "présenter deux ou trois pairs de la même piste",
    "buddy": "organiser un point avec le ou la binôme",
    "contact": "organiser un point avec le ou la binôme",
    "joined late": "proposer un rattrapage des premières semaines",
    "cohort": "prendre des nouvelles et proposer un créneau de travail en binôme",
}


# The reasons in the community's language (the model and the rules name them in English).
REASONS_FR = {
    "a poor last review outcome": "dernière revue difficile",
    "a poor review outcome": "une revue difficile",
    "activity dropping week on week": "activité en baisse d'une semaine à l'autre",
    "asks few questions": "pose peu de questions",
    "changes requested on submissions": "changements demandés sur ses rendus",
    "few active days in the last two weeks": "peu de jours actifs ces deux dernières semaines",
    "few active days since the start": "peu de jours actifs depuis le début",
    "few peer connections": "peu de liens avec les pairs",
    "few submissions on time": "peu de rendus à l'heure",
    "fewer submissions on time than most of the cohort": "moins de rendus à l'heure que la plupart de la cohorte",
    "gives few answers": "répond peu aux autres",
    "joined late": "arrivée tardive",
    "late submissions": "rendus en retard",
    "less active than most of the cohort lately": "moins actif·ve ces derniers temps que la plupart de la cohorte",
    "less active than most of the cohort": "moins actif·ve que la plupart de la cohorte",
    "little activity in the last 7 days": "peu d'activité ces 7 derniers jours",
    "little activity since the start": "peu d'activité depuis le début",
    "little activity two weeks ago": "peu d'activité il y a deux semaines",
    "little contact with buddy or mentor": "peu de contacts avec son binôme ou un mentor",
    "low review outcomes": "revues plutôt difficiles",
    "missed challenge deadlines": "échéances de défis manquées",
    "no activity for a while": "aucune activité depuis un moment",
    "no activity for two weeks or more": "aucune activité depuis deux semaines ou plus",
    "no contact with peers, buddy or mentor": "aucun contact avec pairs, binôme ou mentor",
    "nothing submitted ahead of deadlines": "rien rendu en avance",
    "review outcomes below most of the cohort": "revues moins bonnes que la plupart de la cohorte",
}


def write(root: Path, *, as_of: dt.date | None = None, out: Path | None = None) -> Path:
    """Assess the running cohorts and write the report; returns the path written."""
    root = Path(root)
    target = check_private(root, out if out is not None else root / DEFAULT_PATH)
    _, text = report_text(root, as_of=as_of)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def report_text(root: Path, *, as_of: dt.date | None = None) -> tuple[dt.date, str]:
    """(the day assessed, the report) for the community at `root`."""
    from entraide.content import loader as content
    from entraide.events import store as events

    community = content.load_community(root)
    history = tuple(events.load(root / "data"))
    as_of = as_of or default_as_of(history, community)
    names = {m.login: m.name for m in community.members}
    return as_of, render(assess(community, history, as_of=as_of), names=names, language=community.rules.language)


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


def render(assessment: Assessment, *, names: dict[str, str], language: str = "fr") -> str:
    """Markdown for mentors only. Names are shown as written: this file is never rendered by the site."""
    lines = [
        f"# Suivi des apprenant·es : risque d'abandon au {assessment.as_of.isoformat()}",
        "",
        "Document privé pour les mentors : ne pas publier, ne pas copier dans une issue.",
        "",
        _method(assessment),
        "",
        "| apprenant·e | risque | raisons | action proposée |",
        "|---|---:|---|---|",
    ]
    for r in assessment.risks:
        said = [REASONS_FR.get(x, x) for x in r.reasons] if language == "fr" else list(r.reasons)
        reasons = "; ".join(said) or "rien de notable"
        lines.append(
            f"| {_cell(names.get(r.key, r.key))} (`{r.key}`) | {round(100 * r.probability)} % | "
            f"{_cell(reasons)} | {_cell(action_for(r.reasons))} |"
        )
    if not assessment.risks:
        lines.append("| aucune cohorte en cours | | | |")
    return "\n".join(lines) + "\n"


def action_for(reasons: tuple[str, ...]) -> str:
    for reason in reasons:
        for needle, action in ACTIONS.items():
            if needle in reason:
                return action
    return "un mot d'encouragement suffit"


def _method(a: Assessment) -> str:
    if a.method == "model":
        return (
            f"Méthode : modèle calibré appris sur {a.trained_on} apprenant·es des cohortes terminées "
            f"({', '.join(a.trained_cohorts)}). Avec peu d'historique, ce classement reste indicatif."
        )
    return (
        "Méthode : règles transparentes (aucune cohorte terminée pour apprendre) : échéances manquées, "
        "silence de deux semaines, activité en baisse, retards, revues difficiles, isolement."
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
