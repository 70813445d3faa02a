"""The words of the simulated community (French, like the example): titles, kudos reasons, names."""

from __future__ import annotations

QUESTION_TITLES = {
    "front": (
        "Balise <button> ou <a> pour un lien qui ouvre une modale ?",
        "Mon label n'est pas lu par NVDA, pourquoi ?",
        "Grid ou Flexbox pour la barre latérale ?",
        "Comment tester le contraste d'un texte sur une image ?",
        "aria-live : polite ou assertive pour les erreurs de formulaire ?",
        "Le focus disparaît après la fermeture de ma modale",
        "Quelle unité pour les marges : rem ou em ?",
        "Mes onglets ne réagissent pas aux flèches du clavier",
    ),
    "back": (
        "ModuleNotFoundError alors que le paquet est installé",
        "Comment lire un CSV avec des points-virgules ?",
        "FastAPI ou Flask pour le défi API ?",
        "Pourquoi mon test pytest ne trouve pas ma fonction ?",
        "Clé étrangère refusée par SQLite",
        "Comment éviter l'injection SQL avec sqlite3 ?",
        "Mon workflow GitHub Actions ne se déclenche pas",
        "Quel code HTTP pour un outil déjà emprunté ?",
    ),
}

DISCUSSION_TITLES = (
    "Comment organisez-vous vos semaines d'apprentissage ?",
    "Des ressources pour comprendre le DOM ?",
    "Vos extensions VS Code préférées ?",
    "Comment relire la pull request de quelqu'un sans le décourager ?",
    "Git : rebase ou merge pour mettre à jour ma branche ?",
    "Comment se préparer à un premier entretien technique ?",
    "Lecteur d'écran sur Linux : Orca suffit-il pour tester ?",
    "Par où commencer les tests quand on n'en a jamais écrit ?",
)

KUDOS_REASONS = (
    "m'a débloqué sur les tests",
    "explication très claire",
    "relecture bienveillante et précise",
    "merci pour le lien vers la doc",
    "a pris le temps de m'expliquer Git",
    "super astuce pour le focus clavier",
)

REACTIONS = ("+1", "+1", "+1", "heart", "heart", "hooray", "rocket", "eyes", "laugh")

FIRST_NAMES = (
    "Camille", "Lucas", "Chloé", "Hugo", "Inès", "Mathis", "Léa", "Nathan", "Manon", "Théo", "Sarah",
    "Yanis", "Emma", "Gabriel", "Jade", "Louis", "Zoé", "Adam", "Lina", "Raphaël", "Alice", "Noah",
    "Rose", "Ethan", "Anna", "Sacha", "Mila", "Paul", "Julia", "Amir", "Louise", "Jules", "Ambre", "Arthur",
    "Lou", "Maël", "Agathe", "Nolan", "Clara", "Malo", "Romane", "Timéo", "Eva", "Sofiane", "Nina", "Idriss",
    "Margaux", "Bastien", "Aya", "Kylian", "Salomé", "Antoine", "Maëlys", "Rayan", "Océane", "Victor",
    "Yasmine", "Martin", "Elise", "Samuel",
)

LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
    "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
    "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
    "Haddad", "Benali", "Nguyen", "Diallo", "Traoré", "Cohen", "Ferreira", "Da Silva", "Kaya", "Lemoine",
)

BIOS = (
    "En reconversion, j'apprends le développement web le soir.",
    "Étudiante, je veux rendre les sites accessibles à tout le monde.",
    "J'automatise mon travail en Python et je veux aller plus loin.",
    "Curieux de tout, je découvre le back-end.",
    "Graphiste qui apprend à coder ses maquettes.",
    "Je prépare un premier emploi de développeuse.",
)


def challenge_pr_title(title: str, *, retry: bool) -> str:
    return f"Défi : {title} (nouvelle tentative)" if retry else f"Défi : {title}"
