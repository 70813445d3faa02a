"""Renderers: turn the loaded community and its ledger into complete Markdown pages.

Member-written text reaches a page only through `escape.text`; maintainer-written Markdown (challenge
briefs) only through `sanitize.markdown_html`.
"""
