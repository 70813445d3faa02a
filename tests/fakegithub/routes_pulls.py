"""Pull requests: listing, details, files, commits, reviews and review comments."""

from __future__ import annotations

from .routes import Listing, Reply, _issue_state, _sorted, route, since_filter

# ---------------------------------------------------------------------- pull requests


def _pull(repo, number):
    item = repo.issues[int(number)]
    if not item.is_pr:
        raise KeyError(number)
    return item


@route("GET", "/pulls")
def list_pulls(repo, render, call):
    items = _issue_state([i for i in repo.issues.values() if i.is_pr], call.query)
    sort = call.query.get("sort", "created")
    direction = call.query.get("direction", "desc" if sort == "created" else "asc")
    return Listing(_sorted(items, call.query, sort, direction), render.pull)


@route("GET", r"/pulls/(\d+)")
def get_pull(repo, render, call, number):
    return Reply(200, render.pull(_pull(repo, number), full=True))


@route("GET", r"/pulls/(\d+)/files")
def list_pull_files(repo, render, call, number):
    pr = _pull(repo, number)
    return Listing(pr.files, lambda entry: render.file(pr, entry))


@route("GET", r"/pulls/(\d+)/commits")
def list_pull_commits(repo, render, call, number):
    pr = _pull(repo, number)
    return Listing([pr], render.commit)


@route("GET", r"/pulls/(\d+)/reviews")
def list_reviews(repo, render, call, number):
    _pull(repo, number)
    items = sorted((r for r in repo.reviews.values() if r.pr == int(number)), key=lambda r: r.id)
    return Listing(items, render.review)


@route("GET", r"/pulls/(\d+)/comments")
def list_pull_review_comments(repo, render, call, number):
    _pull(repo, number)
    items = [c for c in repo.review_comments.values() if c.pr == int(number)]
    return Listing(sorted(items, key=lambda c: c.id), render.review_comment)


@route("GET", "/pulls/comments")
def list_review_comments(repo, render, call):
    items = since_filter(repo.review_comments.values(), call.query)
    return Listing(_sorted(items, call.query, "created", "asc"), render.review_comment)


@route("GET", r"/pulls/(\d+)/requested_reviewers")
def list_requested_reviewers(repo, render, call, number):
    _pull(repo, number)
    return Reply(200, {"users": [], "teams": []})
