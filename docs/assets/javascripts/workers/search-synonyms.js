// Entraide: the programme's own vocabulary, for the site's search (read by entraide-search.js).
//
// Each group is a set of words the site uses for one idea; a word of a group finds the pages that use any other
// (accents, case and endings do not matter: each word is folded and stemmed as the index is). Written from the
// site's content (the guide, the join page, the challenge pages, the KPI pages), not from test queries; keep
// groups for the programme's own terms, where a reader and a page may name the same thing differently.
self.entraideSynonyms = [
  // Handing in a challenge: the guide's « Rendre un défi », « Déposez votre travail », the folder
  // submissions/, the mentors' « soumissions en attente ».
  ["soumettre", "soumission", "soumissions", "rendre", "rendu", "déposer", "remettre"],
  // Joining: the page « Rejoindre le programme », « membres inscrits » on the KPI pages.
  ["rejoindre", "inscrire", "inscrit", "inscription", "adhérer"],
  // A track of challenges (the site's word is « parcours »).
  ["parcours", "piste", "filière"],
  // A group of learners who start together (the site's word is « cohorte »).
  ["cohorte", "promotion", "promo"],
  // A mentor's reading of a pull request: « relecture » in the guide, « revue » on the KPI pages.
  ["relecture", "relire", "revue", "review"],
  // Thanks between members: « remercié (kudos) » on the KPI pages.
  ["kudos", "remerciement", "remercier", "merci"],
  // The site's word for an exercise.
  ["défi", "challenge", "exercice"]
];
