"""MkDocs hook: hands the pages Entraide generates to MkDocs as virtual files, and renders the
hand-written pages that opt in to macros in a sandbox. Wiring only.

A site in several languages (entraide.yml `languages`) is one build per language: this build is the first
language's, and it builds each other one into its folder when it ends (entraide.site.languages decides which
pages, labels and links each shows).

The community is the folder holding mkdocs.yml. A mistake in its content stops the build with every
problem listed, one per line, and no traceback.
"""

from __future__ import annotations

import datetime as dt
import gc
import gzip
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from entraide.content.errors import UserError
from entraide.content.i18n import split_language, translator
from entraide.content.language import community_translator
from entraide.content.loader import load_rules
from entraide.events.collector import collector_paused
from entraide.site import build as site
from entraide.site import languages, links, macros

WATCHED = ("entraide.yml", "members", "challenges", "data")


@event_priority(-100)  # after mkdocs-macros has loaded Entraide's macros
def on_config(config):
    """The programme's identity and this build's language from entraide.yml, then the sandbox for the macros
    of docs/ pages. A mistake in entraide.yml is left to on_files, which lists every problem at once."""
    try:
        rules = load_rules(Path(config.config_file_path).parent)
    except UserError:
        rules = None
    if rules is not None:
        _identity(config, rules)
        _language(config, rules)
    _sandbox_macros(config)
    return config


def _language(config, rules):
    """This build's language (`extra.entraide_language`, set by the first build for the others; default the
    first of entraide.yml's `languages`): the theme's texts, the navigation's labels, the switch, the address."""
    current = config["extra"].get("entraide_language") or languages.site_languages(rules)[0]
    labels = languages.configure(config, rules, current)
    for name, plugin in config.plugins.items():
        if name.endswith("blog"):  # the blog's own section names, and its authors described in this language
            for key in ("archive_name", "categories_name"):
                plugin.config[key] = labels.get(plugin.config[key], plugin.config[key])
            authors, _ = split_language(plugin.config["authors_file"])
            stem, dot, extension = authors.rpartition(".")
            translated = f"{stem}.{current}.{extension}"
            if dot and (Path(config["docs_dir"]) / translated.format(blog=plugin.config["blog_dir"])).is_file():
                plugin.config["authors_file"] = translated


def _sandbox_macros(config):
    """Pages in docs/ are written by mentors: their `{{ }}` run in jinja2's sandbox, which sees Entraide's
    macros and nothing else (no config, no plugin, no Jinja globals such as `cycler`)."""
    plugin = config.plugins.get("macros")
    if plugin is not None:
        plugin.render = _sandboxed_render(plugin)


def _sandboxed_render(plugin):
    sandbox = macros.sandbox(plugin.macros)  # the only names a page can reach

    def render(markdown: str, force_rendering: bool = False) -> str:
        page = getattr(plugin, "_page", None)
        meta = (page.meta if page is not None else None) or {}
        if meta.get("render_macros") is not True and not force_rendering:
            return markdown
        try:
            return sandbox.from_string(markdown).render()
        except Exception as error:  # a template error or a refused attribute: the page names it, no traceback
            where = page.file.src_uri if page is not None else "a page"
            raise PluginError(f"docs/{where}: macros: {type(error).__name__}: {error}") from None

    return render


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when the community's content or history changes, not only docs/."""
    root = Path(config.config_file_path).parent
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    return server


def _identity(config, rules):
    """entraide.yml is the one place for the programme's name, description, repository and address."""
    for key, value in links.mkdocs_settings(rules).items():
        config[key] = value
    config["extra"]["social"] = links.social_links(rules, tr=translator(rules.language)) + list(
        config["extra"].get("social") or []
    )


def on_files(files, config):
    root = Path(config.config_file_path).parent
    try:
        with collector_paused():
            ctx = site.context_for(root, not_after=dt.datetime.now(dt.UTC))
            ctx = languages.localized(ctx, config["extra"].get("entraide_language") or ctx.community.rules.language)
            pages = site.generate(ctx)
    except UserError as error:
        tr, _ = community_translator(root)  # the problems in the community's language, as `entraide check` says them
        count = len(error.problems)
        found = tr.ngettext("{n} problem found.", "{n} problems found.", count).format(n=tr.number(count))
        listing = "\n".join(f"  {problem.say(tr)}" for problem in error.problems)
        raise Abort(f"{found}\n{listing}") from None
    _translated_docs(files, config)
    clashes = sorted(path for path in pages if files.get_file_from_path(path) is not None)
    if clashes:
        listing = "\n".join(f"  docs/{path}: generated by Entraide; rename or remove this file" for path in clashes)
        raise Abort(f"{len(clashes)} hand-written page(s) in docs/ sit where generated pages go:\n{listing}")
    for path, content in pages.items():
        files.append(File.generated(config, path, content=content))
    config.entraide_context = ctx  # the macros render from the same context (entraide.site.macros)
    # The loaded community stays alive for the macros until the build ends: move it out of the collector's
    # sight, or every collection during MkDocs' rendering would rescan hundreds of thousands of objects.
    gc.freeze()
    return files


def _translated_docs(files, config):
    """docs/ as this language's site shows it: `page.en.md` is the English `page.md` (entraide.site.languages)."""
    written = {f.src_uri: f for f in files if f.src_uri.endswith(".md") and not f.generated_by}
    chosen = languages.page_sources(written, config["extra"].get("entraide_language") or "")
    for uri, file in written.items():
        if chosen.get(uri) != uri:
            files.remove(file)
    for page, source in chosen.items():
        if page != source:
            files.append(File.generated(config, page, abs_src_path=written[source].abs_src_path))


def on_post_build(config):
    """The build is over: give the loaded community back to the collector, and drop it. The first
    language's build then builds each other language's site under its folder, and one sitemap lists all."""
    gc.unfreeze()
    config.entraide_context = None
    try:
        rules = load_rules(Path(config.config_file_path).parent)
    except UserError:
        return
    others = languages.site_languages(rules)[1:]
    if config["extra"].get("entraide_language") != languages.site_languages(rules)[0] or not others:
        return
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = Path(config.site_dir)
    for language in others:
        other = load_config(
            config_file=config.config_file_path, site_dir=str(site_dir / language), strict=config.strict
        )
        other["extra"]["entraide_language"] = language
        build(other)
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        merged = languages.merged_sitemap(
            sitemap.read_text(encoding="utf-8"),
            [(site_dir / code / "sitemap.xml").read_text(encoding="utf-8") for code in others],
        )
        sitemap.write_text(merged, encoding="utf-8")
        with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as packed:
            packed.write(merged.encode("utf-8"))
