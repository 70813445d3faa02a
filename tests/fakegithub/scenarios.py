"""Scripted repositories of any size for sync tests and benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import random

from .state import Repo

STATES = ("APPROVED", "CHANGES_REQUESTED", "COMMENTED")


def busy_repository(
    repo: Repo,
    *,
    issues: int = 2000,
    prs: int = 1000,
    issue_comments: int = 9000,
    review_comments: int = 1000,
    reviews: int = 1500,
    label_changes: int = 1000,
    closed_issues: int = 700,
    merged: int = 600,
    closed_prs: int = 100,
    event_issues: int = 10,
    discussions: int = 20,
    seed: int = 7,
) -> None:
    """A community's history. Issue events: one `labeled` per issue and PR at creation, merged+closed
    per merge, one per closing, plus `label_changes`; with the defaults, 6,000 of them."""
    rng = random.Random(seed)
    people = [f"learner-{i}" for i in range(150)] + [f"mentor-{i}" for i in range(12)]
    mentors = people[150:]
    numbers_issues, numbers_prs, all_reviews = [], [], []
    for i in range(issues):
        label = "event" if i < event_issues else rng.choice(("question", "help", "feedback", "join"))
        numbers_issues.append(repo.add_issue(rng.choice(people), f"Issue {i}", body="…", labels=[label]).number)
    for i in range(prs):
        slug = f"challenge:defi-{rng.randrange(40)}"
        numbers_prs.append(repo.add_pr(rng.choice(people[:150]), f"Submission {i}", labels=[slug]).number)
    everything = numbers_issues + numbers_prs
    for _ in range(issue_comments):
        body = "Merci !\n/kudos @learner-1 clair" if rng.random() < 0.05 else "Un commentaire."
        repo.add_comment(rng.choice(everything), rng.choice(people), body)
    for _ in range(reviews):
        all_reviews.append(repo.add_review(rng.choice(numbers_prs), rng.choice(mentors), rng.choice(STATES)))
    previous = {}
    for _ in range(review_comments):
        review = rng.choice(all_reviews)
        reply_to = previous.get(review.pr) if rng.random() < 0.3 else None
        comment = repo.add_review_comment(review.pr, review.user.login, "Ici ?", review=review, in_reply_to=reply_to)
        previous[review.pr] = comment.id
    for number in rng.sample(numbers_prs, merged + closed_prs)[:merged]:
        repo.merge(number, actor=rng.choice(mentors))
    for number in [n for n in numbers_prs if repo.issues[n].state == "open"][:closed_prs]:
        repo.close(number, actor=rng.choice(mentors))
    for number in rng.sample(numbers_issues, closed_issues):
        repo.close(number, actor=rng.choice(people))
    for i in range(label_changes // 2):
        number = rng.choice(everything)
        repo.label_issue(number, f"triage-{i}", actor=rng.choice(mentors))
        repo.unlabel_issue(number, f"triage-{i}", actor=rng.choice(mentors))
    for number in numbers_issues[:event_issues]:
        for person in rng.sample(people, 5):
            repo.react(repo.issues[number], person, rng.choice(("+1", "heart", "hooray")))
    for i in range(discussions):
        talk = repo.add_discussion(rng.choice(people), f"Discussion {i}")
        answer = repo.add_discussion_comment(talk.number, rng.choice(mentors), "Réponse")
        repo.add_discussion_comment(talk.number, talk.user.login, "Merci", reply_to=answer.id)
        if i % 2:
            repo.mark_answer(talk.number, answer.id, by=talk.user.login)


def changes(repo: Repo, count: int = 150, *, seed: int = 11) -> int:
    """`count` changes spread over the kinds of activity; returns how many new events they make."""
    rng = random.Random(seed)
    numbers = sorted(repo.issues)
    issues = [n for n in numbers if not repo.issues[n].is_pr]
    open_issues = [n for n in issues if repo.issues[n].state == "open" and n > 10]
    prs = [n for n in numbers if repo.issues[n].is_pr and repo.issues[n].state == "open"]
    plan = {"comment": 60, "issue": 20, "label": 20, "close": 20, "review": 10, "review_comment": 10, "reaction": 10}
    assert sum(plan.values()) == count
    new_events = 0
    for _ in range(plan["comment"]):
        repo.add_comment(rng.choice(numbers), f"learner-{rng.randrange(150)}", "Nouveau commentaire")
        new_events += 1
    for i in range(plan["issue"]):
        repo.add_issue(f"learner-{rng.randrange(150)}", f"New {i}", labels=["question"])
        new_events += 2  # opened, labeled
    for number in rng.sample(open_issues, plan["label"] + plan["close"])[: plan["label"]]:
        repo.label_issue(number, "help-wanted", actor="mentor-1")
        new_events += 1
    for number in [n for n in open_issues if "help-wanted" not in repo.issues[n].labels][: plan["close"]]:
        repo.close(number, actor="mentor-2")
        new_events += 1
    reviewed = rng.sample(prs, 5)
    for i in range(plan["review"]):
        review = repo.add_review(reviewed[i % 5], "mentor-3", "APPROVED")
        repo.add_review_comment(review.pr, "mentor-3", "Parfait", review=review)
        new_events += 2
    for i in range(plan["reaction"]):
        repo.react(repo.issues[issues[i % 2]], f"learner-{100 + i}", "+1")
        new_events += 1
    return new_events
