"""The history of activity: the `Event` model, the append-only store under data/, and the readings of
that history that every stage shares (questions, submissions, surveys).

May import `content` only.
"""
