"""Everything that talks to GitHub to read activity; the only package that imports github3.py.

Modules
-------
- `client`: the authenticated github3.py session (`GitHubEnterprise(url)` for Enterprise and test
  servers), with retries (exponential backoff, full jitter), rate-limit waits with a floor and growing
  backoff within a wait budget, a per-run REST budget and a GraphQL budget of its own, clear errors
  for 401/403/404, links followed on the API's own origin only, and token redaction.
- `connect`: the client from the command line and the environment; `etags`: this token's ETags, kept
  outside data/ (a bonus when the same token syncs again).
- `normalize` (pure): REST and GraphQL objects -> `models.Event`, with the id rules shared by every
  path; `nodes` (pure): the GraphQL nodes of the batched reads.
- `webhooks` (pure): webhook payloads -> the same events.
- `sync`: `entraide sync`, the incremental reader; `batched`: its GraphQL reads (reviews, reactions,
  Discussions, many objects per query); `emitting`: items to events on the sync's clock (future or
  malformed dates refused, one item at a time); `deletions`: comments deleted on GitHub found again; `cursor`: data/sync/state.json (watermarks and cursors only);
  `queries`: GraphQL.
- `ingest`: `entraide ingest [PATH]`, one webhook payload from a workflow run.
- `progress`: live line on a terminal, plain lines in logs.

Running
-------
    GITHUB_TOKEN=... entraide sync --repo OWNER/NAME            # github.com
    GITHUB_TOKEN=... entraide sync --api-url https://ghe.example # GitHub Enterprise (or a test server)
    entraide ingest                                              # in a workflow: $GITHUB_EVENT_PATH/NAME

`--max-requests` (default 900, under the 1,000 an hour a workflow token gets per repository) and
`--max-graphql` (default 100 queries) end a run cleanly; the next run resumes from data/sync/state.json.
Exit status: 0 done or cleanly stopped by a budget (a listing stopped with a warning included), 1 GitHub
kept failing or answered what the sync cannot read (what was read is kept), 2 bad input (flags, token,
permission, payload). Costs measured on the fake with a new token every run, as in a workflow
(`make bench-sync`, tests/test_sync_big.py): a full read of 2,000 issues, 1,000 PRs, 9,000 issue
comments, 1,000 review comments, 1,500 reviews, 6,000 issue events and 20 discussions takes 205 REST
requests and 14 GraphQL queries (32 points); an unchanged repository 5 REST requests (plus the free 304
on the repository) and 2 GraphQL queries, with data/ left byte-identical; 150 changes 7 REST and 3
GraphQL. Finding deleted comments (`deletions`) adds one GraphQL query per 100 threads commented in the
last 14 days, at most 5: with the sync's clock right after that busy history, 19 queries for the full
read and 7 for an unchanged one.

Testing
-------
tests/fakegithub is a GitHub on 127.0.0.1 the tests script (see its package docstring); github3.py
reaches it over real HTTP. tests/test_fake_contract.py keeps its answers valid against GitHub's
OpenAPI description.
"""
