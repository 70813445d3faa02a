"""Feedback on challenge submissions: the plan (`plan`), its words (`text`) and the runner (`run`)."""
