"""MkDocs hook: scheduled publication. Pages under docs/ whose front matter says `publish: <date>` stay
out of the site (pages, search, blog, sitemap) until that day. Wiring only: `entraide.site.schedule` decides.

Runs first among `on_files` (before the blog plugin reads its posts). The day is the build's UTC day, or
ENTRAIDE_BUILD_DATE when set (tests build at two dates).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from entraide.content.errors import UserError
from entraide.site import schedule


@event_priority(100)
def on_files(files, config):
    pages = {
        f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8")
        for f in files
        if f.is_documentation_page() and f.abs_src_path and f.src_uri.endswith(".md")
    }
    try:
        today = schedule.build_day(os.environ.get(schedule.BUILD_DAY_VARIABLE), clock=dt.datetime.now(dt.UTC))
        held = schedule.held_back(pages, today=today)
    except UserError as error:
        raise Abort("\n".join(f"  {problem}" for problem in error.problems)) from None
    for path in held:
        files.remove(files.get_file_from_path(path))
    return files
