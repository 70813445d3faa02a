"""Everything that talks to GitHub to read activity; the only package that imports github3.py.

Modules
-------
- `client`: the authenticated github3.py session (`GitHubEnterprise(url)` for Enterprise and test
  servers), with retries (exponential backoff, full jitter), rate-limit waits within a wait budget,
  a per-run request budget, clear errors for 401/403/404, and token redaction.
- `normalize` (pure): REST and GraphQL objects -> `models.Event`, with the id rules shared by every path.
- `webhooks` (pure): webhook payloads -> the same events.
- `sync`: `entraide sync`, the incremental reader; `cursor`: data/sync/state.json; `queries`: GraphQL.
- `ingest`: `entraide ingest [PATH]`, one webhook payload from a workflow run.
- `command`: the sync's command line; `progress`: live line on a terminal, plain lines in logs.

Running
-------
    GITHUB_TOKEN=... entraide sync --repo OWNER/NAME            # github.com
    GITHUB_TOKEN=... entraide sync --api-url https://ghe.example # GitHub Enterprise (or a test server)
    entraide ingest                                              # in a workflow: $GITHUB_EVENT_PATH/NAME

`--max-requests` (default 900, under the 1,000 an hour a workflow token gets per repository) ends a
run cleanly; the next run resumes from data/sync/state.json. Exit status: 0 done or cleanly stopped by
a budget, 1 GitHub kept failing (what was read is kept), 2 bad input (flags, token, permission,
payload). Costs measured on the fake (tests/test_sync_big.py): a full read of 2,000 issues, 1,000 PRs,
9,000 issue comments, 1,000 review comments, 1,500 reviews and 6,000 issue events takes 1,215 counted
requests; an unchanged repository costs only 304 answers (free) plus one GraphQL query when
Discussions are on; 150 changes cost 14 counted requests.

Testing
-------
tests/fakegithub is a GitHub on 127.0.0.1 the tests script (see its package docstring); github3.py
reaches it over real HTTP. tests/test_fake_contract.py keeps its answers valid against GitHub's
OpenAPI description.
"""
