"""Autograding: the checks a challenge declares (`checks:` in its front matter), run by the PR check on the
submission folder only, in a sandbox (`sandbox`), their findings read into one report (`report`) shown as
annotations, in the job summary and in the bot's comment on the pull request. The mentor still decides.
"""
