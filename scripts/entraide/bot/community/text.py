"""What the community bot writes on GitHub, in French: short, warm, and free of anything a member wrote.

Only logins (as @mentions) and names from entraide.yml (cohorts, tracks) go into these texts; a member's
own words (names, interests, report bodies) never do, so nothing here can be quoted, broken or abused.
"""

from __future__ import annotations

from entraide.content.models import Cohort, Member, Role

MAX_MENTIONS = 50  # GitHub notifies at most 50 people mentioned in one comment or issue


def join_member_already(member: Member) -> str:
    return (
        f"Bonjour @{member.login} ! Vous faites déjà partie du programme : votre fiche est "
        f"`members/{member.login}.yml`. Pour la modifier, ouvrez une pull request sur ce fichier."
    )


def conduct_ack(*, repository: str | None) -> str:
    where = (
        f"[le code de conduite](https://github.com/{repository}/blob/main/CODE_OF_CONDUCT.md)"
        if repository
        else "le code de conduite (CODE_OF_CONDUCT.md)"
    )
    return (
        "Merci d'avoir écrit. L'équipe de modération est prévenue et vous recontacte sous 48 heures, "
        "de la manière que vous avez choisie.\n\n"
        "Cette issue est publique : si vous y avez mis des noms, des citations ou des détails, modifiez-la "
        f"pour les retirer. Pour un signalement sensible, écrivez en privé à l'équipe ({where} donne "
        "l'adresse) : votre message reste confidentiel. Les pages du site ne mentionnent jamais les "
        "signalements ni les personnes qui les font."
    )


def buddies_title(cohort: Cohort | None) -> str:
    return f"Binômes · {cohort.name}" if cohort else "Binômes"


def buddies_intro(cohort: Cohort | None) -> str:
    who = f"de la cohorte {cohort.name}" if cohort else "du programme"
    return (
        f"Chaque nouvelle ou nouveau membre {who} reçoit un binôme : une personne qui a quelques semaines "
        "d'avance (ou un·e mentor) pour répondre aux petites questions, relire une première pull request "
        "et encourager. Les binômes sont annoncés ci-dessous, au fil des arrivées."
    )


def buddy_comment(learner: Member, buddy: Member, *, shared_track: str | None) -> str:
    role = " (mentor)" if buddy.role is not Role.learner else ""
    common = f" Vous suivez tous les deux le parcours {shared_track}." if shared_track else ""
    return (
        f"Bienvenue @{learner.login} ! Votre binôme est @{buddy.login}{role}.{common}\n\n"
        f"@{buddy.login}, un petit message pour vous présenter et convenir d'un moment pour échanger suffit "
        "pour commencer. Bon démarrage à vous deux !"
    )


def pulse_title(cohort: Cohort, week: int) -> str:
    return f"Sondage de la semaine {week} · {cohort.name}"


def pulse_body(cohort: Cohort, week: int, *, learners: tuple[str, ...], repository: str | None) -> str:
    form = (
        f"https://github.com/{repository}/issues/new?template=5-avis.yml"
        if repository
        else "../../issues/new?template=5-avis.yml"
    )
    mentions = " ".join(f"@{login}" for login in learners[:MAX_MENTIONS])
    return (
        f"Bonjour à toute la cohorte {cohort.name} ! Nous voici en semaine {week}. Comment ça se passe ?\n\n"
        f"Prenez deux minutes pour [donner votre avis]({form}) : une note de 1 à 5 et, si vous le voulez, un mot "
        "sur ce qui vous aide ou vous freine. Chaque avis est lu par les mentors."
        + (f"\n\n{mentions}" if mentions else "")
    )
