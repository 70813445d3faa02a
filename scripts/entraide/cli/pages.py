"""entraide pages: the generated pages written to a folder, and a build of the site with Zensical.

`entraide pages --out DIR` writes every generated page (Markdown, SVG, JSON, calendars) under DIR, only
those whose bytes changed. `--with-docs` first copies the hand-written docs/ there, so DIR is a complete
docs folder; `--zensical` then builds it with Zensical into build/zensical/site, the successor of Material for MkDocs, which reads
mkdocs.yml but not MkDocs hooks (the staged config is mkdocs.yml without `hooks:`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from entraide.content.errors import N_, Problem, UserError
from entraide.site import build
from entraide.site.output import write_pages

STAGE = Path("build") / "zensical"


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "pages", help="write the generated pages to a folder; build the site with Zensical", description=__doc__
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help=f"where to write them (default with --zensical: {STAGE}/docs)"
    )
    parser.add_argument("--with-docs", action="store_true", help="copy the hand-written docs/ there first")
    parser.add_argument(
        "--zensical", action="store_true", help="then build the site with Zensical (implies --with-docs)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root: Path = Path(args.root).resolve()
    out = (root / (args.out or STAGE / "docs")).resolve() if args.zensical or args.out else None
    if out is None:
        raise UserError(Problem(path="entraide pages", field="--out", message=N_("give a folder (or --zensical)")))
    _refuse_sources(out, root)
    started = time.perf_counter()
    if args.with_docs or args.zensical:
        shutil.copytree(root / "docs", out, dirs_exist_ok=True, copy_function=_copy_if_changed)
        _hold_back(root, out)
    report = write_pages(build.generate(build.context_for(root)), out)
    print(
        f"{len(report.written)} page(s) written, {report.unchanged} unchanged, {len(report.removed)} removed "
        f"in {out} ({time.perf_counter() - started:.1f} s)"
    )
    if args.zensical:
        return _zensical(root, docs=out)
    return 0


def _hold_back(root: Path, out: Path) -> None:
    """Scheduled pages (`publish:` after the build's day) leave the staged docs, as the MkDocs hook drops them."""
    import datetime as dt

    from entraide.insight.nextsteps import read_pages
    from entraide.site import schedule

    today = schedule.build_day(os.environ.get(schedule.BUILD_DAY_VARIABLE), clock=dt.datetime.now(dt.UTC))
    for path in schedule.held_back(read_pages(root), today=today):
        (out / path).unlink(missing_ok=True)


def _refuse_sources(out: Path, root: Path) -> None:
    for source in ("docs", "data", "members", "challenges"):
        if out == root / source or (root / source) in out.parents:
            raise UserError(
                Problem(
                    path="entraide pages",
                    field="--out",
                    message=N_("{out} is inside {source}/: pick a folder of its own", out=str(out), source=str(source)),
                )
            )


def _copy_if_changed(source: str, target: str) -> None:
    if not Path(target).is_file() or Path(target).read_bytes() != Path(source).read_bytes():
        shutil.copy2(source, target)


def _identity(text: str, *, root: Path) -> str:
    """What the MkDocs hook's on_config sets from entraide.yml (name, addresses), written into the config."""
    from entraide.content.loader import load_rules
    from entraide.site import links

    for key, value in links.mkdocs_settings(load_rules(root)).items():
        line = f"{key}: {json.dumps(value, ensure_ascii=False)}"
        pattern = re.compile(rf"(?m)^{key}:.*$")
        text = pattern.sub(line.replace("\\", "\\\\"), text) if pattern.search(text) else f"{text}\n{line}\n"
    return text


def _zensical(root: Path, *, docs: Path) -> int:
    """mkdocs.yml, less its hooks, beside the staged docs; the site goes to `site/` next to them (Zensical
    wants it inside the folder of its config). The macros find the community by ENTRAIDE_ROOT."""
    config = docs.parent / "mkdocs.yml"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^hooks:\n(?:[ \t]+- .*\n)+", "", text)
    text = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {docs.name}", text)
    text = re.sub(r"(?m)^site_dir:.*\n", "", text) + "\nsite_dir: site\n"
    text = re.sub(r"(?m)^(\s+custom_dir:\s*)(\S+)", lambda m: m.group(1) + str(root / m.group(2)), text)
    config.write_text(_identity(text, root=root), encoding="utf-8")
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        raise UserError(
            Problem(
                path="entraide pages", field="--zensical", message=N_("Zensical is not installed: pip install zensical")
            )
        )
    env = os.environ | {"ENTRAIDE_ROOT": str(root)}
    return subprocess.run(
        [str(zensical), "build", "-f", str(config)], env=env, cwd=config.parent, check=False
    ).returncode
