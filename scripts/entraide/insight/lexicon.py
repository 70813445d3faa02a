"""The French/English lexicon of the site's vocabulary: English words a learner types, mapped to the French
words the pages use, so that « where can I find a free screen reader » meets « le lecteur d'écran libre ».

How it was written (and how to extend it): every French content word of the resources page, of the pages'
and sections' titles, of the challenges' titles and of their tags (208 words on the example, listed by
`vocabulary()`), translated with its usual English equivalents, all of them, none chosen for a question;
words spelt the same in both languages (html, api, code, page, question...) and proper nouns need no entry.
It is written from the site, never from the questions used to measure the search (tests/fixtures).
"""

from __future__ import annotations

from functools import lru_cache

FR_EN: dict[str, tuple[str, ...]] = {
    "accessibilité": ("accessibility", "a11y"),
    "aider": ("help", "assist"),
    "anglais": ("english",),
    "apprendre": ("learn", "learning", "study"),
    "ateliers": ("workshops", "sessions"),
    "attributs": ("attributes",),
    "auditer": ("audit", "assess"),
    "autres": ("others",),
    "base": ("base", "database"),
    "bases": ("basics", "fundamentals"),
    "bienveillance": ("kindness", "kind", "benevolence", "goodwill"),
    "bienvenue": ("welcome",),
    "bonne": ("good",),
    "boîte": ("box",),
    "brancher": ("connect", "plug", "wire"),
    "chapitres": ("chapters",),
    "classement": ("ranking", "leaderboard"),
    "clavier": ("keyboard",),
    "commande": ("command",),
    "commencer": ("start", "begin", "beginning"),
    "communauté": ("community",),
    "complet": ("complete", "full"),
    "composant": ("component", "widget"),
    "conduite": ("conduct", "behaviour", "behavior"),
    "connaissez": ("know",),
    "continue": ("continuous",),
    "contraste": ("contrast",),
    "correspond": ("matches", "corresponds"),
    "couleurs": ("colours", "colors"),
    "cours": ("course", "class", "lesson"),
    "critères": ("criteria", "criterion"),
    "deux": ("two", "both"),
    "direct": ("live",),
    "données": ("data", "database"),
    "débutant": ("beginner", "novice", "newcomer"),
    "défi": ("challenge", "exercise", "assignment"),
    "démarrer": ("start", "begin"),
    "développement": ("development",),
    "excellente": ("excellent", "great"),
    "exemples": ("examples",),
    "fichier": ("file",),
    "filtrables": ("filterable", "filter", "filtered"),
    "fluide": ("fluid", "fluent"),
    "formulaire": ("form",),
    "français": ("french",),
    "grand": ("large", "big", "wide"),
    "injections": ("injection",),
    "inscription": ("registration", "signup", "enrolment"),
    "intégration": ("integration",),
    "jour": ("day", "update"),
    "lecteur": ("reader",),
    "lequel": ("which",),
    "libre": ("free", "open"),
    "ligne": ("line",),
    "livre": ("book",),
    "mettre": ("put", "set"),
    "mise en page": ("layout",),
    "modèle": ("template", "model"),
    "modéliser": ("model", "modelling", "modeling", "design"),
    "motif": ("pattern",),
    "méthode": ("method",),
    "niveau": ("level",),
    "officiel": ("official",),
    "onglets": ("tabs",),
    "outil": ("tool", "utility"),
    "ouvrir": ("open",),
    "parcours": ("track", "path", "curriculum"),
    "paramétrées": ("parameterized", "parametrized", "prepared"),
    "partout": ("everywhere",),
    "passer": ("run", "pass"),
    "personnes": ("people", "persons"),
    "petit": ("small", "little"),
    "poser": ("ask",),
    "pratiques": ("practices",),
    "premier": ("first",),
    "programme": ("programme", "program"),
    "progressif": ("progressive", "gradual"),
    "proposer": ("suggest", "propose", "recommend"),
    "prévenir": ("prevent", "avoid", "protect"),
    "prêts": ("loans", "lending", "borrowing"),
    "qualité": ("quality",),
    "rapide": ("quick", "fast"),
    "reconversion": ("retraining", "career"),
    "rejoindre": ("join",),
    "relecture": ("review", "proofreading"),
    "relire": ("review", "proofread"),
    "rendre": ("submit", "hand"),
    "renvoyer": ("return", "send"),
    "requêtes": ("queries", "requests"),
    "respecter": ("meet", "comply", "respect"),
    "ressource": ("resource",),
    "retrouver": ("find",),
    "référence": ("reference",),
    "référentiel": ("standard", "framework", "reference"),
    "réel": ("real",),
    "réponse": ("response", "answer", "reply"),
    "sens": ("meaning",),
    "site": ("website",),
    "stage": ("internship",),
    "suffisent": ("enough", "suffice"),
    "suivre": ("follow",),
    "sécurité": ("security",),
    "sélection": ("selection",),
    "sémantique": ("semantic",),
    "tableurs": ("spreadsheets",),
    "tenue": ("maintained", "kept"),
    "tester": ("test",),
    "traduit": ("translated",),
    "tutoriel": ("tutorial",),
    "téléphone": ("phone", "mobile", "smartphone"),
    "témoignages": ("testimonials", "stories"),
    "unités": ("units",),
    "utile": ("useful",),
    "utilisables": ("usable",),
    "utilisent": ("use",),
    "validateur": ("validator",),
    "vite": ("quickly", "fast"),
    "vérificateur": ("checker",),
    "écran": ("screen", "display"),
    "écrire": ("write",),
    "élément": ("element",),
    "étiquettes": ("tags", "labels"),
}


@lru_cache(maxsize=1)
def english_to_french() -> dict[str, tuple[str, ...]]:
    """English word (as written, lower case) -> the French words of the pages it stands for."""
    out: dict[str, list[str]] = {}
    for french, english in FR_EN.items():
        for word in english:
            out.setdefault(word, []).append(french)
    return {word: tuple(sorted(frenches)) for word, frenches in sorted(out.items())}


def vocabulary(texts: list[str]) -> list[str]:
    """The content words of `texts` (stop words, numbers and words under three letters out), sorted:
    the list the lexicon translates."""
    from entraide.insight.textsearch import STOP_WORDS, fold, words

    return sorted({w for t in texts for w in words(t) if fold(w) not in STOP_WORDS and len(w) > 2 and not w.isdigit()})
