"""Labels of the repository and of issues and pull requests."""

from __future__ import annotations

from .routes import Listing, Reply, _issue_labels, _label_names, _replace_labels, invalid, route

# ---------------------------------------------------------------------- labels


@route("GET", "/labels")
def list_labels(repo, render, call):
    return Listing(sorted(repo.labels.values(), key=lambda label: label.id), render.label)


@route("POST", "/labels")
def create_label(repo, render, call):
    body = call.body or {}
    if not body.get("name"):
        return invalid("name is missing")
    if body["name"] in repo.labels:
        return invalid("already_exists")
    label = repo.add_label(body["name"], body.get("color", "ededed"), body.get("description"))
    return Reply(201, render.label(label))


@route("GET", r"/labels/([^/]+)")
def get_label(repo, render, call, name):
    return Reply(200, render.label(repo.labels[name]))


@route("PATCH", r"/labels/([^/]+)")
def edit_label(repo, render, call, name):
    label, body = repo.labels[name], call.body or {}
    label.color = body.get("color", label.color)
    label.description = body.get("description", label.description)
    return Reply(200, render.label(label))


@route("DELETE", r"/labels/([^/]+)")
def delete_label(repo, render, call, name):
    del repo.labels[name]
    for issue in repo.issues.values():
        if name in issue.labels:
            issue.labels.remove(name)
    return Reply(204)


@route("GET", r"/issues/(\d+)/labels")
def list_issue_labels(repo, render, call, number):
    issue = repo.issues[int(number)]
    return Listing([repo.labels[n] for n in issue.labels], render.label)


@route("POST", r"/issues/(\d+)/labels")
def add_issue_labels(repo, render, call, number):
    for name in _label_names(call.body):
        repo.label_issue(int(number), name, actor=call.actor)
    return Reply(200, _issue_labels(repo, render, int(number)))


@route("PUT", r"/issues/(\d+)/labels")
def set_issue_labels(repo, render, call, number):
    _replace_labels(repo, int(number), _label_names(call.body), call.actor)
    return Reply(200, _issue_labels(repo, render, int(number)))


@route("DELETE", r"/issues/(\d+)/labels")
def clear_issue_labels(repo, render, call, number):
    _replace_labels(repo, int(number), [], call.actor)
    return Reply(204)


@route("DELETE", r"/issues/(\d+)/labels/([^/]+)")
def remove_issue_label(repo, render, call, number, name):
    if name not in repo.issues[int(number)].labels:
        return Reply(
            404,
            {"message": "Label does not exist", "documentation_url": "https://docs.github.com/rest", "status": "404"},
        )
    repo.unlabel_issue(int(number), name, actor=call.actor)
    return Reply(200, _issue_labels(repo, render, int(number)))
