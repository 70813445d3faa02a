"""The files people edit: strict YAML, their models, validation and cross-checks.

Owns `entraide.yml`, `members/*.yml` and `challenges/*.md` as read, and the problems a person must fix
(`errors`). The bottom layer: imports nothing else of Entraide.
"""
