"""Suggested answers: when a question is asked, up to three pages or earlier answered questions.

Indexed: the hand-written pages (docs/**/*.md), the challenges' briefs and the questions that already
have an accepted answer (their title, linking to the thread where the answer is). Pages written for
maintainers (front matter `audience: maintainers`) are left out: they are never suggested to learners. The reply says it is
an automatic suggestion; posting it is the bot's business, and it never closes or labels the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entraide.content.i18n import Translator
from entraide.content.models import Community, Rules
from entraide.events.model import Event, EventKind
from entraide.insight import textsearch
from entraide.insight.textsearch import BM25Index, CharTfidfIndex, Doc, KeywordIndex

MAINTAINER_AUDIENCES = frozenset({"maintainers", "maintainer", "mentors"})
METHODS = {"bm25": BM25Index, "keyword": KeywordIndex, "char-tfidf": CharTfidfIndex}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    url: str
    excerpt: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "excerpt": self.excerpt,
            "score": round(self.score, 4),
        }


def corpus(pages: dict[str, str], community: Community, events: tuple[Event, ...] = ()) -> list[Doc]:
    """Documents in a stable order: pages by path, challenges by slug, answered questions by number.
    `pages` maps a path under docs/ (e.g. 'guide/git.md') to its Markdown."""
    docs = [doc for path, text in sorted(pages.items()) if for_learners(text) for doc in sections(path, text)]
    docs += [
        Doc(f"challenges/{c.slug}", c.title, "\n".join((c.brief, *c.acceptance_criteria, " ".join(c.tags))))
        for c in sorted(community.challenges, key=lambda c: c.slug)
    ]
    return docs + _answered(events)


def for_learners(text: str) -> bool:
    """False for a page whose front matter says `audience: maintainers`: never suggested to learners."""
    meta = re.match(r"^---\n(.*?)\n---\n", text, flags=re.S)
    found = meta and re.search(r"^audience:\s*[\"']?(\w+)", meta.group(1), flags=re.M)
    return not (found and found.group(1).lower() in MAINTAINER_AUDIENCES)


def suggest(
    question: str,
    docs: list[Doc],
    *,
    language: str = "fr",
    site_url: str | None = None,
    repository: str | None = None,
    limit: int = 3,
) -> list[Hit]:
    found = textsearch.ranked(BM25Index(docs, language=language), question, limit=limit)
    return [
        Hit(
            d.id,
            d.title,
            url_of(d.id, site_url=site_url, repository=repository),
            _excerpt(d, question, language),
            score,
        )
        for d, score in found
    ]


def _excerpt(doc: Doc, question: str, language: str) -> str:
    if doc.id.startswith("discussions/"):  # only the title is stored: the reply says where the answer is
        return ""
    return textsearch.excerpt(doc.text, question, language=language)


def reply_for(
    title: str, body: str, docs: list[Doc], *, rules: Rules, tr: Translator, min_score: float = 1.0
) -> str | None:
    """The bot's reply to a new question (issue or Q&A discussion), or None when nothing fits well
    enough to be worth a comment. `rules`: the community's Rules (language, site_url, repository)."""
    hits = [
        h
        for h in suggest(
            f"{title}\n{body}", docs, language=rules.language, site_url=rules.site_url, repository=rules.repository
        )
        if h.score >= min_score
    ]
    return reply_text(hits, tr=tr) if hits else None


def reply_text(hits: list[Hit], *, tr: Translator) -> str:
    """The bot's comment. Titles and excerpts are neutralised: no mention, link or markup runs."""
    head = tr.gettext("Automatic suggestion: these pages may answer your question.")
    tail = tr.gettext(
        "If they do not help, someone from the community will answer here. This suggestion neither "
        "closes the question nor labels it."
    )
    accepted = tr.gettext("an answer there was marked as accepted")
    item = tr.gettext("{label}: {value}")
    items = [
        f"{i}. " + item.format(label=f"[{neutral(h.title)}]({h.url})", value=neutral(h.excerpt) or accepted)
        for i, h in enumerate(hits, 1)
    ]
    return "\n\n".join([head, "\n".join(items), tail])


def neutral(text: str) -> str:
    """Plain text inside a GitHub comment: Markdown and HTML characters escaped, @mentions broken."""
    text = re.sub(r"([\\`*_{}\[\]()<>#+!|~])", r"\\\1", text.replace("\n", " "))
    return text.replace("@", "@\u200b")


def url_of(doc_id: str, *, site_url: str | None, repository: str | None) -> str:
    base = (site_url or "").rstrip("/") + "/"
    if doc_id.startswith("docs/"):
        path, _, anchor = doc_id[5:].partition("#")
        path = re.sub(r"\.md$", "/", re.sub(r"(^|/)index\.md$", r"\1", path))
        return base + path + (f"#{anchor}" if anchor else "")
    if doc_id.startswith("challenges/"):
        return f"{base}defis/{doc_id.split('/', 1)[1]}/"
    number = doc_id.split("/", 1)[1]
    return f"https://github.com/{repository}/discussions/{number}" if repository else f"#{number}"


def evaluate(labelled: list[tuple[str, tuple[str, ...]]], docs: list[Doc], *, language: str = "fr") -> dict[str, Any]:
    """recall@3 (share of the expected documents found in the top 3) and MRR, for every method."""
    out = {}
    for name, method in METHODS.items():
        index = method(docs, language=language)
        recalls, reciprocal = [], []
        for question, expected in labelled:
            order = [d.id for d, _ in textsearch.ranked(index, question, limit=len(docs))]
            recalls.append(len(set(order[:3]) & set(expected)) / len(expected))
            ranks = [order.index(e) + 1 for e in expected if e in order]
            reciprocal.append(1 / min(ranks) if ranks else 0.0)
        out[name] = {
            "recall_at_3": round(sum(recalls) / len(recalls), 4),
            "mrr": round(sum(reciprocal) / len(reciprocal), 4),
            "questions": len(labelled),
        }
    return out


def _answered(events: tuple[Event, ...]) -> list[Doc]:
    """Answered Q&A threads, one per distinct title (the latest), linking to where the answer is."""
    from entraide.events.questions import is_question

    asked = {e.subject: e for e in events if e.kind is EventKind.discussion_created and e.at_home and is_question(e)}
    answered = sorted({e.subject for e in events if e.kind is EventKind.discussion_answered and e.at_home} & set(asked))
    latest = {(asked[n].title or "").strip(): n for n in answered}
    return [Doc(f"discussions/{n}", title, title) for title, n in sorted(latest.items(), key=lambda kv: kv[1]) if title]


def sections(path: str, text: str) -> list[Doc]:
    """One document per `##` section of a page (anchored as MkDocs anchors it), the text before the
    first section being the page itself: an answer is usually a section, not a whole page."""
    from markdown.extensions.toc import slugify

    page = _page_title(text, path)
    parts = re.split(r"^##\s+(.+?)\s*$", _body(text), flags=re.M)
    docs = [Doc(f"docs/{path}", page, parts[0])] if parts[0].strip() else []
    for heading, body in zip(parts[1::2], parts[2::2]):
        anchor = f"docs/{path}#{slugify(heading, '-')}"
        docs.append(Doc(anchor, f"{page} : {heading}", body))
        docs += [Doc(anchor, f"{page} : {name}", item) for name, item in link_items(body)]
    return docs


def link_items(body: str) -> list[tuple[str, str]]:
    """(link text, item text) of every list item that opens with a link, e.g. a resource: one item is
    an answer of its own (« NVDA — le lecteur d'écran libre... »), which a long section would drown.
    The item's hit points at its section's address; `textsearch.ranked` keeps one hit per address."""
    items = re.split(r"^(?=[-*+]\s)", body, flags=re.M)
    found = [re.match(r"[-*+]\s+\[([^\]]+)\]\(", item) for item in items]
    return [(m.group(1), item.strip()) for m, item in zip(found, items) if m]


def _page_title(text: str, path: str) -> str:
    meta = re.match(r"^---\n(.*?)\n---\n", text, flags=re.S)
    found = meta and re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", meta.group(1), flags=re.M)
    heading = re.search(r"^#\s+(.+)$", text, flags=re.M)
    return found.group(1) if found else heading.group(1).strip() if heading else path


def _body(text: str) -> str:
    return re.sub(r"^---\n.*?\n---\n", "", text, count=1, flags=re.S)


# --------------------------------------------------------------------------- the shell


def load_docs(root: Path, *, answers: bool = True) -> tuple[list[Doc], Community]:
    """Pages and challenges of the community at `root`; with `answers`, its answered questions too."""
    from entraide.content import loader as content
    from entraide.events import store as events
    from entraide.insight.nextsteps import read_pages

    community = content.load_community(root)
    pages = read_pages(root)  # the community's language only: a `page.en.md` translation would answer twice
    data = root / "data"
    history = tuple(events.load(data)) if answers and data.is_dir() else ()
    return corpus(pages, community, history), community


def suggest_for(root: Path, question: str) -> list[Hit]:
    docs, community = load_docs(Path(root))
    rules = community.rules
    return suggest(question, docs, language=rules.language, site_url=rules.site_url, repository=rules.repository)


def community_language(root: Path) -> str:
    from entraide.content import loader as content

    return content.load_rules(Path(root)).language


def load_labelled(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    from entraide.content import yamlfile

    data, _ = yamlfile.load(path)
    return [(item["question"], tuple(item["expected"])) for item in data["questions"]]
