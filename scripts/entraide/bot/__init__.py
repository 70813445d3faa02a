"""What the bot does on GitHub and in the repository: feedback on submissions, community replies, labels,
buddies, CODEOWNERS, the PR guard, the publish step and the workflow policy.

Each concern has a pure plan (what should be said or done, from models) beside a thin runner that
carries it out through `github`. May import everything but `cli`.
"""
