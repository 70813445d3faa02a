"""Insight for mentors: learners at risk (private), suggested answers, personalised next steps.

`features` (one shape of learner history for the community and for OULAD), `risk` (calibrated model,
reasons, rules), `community` and `oulad` (the two sources), `report` (the private mentors' report),
`textsearch` and `suggest` (retrieval), `nextsteps` (recommendations) and `profilesteps` (theirs on a public
profile), `cli` (the commands).
"""
