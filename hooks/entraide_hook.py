"""MkDocs hook: hands the pages Entraide generates to MkDocs as virtual files. Wiring only.

The community is the folder holding mkdocs.yml. A mistake in its content stops the build with every
problem listed, one per line, and no traceback.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from entraide import site
from entraide.errors import UserError


WATCHED = ("entraide.yml", "members", "challenges", "data")


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when the community's content or history changes, not only docs/."""
    root = Path(config.config_file_path).parent
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    return server


def on_files(files, config):
    root = Path(config.config_file_path).parent
    try:
        ctx = site.remember(site.context_for(root))
        pages = site.generate(ctx)
    except UserError as error:
        count = len(error.problems)
        listing = "\n".join(f"  {problem}" for problem in error.problems)
        raise Abort(f"{count} problem{'s' if count != 1 else ''} in the community content:\n{listing}")
    for path, content in pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)  # generated pages win over a stale copy left in docs/
        files.append(File.generated(config, path, content=content))
    return files
