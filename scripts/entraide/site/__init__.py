"""Every page the site shows that is generated: members, challenges, badges, leaderboards, KPIs,
events, questions, the rules reference; charts; the MkDocs macros.

`build` assembles them from a `SiteContext`; renderers take that context and return Markdown, SVG, JSON
or ICS as text. Imports the core (`content`, `events`, `scoring`, `kpis`, `insight`), never `github`,
`bot`, mkdocs or requests; the MkDocs hook is the only thing that hands these pages to MkDocs.
"""
