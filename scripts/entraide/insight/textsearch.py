"""Ranking short French or English texts against a question: BM25 on folded stems, and two yardsticks.

Queries are expanded first (a glossary of learners' words, and the English-to-French `lexicon` of the
site's vocabulary). Analysis: lower case, words split on letters and digits, French and English stop words dropped, each word
stemmed by Snowball (the community's language first; English too when it gives another stem, since
learners mix technical English into French), then accents folded so "accessibilité", "accessibilite"
and "accessible" meet. Titles count twice. The yardsticks are `KeywordIndex` (plain words in common, the
search a visitor would do with the browser's find) and `CharTfidfIndex` (scikit-learn TF-IDF on character
n-grams), measured side by side by `entraide.insight.suggest.evaluate`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import snowballstemmer

from entraide.insight import lexicon
from entraide.insight.stopwords import STOP_WORDS_EN, STOP_WORDS_FR

WORD = re.compile(r"[^\W_]+", re.UNICODE)

GLOSSARY = {
    "exercice": "défi",
    "exercices": "défis",
    "exo": "défi",
    "challenge": "défi",
    "challenges": "défis",
    "promo": "cohorte",
    "promotion": "cohorte",
    "session": "cohorte",
    "pr": "pull request",
    "prs": "pull requests",
    "mr": "pull request",
    "review": "relecture",
    "reviews": "relectures",
    "revue": "relecture",
    "relire": "relecture",
    "formateur": "mentor",
    "formatrice": "mentor",
    "prof": "mentor",
    "barème": "points",
    "bareme": "points",
    "score": "points",
}


def expand(text: str) -> str:
    """The text plus the page words of the community vocabulary it uses (see GLOSSARY), and the French
    words of the site that its English words stand for (see `lexicon`): « screen reader » finds
    « lecteur d'écran »."""
    extra = [GLOSSARY[w] for w in words(text) if w in GLOSSARY]
    extra += [french for w in words(text) for french in _english().get(_en_stem(w), ())]
    return " ".join([text, *extra])


def _en_stem(word: str) -> str:
    return fold(_stemmer("en").stemWord(fold(word)))


@lru_cache(maxsize=1)
def _english() -> dict[str, tuple[str, ...]]:
    """The lexicon keyed by English stem, so that "readers" and "reader" meet."""
    out: dict[str, set[str]] = {}
    for english, frenches in lexicon.english_to_french().items():
        out.setdefault(_en_stem(english), set()).update(frenches)
    return {stem: tuple(sorted(frenches)) for stem, frenches in out.items()}


def fold(text: str) -> str:
    """Accents off: 'Développeuse' -> 'developpeuse'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


STOP_WORDS = frozenset(fold(w) for w in STOP_WORDS_FR + STOP_WORDS_EN)


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer({"fr": "french", "en": "english"}.get(language, "french"))


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def analyse(text: str, *, language: str = "fr") -> list[str]:
    """Terms of `text`: stop words out, stemmed in `language` (plus English), accents folded."""
    out: list[str] = []
    for word in words(text):
        out += _terms_of_word(word, language)
    return out


@lru_cache(maxsize=1 << 16)
def _terms_of_word(word: str, language: str) -> tuple[str, ...]:
    """One word's terms (none for a stop word), remembered: a community's titles reuse a small vocabulary,
    and Snowball stemming is the slow part of analysing a hundred thousand titles."""
    if fold(word) in STOP_WORDS or len(word) < 2:
        return ()
    stems = {fold(_stemmer(language).stemWord(word))}
    if language != "en":
        stems.add(fold(_stemmer("en").stemWord(fold(word))))
    return tuple(sorted(stems))


@dataclass(frozen=True)
class Doc:
    id: str
    title: str
    text: str


class Index(Protocol):
    """What `ranked` needs of an index: its documents and a score for each."""

    docs: list[Doc]

    def scores(self, query: str) -> list[float]: ...


class BM25Index:
    """Okapi BM25 (k1=1.2, b=0.75) over analysed terms; the title's terms are counted twice."""

    def __init__(self, docs: list[Doc], *, language: str = "fr", k1: float = 1.2, b: float = 0.75):
        self.docs, self.language, self.k1, self.b = docs, language, k1, b
        self.terms = [
            Counter(analyse(d.title, language=language) * 2 + analyse(d.text, language=language)) for d in docs
        ]
        self.lengths = [sum(t.values()) for t in self.terms]
        self.average = sum(self.lengths) / len(docs) if docs else 0.0
        frequency = Counter(term for t in self.terms for term in t)
        n = len(docs)
        self.idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in frequency.items()}

    def scores(self, query: str) -> list[float]:
        terms = set(analyse(expand(query), language=self.language))
        out = []
        for counts, length in zip(self.terms, self.lengths):
            norm = self.k1 * (1 - self.b + self.b * length / (self.average or 1))
            out.append(sum(self.idf[t] * counts[t] * (self.k1 + 1) / (counts[t] + norm) for t in terms if t in counts))
        return out


class KeywordIndex:
    """The yardstick: how many of the question's distinct words a page contains, as written."""

    def __init__(self, docs: list[Doc], **_: object) -> None:
        self.docs = docs
        self.vocab = [set(words(d.title + " " + d.text)) for d in docs]

    def scores(self, query: str) -> list[float]:
        asked = set(words(query))
        return [float(len(asked & v)) for v in self.vocab]


class CharTfidfIndex:
    """TF-IDF on character 3-5-grams of the folded text (robust to typos and inflections), cosine."""

    def __init__(self, docs: list[Doc], **_: object) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.docs = docs
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, preprocessor=lambda s: fold(s.lower())
        )
        self.matrix = self.vectorizer.fit_transform([f"{d.title} {d.title} {d.text}" for d in docs])

    def scores(self, query: str) -> list[float]:
        return list((self.matrix @ self.vectorizer.transform([query]).T).toarray().ravel())


def ranked(index: Index, query: str, *, limit: int = 3) -> list[tuple[Doc, float]]:
    """Best documents first (ties in the documents' order), one per id (its best-scoring document: a
    section and the items inside it share their address); documents sharing nothing are left out."""
    scores = index.scores(query)
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    best: dict[str, int] = {}
    for i in order:
        if scores[i] > 0 and len(best) < limit:
            best.setdefault(index.docs[i].id, i)
    return [(index.docs[i], scores[i]) for i in best.values()]


def excerpt(text: str, query: str, *, language: str = "fr", width: int = 220) -> str:
    """The sentence of `text` sharing most terms with the query, cut to about `width` characters."""
    asked = set(analyse(expand(query), language=language))
    pieces = re.split(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)", _plain_lines(text))
    sentences = [re.sub(r"^- ", "", " ".join(p.split())) for p in pieces if len(p.strip()) > 20]
    if not sentences:
        return " ".join(_plain(text).split())[:width]
    best = max(sentences, key=lambda s: (len(asked & set(analyse(s, language=language))), -sentences.index(s)))
    return best if len(best) <= width else best[: width - 1].rsplit(" ", 1)[0] + "…"


def _plain_lines(markdown: str) -> str:
    """Markdown as plain text, keeping line breaks (they separate list items and paragraphs)."""
    return "\n".join(re.sub(r"^\s*[-*+]\s+|^\s*\d+[.)]\s+", "- ", line) for line in _plain(markdown).split("\n"))


def _plain(markdown: str) -> str:
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"^\s*#+\s*", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)  # quotes; a '<login>' placeholder keeps its brackets
    text = re.sub(r"[*`|]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()
