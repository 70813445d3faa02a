"""entraide pages: the generated pages written to a folder, and a build of the site with Zensical.

`entraide pages --out DIR` writes every generated page (Markdown, SVG, JSON, calendars) under DIR, only
those whose bytes changed. `--with-docs` first copies the hand-written docs/ there, so DIR is a complete
docs folder (its pages with `render_macros: true` rendered in Entraide's sandbox, as the MkDocs hook renders
them); `--zensical` then builds it with Zensical into build/zensical/site, the successor of Material for
MkDocs, which reads mkdocs.yml but not MkDocs hooks (the staged config is mkdocs.yml without `hooks:`).
With `--zensical`, the generated files that are not Markdown (badges, charts, feeds, calendars: Zensical
would only copy them) wait in DIR-files and are linked into the built site after Zensical's build, the same
bytes at the same paths (`site.output.publish`). Zensical's own link validation is turned off, and the
built site's links are checked by `site.linkcheck` instead (the same checks, a small part of the cost); its
macros plugin is left out of the staged config: the pages that use macros are staged already rendered.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from entraide.content.errors import N_, Problem, UserError
from entraide.content.i18n import Translator, split_language, translator
from entraide.content.yamlwords import error_line, error_text
from entraide.site import build, languages, linkcheck, macros
from entraide.site.context import SiteContext
from entraide.site.feeds import front_matter
from entraide.site.output import Written, publish, site_files, split_verbatim, write_generated, write_pages

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
    ctx = build.context_for(root)
    codes = languages.site_languages(ctx.community.rules)
    verbatim: dict[str, tuple[str, ...]] = {}  # with --zensical: files handed to the site after the build
    for language in codes:  # one folder per language: DIR for the first, DIR-en (or DIR-fr) beside it for another
        target = _language_folder(out, language, codes)
        localized = languages.localized(ctx, language)
        staged = _stage_docs(root, target, language, ctx=localized) if args.with_docs or args.zensical else (0, 0)
        if args.zensical:
            # Zensical takes the Markdown; every other file waits beside it for the built site (`publish`).
            # Split after generating: the pages are held in memory here, as the MkDocs hook holds them.
            pages, files = split_verbatim(build.generate(localized))
            verbatim[language] = tuple(files)
            staged = _plus(staged, write_pages(files, _files_folder(target)))
            report = write_pages(pages, target)
        else:
            report = write_generated(localized, target)  # each page written by the worker that renders it
        written, unchanged = len(report.written) + staged[0], report.unchanged + staged[1]
        print(
            f"{written} page(s) written, {unchanged} unchanged, {len(report.removed)} removed "
            f"in {target} ({time.perf_counter() - started:.1f} s)"
        )
    if not args.zensical:
        return 0
    for language in codes:
        docs = _language_folder(out, language, codes)
        code, site = _zensical(root, docs=docs, language=language)
        if code:
            return code
        publish(_files_folder(docs), verbatim[language], site)
    _merge_sitemaps(out.parent / "site", codes[1:])
    strict = _mkdocs_config(root).get("strict") is True
    return _check_links(out.parent / "site", strict=strict, tr=translator(ctx.community.rules.language))


def _check_links(site: Path, *, strict: bool, tr: Translator) -> int:
    """Zensical's link validation, on the built site: each broken link a warning; with `strict: true` in
    mkdocs.yml the command fails, as Zensical and MkDocs do."""
    broken = linkcheck.broken_links(site_files(site), read=lambda path: (site / path).read_bytes())
    for link in broken:
        reason = tr.gettext("no such page") if link.reason == "no such page" else tr.gettext("no such anchor")
        line = tr.gettext("warning: {page}: {link} ({reason})")
        print(line.format(page=link.page, link=link.link, reason=reason), file=sys.stderr)
    if broken:
        found = tr.ngettext("{n} broken link in {site}", "{n} broken links in {site}", len(broken))
        print(found.format(n=tr.number(len(broken)), site=site), file=sys.stderr)
    return 1 if broken and strict else 0


def _files_folder(docs: Path) -> Path:
    """Where the generated files that are not Markdown wait for the site (Zensical only copies them)."""
    return docs.with_name(f"{docs.name}-files")


def _plus(counts: tuple[int, int], report: Written) -> tuple[int, int]:
    return counts[0] + len(report.written), counts[1] + report.unchanged


def _language_folder(out: Path, language: str, codes: tuple[str, ...]) -> Path:
    return out if language == codes[0] else out.with_name(f"{out.name}-{language}")


def _stage_docs(root: Path, out: Path, language: str, *, ctx: SiteContext) -> tuple[int, int]:
    """docs/ as `language`'s site shows it (`page.en.md` staged as the English `page.md`), less scheduled pages;
    its pages with `render_macros: true` rendered in Entraide's sandbox, in `ctx`'s language. Returns how many
    files were written (their bytes changed) and how many were left as they were."""
    docs = root / "docs"
    chosen = languages.page_sources((p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()), language)
    held = _held_back(root)
    written = 0
    for page, source in chosen.items():
        if source in held:  # scheduled (`publish:` after the build's day): dropped, as the MkDocs hook drops it
            (out / page).unlink(missing_ok=True)
            continue
        (out / page).parent.mkdir(parents=True, exist_ok=True)
        written += _stage_page(docs / source, out / page, source=source, ctx=ctx, root=root)
    for stale in out.rglob("*.*"):  # a translation staged by an older run is not a page of its own
        if split_language(stale.relative_to(out).as_posix())[1] is not None:
            stale.unlink()
    return written, len(chosen) - len(held.intersection(chosen.values())) - written


def _merge_sitemaps(site: Path, others: tuple[str, ...]) -> None:
    sitemap = site / "sitemap.xml"
    if others and sitemap.is_file():
        parts = [(site / code / "sitemap.xml").read_text(encoding="utf-8") for code in others]
        sitemap.write_text(languages.merged_sitemap(sitemap.read_text(encoding="utf-8"), parts), encoding="utf-8")


def _held_back(root: Path) -> set[str]:
    """The docs/ sources of scheduled pages (`publish:` after the build's day)."""
    import datetime as dt

    from entraide.insight.nextsteps import read_pages
    from entraide.site import schedule

    today = schedule.build_day(os.environ.get(schedule.BUILD_DAY_VARIABLE), clock=dt.datetime.now(dt.UTC))
    return set(schedule.held_back(read_pages(root, translations=True), today=today))


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


def _stage_page(path: Path, target: Path, *, source: str, ctx: SiteContext, root: Path) -> bool:
    """Copy a docs/ file where its bytes changed; a page with `render_macros: true` is staged rendered, in
    Entraide's sandbox (entraide.site.macros.render_page), never by the other generator's macros."""
    data = path.read_bytes()
    if source.endswith(".md") and b"render_macros: true" in data:
        text = data.decode("utf-8")
        if front_matter(text, path=f"docs/{source}").get("render_macros") is True:
            data = macros.render_page(text, source=source, ctx=ctx, root=root).encode("utf-8")
    if target.is_file() and target.read_bytes() == data:
        return False
    target.write_bytes(data)
    return True


def _config(root: Path, *, docs: Path, language: str) -> dict[str, Any]:
    """mkdocs.yml less its hooks, with what the MkDocs hook's on_config sets (name, addresses from entraide.yml;
    the language's theme, navigation labels and switch), for the staged docs of `language`."""
    from entraide.content.loader import load_rules
    from entraide.site import links

    rules = load_rules(root)
    config = _mkdocs_config(root)
    config.pop("hooks", None)
    # Links are checked on the built site (`_check_links`): Zensical 0.0.73 would scan every Markdown source
    # again, byte by byte in Python, a third of its build. Its macros would never render a staged page.
    config["validation"] = False
    config["plugins"] = [p for p in config.get("plugins") or [] if not (p == "macros" or _named(p, "macros"))]
    first = languages.site_languages(rules)[0]
    config |= {"docs_dir": docs.name, "site_dir": "site" if language == first else f"site/{language}"}
    config |= links.mkdocs_settings(rules)
    config.setdefault("extra", {})
    theme = config["theme"]
    if "custom_dir" in theme:
        theme["custom_dir"] = str(root / theme["custom_dir"])
    labels = languages.configure(config, rules, language)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("blog"), dict):
            blog = plugin["blog"]
            blog |= {
                key: labels.get(blog[key], blog[key]) for key in ("archive_name", "categories_name") if key in blog
            }
    return config


def _mkdocs_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (PyYAML), or a message naming the file and line when it cannot be read."""
    path = root / "mkdocs.yml"
    try:
        text = path.read_text(encoding="utf-8")
        config = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            Problem(path="mkdocs.yml", message=N_("cannot read the file: {error}", error=str(error)))
        ) from None
    except yaml.YAMLError as error:
        reason = N_("not valid YAML: {reason}", reason=error_text(error))
        raise UserError(Problem(path="mkdocs.yml", line=error_line(error, text), message=reason)) from None
    if not isinstance(config, dict):
        raise UserError(Problem(path="mkdocs.yml", message=N_("expected a mapping of settings")))
    return config


def _named(plugin: object, name: str) -> bool:
    return isinstance(plugin, dict) and name in plugin


def _zensical(root: Path, *, docs: Path, language: str) -> tuple[int, Path]:
    """The staged config beside the staged docs; the site goes to `site/` next to them (Zensical wants it
    inside the folder of its config), another language's to `site/<code>/`. The macros find the community
    by ENTRAIDE_ROOT. Returns Zensical's exit status and the site folder."""
    settings = _config(root, docs=docs, language=language)
    config = docs.parent / ("mkdocs.yml" if settings["site_dir"] == "site" else f"mkdocs.{language}.yml")
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.exists():
        raise UserError(
            Problem(
                path="entraide pages", field="--zensical", message=N_("Zensical is not installed: pip install zensical")
            )
        )
    env = os.environ | {"ENTRAIDE_ROOT": str(root)}
    done = subprocess.run([str(zensical), "build", "-f", str(config)], env=env, cwd=config.parent, check=False)
    return done.returncode, config.parent / settings["site_dir"]
